"""Server-rendered pages: content, JSON twins, escaping of hostile text, error pages."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from test_web_helpers import HOSTILE_NAME, XSS_IMG, XSS_SCRIPT, bridges, build_archive

from storyline.server import create_app
from storyline.web.render import render_article


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = build_archive(tmp_path_factory.mktemp("web") / "archive.db")
    with TestClient(create_app(db)) as c:
        yield c


def page(client, url, status=200) -> str:
    r = client.get(url, headers={"accept": "text/html"})
    assert r.status_code == status, (url, r.status_code, r.text[:300])
    assert r.headers["content-type"].startswith("text/html")
    return r.text


class Tags(HTMLParser):
    """Every start tag with its attributes, and the visible text."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    return tags


def text_of(html: str) -> str:
    return " ".join("".join(parse(html).text).split())


# -- every page, and its JSON twin ----------------------------------------------------------------

PAGES = ["/", "/articles", "/articles/bridges", "/statements?stance=deny", "/people", "/timeline", "/search?q=bridges"]


@pytest.mark.parametrize("url", PAGES)
def test_page_renders_and_has_a_json_twin(client, url):
    html = page(client, url)
    assert "<h1" in html
    path, _, query = url.partition("?")
    twin_url = ("/index" if path == "/" else path) + ".json" + ("?" + query if query else "")
    twin = client.get(twin_url)
    assert twin.status_code == 200 and twin.headers["content-type"].startswith("application/json")
    accepted = client.get(url, headers={"accept": "application/json"})
    assert accepted.status_code == 200 and accepted.json() == twin.json()


def test_article_twin_is_the_api_record(client):
    assert client.get("/articles/bridges.json").json() == client.get("/api/articles/bridges").json()


def test_home_shows_recent_articles_quoted_people_and_denials(client):
    html = page(client, "/")
    visible = text_of(html)
    assert 'name="q"' in html  # search box
    assert "Every adult eligible by May, Biden says" in visible
    assert "Joe Biden" in visible and "Jen Psaki" in visible
    assert "There is no shortage" in visible and "it would not raise prices" in visible  # denials
    assert "We will rebuild" not in visible  # an assertion is not a denial
    quoted = client.get("/index.json").json()["most_quoted"]
    assert [p["name"] for p in quoted][:2] == ["Jen Psaki", "Joe Biden"] and {p["type"] for p in quoted} == {"PERSON"}


# -- the article page ---------------------------------------------------------------------------


def test_article_marks_every_statement_with_its_speaker_colour(client):
    html = page(client, "/articles/bridges")
    tags = parse(html).tags
    marks = [a for t, a in tags if t == "mark" and "st" in a.get("class", "").split()]
    assert {m["data-st"] for m in marks} == {"s1", "s2", "s3"}
    colours = {m["data-st"]: re.search(r"sp-\d", m["class"])[0] for m in marks}
    assert len(set(colours.values())) == 3  # three speakers, three colours
    assert "stance-deny" in next(m["class"] for m in marks if m["data-st"] == "s2")
    # hovering shows speaker, role, cue, stance and time
    title = next(m["title"] for m in marks if m["data-st"] == "s1")
    for words in ("Joe Biden (President)", "said", "assert", "on Tuesday = 2021-03-09"):
        assert words in title, title
    cards = {a["data-card"]: a for t, a in tags if "data-card" in a}
    assert set(cards) == {"s1", "s2", "s3"} and all("hidden" in c for c in cards.values())
    # each card says who, in which role, with which cue, stance and time
    card = html[html.index('id="card-s1"'):html.index('id="card-s2"')]
    card_text = text_of(card)
    for words in ("Joe Biden", "President", "said", "assert", "on Tuesday", "2021-03-09"):
        assert words in card_text, words
    assert 'href="/people/' in card


def test_article_highlight_covers_exactly_the_statement_words(client):
    record = bridges().to_dict()
    rendered = render_article(record)
    html = str(rendered.blocks)
    for st in record["statements"]:
        pieces = re.findall(rf'<mark [^>]*data-st="{st["id"]}"[^>]*>(.*?)</mark>', html)
        assert "".join(pieces) == st["content"]["text"]
    # all the text is there, once, in order (labels aside), line by line
    without_badges = re.sub(r'<span class="badge">.*?</span> ', "", html)
    assert "".join(parse(without_badges).text) == "".join(line + "\n" for line in re.findall(r"[^\n]+", record["text"]))


def test_article_shows_captions_and_section_labels(client):
    html = page(client, "/articles/bridges")
    blocks = [a["class"] for t, a in parse(html).tags if t == "p" and "blk" in a.get("class", "")]
    assert "blk headline" in blocks and "blk caption" in blocks and "blk byline" in blocks
    caption = re.search(r'<p class="blk caption">(.*?)</p>', html)[1]
    assert "Caption" in caption and "Workers repair a bridge in Ohio" in caption
    assert re.search(r'class="lead-label"[^>]*>Why it matters:', html)


