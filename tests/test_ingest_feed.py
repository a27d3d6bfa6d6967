"""RSS and Atom feeds: one Document per item, full content preferred, HTML made plain text."""
from __future__ import annotations

import pytest

from storyline.ingest import read_paths
from storyline.ingest.document import Document, InputError
from storyline.ingest.feed import html_to_text, read_feed

BODY = "The mayor said on Tuesday that the city would expand the bus network across the northern districts."
MORE = (
    "Critics said the plan would cost too much and that residents had not been consulted, "
    "and the council will vote on the final budget for the routes next month."
)

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Daily Planet</title>
  <link>https://planet.example/</link>
  <description>News</description>
  <item>
    <title>City expands buses</title>
    <link>https://planet.example/buses</link>
    <pubDate>Tue, 09 Mar 2021 23:30:00 -0500</pubDate>
    <author>jane.doe@planet.example (Jane Doe)</author>
    <description>A short teaser only.</description>
    <content:encoded><![CDATA[<p>{BODY}</p><script>track();</script><p>{MORE}<br/><br/>Second part of the paragraph.</p>]]></content:encoded>
  </item>
  <item>
    <title>Summary only</title>
    <link>https://planet.example/summary</link>
    <pubDate>Wed, 10 Mar 2021 08:00:00 GMT</pubDate>
    <dc:creator>Bob Stone</dc:creator>
    <description>&lt;p&gt;{MORE}&lt;/p&gt;</description>
  </item>
  <item>
    <title>Nothing inside</title>
    <link>https://planet.example/empty</link>
  </item>
</channel>
</rss>
"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Morning Post</title>
  <id>urn:uuid:feed</id>
  <updated>2021-03-10T00:00:00Z</updated>
  <entry>
    <title>Bus plan approved</title>
    <link href="https://post.example/a"/>
    <id>urn:uuid:a</id>
    <published>2021-03-09T22:00:00-05:00</published>
    <author><name>Ann Bell</name><email>ann@post.example</email></author>
    <author><name>Carl Dunn</name></author>
    <updated>2021-03-11T10:00:00Z</updated>
    <summary>Teaser.</summary>
    <content type="html">&lt;div&gt;&lt;p&gt;{BODY}&lt;/p&gt;&lt;p&gt;{MORE}&lt;/p&gt;&lt;/div&gt;</content>
  </entry>
  <entry>
    <title>Plain summary</title>
    <link href="https://post.example/b"/>
    <id>urn:uuid:b</id>
    <updated>2021-03-12T10:00:00Z</updated>
    <summary type="text">{MORE}</summary>
  </entry>
</feed>
"""


@pytest.fixture
def rss(tmp_path):
    path = tmp_path / "planet.rss"
    path.write_text(RSS, encoding="utf-8")
    return path


@pytest.fixture
def atom(tmp_path):
    path = tmp_path / "post.atom"
    path.write_text(ATOM, encoding="utf-8")
    return path


def test_rss_items(rss):
    items = list(read_feed(rss))
    assert len(items) == 3
    first, second, third = items
    assert isinstance(first, Document)
    assert first.title == "City expands buses"
    assert first.url == "https://planet.example/buses"
    assert first.outlet == "Daily Planet"
    assert first.published == "2021-03-09"  # the date as written, not shifted to UTC
    assert first.origin == f"{rss}#1"
    # content:encoded wins over the teaser; the headline leads; script dropped; paragraphs kept apart
    assert first.text == f"City expands buses\n\n{BODY}\n\n{MORE}\n\nSecond part of the paragraph."
    assert "teaser" not in first.text and "track" not in first.text
    assert second.text == f"Summary only\n\n{MORE}" and second.published == "2021-03-10"
    assert isinstance(third, InputError) and third.origin == f"{rss}#3" and "no article body" in third.reason
    assert first.author == "Jane Doe"  # RSS <author> is "e-mail (name)": the name
    assert second.author == "Bob Stone"  # dc:creator


def test_atom_entries(atom):
    first, second = read_feed(atom)
    assert first.outlet == "Morning Post" and first.url == "https://post.example/a"
    assert first.published == "2021-03-09"  # <published>, not <updated>
    assert first.text == f"Bus plan approved\n\n{BODY}\n\n{MORE}"
    assert second.text == f"Plain summary\n\n{MORE}"
    assert second.published == "2021-03-12"  # falls back to <updated>
    assert first.author == "Ann Bell; Carl Dunn" and second.author is None  # every <author>, in order


def test_feed_author_reaches_the_record(rss):
    import storyline

    first = next(read_feed(rss))
    article = next(storyline.analyze_documents([first]))
    assert article.author == "Jane Doe"


def test_feeds_are_dispatched_by_suffix(tmp_path, rss, atom):
    xml = tmp_path / "sub" / "feed.xml"
    xml.parent.mkdir()
    xml.write_text(RSS, encoding="utf-8")
    docs = [d for d in read_paths([tmp_path]) if isinstance(d, Document)]
    assert sorted(d.outlet for d in docs) == ["Daily Planet"] * 4 + ["Morning Post"] * 2


def test_not_a_feed(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text("this is not xml at all <<<", encoding="utf-8")
    (error,) = read_feed(path)
    assert isinstance(error, InputError) and error.origin == str(path)


def test_missing_feed_file(tmp_path):
    (error,) = read_feed(tmp_path / "absent.rss")
    assert isinstance(error, InputError) and "unreadable" in error.reason


def test_html_to_text_blocks_and_inline():
    html = "<div>Intro <b>bold</b> text<ul><li>one</li><li>two</li></ul><!-- note --><style>p{}</style>tail words</div>"
    assert html_to_text(html) == "Intro bold text\n\none\n\ntwo\n\ntail words"
