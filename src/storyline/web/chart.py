"""The timeline chart as server-rendered SVG: one lane per leading speaker, one for other speakers,
one for time-anchored sentences; x is the calendar. Every string in it is escaped.

The <svg> carries its axis (data-day0/day1 as day numbers, data-x0/x1 in viewBox units) so
the page's small script can turn a dragged range into ?since=&until= (zoom by date range).
"""
from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from markupsafe import Markup, escape

from storyline.store.queries import TimelineEntry
from storyline.web.render import article_href

WIDTH = 1000
LEFT = 170  # lane labels
RIGHT = 20
TOP = 30  # axis labels
LANE_PAD = 10
DOT = 11  # vertical step between stacked dots
MAX_STACK = 6  # dots stacked in one column before the next column starts
MAX_LANES = 8  # named speaker lanes; the rest share "other speakers"
STANCE_FILL = {"assert": "#2563eb", "deny": "#dc2626", "hedge": "#d97706"}


def _day(value: str) -> int:
    return date.fromisoformat(value).toordinal()


def _ticks(d0: int, d1: int) -> list[tuple[int, str]]:
    """Calendar ticks for the range: days, weeks, months or years, about 4 to 12 of them."""
    span = d1 - d0
    first = date.fromordinal(d0)
    ticks: list[tuple[int, str]] = []
    if span <= 14:
        ticks = [(d, date.fromordinal(d).strftime("%d %b")) for d in range(d0, d1 + 1)]
    elif span <= 90:
        monday = first - timedelta(days=first.weekday())
        step = 7 if span <= 60 else 14
        ticks = [(d, date.fromordinal(d).strftime("%d %b")) for d in range(monday.toordinal(), d1 + 1, step)]
    elif span <= 3 * 365:
        step = 1 if span <= 370 else 3
        y, m = first.year, first.month
        while True:
            d = date(y, m, 1).toordinal()
            if d > d1:
                break
            ticks.append((d, date(y, m, 1).strftime("%b %Y" if m == 1 or not ticks else "%b")))
            m += step
            y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
    else:
        step = max(1, span // 365 // 10)
        ticks = [(date(y, 1, 1).toordinal(), str(y)) for y in range(first.year, date.fromordinal(d1).year + 1, step)]
    return [t for t in ticks if d0 <= t[0] <= d1]


def lanes_for(entries: list[TimelineEntry]) -> list[str]:
    """Lane names: the most frequent speakers, then "other speakers", then "dated sentences"."""
    counts = Counter(e.speaker or "unattributed" for e in entries if e.kind == "statement")
    named = [name for name, _ in counts.most_common(MAX_LANES)]
    lanes = list(named)
    if len(counts) > len(named):
        lanes.append("other speakers")
    if any(e.kind == "event" for e in entries):
        lanes.append("dated sentences")
    return lanes


def _truncate(text: str, n: int = 160) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def timeline_svg(entries: list[TimelineEntry], since: str | None = None, until: str | None = None) -> Markup:
    """The chart for `entries` (already in date order); an empty-state SVG when there are none."""
    days = [_day(e.date) for e in entries]
    d0 = _day(since) if since else (min(days) if days else date.today().toordinal())
    d1 = _day(until) if until else (max(days) if days else d0)
    if since is None and until is None:
        d0, d1 = d0 - 1, d1 + 1  # a day's margin so edge points are not on the frame
    d1 = max(d1, d0 + 1)
    lanes = lanes_for(entries)
    lane_of = {name: i for i, name in enumerate(lanes)}

    def x(day: int) -> float:
        return LEFT + (day - d0) / (d1 - d0) * (WIDTH - LEFT - RIGHT)

    # Stack dots that share a lane and a day.
    stacks: Counter[tuple[int, int]] = Counter()
    placed: list[tuple[TimelineEntry, int, int, int]] = []
    for entry, day in zip(entries, days):
        if entry.kind == "event":
            lane = lane_of["dated sentences"]
        else:
            lane = lane_of.get(entry.speaker or "unattributed", lane_of.get("other speakers", 0))
        k = stacks[(lane, day)]
        stacks[(lane, day)] += 1
        placed.append((entry, lane, day, k))
    rows = [1] * len(lanes)
    for (lane, _), n in stacks.items():
        rows[lane] = max(rows[lane], min(n, MAX_STACK))
    tops = []
    y = TOP
    for n in rows:
        tops.append(y)
        y += 2 * LANE_PAD + (n - 1) * DOT
    height = y + 10 if lanes else TOP + 60

    out: list[str] = [
        f'<svg class="timeline-chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="Timeline of {len(entries)} entries"'
        f' data-day0="{d0}" data-day1="{d1}" data-x0="{LEFT}" data-x1="{WIDTH - RIGHT}" preserveAspectRatio="xMinYMin meet">'
    ]
    for i, name in enumerate(lanes):
        lane_h = 2 * LANE_PAD + (rows[i] - 1) * DOT
        out.append(f'<rect class="lane{i % 2}" x="0" y="{tops[i]}" width="{WIDTH}" height="{lane_h}"/>')
        out.append(
            f'<text class="lane-label" x="6" y="{tops[i] + LANE_PAD + 4}">{escape(_truncate(name, 24))}</text>'
        )
    for day, label in _ticks(d0, d1):
        tx = x(day)
        out.append(f'<line class="tick" x1="{tx:.1f}" y1="{TOP - 6}" x2="{tx:.1f}" y2="{height - 10}"/>')
        out.append(f'<text class="tick-label" x="{tx:.1f}" y="{TOP - 10}" text-anchor="middle">{escape(label)}</text>')
    out.append(f'<rect class="brush" x="0" y="{TOP}" width="0" height="{height - TOP - 10}" visibility="hidden"/>')
    for entry, lane, day, k in placed:
        cx = x(day) + (k // MAX_STACK) * 7
        cy = tops[lane] + LANE_PAD + (k % MAX_STACK) * DOT
        tip = f"{entry.date} · {entry.speaker or 'dated sentence'}"
        if entry.kind == "statement":
            tip += f" ({entry.stance})"
        tip += f": {_truncate(entry.text)}"
        href = article_href(entry.article_id, entry.statement_id)
        if entry.kind == "event":
            shape = f'<rect class="pt ev" x="{cx - 4:.1f}" y="{cy - 4:.1f}" width="8" height="8" transform="rotate(45 {cx:.1f} {cy:.1f})"/>'
        else:
            fill = STANCE_FILL.get(entry.stance or "assert", "#2563eb")
            shape = f'<circle class="pt st stance-{escape(entry.stance or "assert")}" cx="{cx:.1f}" cy="{cy:.1f}" r="5" fill="{fill}"/>'
        out.append(f'<a href="{escape(href)}" class="pt-link" data-date="{escape(entry.date)}"><title>{escape(tip)}</title>{shape}</a>')
    if not entries:
        out.append(f'<text class="empty" x="{WIDTH / 2}" y="{TOP + 30}" text-anchor="middle">Nothing on the timeline for these filters.</text>')
    out.append("</svg>")
    return Markup("".join(out))