def test_article_page_and_list_show_the_metadata_author(client):
    def authors(html: str) -> list[dict]:
        return [attrs for tag, attrs in parse(html).tags if "author" in (attrs.get("class") or "").split()]

    html = page(client, "/articles/vaccines")
    assert len(authors(html)) == 1 and "By Ann Bell" in text_of(html)
    assert authors(page(client, "/articles/bridges")) == []  # no author in the metadata: none shown
    listing = page(client, "/articles")
    assert len(authors(listing)) == 2 and "Ann Bell" in text_of(listing)  # vaccines and the hostile article


def test_unknown_article_is_a_404_page(client):
    html = page(client, "/articles/no-such-thing", status=404)
    assert "404" in html and "no-such-thing" in text_of(html)
    assert client.get("/articles/no-such-thing.json").json()["status"] == 404
    page(client, "/people/424242", status=404)


# -- hostile text ---------------------------------------------------------------------------------


def test_hostile_article_is_escaped_everywhere(client):
    urls = ["/articles/" + quote("hostile<1>", safe=""), "/", "/articles", "/statements", "/people", "/timeline",
            "/search?q=trust", "/search?q=window"]
    for url in urls:
        html = page(client, url)
        assert "<script>window" not in html, url
        assert "<img src=x" not in html, url
        assert "<b>Hacker" not in html and "<svg onload" not in html, url
        for tag, attrs in parse(html).tags:
            assert not any(name.startswith("on") for name in attrs), (url, tag, attrs)
            assert tag not in ("img", "iframe", "object", "embed"), (url, tag)
            assert tag != "script" or attrs.get("src") == "/static/app.js", (url, attrs)
            for name in ("href", "src", "action"):
                assert not (attrs.get(name) or "").strip().lower().startswith("javascript:"), (url, attrs)
    html = page(client, "/articles/" + quote("hostile<1>", safe=""))
    visible = "".join(parse(html).text)
    assert XSS_SCRIPT in visible and XSS_IMG in visible and HOSTILE_NAME in visible  # shown as text


# -- person, timeline, search, lists --------------------------------------------------------------


def test_person_page_lists_statements_in_date_order_with_links(client):
    biden = client.get("/api/people?name=biden").json()["items"][0]
    html = page(client, f"/people/{biden['id']}")
    visible = text_of(html)
    first, second = visible.index("We will rebuild"), visible.index("Every adult will be eligible")
    assert first < second
    assert 'href="/articles/bridges#st-s1"' in html and 'href="/articles/vaccines#st-s1"' in html
    assert "President" in visible and "stance-assert" in html
    assert html.count("<circle") == 2  # the person's own chart


def test_timeline_page_draws_every_entry(client):
    data = client.get("/timeline.json").json()
    html = page(client, "/timeline")
    statements = [e for e in data["entries"]["items"] if e["kind"] == "statement"]
    events = [e for e in data["entries"]["items"] if e["kind"] == "event"]
    assert html.count("<circle") == len(statements) and html.count('class="pt ev"') == len(events) >= 1
    svg = re.search(r"<svg[^>]*timeline-chart[^>]*>", html)[0]
    assert "data-day0" in svg and "data-day1" in svg
    filtered = page(client, "/timeline?speaker=psaki&since=2021-03-01&until=2021-12-31")
    assert filtered.count("<circle") == 2
    assert page(client, "/timeline?text=shortage").count("<circle") == 1
    assert "not a date" in text_of(page(client, "/timeline?since=soon", status=422))


def test_search_page_highlights_matches(client):
    html = page(client, "/search?q=shortage")
    assert re.search(r"<mark>shortage</mark>", html, re.I)
    assert 'href="/articles/vaccines#st-s3"' in html
    assert "Nothing found" in text_of(page(client, "/search?q=zebra"))
    assert "<form" in page(client, "/search")


def test_list_pages_filter_and_page(client):
    html = page(client, "/statements?speaker=psaki&stance=deny")
    assert text_of(html).count("Jen Psaki") >= 2 and "rebuild" not in html
    paged = page(client, "/statements?limit=2")
    assert 'rel="next"' in paged and "of 7" in text_of(paged)
    orgs = page(client, "/people?type=ORG")
    assert "Acme Corp" in orgs and "Joe Biden" not in orgs
    assert "Morning Post" in page(client, "/articles?outlet=Morning%20Post")


def test_pages_forbid_inline_script(client):
    """Defence in depth: even text that escaped escaping could not run (no inline script allowed)."""
    for url in ("/", "/articles/bridges", "/api/stats"):
        csp = client.get(url).headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert client.get("/articles/bridges").headers["x-content-type-options"] == "nosniff"


def test_hostile_ids_and_values_in_a_record_stay_inside_attributes():
    """A stored record is data: ids, stance and labels from it never break out of an attribute."""
    record = bridges().to_dict()
    evil = '" onmouseover="window.__xss=1" x="'
    for st in record["statements"]:
        st["id"] = st["id"] + evil
        st["stance"] = "deny" + evil
    record["sections"][0]["label"] = "<script>window.__xss=1</script>"
    rendered = render_article(record)
    html = str(rendered.blocks)
    for tag, attrs in parse(html).tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
    assert "<script>" not in html
    marks = [a for t, a in parse(html).tags if t == "mark"]
    assert {m["data-st"] for m in marks} == {st["id"] for st in record["statements"]}


