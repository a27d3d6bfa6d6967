"""The JSON API over the archive: `routes` (the routers: /api/... and POST /analyze), `service`
(the JSON bodies as functions of a store and Filters, shared with the web pages), `models` (the
boundary's Pydantic models), and the middleware (`limits`, `security`) and `errors` it runs with.

The app itself is built by `storyline.server.create_app`, which mounts this API and the pages.
"""
