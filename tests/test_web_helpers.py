"""Hand-made archives for the API, page and browser tests (no NLP: fast and exact).

`build_archive(path)` stores three articles written here, each statement's offsets found in
its own text, so every test knows exactly who said what, when. HOSTILE is an article whose
text, title, speaker and URL try to inject markup and script.
"""
from __future__ import annotations

from pathlib import Path

from storyline.jobs.link import link
from storyline.record import Article, Caption, Entity, Mention, Section, Span, Statement, TimeExpression
from storyline.store import Store

XSS_SCRIPT = "<script>window.__xss=1</script>"
XSS_IMG = '<img src=x onerror="window.__xss=1">'


def span(text: str, words: str, after: int = 0) -> Span:
    start = text.index(words, after)
    return Span(words, [[start, start + len(words)]])


def near(text: str, words: str, anchor: int) -> Span:
    """The occurrence of `words` closest to offset `anchor` (a cue or source next to its statement)."""
    starts = [i for i in range(len(text)) if text.startswith(words, i)]
    assert starts, words
    start = min(starts, key=lambda i: abs(i - anchor))
    return Span(words, [[start, start + len(words)]])


def entity(text: str, eid: str, name: str, type_: str, roles: list[str]) -> Entity:
    start = text.index(name)
    return Entity(eid, name, type_, roles, [Mention(start, start + len(name), name)])


def statement(text: str, sid: str, words: str, source: str | None, cue: str | None, speaker: str | None = None,
              speaker_name: str | None = None, stance: str = "assert", kind: str = "direct", time: str | None = None) -> Statement:
    content = span(text, words)
    return Statement(
        id=sid, kind=kind, content=content,
        source=near(text, source, content.start) if source else None,
        cue=near(text, cue, content.end) if cue else None,
        speaker=speaker, speaker_name=speaker_name, stance=stance, time=time,
    )


def time_expr(text: str, tid: str, words: str, value: str) -> TimeExpression:
    s = span(text, words)
    return TimeExpression(tid, s.start, s.end, words, "DATE", value)


def bridges() -> Article:
    headline = "Biden promises bridges as Psaki denies tax plan"
    text = (
        f"{headline}\n\n"
        "WASHINGTON - \"We will rebuild the bridges and the roads,\" President Joe Biden said on Tuesday.\n\n"
        "Workers repair a bridge in Ohio. Photo: Ann Lee/Daily Planet\n\n"
        "Why it matters: The bill passed the Senate on March 6 after a long fight.\n\n"
        "Press secretary Jen Psaki denied that a tax increase was planned. \"No decision has been made on the tax increase,\" she said.\n\n"
        "Officials said the plan may be delayed until summer.\n\n"
        "By Sam Writer"
    )
    entities = [
        entity(text, "e1", "Joe Biden", "PERSON", ["President"]),
        entity(text, "e2", "Jen Psaki", "PERSON", ["Press secretary"]),
    ]
    cap = span(text, "Workers repair a bridge in Ohio. Photo: Ann Lee/Daily Planet")
    lead = span(text, "Why it matters:")
    byline = span(text, "By Sam Writer")
    times = [time_expr(text, "t1", "on Tuesday", "2021-03-09"), time_expr(text, "t2", "March 6", "2021-03-06")]
    statements = [
        statement(text, "s1", "We will rebuild the bridges and the roads", "Joe Biden", "said", "e1", "Joe Biden", time="t1"),
        statement(text, "s2", "No decision has been made on the tax increase", "she", "said", "e2", "Jen Psaki", stance="deny"),
        statement(text, "s3", "the plan may be delayed until summer", "Officials", "said", None, None, stance="hedge", kind="indirect"),
    ]
    return Article(
        "bridges", text, title=headline, published="2021-03-10", url="https://example.com/planet/bridges", outlet="Daily Planet",
        sections=[Section("headline", "Headline", 0, len(headline)), Section("lead", "Why it matters", lead.start, lead.end),
                  Section("byline", "Byline", byline.start, byline.end)],
        captions=[Caption(cap.text, cap.start, cap.end, "Ann Lee/Daily Planet")],
        entities=entities, statements=statements, times=times,
    )


def vaccines() -> Article:
    headline = "Every adult eligible by May, Biden says"
    text = (
        f"{headline}\n\n"
        "\"Every adult will be eligible for a vaccine by May,\" Joe Biden said.\n\n"
        "Acme Corp said it would not raise prices.\n\n"
        "Jen Psaki rejected claims of shortages. \"There is no shortage,\" Psaki said."
    )
    entities = [
        entity(text, "e1", "Joe Biden", "PERSON", ["President"]),
        entity(text, "e2", "Acme Corp", "ORG", []),
        entity(text, "e3", "Jen Psaki", "PERSON", ["Press secretary"]),
    ]
    statements = [
        statement(text, "s1", "Every adult will be eligible for a vaccine by May", "Joe Biden", "said", "e1", "Joe Biden"),
        statement(text, "s2", "it would not raise prices", "Acme Corp", "said", "e2", "Acme Corp", stance="deny", kind="indirect"),
        statement(text, "s3", "There is no shortage", "Psaki", "said", "e3", "Jen Psaki", stance="deny"),
    ]
    return Article("vaccines", text, title=headline, published="2021-04-02", url="https://example.com/post/vaccines",
                   outlet="Morning Post", author="Ann Bell", sections=[Section("headline", "Headline", 0, len(headline))],
                   entities=entities, statements=statements)


HOSTILE_NAME = "Eve <b>Hacker</b>"


def hostile() -> Article:
    headline = "Harbor <i>news</i> " + XSS_SCRIPT
    text = (
        f"{headline}\n\n"
        f"The page held {XSS_SCRIPT} and {XSS_IMG} in its body.\n\n"
        f"\"Trust me {XSS_IMG} completely,\" {HOSTILE_NAME} said."
    )
    statements = [
        statement(text, "s1", f"Trust me {XSS_IMG} completely", HOSTILE_NAME, "said", "e1", HOSTILE_NAME),
    ]
    entities = [entity(text, "e1", HOSTILE_NAME, "PERSON", ['chief <svg onload="window.__xss=1">'])]
    return Article("hostile<1>", text, title=headline, published="2021-05-01", url='javascript:window.__xss=1',
                   outlet="Evil <Times>", author=f"Mallory {XSS_IMG}", sections=[Section("headline", "Headline", 0, len(headline))],
                   entities=entities, statements=statements)


def build_archive(path: Path, hostile_article: bool = True) -> Path:
    with Store.open(path) as store:
        for article in (bridges(), vaccines(), *([hostile()] if hostile_article else [])):
            store.add_article(article, origin=f"test:{article.id}")
        link(store)
    return path
