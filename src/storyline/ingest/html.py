"""HTML pages to Documents through trafilatura: title, date, author and body text.

Image captions and photo credits are read from the page separately and appended after
the body, each on its own line, so they stay out of the paragraphs yet remain indexable.
"""
from __future__ import annotations

import re

import trafilatura
from lxml import html as lxml_html

from storyline.ingest.document import Document, InputError, clean_author

_SPACE = re.compile(r"\s+")
MIN_BODY_WORDS = 15


def _captions(markup: str) -> list[str]:
    try:
        tree = lxml_html.fromstring(markup)
    except (ValueError, lxml_html.etree.ParserError):
        return []
    found: list[str] = []
    for node in tree.xpath("//figcaption | //*[contains(concat(' ', normalize-space(@class), ' '), ' caption ')]"):
        text = _SPACE.sub(" ", node.text_content()).strip()
        if text and text not in found:
            found.append(text)
    return found


def extract(data: bytes | str, origin: str, id: str | None = None, url: str | None = None) -> Document | InputError:
    markup = data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data
    try:
        result = trafilatura.bare_extraction(markup, url=url, with_metadata=True, include_comments=False, include_images=False, include_tables=False)
    except Exception as error:  # noqa: BLE001 - trafilatura raises many kinds on hostile markup
        return InputError(origin, f"HTML could not be parsed ({type(error).__name__})")
    body = (getattr(result, "text", None) or "").strip() if result is not None else ""
    words = len(body.split())
    if not words:
        return InputError(origin, "HTML has no article body")
    if words < MIN_BODY_WORDS:  # a menu or a cookie notice is not an article
        return InputError(origin, f"too short to be an article (the page's body text is {words} word{'' if words == 1 else 's'}; "
                                  f"the archive admits articles of 20 words or more)")
    title = getattr(result, "title", None)
    captions = [c for c in _captions(markup) if c not in body]
    # The headline leads the text, as in plain-text input, unless the body already opens with it.
    text = body if not title or body.startswith(title) else f"{title}\n\n{body}"
    ranges: list[tuple[int, int]] = []
    if captions:
        text += "\n\n"
        for caption in captions:
            ranges.append((len(text), len(text) + len(caption)))
            text += caption + "\n"
    return Document(
        text=text,
        id=id,
        title=title,
        published=getattr(result, "date", None),
        url=url or getattr(result, "url", None),
        outlet=getattr(result, "sitename", None) or getattr(result, "hostname", None),
        author=clean_author(getattr(result, "author", None)),
        origin=origin,
        captions=ranges,
    )
