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


ROLE_CHARS = 48  # a longer "role" is a clause the reader does not need in a list
ROLES_SHOWN = 3  # a person's roles in a list or a page head; the rest are counted
ROLE_ROWS = 10  # rows of a person's role timeline (the JSON twin has them all)


def short_role(role: str) -> str:
    """`role` cut at a word boundary to at most ROLE_CHARS characters, with an ellipsis when cut."""
    role = " ".join(role.split())
    if len(role) <= ROLE_CHARS:
        return role
    return role[:ROLE_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def roles_text(roles: list[str] | str | None, separator: str = "; ", shown: int = ROLES_SHOWN) -> str:
    """At most `shown` roles, each short, then "+N more": roles a page shows stay one short line.
    (A statement's role is its roles "; "-joined.)"""
    if isinstance(roles, str):
        roles = roles.split("; ")
    roles = [short_role(r) for r in roles or [] if r and r.strip()]
    kept = list(dict.fromkeys(roles))[:shown]
    more = len(set(roles)) - len(kept)
    return separator.join(kept) + (f" (+{more} more)" if more > 0 else "")


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
        when=period_label, roles_text=roles_text, short_role=short_role, ROLE_ROWS=ROLE_ROWS,  # "2016-10" for a statement dated by a month, not its first day
    )
    return Jinja2Templates(env=env)
