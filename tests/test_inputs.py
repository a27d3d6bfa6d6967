"""Readers and `storyline analyze` on every input kind, and on bad input that must not stop a batch."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

import storyline
from storyline.ingest import Document, InputError, read_paths
from storyline.ingest.files import MAX_BYTES

from conftest import check_record

ARTICLE = """Port talks to resume, minister says

Transport Minister Jane Roe said on Tuesday that talks with the port's owners would resume. "Nothing has been decided," Roe told reporters.
"""

HTML = """<html><head><title>Port talks to resume</title>
<meta property="article:published_time" content="2021-03-10"><meta name="author" content="Ann Bell"></head>
<body><nav>Home | World</nav><article><h1>Port talks to resume</h1>
<p>Transport Minister Jane Roe said on Tuesday that talks with the port's owners would resume next week, officials said.</p>
<figure><img src="a.jpg"><figcaption>Jane Roe speaks to reporters. Photo: Ann Bell/Reuters</figcaption></figure>
<p>"Nothing has been decided," Roe told reporters outside the ministry, adding that the government remained committed to the harbor.</p>
</article><footer>Copyright</footer></body></html>"""


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "storyline", *args], capture_output=True, text=True, input=stdin, timeout=300)


def test_plain_text_keeps_the_file_exactly_and_takes_the_headline(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("\n" + ARTICLE, encoding="utf-8")
    [document] = list(read_paths([path]))
    assert document.text == "\n" + ARTICLE
    assert document.title == "Port talks to resume, minister says"


def test_html_body_title_date_and_captions_apart(tmp_path, schema):
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    [document] = list(read_paths([path]))
    assert isinstance(document, Document)
    assert document.title == "Port talks to resume"
    assert document.published == "2021-03-10"
    assert document.author == "Ann Bell"  # <meta name="author">
    assert "Home | World" not in document.text and "Copyright" not in document.text
    article = next(storyline.analyze_documents([document]))
    check_record(article, schema)
    assert article.author == "Ann Bell" and article.to_dict()["author"] == "Ann Bell"
    [caption] = article.captions
    assert caption.credit == "Ann Bell/Reuters"
    # The caption is not inside any paragraph of the body, and its credit is no entity.
    body_end = article.text.index("committed to the harbor") + len("committed to the harbor")
    assert caption.start > body_end
    assert not any(e.name == "Ann Bell" for e in article.entities)


def test_jsonl_fields_and_offsets_index_the_given_text(tmp_path, schema):
    path = tmp_path / "feed.jsonl"
    item = {"id": "a1", "title": "Talks", "published": "2021-03-10", "url": "https://example.org/a1", "outlet": "Wire",
            "author": "Ann  Bell ", "text": ARTICLE}
    path.write_text(json.dumps(item) + "\n", encoding="utf-8")
    [article] = list(storyline.analyze_documents(read_paths([path])))
    check_record(article, schema)
    assert (article.id, article.title, article.published, article.url, article.outlet) == ("a1", "Talks", "2021-03-10", "https://example.org/a1", "Wire")
    assert article.author == "Ann Bell"  # whitespace collapsed, as from every reader
    assert article.text == ARTICLE


def test_jsonl_author_or_byline_key(tmp_path):
    path = tmp_path / "authors.jsonl"
    lines = [
        {"id": "author", "author": "Ann Bell", "byline": "By Someone Else", "text": ARTICLE},  # "author" first
        {"id": "byline", "byline": "Bob Stone", "text": ARTICLE},
        {"id": "null-author", "author": None, "byline": "Bob Stone", "text": ARTICLE},
        {"id": "none", "author": "  ", "text": ARTICLE},  # blank: no author
        {"id": "bad", "byline": ["Ann", "Bob"], "text": ARTICLE},
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    *documents, error = read_paths([path])
    assert [(d.id, d.author) for d in documents] == [("author", "Ann Bell"), ("byline", "Bob Stone"), ("null-author", "Bob Stone"), ("none", None)]
    assert isinstance(error, InputError) and "byline" in error.reason and error.origin == f"{path}:5"


def test_jsonl_outlet_or_its_former_key_source(tmp_path):
    path = tmp_path / "outlets.jsonl"
    lines = [
        {"id": "outlet", "outlet": "Wire", "source": "Old Wire", "text": ARTICLE},  # "outlet" first
        {"id": "source", "source": "Daily Planet", "text": ARTICLE},  # input written before the rename
        {"id": "null-outlet", "outlet": None, "source": "Daily Planet", "text": ARTICLE},
        {"id": "none", "text": ARTICLE},
        {"id": "bad", "source": {"name": "Daily Planet"}, "text": ARTICLE},
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    *documents, error = read_paths([path])
    assert [(d.id, d.outlet) for d in documents] == [("outlet", "Wire"), ("source", "Daily Planet"), ("null-outlet", "Daily Planet"),
                                                     ("none", None)]
    assert isinstance(error, InputError) and "source" in error.reason and error.origin == f"{path}:5"


def test_analyze_takes_the_author_apart_from_a_byline_in_the_text():
    """The metadata author is the record's field; a byline line in the text stays a layout section, not merged."""
    text = ARTICLE.replace("\n\n", "\n\nBy Carl Dunn\n\n", 1)
    with_author = storyline.analyze(text, author="Ann Bell")
    without = storyline.analyze(text)
    assert with_author.author == "Ann Bell" and without.author is None
    for article in (with_author, without):
        bylines = [s for s in article.sections if s.kind == "byline"]
        assert [text[s.start:s.end] for s in bylines] == ["By Carl Dunn"]
    assert with_author.sections == without.sections and with_author.statements == without.statements


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"   \n", "empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
        ("latin.txt", "Caf\u00e9 ministre dit".encode("latin-1"), "UTF-8"),
        ("nobody.html", b"<html><head><title>x</title></head><body><nav>Home</nav></body></html>", "too short to be an article"),
    ],
)
def test_bad_files_are_reported_with_file_and_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    [error] = list(read_paths([path]))
    assert isinstance(error, InputError)
    assert str(path) in str(error) and reason in error.reason


