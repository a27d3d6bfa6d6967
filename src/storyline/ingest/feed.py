"""RSS and Atom feed files: one `Document` per item, with the item's own full content when it has it."""
from __future__ import annotations

import email.utils
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from storyline.ingest.document import Document, InputError, clean_author


def read_feed(path: str | Path) -> Iterator[Document | InputError]:
    """Yield a Document for each item of an RSS/Atom file (or an InputError naming the item).

    Text: the item's content (content:encoded / atom:content) when present, else its summary;
    HTML is converted to plain paragraphs. url: the item link; published: the item's own date
    as written (YYYY-MM-DD, not shifted to UTC); outlet: the feed's title; author: the item's author(s).
    """
    import feedparser

    path = Path(path)
    try:
        parsed = feedparser.parse(path.read_bytes())
    except OSError as error:
        yield InputError(str(path), f"unreadable: {error.strerror or error}")
        return
    if not parsed.entries:
        reason = f"not an RSS/Atom feed ({parsed.get('bozo_exception')})" if parsed.get("bozo") else "feed has no items"
        yield InputError(str(path), reason)
        return
    outlet = (parsed.feed.get("title") or "").strip() or None
    for number, entry in enumerate(parsed.entries, 1):
        origin = f"{path}#{number}"
        text = _entry_text(entry)
        if not text.strip():
            yield InputError(origin, "no article body")
            continue
        title = " ".join((entry.get("title") or "").split()) or None
        if title and not text.startswith(title):  # the headline leads the text, as in every reader
            text = f"{title}\n\n{text}"
        yield Document(
            text=text,
            title=title,
            published=_entry_date(entry),
            url=entry.get("link") or None,
            outlet=outlet,
            author=_entry_author(entry),
            origin=origin,
        )


_BLOCKS = {
    "p", "div", "section", "article", "blockquote", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
    "pre", "table", "tr", "figure", "figcaption", "header", "footer", "aside", "dl", "dt", "dd", "hr",
}
_SKIP = {"script", "style", "noscript", "iframe", "svg", "object", "embed", "form", "button"}


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: one paragraph per block element, separated by blank lines."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = " ".join("".join(current).split())
        if line:
            paragraphs.append(line)
        current.clear()

    def walk(element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _SKIP:
            if element.tail:
                current.append(element.tail)
            return
        block = tag in _BLOCKS
        if block:
            flush()
        if tag == "br":  # feeds often separate paragraphs with <br><br>
            flush()
        if element.text and tag:
            current.append(element.text)
        for child in element:
            walk(child)
        if block:
            flush()
        if element.tail:
            current.append(element.tail)

    walk(root)
    flush()
    return "\n\n".join(paragraphs)


def _entry_text(entry) -> str:
    """The longest of the item's content parts, else its summary, as plain text."""
    candidates = [c for c in entry.get("content") or [] if (c.get("value") or "").strip()]
    if candidates:
        best = max(candidates, key=lambda c: len(c["value"]))
        value, kind = best["value"], best.get("type", "text/html")
    else:
        detail = entry.get("summary_detail") or {}
        value, kind = entry.get("summary") or "", detail.get("type", "text/html")
    if "html" in kind or "<" in value:
        return html_to_text(value)
    return "\n\n".join(p.strip() for p in value.split("\n\n") if p.strip())


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_BRACKETED = re.compile(r"[(<]([^()<>]*)[)>]")  # what is left of "jane@example.com (Jane Doe)"


def _author_name(raw: object) -> str | None:
    """A feed author without its e-mail address: RSS writes "jane@example.com (Jane Doe)"; None for an address alone."""
    name = clean_author(_EMAIL.sub(" ", raw)) if isinstance(raw, str) else None
    if name:
        name = clean_author(re.sub(r"\(\s*\)|<\s*>", " ", name))
    bracketed = _BRACKETED.fullmatch(name or "")
    return clean_author(bracketed[1]) if bracketed else name


def _entry_author(entry) -> str | None:
    """The item's author; several (Atom <author>s, dc:creator's) joined by "; " as trafilatura joins them.

    feedparser's `author` holds only the last of several, so they are read from `authors`.
    """
    several = [a.get("name") for a in entry.get("authors") or []]
    names = [n for n in map(_author_name, several if len(several) > 1 else [entry.get("author")]) if n]
    return "; ".join(dict.fromkeys(names)) or None


def _entry_date(entry) -> str | None:
    """YYYY-MM-DD of the item's date as written in the feed (its own time zone), else None."""
    for key in ("published", "updated", "created"):
        raw = (entry.get(key) or "").strip()
        if not raw:
            continue
        try:
            return email.utils.parsedate_to_datetime(raw).date().isoformat()  # RSS: RFC 822
        except (TypeError, ValueError, IndexError):
            pass
        try:
            return datetime.fromisoformat(raw.replace("Z", "+00:00")).date().isoformat()  # Atom: RFC 3339
        except ValueError:
            pass
        parsed = entry.get(f"{key}_parsed")  # feedparser's own parse of odd formats (UTC)
        if parsed:
            return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"
    return None
