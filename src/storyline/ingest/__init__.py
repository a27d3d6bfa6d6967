"""Readers: files and folders in, `Document`s (or `InputError`s naming file, line and reason) out."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from storyline.ingest.document import Document, InputError
from storyline.ingest.files import HTML_SUFFIXES, JSONL_SUFFIXES, TEXT_SUFFIXES, read_html, read_jsonl, read_text

__all__ = ["Document", "InputError", "read_path", "read_paths"]

FEED_SUFFIXES = {".rss", ".atom", ".xml"}
WARC_SUFFIXES = {".warc", ".warc.gz"}


def _suffix(path: Path) -> str:
    name = path.name.lower()
    return ".warc.gz" if name.endswith(".warc.gz") else path.suffix.lower()


def read_path(path: Path) -> Iterator[Document | InputError]:
    """Every document in one file, chosen by its suffix (unknown suffixes are read as plain text)."""
    suffix = _suffix(path)
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(path)
    elif suffix in HTML_SUFFIXES:
        yield from read_html(path)
    elif suffix in FEED_SUFFIXES:
        from storyline.ingest.feed import read_feed

        yield from read_feed(path)
    elif suffix in WARC_SUFFIXES:
        from storyline.ingest.warc import read_warc

        yield from read_warc(path)
    else:
        yield from read_text(path)


KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES | WARC_SUFFIXES


def read_paths(paths: Iterable[str | Path], on_skip: Callable[[str], None] | None = None) -> Iterator[Document | InputError]:
    """Files in the order given; folders recursively in name order, skipping hidden files.

    In a folder only article formats are read (a README.md beside them is not news); `on_skip` is told
    how many files were left out and why. A folder with files but none it reads is an InputError."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            read = 0
            skipped: Counter[str] = Counter()
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if any(part.startswith(".") for part in child.relative_to(path).parts):
                    continue
                if _suffix(child) in KNOWN_SUFFIXES:
                    read += 1
                    yield from read_path(child)
                else:
                    skipped[_suffix(child) or "no suffix"] += 1
            count = sum(skipped.values())
            why = (f"{count} file{'s' if count != 1 else ''} skipped{': ' + _listed(skipped) if count else ''} "
                   f"(storyline reads {', '.join(sorted(KNOWN_SUFFIXES))})")
            if not read:
                yield InputError(str(path), f"no file here is in a format storyline reads; {why}")
            elif count and on_skip is not None:
                on_skip(f"{path}: {why}")
        elif path.is_file():
            yield from read_path(path)
        else:
            yield InputError(str(path), "no such file or directory")


def _listed(suffixes: Counter[str]) -> str:
    return ", ".join(f"{count} {suffix}" for suffix, count in suffixes.most_common())
