"""Read and analyse every TEI play in ../shared/data/plays/shakedracor.

    python benchmarks/bench_plays.py [--root DIR] [--write docs/plays.md]

Prints, per play: scenes, speakers, speeches, read and analysis time, the
spotlight top 3 (count-based) and network top 3, and Kendall's tau between the
two rankings; then a summary. With --write, the same table goes to a Markdown
file. Exits 0 with a message when the data folder is absent.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import whosestory
from whosestory.report.view import rankings_view

REPO = Path(__file__).resolve().parent.parent
DEFAULT_ROOT = REPO.parent / "shared" / "data" / "plays" / "shakedracor"


def _top(entries: list[dict[str, object]], n: int = 3) -> str:
    return ", ".join(str(e["name"]) for e in entries[:n])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--write", type=Path, help="also write the table as Markdown")
    args = parser.parse_args(argv)
    files = sorted(args.root.glob("*.xml"))
    if not files:
        print(f"no plays under {args.root}; nothing to measure")
        return 0
    rows = []
    read_times, analysis_times = [], []
    failures = 0
    for path in files:
        try:
            start = time.perf_counter()
            story = whosestory.load(path)
            read = time.perf_counter() - start
            start = time.perf_counter()
            analysis = whosestory.analyze(story)
            analysed = time.perf_counter() - start
        except whosestory.WhosestoryError as err:
            failures += 1
            print(f"{path.name}: FAILED {err}")
            continue
        read_times.append(read)
        analysis_times.append(analysed)
        view = rankings_view(analysis)
        speeches = sum(len(s.speeches()) for s in story.scenes)
        speakers = sum(1 for f in analysis.figures if f.cues)
        tau = view["kendall_tau"]
        rows.append(
            [
                path.stem,
                str(len(story.scenes)),
                str(speakers),
                str(speeches),
                f"{read * 1000:.0f}",
                f"{analysed * 1000:.0f}",
                _top(view["count"]),
                _top(view["network"]),
                "-" if tau is None else f"{tau:.2f}",
            ]
        )
        print("\t".join(rows[-1]))
    taus = [float(r[-1]) for r in rows if r[-1] != "-"]
    read_ms = statistics.median(read_times) * 1000
    analysis_ms = statistics.median(analysis_times) * 1000
    summary = (
        f"{len(files)} plays, {failures} failures; median read {read_ms:.0f} ms, "
        f"median analysis {analysis_ms:.0f} ms; "
        f"median Kendall tau (count vs network) {statistics.median(taus):.2f}"
    )
    print(summary)
    if args.write:
        header = [
            "play",
            "scenes",
            "speakers",
            "speeches",
            "read ms",
            "analysis ms",
            "spotlight top 3 (counts)",
            "network top 3",
            "tau",
        ]
        lines = [
            "# Shakespeare plays (DraCor TEI): spotlight and network top 3",
            "",
            "Written by `python benchmarks/bench_plays.py --write docs/plays.md`. Spotlight: "
            "cues, words, scenes present and estimated stage time, equally weighted. Network: "
            "centralities of the co-presence and conversation graphs. tau: Kendall's tau-b "
            "between the two rankings over all non-group characters.",
            "",
            "| " + " | ".join(header) + " |",
            "|" + "---|" * len(header),
            *("| " + " | ".join(r) + " |" for r in rows),
            "",
            summary,
            "",
        ]
        args.write.write_text("\n".join(lines), encoding="utf-8")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