def test_api_page_lists_the_endpoints(client):
    html = page(client, "/api")
    for path in ("/api/statements", "/api/speakers/{speaker_id}", "/api/timeline", "/api/search", "/analyze"):
        assert f"<code>{path}</code>" in html, path
    assert "speaker" in text_of(html) and "text (optional)" not in text_of(html)
    assert client.get("/api", headers={"accept": "application/json"}).json()["openapi"].startswith("3.")


def test_statements_page_toggles_beliefs_intentions_and_actions_and_the_article_greys_them(tmp_path):
    from test_store_helpers import acts_archive

    with TestClient(create_app(acts_archive(tmp_path / "acts.db"))) as c:
        default = page(c, "/statements")
        assert "show beliefs, intentions and actions too" in default
        assert "rebuild the bridges" in default and "a mistake for the country" not in default
        toggle = [a for t, a in parse(default).tags if t == "input" and a.get("name") == "all"]
        assert toggle and toggle[0]["type"] == "checkbox" and "checked" not in toggle[0]
        every = page(c, "/statements?all=true")
        assert "a mistake for the country" in every and "think (not speech)" in every
        assert "checked" in [a for t, a in parse(every).tags if t == "input" and a.get("name") == "all"][0]
        article = page(c, "/articles/acts")
        greyed = [a for t, a in parse(article).tags if t == "mark" and "not-speech" in a.get("class", "")]
        assert {a["data-st"] for a in greyed} == {"s2", "s3"}
        assert {a["class"].split("act-")[1].split()[0] for a in greyed} == {"think", "intend"}
        said = [a for t, a in parse(article).tags if t == "mark" and a.get("data-st") == "s1"]
        assert said and all("not-speech" not in a["class"] for a in said)
        assert "1 statement" in article and "and 2 beliefs" in article
        (biden,) = c.get("/api/people?name=biden").json()["items"]
        person = page(c, f"/people/{biden['id']}")
        assert "show beliefs, intentions and actions too" in person and "a mistake for the country" not in person
        assert "a mistake for the country" in page(c, f"/people/{biden['id']}?all=true")
        (psaki,) = {s["speaker_id"] for s in c.get("/api/statements?all=true").json()["items"] if s["act"] == "intend"}
        only_intends = page(c, f"/people/{psaki}")  # linked from the statements page with every act: no 404
        assert "Nothing said or written" in only_intends and "the Senate next spring" not in only_intends
        assert f'href="/people/{psaki}?all=true"' in only_intends
        assert "the Senate next spring" in page(c, f"/people/{psaki}?all=true")
        timeline = page(c, "/timeline?since=0001")
        listed = timeline.split('<ol class="timeline-list">')[1]  # the summary above it tells the article's sentences
        assert "rebuild the bridges" in listed and "a mistake for the country" not in listed
        assert "checked" not in [a for t, a in parse(timeline).tags if t == "input" and a.get("name") == "all"][0]
        every_dated = page(c, "/timeline?since=0001&all=true")
        assert "a mistake for the country" in every_dated.split('<ol class="timeline-list">')[1] and "think (not speech)" in every_dated
        items = [a for t, a in parse(every_dated).tags if t == "li" and "tl-statement" in a.get("class", "")]
        assert sum("not-speech" in a["class"] for a in items) == 2 and len(items) == 3
        assert "all=true" in [a["href"] for t, a in parse(every_dated).tags if t == "a" and a.get("href", "").startswith("/timeline.json")][0]


def test_person_page_shows_at_most_role_rows_of_the_role_timeline_and_counts_the_rest(tmp_path):
    from test_store_helpers import Quote, build_article

    from storyline.jobs.link import link
    from storyline.store import Store
    from storyline.web.templating import ROLE_ROWS

    roles = [f"deputy {noun}" for noun in ("mayor", "governor", "minister", "director", "sheriff", "treasurer", "editor",
                                            "commissioner", "superintendent", "inspector", "ambassador", "chancellor", "speaker")]
    assert len(roles) > ROLE_ROWS
    path = tmp_path / "roles.db"
    with Store.open(path) as store:
        for year, role in enumerate(roles, 2001):
            store.add_article(build_article(f"r{year}", [Quote("Jane Roe", f"Point {year} stands", role=role)], published=f"{year}-06-01"))
        link(store)
    with TestClient(create_app(path)) as c:
        roe = c.get("/api/people", params={"name": "roe"}).json()["items"][0]
        assert len(c.get(f"/api/people/{roe['id']}").json()["identity"]["roles"]) == len(roles)
        html = page(c, f"/people/{roe['id']}")
    timeline = html[html.index('class="role-timeline"') : html.index("</table>", html.index('class="role-timeline"'))]
    rows = re.findall(r"<tr><td>([^<]*)</td><td>(\d{4}-\d\d-\d\d)</td>", timeline)
    assert rows == [(role, f"{year}-06-01") for year, role in enumerate(roles[:ROLE_ROWS], 2001)]  # oldest first
    assert f"and {len(roles) - ROLE_ROWS} more roles" in text_of(timeline)
