"""Build the reporter's gold from the marked-up stories: `stories/*.txt` -> `articles.jsonl`, `gold.jsonl`.

    PYTHONPATH=src python bench/reporter_gold/build.py          # rewrite both files
    PYTHONPATH=src python bench/reporter_gold/build.py --check  # fail if they are stale

A story file is a header (`key: value` lines: id, style, title, published, source, author; `title: -`
for a text with no title), a line `===`, the article text with inline marks, a line `===`, and one
line per attribution: `N | speaker | kind | stance | act | tags`.

Inline marks (nestable; the marks are removed from the text and become character offsets):
    [[cN:...]]   content of attribution N (repeat the mark for a discontinuous content)
    [[sN:...]]   its source (the words naming the speaker where they stand)
    [[qN:...]]   its cue ("said", "according to", a colon...)
    [[L-kind:...]] a layout element (label, caption, credit, byline, dateline, subheading, headline)

The speaker column is the identity (the canonical full name as the article gives it), `-` when the
article names no one; several speakers are joined by ` + `, name variants by ` / `
("Reserve Bank of India / RBI"). kind: direct|indirect|mixed; stance: assert|deny|hedge;
act: say|write|think|intend|do|perceive|other. tags: comma-separated hard-case names.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

# The guideline's rule, as the PolNeAR part of the gold applies it: a quote opening a new sentence after the
# cue's sentence ('"A," X said. "B."') is a statement of its own; a story's attribution must not hold one.
from storyline.eval.polnear import Attribution, reporter_statements

HERE = Path(__file__).resolve().parent
ACTS = {"say", "write", "think", "intend", "do", "perceive", "other"}
KINDS = {"direct", "indirect", "mixed"}
STANCES = {"assert", "deny", "hedge"}
_OPEN = re.compile(r"\[\[(?:([csq])([0-9]+[a-z]?)|L-([a-z]+)):")


class StoryError(ValueError):
    pass


def parse_marks(marked: str, where: str) -> tuple[str, list[tuple[str, str, int, int]]]:
    """Plain text and (role, key, start, end) for each mark; role c/s/q with key N, or L with key kind."""
    out: list[str] = []
    length = 0
    stack: list[tuple[str, str, int]] = []
    marks: list[tuple[str, str, int, int]] = []
    i = 0
    while i < len(marked):
        m = _OPEN.match(marked, i)
        if m:
            role, key = (m.group(1), m.group(2)) if m.group(1) else ("L", m.group(3))
            stack.append((role, key, length))
            i = m.end()
            continue
        if marked.startswith("]]", i) and stack:
            role, key, start = stack.pop()
            marks.append((role, key, start, length))
            i += 2
            continue
        out.append(marked[i])
        length += 1
        i += 1
    if stack:
        raise StoryError(f"{where}: unclosed mark [[{stack[-1][0]}{stack[-1][1]}:")
    return "".join(out), marks


def read_story(path: Path) -> tuple[dict, list[dict]]:
    raw = path.read_text(encoding="utf-8")
    try:
        header, body, table = raw.split("\n===\n")
    except ValueError:
        raise StoryError(f"{path.name}: expected header, '===', text, '===', table") from None
    meta = dict(line.split(": ", 1) for line in header.strip().splitlines())
    text, marks = parse_marks(body.strip("\n"), path.name)
    article = {
        "id": meta["id"],
        "title": None if meta.get("title", "-") == "-" else meta["title"],
        "text": text,
        "published": meta.get("published"),
        "source": meta.get("source"),
        "author": None if meta.get("author", "-") == "-" else meta["author"],
        "style": meta["style"],
    }
    spans: dict[tuple[str, str], list[list[int]]] = {}
    records = []
    for role, key, start, end in marks:
        if role == "L":
            records.append({"article": article["id"], "type": "layout", "layout": key, "span": [start, end], "text": text[start:end]})
        else:
            spans.setdefault((role, key), []).append([start, end])
    numbers = set()
    for lineno, line in enumerate(table.strip().splitlines(), 1):
        if not line.strip():
            continue
        cells = [c.strip() for c in line.split("|")]
        if len(cells) < 5:
            raise StoryError(f"{path.name}: table line {lineno}: expected 'N | speaker | kind | stance | act | tags'")
        n, speaker, kind, stance, act = cells[:5]
        tags = [t.strip() for t in cells[5].split(",") if t.strip()] if len(cells) > 5 else []
        if kind not in KINDS or stance not in STANCES or act not in ACTS:
            raise StoryError(f"{path.name}: table line {lineno}: bad kind/stance/act {kind}/{stance}/{act}")
        if ("c", n) not in spans:
            raise StoryError(f"{path.name}: table line {lineno}: no [[c{n}:...]] in the text")
        numbers.add(n)
        content = sorted(spans[("c", n)])
        cue = sorted(spans.get(("q", n), []))
        if len(reporter_statements(text, Attribution((), tuple(map(tuple, cue)), tuple(map(tuple, content))))) > 1:
            raise StoryError(f"{path.name}: table line {lineno}: a quote opening a sentence after the cue's is a statement of its own")
        records.append({
            "article": article["id"],
            "type": "attribution",
            "id": f"{article['id']}#{n}",
            "content": content,
            "content_text": " ".join(text[s:e] for s, e in content),
            "source": sorted(spans.get(("s", n), [])) or None,
            "cue": cue or None,
            "speaker": None if speaker == "-" else [[v.strip() for v in who.split(" / ")] for who in speaker.split(" + ")],
            "kind": kind,
            "stance": stance,
            "act": act,
            "tags": tags,
        })
    orphans = {n for (role, n) in spans} - numbers
    if orphans:
        raise StoryError(f"{path.name}: marks without a table line: {sorted(orphans)}")
    return article, records


def build() -> tuple[str, str]:
    articles, gold = [], []
    for path in sorted((HERE / "stories").glob("*.txt")):
        article, records = read_story(path)
        articles.append(json.dumps(article, ensure_ascii=False))
        gold.extend(json.dumps(r, ensure_ascii=False) for r in records)
    return "\n".join(articles) + "\n", "\n".join(gold) + "\n"


def main(argv: list[str]) -> int:
    articles, gold = build()
    targets = {HERE / "articles.jsonl": articles, HERE / "gold.jsonl": gold}
    if "--check" in argv:
        stale = [p.name for p, t in targets.items() if not p.exists() or p.read_text(encoding="utf-8") != t]
        if stale:
            print(f"stale: {', '.join(stale)} (run bench/reporter_gold/build.py)", file=sys.stderr)
            return 1
        return 0
    for path, content in targets.items():
        path.write_text(content, encoding="utf-8")
    print(f"{articles.count(chr(10))} articles, {sum(1 for l in gold.splitlines() if 'attribution' in l)} attributions")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
