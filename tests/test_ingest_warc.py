"""WARC files: HTML responses become Documents; other records are skipped; a broken record is reported and passed."""
from __future__ import annotations

import gzip
import io

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from test_store_helpers import news_text

from storyline.ingest import read_paths
from storyline.ingest.document import Document, InputError
from storyline.ingest.warc import read_warc

BROKEN = b"THIS IS NOT A WARC RECORD\r\nContent-Length: 12\r\n\r\ngarbage here\r\n\r\n"


def page(title: str, number: int, date: str | None = None) -> bytes:
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    body = "".join(f"<p>{paragraph}</p>" for paragraph in news_text(number).split("\n\n")[1:])
    return f"<html><head><title>{title}</title>{meta}</head><body><nav>Home | News</nav><article><h1>{title}</h1>{body}</article></body></html>".encode()


def write_warc(path, gz: bool) -> int:
    """Two HTML pages around a PNG, a request record, a redirect and a broken record; returns the broken record's offset."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)

    def response(url, body, content_type, status="200 OK"):
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))

    response("https://news.example/one", page("Bridge opens", 1, "2021-03-09"), "text/html; charset=utf-8")
    writer.write_record(writer.create_warc_record("https://news.example/one", "request", payload=io.BytesIO(b"GET /one HTTP/1.1\r\n\r\n")))
    response("https://news.example/logo.png", b"\x89PNG\r\n\x1a\nxxxx", "image/png")
    response("https://news.example/old", b"", "text/html", status="301 Moved Permanently")
    broken_at = buffer.tell()
    buffer.write(gzip.compress(BROKEN) if gz else BROKEN)
    response("https://news.example/two", page("Tunnel closes", 2), "text/html")
    path.write_bytes(buffer.getvalue())
    return broken_at


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_records(tmp_path, name):
    path = tmp_path / name
    broken_at = write_warc(path, gz=name.endswith(".gz"))
    items = list(read_warc(path))
    assert [type(i).__name__ for i in items] == ["Document", "InputError", "Document"]
    one, error, two = items
    assert one.url == "https://news.example/one" and one.title == "Bridge opens"
    assert one.published == "2021-03-09"  # from the page's metadata
    assert one.text.startswith("Bridge opens\n")
    assert news_text(1).split("\n\n")[1] in one.text
    assert "Home | News" not in one.text
    assert one.outlet == "news.example"
    assert one.origin == f"{path}#0"
    assert error.origin == f"{path}#{broken_at}" and str(broken_at) in error.reason and "broken WARC record" in error.reason
    assert two.url == "https://news.example/two" and "Tunnel closes" in two.text
    assert two.published is not None and len(two.published) == 10  # WARC-Date when the page has none
    assert int(two.origin.rsplit("#", 1)[1]) > broken_at


def test_broken_record_at_the_very_start(tmp_path):
    path = tmp_path / "bad.warc"
    good = tmp_path / "good.warc"
    write_warc(good, gz=False)
    path.write_bytes(BROKEN + good.read_bytes())
    items = list(read_warc(path))
    assert isinstance(items[0], InputError) and items[0].origin == f"{path}#0"
    assert sum(isinstance(i, Document) for i in items) == 2


def test_warc_only_garbage(tmp_path):
    path = tmp_path / "junk.warc"
    path.write_bytes(b"not a warc file at all\n" * 10)
    items = list(read_warc(path))
    assert len(items) == 1 and isinstance(items[0], InputError)


def test_empty_and_missing_warc(tmp_path):
    empty = tmp_path / "empty.warc"
    empty.write_bytes(b"")
    assert [type(i) for i in read_warc(empty)] == [InputError]
    assert [type(i) for i in read_warc(tmp_path / "absent.warc")] == [InputError]


def test_warc_dispatched_by_suffix(tmp_path):
    write_warc(tmp_path / "a.warc.gz", gz=True)
    docs = [d for d in read_paths([tmp_path]) if isinstance(d, Document)]
    assert [d.url for d in docs] == ["https://news.example/one", "https://news.example/two"]


def _three_pages(gz: bool) -> tuple[bytes, int]:
    """A WARC of three HTML pages, and the offset of the third record."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    third = 0
    for number in (1, 2, 3):
        if number == 3:
            third = buffer.tell()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://news.example/{number}", "response",
                                                      payload=io.BytesIO(page(f"Story {number}", number)), http_headers=headers))
    return buffer.getvalue(), third


@pytest.mark.parametrize("gz", [True, False])
@pytest.mark.parametrize("cut", ["header", "content", "last bytes"])
def test_a_warc_cut_mid_record_keeps_what_came_before_and_reports_the_cut(tmp_path, gz, cut):
    data, third = _three_pages(gz)
    end = {"header": third + 40, "content": third + (len(data) - third) // 2, "last bytes": len(data) - 20}[cut]
    path = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    path.write_bytes(data[:end])
    items = list(read_warc(path))
    assert [d.url for d in items if isinstance(d, Document)] == ["https://news.example/1", "https://news.example/2"]
    [error] = [i for i in items if isinstance(i, InputError)]
    assert error.origin == f"{path}#{third}"
    assert "truncated" in error.reason and str(third) in error.reason


def test_a_whole_warc_reports_no_truncation(tmp_path):
    for gz in (True, False):
        data, _ = _three_pages(gz)
        path = tmp_path / ("whole.warc.gz" if gz else "whole.warc")
        path.write_bytes(data)
        assert all(isinstance(i, Document) for i in read_warc(path))
