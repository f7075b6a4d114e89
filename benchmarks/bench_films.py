"""Read every plain-text film script and report scenes, speakers, cues and time.

    python benchmarks/bench_films.py [--root DIR] [--quiet]

DIR defaults to ../shared/data/films/scripts relative to the repository root.
When heroes.tsv (file, hero label) sits beside the scripts folder, the summary
gives the share of labelled films whose hero is among the speakers: a label
matches a speaker when any word of it equals a word of the speaker's name,
ignoring case. The figures are an evaluation; nothing here is tuned to them.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import traceback
from pathlib import Path

from whosestory.model import Kind
from whosestory.readers import read_script
from whosestory.screenplay import parse_cue

REPO = Path(__file__).resolve().parent.parent
DEFAULT_ROOT = REPO.parent / "shared" / "data" / "films" / "scripts"


def load_heroes(path: Path) -> dict[str, str]:
    """file name -> hero label, from a TSV with a header line."""
    heroes = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) >= 2 and parts[1].strip():
            heroes[parts[0].strip()] = parts[1].strip()
    return heroes


def hero_matches(label: str, speakers: set[str]) -> bool:
    """True when any word of the label equals a word of some speaker's name."""
    wanted = {w.lower() for w in label.split()}
    return any(wanted & {w.lower() for w in name.split()} for name in speakers)


def measure(path: Path) -> tuple[int, set[str], int, float]:
    """Headings, speaker names, cues (speeches) and seconds to read one file."""
    started = time.perf_counter()
    script = read_script(path, fmt="text")
    seconds = time.perf_counter() - started
    headings = sum(1 for e in script.elements if e.kind == Kind.HEADING)
    speakers: set[str] = set()
    cues = 0
    previous = None
    for element in script.elements:
        if element.kind == Kind.DIALOGUE and element.cue:
            speakers.add(parse_cue(element.cue).name)
            if (
                previous is None
                or previous.cue != element.cue
                or previous.kind
                not in (
                    Kind.DIALOGUE,
                    Kind.PARENTHETICAL,
                )
            ):
                cues += 1
        previous = element
    return headings, speakers, cues, seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--quiet", action="store_true", help="print the summary only")
    args = parser.parse_args(argv)
    root: Path = args.root
    if not root.is_dir():
        print(f"no scripts folder at {root}; nothing to measure.")
        return 0
    heroes_path = root.parent / "heroes.tsv"
    heroes = load_heroes(heroes_path) if heroes_path.exists() else {}
    times, failures, hits, misses = [], [], 0, []
    for path in sorted(root.glob("*.txt")):
        try:
            headings, speakers, cues, seconds = measure(path)
        except Exception:  # an evaluation reports every failure and goes on
            failures.append(path.name)
            print(f"FAIL {path.name}\n{traceback.format_exc()}", file=sys.stderr)
            continue
        times.append(seconds)
        if not args.quiet:
            print(f"{path.name}\t{headings}\t{len(speakers)}\t{cues}\t{seconds * 1000:.0f} ms")
        label = heroes.get(path.name)
        if label:
            if hero_matches(label, speakers):
                hits += 1
            else:
                misses.append(f"{path.name} ({label})")
    print(f"files: {len(times) + len(failures)}  failures: {len(failures)}")
    if times:
        print(f"median: {statistics.median(times) * 1000:.0f} ms  total: {sum(times):.2f} s")
    if hits or misses:
        rate = hits / (hits + misses.__len__())
        print(f"hero among speakers: {hits}/{hits + len(misses)} = {rate:.1%}")
        for miss in misses:
            print(f"  missed: {miss}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
