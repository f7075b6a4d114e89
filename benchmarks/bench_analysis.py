"""Time reading and analysing one feature screenplay end to end.

    python benchmarks/bench_analysis.py [FILE ...] [--repeat N]

Default: Big Fish (.fountain, .fdx, .pdf) from ../shared/data. For each file,
the medians over N runs of: reading into a Story, and reading, analysing (every
measure and the four verdicts) and building the JSON view of a freshly read
story; the difference is the analysis. Targets: the analysis under 0.5 s, the
whole under 1 s.
Exits 0 with a message when the data is absent.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import whosestory
from whosestory.report.view import report_view

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO.parent / "shared" / "data" / "screenplays" / "screenplain" / "examples"


def _median(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    files = args.files or [EXAMPLES / f"Big-Fish.{ext}" for ext in ("fountain", "fdx", "pdf")]
    files = [f for f in files if f.exists()]
    if not files:
        print("no screenplay to time (../shared/data is absent); nothing to measure")
        return 0
    whosestory.analyze(whosestory.load(files[0]))  # warm up: lexicon and imports
    print("file\tread s\tanalysis and view s\twhole s\tscenes\tcharacters")
    for path in files:
        read, story = _median(lambda p=path: whosestory.load(p), args.repeat)
        # each run analyses a freshly read story, so no per-story cache is reused
        whole, _ = _median(
            lambda p=path: report_view(whosestory.analyze(whosestory.load(p))), args.repeat
        )
        print(
            f"{path.name}\t{read:.3f}\t{whole - read:.3f}\t{whole:.3f}\t"
            f"{len(story.scenes)}\t{len(story.cast)}"
        )
    print("targets: analysis < 0.5 s (spotlight, networks, protagonist); whole < 1 s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
