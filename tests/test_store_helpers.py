"""Hand-built `Article` records for store/query tests (no NLP involved): every span indexes its text."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from storyline.record import Article, Entity, Mention, Span, Statement, TimeExpression


@dataclass
class Quote:
    speaker: str | None  # None: an unnamed source ("A spokesman")
    words: str
    role: str | None = None
    stance: str = "assert"
    kind: str = "direct"
    when: tuple[str, str] | None = None  # (time text placed in the sentence, TIMEX3 value)


def build_article(
    article_id: str,
    quotes: list[Quote],
    published: str | None = "2021-03-10",
    outlet: str | None = "Daily Planet",
    title: str | None = None,
    url: str | None = None,
    events: list[tuple[str, str, str]] = (),  # (sentence prefix, time text, TIMEX3 value): dated non-quote sentences
    filler: str = "",
) -> Article:
    text = ""
    entities: dict[str, Entity] = {}
    statements: list[Statement] = []
    times: list[TimeExpression] = []

    def add(part: str) -> tuple[int, int]:
        nonlocal text
        start = len(text)
        text += part
        return start, len(text)

    for prefix, time_text, value in events:
        add(prefix + " ")
        ts, te = add(time_text)
        add(". ")
        times.append(TimeExpression(f"t{len(times) + 1}", ts, te, time_text, "DATE", value))
    for i, q in enumerate(quotes, 1):
        if q.speaker:
            ss, se = add(q.speaker)
            entity = entities.get(q.speaker)
            if entity is None:
                entity = entities[q.speaker] = Entity(f"e{len(entities) + 1}", q.speaker, "PERSON", [q.role] if q.role else [])
            entity.mentions.append(Mention(ss, se, q.speaker))
            if q.role:
                add(", " + q.role + ",")
        else:
            ss, se = add("A spokesman")
        cs, ce = add(" said")
        time_id = None
        if q.when:
            add(" ")
            ts, te = add(q.when[0])
            time_id = f"t{len(times) + 1}"
            times.append(TimeExpression(time_id, ts, te, q.when[0], "DATE", q.when[1]))
        add(' that "' if q.kind == "direct" else " that ")
        qs, qe = add(q.words)
        add('". ' if q.kind == "direct" else ". ")
        statements.append(
            Statement(
                id=f"s{i}", kind=q.kind, content=Span.of(text, [(qs, qe)]), source=Span.of(text, [(ss, se)]),
                cue=Span.of(text, [(cs + 1, ce)]), speaker=entities[q.speaker].id if q.speaker else None,
                speaker_name=q.speaker, stance=q.stance, time=time_id,
            )
        )
    if filler:
        add(filler)
    article = Article(
        id=article_id, text=text.strip(), title=title or f"Story {article_id}", published=published,
        url=url or f"https://example.com/{article_id}", outlet=outlet,
        entities=list(entities.values()), statements=statements, times=times,
    )
    check_spans(article)
    return article


def check_spans(article: Article) -> None:
    t = article.text
    for st in article.statements:
        for span in (st.content, st.source, st.cue):
            if span is not None:
                assert span.text == " ".join(t[s:e] for s, e in span.spans)
    for time in article.times:
        assert t[time.start : time.end] == time.text
    for entity in article.entities:
        for m in entity.mentions:
            assert t[m.start : m.end] == m.text


WIRE = (
    "The city council voted on Monday to expand the bus network across the northern districts, adding twelve new routes "
    "and extending service hours on weekends. Officials expect ridership to grow by a fifth within two years. "
    "The plan, which had been debated for eighteen months, passed by a narrow margin after a long evening session. "
    "Opponents argued that the cost would fall on residents who rarely use public transport, while supporters pointed "
    "to congestion and air quality. The first new routes are scheduled to open in the spring, with the rest following "
    "over the next year as drivers are hired and trained. "
)


_NAMES = ["Maria Lopez", "John Carter", "Aisha Khan", "Peter Novak", "Linda Cho", "Omar Haddad", "Grace Miller", "Tom Becker"]
_ROLES = ["the mayor", "a council member", "the finance minister", "a union leader", "the police chief", "a local doctor"]
_PLACES = ["Springfield", "Riverton", "Lakeside", "Hill Valley", "Northport", "Eastwick", "Fairview", "Oakdale"]
_THINGS = ["the budget", "the new hospital", "the bus network", "the school plan", "the water tax", "the housing law", "the bridge repair"]
_VERBS = ["grow", "shrink", "be delayed", "cost more", "be approved", "be reviewed", "change"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def news_text(number: int, sentences: int = 8) -> str:
    """A distinct, plausible English news text for ingest tests (deterministic in `number`)."""
    import random

    rng = random.Random(number)
    lines = [f"Report {number}: {rng.choice(_THINGS).capitalize()} in {rng.choice(_PLACES)}"]
    for _ in range(sentences):
        name, role, place, thing = rng.choice(_NAMES), rng.choice(_ROLES), rng.choice(_PLACES), rng.choice(_THINGS)
        lines.append(
            f'{name}, {role} of {place}, said on {rng.choice(_DAYS)} that {thing} would {rng.choice(_VERBS)} '
            f'by {rng.randint(2, 97)} percent. "We have {rng.randint(3, 900)} reasons to act now," {name.split()[0]} said.'
        )
    return "\n\n".join(lines)


def acts_archive(path) -> Path:
    """An archive of one article where Joe Biden says one thing and believes another, and Jen Psaki
    intends something: the archive lists say/write by default, the rest on request."""
    from storyline.jobs.link import link
    from storyline.store import Store

    article = build_article(
        "acts",
        [
            Quote("Joe Biden", "We will rebuild the bridges and the roads", role="president"),
            Quote("Joe Biden", "The tax increase is a mistake for the country", role="president"),
            Quote("Jen Psaki", "The plan will go to the Senate next spring", role="press secretary"),
        ],
    )
    article.statements[1].act = "think"
    article.statements[2].act = "intend"
    with Store.open(path) as store:
        store.add_article(article, origin="test:acts")
        link(store)
    return path
