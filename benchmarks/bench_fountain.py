"""Time the Fountain reader against the `fountain-parser` package, and read every Fountain file.

    python benchmarks/bench_fountain.py [--root DIR] [--repeats N]

DIR defaults to ../shared/data relative to the repository root; without it the
benchmark says so and exits cleanly. Both parsers read Big Fish
(screenplays/screenplain/examples/Big-Fish.fountain) from its bytes, N times each,
interleaved so that machine noise falls on both alike; the medians and their
ratio are printed. Then every ``.fountain`` file under screenplays/ is read and
its element counts by kind are printed, with the number of diagnostics, so a
change in the reader shows up as a change in the table. Exit status 1 if any
file raised.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from whosestory.readers import fountain

REPO = Path(__file__).resolve().parent.parent
DEFAULT_ROOT = REPO.parent / "shared" / "data"
BIG_FISH = Path("screenplays/screenplain/examples/Big-Fish.fountain")
COLUMNS = (
    "heading",
    "action",
    "dialogue",
    "parenthetical",
    "transition",
    "centered",
    "lyric",
    "note",
    "section",
    "synopsis",
    "page_break",
)


def median_ms(runs: list[float]) -> float:
    return statistics.median(runs) * 1000


def time_both(
    ours: Callable[[], object], theirs: Callable[[], object], repeats: int
) -> tuple[list[float], list[float]]:
    """Seconds per run for each, interleaved after a short warm-up."""
    for _ in range(3):
        ours()
        theirs()
    ours_runs, theirs_runs = [], []
    for _ in range(repeats):
        started = time.perf_counter()
        ours()
        ours_runs.append(time.perf_counter() - started)
        started = time.perf_counter()
        theirs()
        theirs_runs.append(time.perf_counter() - started)
    return ours_runs, theirs_runs


def compare_speed(path: Path, repeats: int) -> None:
    """Print both medians on one file and their ratio."""
    try:
        import fountain_parser
    except ImportError:
        print(
            "fountain-parser is not installed (pip install -e '.[bench]'); speed comparison skipped"
        )
        return
    data = path.read_bytes()
    ours_runs, theirs_runs = time_both(
        lambda: fountain.read(data, str(path)),
        lambda: fountain_parser.parse(data.decode("utf-8")),
        repeats,
    )
    ours, theirs = median_ms(ours_runs), median_ms(theirs_runs)
    print(f"{path.name}: {len(data.splitlines())} lines, {repeats} runs each, from bytes")
    print(f"  whosestory.readers.fountain  median {ours:7.2f} ms")
    print(f"  fountain_parser.parse        median {theirs:7.2f} ms")
    print(f"  ratio ours/theirs            {ours / theirs:7.2f}  (below 1: ours is faster)")


def count_files(root: Path) -> int:
    """Print per-file element counts; return how many files raised."""
    files = sorted((root / "screenplays").rglob("*.fountain"))
    short = [c[:5] for c in COLUMNS]
    print(f"\n{'file':<58}" + "".join(f"{c:>6}" for c in short) + f"{'diag':>6}")
    failures = 0
    totals: Counter[str] = Counter()
    for path in files:
        name = str(path.relative_to(root / "screenplays")).replace(
            "afterwriting/test/data/", "afterwriting/…/"
        )
        try:
            script = fountain.read(path.read_bytes(), str(path))
        except Exception as err:  # the benchmark reports every failure and goes on
            failures += 1
            print(f"{name:<58} RAISED {type(err).__name__}: {err}")
            continue
        counts = Counter(e.kind.value for e in script.elements)
        totals.update(counts)
        row = "".join(f"{counts.get(c, 0):>6}" for c in COLUMNS)
        print(f"{name:<58}{row}{len(script.diagnostics):>6}")
    print(
        f"{'total (' + str(len(files)) + ' files)':<58}"
        + "".join(f"{totals[c]:>6}" for c in COLUMNS)
    )
    print(f"files that raised: {failures}")
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args(argv)
    if not (args.root / BIG_FISH).exists():
        print(f"no evaluation data at {args.root}; nothing to benchmark (skipped)")
        return 0
    compare_speed(args.root / BIG_FISH, args.repeats)
    return 1 if count_files(args.root) else 0


if __name__ == "__main__":
    sys.exit(main())
