"""Corpus throughput: every film and play, with local 1 and 2 workers and a 2-worker dask cluster.

    python benchmarks/bench_corpus.py [--data DIR] [--write docs/corpus.md]

Prints stories per second for each engine, the speed-up of 2 workers over 1,
the peak resident memory of each worker (its own ``getrusage`` peak, sent back
with every row), whether the engines gave identical tables (timing aside) and
the number of error rows. With --write, the figures replace the block between
the benchmark markers of that Markdown file. Exits 0 with a message when the
data folder is absent.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from whosestory.corpus import expand_paths, run_corpus

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
RUNS: dict[str, dict[str, Any]] = {
    "local, 1 worker": {"engine": "local", "workers": 1},
    "local, 2 workers": {"engine": "local", "workers": 2},
    "dask LocalCluster, 2 workers": {"engine": "dask", "workers": 2},
}


def _inputs(data: Path) -> list[str]:
    films = data / "films" / "scripts"
    plays = data / "plays" / "shakedracor"
    return [str(p) for p in (films, plays) if p.is_dir()]


def _measure(paths: list[str], folder: Path) -> list[dict[str, Any]]:
    results = []
    for name, options in RUNS.items():
        start = time.perf_counter()
        table = run_corpus(
            paths,
            folder / f"{options['engine']}-{options['workers']}.parquet",
            progress=False,
            **options,
        )
        seconds = time.perf_counter() - start
        peaks = sorted(table.attrs["worker_peak_rss_mb"].values())
        results.append({"name": name, "table": table, "seconds": seconds, "peaks": peaks})
        print(
            f"{name:30} {len(table) / seconds:6.2f} stories/s  ({seconds:.1f} s)  "
            f"peak RSS per worker: {', '.join(f'{p:.0f} MB' for p in peaks)}",
            flush=True,
        )
    return results


def _report(paths: list[str], results: list[dict[str, Any]], load: float) -> str:
    base = results[0]["table"].drop(columns=["seconds"])
    differing = sorted({c for r in results[1:] for c in _differences(base, r["table"])})
    identical = not differing
    speedup = results[0]["seconds"] / results[1]["seconds"]
    errors = int(base["error"].notna().sum())
    lines = [
        f"Stories: {len(base)} ({', '.join(paths)}), on {platform.machine()} with "
        f"{_cores()} cores, Python {platform.python_version()}; load average before the runs "
        f"{load:.1f} (other work on the machine slows every run).",
        "",
        "| run | stories/s | seconds | workers busy | peak RSS per worker |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for r in results:
        peaks = ", ".join(f"{p:.0f} MB" for p in r["peaks"])
        busy = r["table"]["seconds"].sum() / (r["seconds"] * len(r["peaks"]))
        lines.append(
            f"| {r['name']} | {len(base) / r['seconds']:.2f} | {r['seconds']:.1f} | "
            f"{busy:.0%} | {peaks} |"
        )
    lines += [
        "",
        f"- speed-up of 2 local workers over 1: **{speedup:.2f}x** (target 1.6x)",
        f"- identical tables from every run (timing aside): **{'yes' if identical else 'NO'}**"
        + ("" if identical else f" (columns that differ: {', '.join(differing)})"),
        f"- error rows: **{errors}**",
        "",
        "Workers busy: the time spent analysing stories over wall time times workers; what is",
        "left is start-up, scheduling and the parts, and it does not depend on other load.",
    ]
    if errors:
        for file, reason in base.loc[base["error"].notna(), ["file", "error"]].values[:5]:
            lines.append(f"  - {Path(file).name}: {reason}")
    return "\n".join(lines)


def _differences(base: Any, other: Any) -> list[str]:
    """Columns whose values differ between two story tables (timing aside)."""
    other = other.drop(columns=["seconds"])
    if list(other.columns) != list(base.columns) or len(other) != len(base):
        return ["(the columns or the rows themselves)"]
    return [c for c in base.columns if not base[c].equals(other[c])]


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


def _write(doc: Path, block: str) -> None:
    text = doc.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.DOTALL)
    if not pattern.search(text):
        raise SystemExit(f"{doc}: no {START} ... {END} block to replace")
    doc.write_text(pattern.sub(lambda _: f"{START}\n{block}\n{END}", text), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--write", type=Path, help="put the figures into this Markdown file")
    args = parser.parse_args(argv)
    paths = _inputs(args.data)
    if not paths:
        print(f"no films or plays under {args.data}; nothing to measure")
        return 0
    for file in expand_paths(paths):  # warm the page cache so the first run is not penalised
        Path(file).read_bytes()
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as folder:
        results = _measure(paths, Path(folder))
    block = _report([str(Path(p).relative_to(args.data)) for p in paths], results, load)
    print()
    print(block)
    if args.write:
        _write(args.write, block)
    return 0


if __name__ == "__main__":
    sys.exit(main())
