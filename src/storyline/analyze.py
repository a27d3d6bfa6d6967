"""analyze: text in, typed `Article` record out (the one entry point of the NLP layer)."""
from __future__ import annotations

import hashlib
import re
import warnings
from collections.abc import Iterable, Iterator
from datetime import date

from storyline.ingest.document import Document, InputError
from storyline.nlp import pipeline
from storyline.nlp.build import build_article

PARTIAL_DATE = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2]))?$")  # a month or a year
MAX_CHARS = 1_000_000  # spaCy's own default limit; longer "articles" are not news


def parse_date(value: str | None) -> date | None:
    """The calendar date of an ISO date or datetime string; None when absent, or when the input gives
    only a month or a year ("1998-01", "1998"): the record keeps that as given, and relative times,
    which need a day to count from, stay null."""
    if not value:
        return None
    if PARTIAL_DATE.match(value.strip()):
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise ValueError(f"not a date (expected YYYY-MM-DD, YYYY-MM or YYYY): {value!r}") from None


def article_id(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def analyze(
    text: str,
    published: str | date | None = None,
    title: str | None = None,
    id: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    author: str | None = None,
    *,
    source: str | None = None,
) -> "Article":  # noqa: F821
    """Analyse one article. `published` anchors relative times; without it they stay null.

    `author` is the article's author as its metadata gives it; it is copied to `Article.author`
    (a byline line in the text is a `byline` section, found whether or not `author` is given).
    `source` is the deprecated name of `outlet`.
    """
    if source is not None:
        warnings.warn("analyze(source=...) is deprecated: use outlet=", DeprecationWarning, stacklevel=2)
    if isinstance(published, date):
        published = published.isoformat()
    document = Document(text=text, id=id, title=title, published=published, url=url, outlet=outlet or source, author=author)
    result = next(analyze_documents([document]))
    if isinstance(result, InputError):
        raise ValueError(result.reason)
    return result


def analyze_documents(documents: Iterable[Document], batch_size: int = 16) -> Iterator:
    """Yield an `Article` or an `InputError` for each document, in order; one failure stops nothing."""
    nlp = pipeline.load()

    def checked() -> Iterator[tuple[Document, date | None] | InputError]:
        for document in documents:
            if isinstance(document, InputError):
                yield document
                continue
            if not document.text.strip():
                yield InputError(document.origin or document.id or "<text>", "empty document")
                continue
            if len(document.text) > MAX_CHARS:
                yield InputError(document.origin or document.id or "<text>", f"too long ({len(document.text)} characters, limit {MAX_CHARS})")
                continue
            try:
                yield document, parse_date(document.published)
            except ValueError as error:
                yield InputError(document.origin or document.id or "<text>", str(error))

    batch: list[tuple[Document, date | None]] = []

    def flush() -> Iterator:
        for (document, _), doc in zip(batch, _pipe(nlp, batch)):
            if isinstance(doc, Exception):
                yield InputError(document.origin or document.id or "<text>", f"analysis failed: {doc!r}")
                continue
            yield build_article(doc, document, article_id(document.text) if document.id is None else document.id)
        batch.clear()

    for item in checked():
        if isinstance(item, InputError):
            yield from flush()
            yield item
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            yield from flush()
    yield from flush()


def _make_doc(nlp, document: Document, published: date | None):
    doc = nlp.make_doc(document.text)
    doc._.published = published
    doc._.author = document.author
    doc._.title = document.title
    doc._.caption_ranges = document.captions
    return doc


def _pipe(nlp, batch: list[tuple[Document, date | None]]) -> Iterator:
    """Run the pipeline over a batch; if the batch fails, retry one by one on fresh Docs
    (the failed run may have left its Docs half-annotated) so only the bad document fails."""
    try:
        yield from list(nlp.pipe(_make_doc(nlp, d, p) for d, p in batch))
    except Exception:  # noqa: BLE001 - isolate the failing document
        for document, published in batch:
            try:
                yield nlp(_make_doc(nlp, document, published))
            except Exception as error:  # noqa: BLE001
                yield error