def test_oversized_file_is_refused(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"word " * (MAX_BYTES // 5 + 10))
    [error] = list(read_paths([path]))
    assert isinstance(error, InputError) and "too large" in error.reason


def test_malformed_jsonl_lines_name_the_line_and_spare_the_others(tmp_path):
    path = tmp_path / "mixed.jsonl"
    lines = [json.dumps({"id": "good1", "text": ARTICLE}), "{not json", json.dumps({"id": "notext"}), json.dumps([1, 2]), json.dumps({"id": "good2", "text": ARTICLE})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = list(read_paths([path]))
    errors = [r for r in results if isinstance(r, InputError)]
    assert [e.origin for e in errors] == [f"{path}:2", f"{path}:3", f"{path}:4"]
    assert [r.id for r in results if isinstance(r, Document)] == ["good1", "good2"]


def test_cli_batch_reports_failures_keeps_results_and_exits_nonzero(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "c", "byline": "Ann Bell", "text": ARTICLE}) + "\n{broken\n", encoding="utf-8")
    result = run_cli("analyze", str(tmp_path), "--published", "2021-03-10")
    assert result.returncode == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == ["a", "c"]
    assert [r["author"] for r in records] == [None, "Ann Bell"]
    assert all(r["published"] == "2021-03-10" for r in records)
    assert "b.txt: binary file" in result.stderr
    assert "c.jsonl:2: malformed JSON" in result.stderr


def test_cli_text_summary_names_speaker_role_and_words(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = run_cli("analyze", str(tmp_path / "a.txt"), "--format", "text")
    assert result.returncode == 0, result.stderr
    assert "Jane Roe (Transport Minister)" in result.stdout
    assert "Nothing has been decided" in result.stdout


def test_cli_rejects_a_bad_published_date():
    result = run_cli("analyze", "-", "--published", "last Tuesday", stdin=ARTICLE)
    assert result.returncode == 2
    assert "--published" in result.stderr


def test_without_a_date_relative_times_stay_null():
    article = storyline.analyze(ARTICLE)
    assert article.published is None
    tuesday = [t for t in article.times if t.text == "Tuesday"]
    assert tuesday and all(t.value is None for t in tuesday)


def test_one_failing_document_does_not_lose_the_others():
    documents = [Document(text=ARTICLE, id="ok1"), Document(text="", id="empty"), Document(text=ARTICLE, id="bad-date", published="yesterday"), Document(text=ARTICLE, id="ok2")]
    results = list(storyline.analyze_documents(documents))
    assert [type(r).__name__ for r in results] == ["Article", "InputError", "InputError", "Article"]
    assert "not a date" in results[2].reason


def test_a_document_that_breaks_a_component_fails_alone(monkeypatch):
    from storyline.nlp import stance

    original = stance.deciding_rule  # what the storyline_stance component calls per statement

    def fragile(doc, statement):
        if "poison" in doc.text:
            raise RuntimeError("component failure")
        return original(doc, statement)

    monkeypatch.setattr(stance, "deciding_rule", fragile)
    documents = [Document(text=ARTICLE, id="ok1"), Document(text=ARTICLE + '\n"This is poison," she said.\n', id="bad"), Document(text=ARTICLE, id="ok2")]
    results = list(storyline.analyze_documents(documents, batch_size=8))
    assert [type(r).__name__ for r in results] == ["Article", "InputError", "Article"]
    assert "component failure" in results[1].reason
    assert results[0].statements and results[2].statements


def test_the_size_limit_applies_to_each_jsonl_line_not_the_file(tmp_path):
    """A JSON Lines file over the per-article limit is many articles: each line is read, and only a
    line over the limit is refused, by its line number."""
    path = tmp_path / "many.jsonl"
    line = json.dumps({"text": ARTICLE}).encode()
    count = MAX_BYTES // len(line) + 50  # the file is over the limit, every line far under it
    huge = json.dumps({"id": "huge", "text": "word " * (MAX_BYTES // 5 + 10)}).encode()
    path.write_bytes(b"\n".join([line] * count + [huge, json.dumps({"id": "last", "text": ARTICLE}).encode()]) + b"\n")
    assert path.stat().st_size > MAX_BYTES
    results = list(read_paths([path]))
    errors = [r for r in results if isinstance(r, InputError)]
    assert [e.origin for e in errors] == [f"{path}:{count + 1}"] and "too large" in errors[0].reason
    documents = [r for r in results if isinstance(r, Document)]
    assert len(documents) == count + 1 and documents[-1].id == "last"


def test_a_bad_byte_in_one_jsonl_line_fails_that_line_only(tmp_path):
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"id": "good", "text": ARTICLE}).encode()
    path.write_bytes(good + b"\n" + '{"text": "Caf\u00e9"}'.encode("latin-1") + b"\n" + good + b"\n")
    results = list(read_paths([path]))
    assert [type(r).__name__ for r in results] == ["Document", "InputError", "Document"]
    assert results[1].origin == f"{path}:2" and "UTF-8" in results[1].reason


def test_a_folder_of_unread_formats_is_an_error_that_says_why(tmp_path):
    for name in ("a.md", "b.pdf", "c.pdf"):
        (tmp_path / name).write_text("Not news.", encoding="utf-8")
    [error] = list(read_paths([tmp_path]))
    assert isinstance(error, InputError) and error.origin == str(tmp_path)
    assert "3 files skipped" in error.reason and "2 .pdf" in error.reason and ".jsonl" in error.reason


def test_files_skipped_beside_articles_are_counted(tmp_path):
    (tmp_path / "story.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "README.md").write_text("About these files.", encoding="utf-8")
    notices: list[str] = []
    results = list(read_paths([tmp_path], on_skip=notices.append))
    assert [type(r).__name__ for r in results] == ["Document"]
    assert len(notices) == 1 and "1 file skipped: 1 .md" in notices[0] and str(tmp_path) in notices[0]


def test_cli_ingest_of_a_folder_with_nothing_it_reads_fails(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "notes.md").write_text("Not news.", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "storyline", "ingest", str(folder), "--db", str(tmp_path / "a.db"), "--no-progress"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert str(folder) in result.stderr and "1 file skipped" in result.stderr
