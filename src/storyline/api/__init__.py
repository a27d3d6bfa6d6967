"""The HTTP API and web pages over the archive: `create_app(db_path)` (see storyline.api.app)."""
from __future__ import annotations


def create_app(*args, **kwargs):
    from storyline.api.app import create_app as build

    return build(*args, **kwargs)


__all__ = ["create_app"]
