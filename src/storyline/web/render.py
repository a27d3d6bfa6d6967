"""The article page's text: every line of the record's text as a block, statements highlighted.

Safety: the only markup produced here is our own tags; every slice of article text and every
extracted string goes through `markupsafe.escape`, slice by slice between offsets, so an
article containing `<script>` or `onerror=` shows as text and runs nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import quote

from markupsafe import Markup, escape

from storyline.record import SPEECH_ACTS

PALETTE = 8  # speaker colours sp-0 .. sp-7 in style.css
_LINE = re.compile(r"[^\n]+")

STANCE_MARK = {"assert": "●", "deny": "✕", "hedge": "≈"}  # also spelled out next to the mark


@dataclass(slots=True)
class Speaker:
    key: str  # entity id, else speaker name/source text
    name: str
    colour: int
    roles: list[str]
    person_id: int | None
    statements: int = 0  # what they said or wrote here (not their beliefs, intentions or actions)


@dataclass(slots=True)
class Card:
    """What a click on a statement shows (all strings plain; the template escapes them)."""

    id: str
    speaker: Speaker | None
    speaker_text: str | None  # the source span as written ("a spokesman")
    role: str | None
    cue: str | None
    stance: str
    kind: str
    time_text: str | None
    time_value: str | None
    content: str
    addressee: str | None
    act: str = "say"

    @property
    def speech(self) -> bool:
        return self.act in SPEECH_ACTS

    def tooltip(self) -> str:
        """One line for the hover title: [act, when not speech ·] speaker (role) · cue · stance · time."""
        who = self.speaker.name if self.speaker else (self.speaker_text or "unattributed")
        parts = ([] if self.speech else [f"{self.act} (not speech)"]) + [f"{who} ({self.role})" if self.role else who]
        if self.cue:
            parts.append(f"“{self.cue}”")
        parts.append(self.stance)
        if self.time_text:
            parts.append(self.time_text + (f" = {self.time_value}" if self.time_value else ""))
        return " · ".join(parts)


@dataclass(slots=True)
class RenderedArticle:
    blocks: Markup
    cards: list[Card]
    speakers: list[Speaker] = field(default_factory=list)


def _speakers(record: dict, people: dict[str, int]) -> dict[str, Speaker]:
    """One Speaker per entity (else per name as written); `people`: statement id -> people.id."""
    entities = {e["id"]: e for e in record.get("entities") or []}
    found: dict[str, Speaker] = {}
    for st in record.get("statements") or []:
        entity = entities.get(st.get("speaker") or "")
        name = st.get("speaker_name") or (entity or {}).get("name") or (st.get("source") or {}).get("text") or "unattributed"
        key = _speaker_key(st)
        if key not in found:
            found[key] = Speaker(key, name, len(found) % PALETTE, list((entity or {}).get("roles") or []), people.get(st["id"]))
        found[key].statements += st.get("act", "say") in SPEECH_ACTS
    return found


def _speaker_key(st: dict) -> str:
    name = st.get("speaker_name") or (st.get("source") or {}).get("text") or "unattributed"
    return st.get("speaker") or " ".join(name.casefold().split())


def _block_kind(start: int, end: int, sections: list[dict], captions: list[dict]) -> tuple[str, str | None]:
    """(css kind, label shown) of one line: headline/byline/bullet/related/caption, else a paragraph."""
    for caption in captions:
        if caption["start"] < end and start < caption["end"]:
            return "caption", "Caption"
    for section in sections:
        if section["kind"] != "lead" and section["start"] < end and start < section["end"]:
            return section["kind"], section.get("label") or section["kind"].title()
    return "para", None


def render_article(record: dict, people: dict[str, int] | None = None) -> RenderedArticle:
    """The article text as escaped HTML blocks with statements marked, plus one detail card per statement.

    `people`: statement id -> people.id of its named speaker (`queries.article_people`), for links.
    """
    text: str = record["text"]
    people = people or {}
    speakers = _speakers(record, people)
    times = {t["id"]: t for t in record.get("times") or []}
    statements = record.get("statements") or []
    sections = record.get("sections") or []
    captions = record.get("captions") or []

    # Inline intervals: (start, end, priority, attributes). Lower priority wins a shared slice.
    marks: list[tuple[int, int, int, dict]] = []
    for st in statements:
        sp = speakers[_speaker_key(st)]
        parts = st["content"]["spans"]
        length = sum(e - s for s, e in parts)
        for s, e in parts:
            marks.append((s, e, length, {"st": st["id"], "colour": sp.colour, "stance": st.get("stance") or "assert",
                                         "act": st.get("act") or "say"}))
        for role in ("source", "cue"):
            for s, e in (st.get(role) or {}).get("spans") or []:
                marks.append((s, e, 10**9, {role: st["id"]}))
    for section in sections:
        if section["kind"] == "lead":  # the span is the label itself ("Why it matters:")
            marks.append((section["start"], section["end"], 10**9 + 1, {"label": section["kind"]}))

    cards = []
    for st in statements:
        time = times.get(st.get("time") or "")
        cards.append(
            Card(
                id=st["id"],
                speaker=speakers[_speaker_key(st)],
                speaker_text=(st.get("source") or {}).get("text"),
                role="; ".join(speakers[_speaker_key(st)].roles) or None,
                cue=(st.get("cue") or {}).get("text"),
                stance=st.get("stance") or "assert",
                kind=st["kind"],
                time_text=time["text"] if time else None,
                time_value=time["value"] if time else None,
                content=st["content"]["text"],
                addressee=st.get("addressee"),
                act=st.get("act") or "say",
            )
        )
    tips = {card.id: card.tooltip() for card in cards}
    first_slice: set[str] = set()
    html: list[str] = []
    for line in _LINE.finditer(text):
        start, end = line.span()
        kind, label = _block_kind(start, end, sections, captions)
        html.append(f'<p class="blk {kind}">')
        if label:
            html.append(f'<span class="badge">{escape(label)}</span> ')
        inside = [m for m in marks if m[0] < end and start < m[1]]
        cuts = sorted({start, end, *(max(start, m[0]) for m in inside), *(min(end, m[1]) for m in inside)})
        for a, b in zip(cuts, cuts[1:]):
            piece = escape(text[a:b])
            covering = [m for m in inside if m[0] <= a and b <= m[1]]
            html.append(_slice(piece, covering, first_slice, tips))
        html.append("</p>\n")

    return RenderedArticle(Markup("".join(html)), cards, list(speakers.values()))


def _slice(piece: Markup, covering: list[tuple[int, int, int, dict]], first_slice: set[str], tips: dict[str, str]) -> str:
    if not covering:
        return str(piece)
    classes: list[str] = []
    attrs: list[str] = []
    statement = min((m for m in covering if "st" in m[3]), key=lambda m: m[2], default=None)
    if statement is not None:
        info = statement[3]
        classes += ["st", f"sp-{info['colour']}", f"stance-{info['stance']}"]
        if info["act"] not in SPEECH_ACTS:  # a belief, intention or action: shown apart from what was said
            classes += ["not-speech", f"act-{info['act']}"]
        if sum(1 for m in covering if "st" in m[3]) > 1:
            classes.append("st-nested")
        attrs.append(f'data-st="{escape(info["st"])}" tabindex="0" role="button" title="{escape(tips.get(info["st"], ""))}"')
        if info["st"] not in first_slice:  # anchor for links from person/timeline pages
            first_slice.add(info["st"])
            attrs.append(f'id="st-{escape(info["st"])}"')
    for m in covering:
        for role in ("source", "cue"):
            if role in m[3]:
                classes.append(role)
                attrs.append(f'data-{role}="{escape(m[3][role])}"')
        if "label" in m[3]:
            classes.append("lead-label")
    tag = "mark" if statement is not None else "span"
    return f'<{tag} class="{escape(" ".join(dict.fromkeys(classes)))}" {" ".join(dict.fromkeys(attrs))}>{piece}</{tag}>'


def article_href(article_id: str, statement_id: str | None = None) -> str:
    """Link to an article page (ids may hold any character: quoted as one path segment)."""
    href = "/articles/" + quote(article_id, safe="")
    return href + (f"#st-{quote(statement_id, safe='')}" if statement_id else "")
