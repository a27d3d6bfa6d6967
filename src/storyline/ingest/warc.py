"""WARC files (.warc, .warc.gz): one `Document` per HTML `response` record.

Other records (requests, metadata, images, PDFs...) are skipped silently. A
broken record yields an InputError naming the file and the record's byte
offset, and reading resumes at the next record boundary found after it. A file
cut short (a copy or a crawl stopped mid-record) yields the records before the
cut and an InputError at the offset of the record it cuts.
"""
from __future__ import annotations

import mmap
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

from storyline.ingest.document import Document, InputError

_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_START = re.compile(rb"(?:\A|\n)(WARC/1\.[01]\r?\n)")


def read_warc(path: str | Path) -> Iterator[Document | InputError]:
    from warcio.archiveiterator import ArchiveIterator

    path = Path(path)
    try:
        handle = open(path, "rb")
    except OSError as error:
        yield InputError(str(path), f"unreadable: {error.strerror or error}")
        return
    with handle:
        size = path.stat().st_size
        if size == 0:
            yield InputError(str(path), "empty WARC file")
            return
        data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        gzipped = data[:2] == _GZIP_MAGIC[:2]
        start: int | None = 0
        resyncing = False  # after a broken record: quiet until a record parses again
        while start is not None:
            handle.seek(start)
            iterator = ArchiveIterator(handle)  # its offsets are absolute: it starts from handle.tell()
            read_to = start  # where the last whole record ends
            try:
                for record in iterator:
                    if record.format != "warc":  # warcio falls back to ARC on a bad first line: that is garbage here
                        raise ValueError(f"Invalid WARC record (no WARC/1.x header; read as {record.format})")
                    # get_record_offset() reads the record to its end: only call it once the content is read
                    result = _document(record, path, iterator.get_record_offset)
                    resyncing = False
                    offset, missing = iterator.get_record_offset(), getattr(record.raw_stream, "limit", 0)
                    if missing:  # warcio reads a cut record as a short one
                        yield _truncated(path, offset, size, f"{missing} bytes of its content are missing")
                        read_to = size
                        continue
                    read_to = offset + iterator.get_record_length()
                    if result is not None:
                        yield result
                if data[read_to:].strip():  # bytes after the last whole record that make no record: a cut header
                    yield _truncated(path, read_to, size, "the file ends inside its header")
                start = None  # read to the end
            except Exception as error:  # noqa: BLE001 - any parse failure: report once, resync, go on
                offset = iterator.offset  # start of the record being read when it failed
                start = _next_record(data, max(offset, start) + 1, gzipped)
                if start is None and not resyncing:  # the last record: cut short, most likely
                    yield _truncated(path, offset, size, f"it does not parse ({_reason(error)})")
                elif not resyncing:
                    yield InputError(f"{path}#{offset}", f"broken WARC record at byte offset {offset}: {_reason(error)}")
                resyncing = True
        data.close()


def _truncated(path: Path, offset: int, size: int, detail: str) -> InputError:
    return InputError(f"{path}#{offset}", f"truncated WARC file: it ends (at byte {size}) inside the record at byte offset {offset}; {detail}")


def _reason(error: Exception) -> str:
    text = " ".join(str(error).split())
    return (text[:160] + "…") if len(text) > 160 else text or type(error).__name__


def _next_record(data: mmap.mmap, position: int, gzipped: bool) -> int | None:
    """Byte offset of the next plausible record start at or after `position`, else None."""
    if gzipped:
        found = data.find(_GZIP_MAGIC, position)
        return None if found < 0 else found
    match = _WARC_START.search(data, position)
    return None if match is None else match.start(1)


def _document(record, path: Path, offset: Callable[[], int]) -> Document | InputError | None:
    """The Document of an HTML response record; None for any other record."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if "html" not in content_type:
        return None
    status = record.http_headers.get_statuscode() or ""
    if not status.startswith("2"):
        return None  # redirects and errors are not articles
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    html = record.content_stream().read()
    origin = f"{path}#{offset()}"
    if not html.strip():
        return InputError(origin, "no article body")
    return html_document(html, url, record.rec_headers.get_header("WARC-Date"), origin)


def html_document(html: bytes | str, url: str | None, fetched: str | None, origin: str) -> Document | InputError:
    """Article text and metadata of one HTML page (trafilatura, via the HTML reader), dated by the page, else by `fetched`."""
    from storyline.ingest.html import extract

    document = extract(html, origin=origin, url=url)
    if isinstance(document, InputError):
        return document
    document.published = (document.published or "")[:10] or ((fetched or "")[:10] or None)
    document.outlet = document.outlet or _host(url)
    return document


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None
