"""The Jinja2 environment for the pages: autoescaping always on, a few helpers as globals."""
from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote, urlencode, urlsplit

import jinja2
from fastapi.templating import Jinja2Templates

from storyline.store.dates import period_label
from storyline.web.render import STANCE_MARK, article_href


def person_href(person_id: int | None) -> str | None:
    return f"/people/{person_id}" if person_id is not None else None


def external_url(url: str | None) -> str | None:
    """`url` if it is http(s); None otherwise (a `javascript:` URL from a hostile feed is never a link)."""
    if url and urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return url.strip()
    return None


def query_href(path: str, **params) -> str:
    """`path?k=v...` with empty values left out."""
    kept = {k: v for k, v in params.items() if v not in (None, "", False)}
    return path + ("?" + urlencode(kept) if kept else "")


@lru_cache(maxsize=1)
def templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("storyline.web", "templates"),
        autoescape=True,  # every template, whatever its extension
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        article_href=article_href, external_url=external_url, person_href=person_href, query_href=query_href, quote=quote, stance_mark=STANCE_MARK,
        when=period_label,  # "2016-10" for a statement dated by a month, not its first day
    )
    return Jinja2Templates(env=env)
