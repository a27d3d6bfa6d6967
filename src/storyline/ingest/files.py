"""Readers for plain text, HTML and JSON Lines files: each yields Documents or InputErrors.

A reader never raises for bad input: it reports the file (and line) and the reason,
so one bad document never stops a batch.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from storyline.ingest.document import Document, InputError, clean_author

MAX_BYTES = 5_000_000  # a news article is kilobytes; anything this big is not one (per line of JSON Lines)

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
AUTHOR_KEYS = ("author", "byline")  # JSONL keys that may hold the article's author, first present wins


def read_bytes(path: Path) -> bytes | InputError:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return InputError(str(path), f"file too large ({size} bytes, limit {MAX_BYTES})")
        data = path.read_bytes()
    except OSError as error:
        return InputError(str(path), f"cannot read: {error.strerror or error}")
    if not data.strip():
        return InputError(str(path), "empty file")
    if b"\x00" in data[:8192]:
        return InputError(str(path), "binary file (contains NUL bytes)")
    return data


def read_unicode(path: Path) -> str | InputError:
    """The file as UTF-8 text, or why it cannot be read as such."""
    data = read_bytes(path)
    if isinstance(data, InputError):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return InputError(str(path), f"not UTF-8 text (undecodable byte at offset {error.start})")


def read_text(path: Path) -> Iterator[Document | InputError]:
    """Plain text: the file exactly as given; its first non-empty line is the headline."""
    text = read_unicode(path)
    if isinstance(text, InputError):
        yield text
        return
    headline = next((line.strip() for line in text.splitlines() if line.strip()), None)
    yield Document(text=text, id=path.stem, title=headline, origin=str(path))


def _jsonl_lines(path: Path) -> Iterator[tuple[int, str | InputError]]:
    """(line number, text or why it cannot be read) for each line; the size limit applies to each
    line (each is one article), not to the file, and the file is read a line at a time."""
    try:
        handle = open(path, "rb")
    except OSError as error:
        yield 0, InputError(str(path), f"cannot read: {error.strerror or error}")
        return
    with handle:
        if b"\x00" in handle.read(8192):
            yield 0, InputError(str(path), "binary file (contains NUL bytes)")
            return
        handle.seek(0)
        number, blank = 0, True
        while line := handle.readline(MAX_BYTES + 1):
            number += 1
            if len(line) > MAX_BYTES and not line.endswith(b"\n"):
                while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass  # the rest of the oversized line
                yield number, InputError(f"{path}:{number}", f"line too large (over {MAX_BYTES} bytes): one article per line")
                continue
            try:
                text = line.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as error:
                yield number, InputError(f"{path}:{number}", f"not UTF-8 text (undecodable byte at offset {error.start} of the line)")
                continue
            blank = blank and not text.strip()
            yield number, text
        if blank:
            yield 0, InputError(str(path), "empty file")


def read_jsonl(path: Path) -> Iterator[Document | InputError]:
    """One article per line: `text` required; `id`, `title`, `published`, `url`, `source`, `author` (or `byline`) optional."""
    for number, line in _jsonl_lines(path):
        if isinstance(line, InputError):
            yield line
            continue
        if not line.strip():
            continue
        origin = f"{path}:{number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            yield InputError(origin, f"malformed JSON ({error.msg} at column {error.colno})")
            continue
        if not isinstance(item, dict):
            yield InputError(origin, "expected a JSON object per line")
            continue
        body = item.get("text")
        if not isinstance(body, str) or not body.strip():
            yield InputError(origin, "missing or empty 'text'")
            continue
        fields = {key: item.get(key) for key in ("id", "title", "published", "url", "source")}
        author_key = next((key for key in AUTHOR_KEYS if item.get(key) is not None), AUTHOR_KEYS[0])
        checked = {**fields, author_key: item.get(author_key)}
        wrong = [key for key, value in checked.items() if value is not None and not isinstance(value, str)]
        if wrong:
            yield InputError(origin, f"field(s) {', '.join(wrong)} must be strings")
            continue
        yield Document(text=body, origin=origin, author=clean_author(checked[author_key]), **fields)


def read_html(path: Path) -> Iterator[Document | InputError]:
    from storyline.ingest.html import extract

    data = read_bytes(path)
    if isinstance(data, InputError):
        yield data
        return
    yield extract(data, origin=str(path), id=path.stem)
