"""The web pages: server-rendered Jinja2 templates (templates/), hand-written CSS and JS (static/).

`pages` holds the routes (each page with a JSON twin), `render` the highlighted article text,
`chart` the timeline as SVG, `templating` the autoescaping Jinja environment.
"""
