"""Corpus throughput: every film and play, with local 1 and 2 workers and a 2-worker dask cluster.

    python benchmarks/bench_corpus.py [--data DIR] [--write docs/corpus.md] [--set NAME]

Each set (the 322 films, the 145 German plays) is run by each engine. Prints stories
per second of wall time and per CPU second (this process and every worker it
waited for, from ``getrusage``: the figure that does not move with other load on
the machine), dask's CPU against the local engine's, the speed-up of 2 workers over 1,
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
import resource
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


SETS = {"films": "films/scripts", "German plays": "plays/gerdracor"}


def _inputs(data: Path, name: str) -> list[str]:
    folder = data / SETS[name]
    return [str(folder)] if folder.is_dir() else []


def _cpu() -> float:
    """CPU seconds of this process and of every child it has waited for."""
    me, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def _measure(paths: list[str], folder: Path) -> list[dict[str, Any]]:
    results = []
    for name, options in RUNS.items():
        start, cpu = time.perf_counter(), _cpu()
        table = run_corpus(
            paths,
            folder / f"{options['engine']}-{options['workers']}.parquet",
            progress=False,
            **options,
        )
        seconds, cpu = time.perf_counter() - start, _cpu() - cpu
        peaks = sorted(table.attrs["worker_peak_rss_mb"].values())
        results.append(
            {"name": name, "table": table, "seconds": seconds, "cpu": cpu, "peaks": peaks}
        )
        print(
            f"{name:30} {len(table) / seconds:6.2f} stories/s  {len(table) / cpu:6.2f} "
            f"stories/CPU-s  ({seconds:.1f} s, {cpu:.1f} CPU s)  "
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
        "| run | stories/s | seconds | stories/CPU-s | CPU s | workers busy "
        "| peak RSS per worker |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in results:
        peaks = ", ".join(f"{p:.0f} MB" for p in r["peaks"])
        busy = r["table"]["seconds"].sum() / (r["seconds"] * len(r["peaks"]))
        lines.append(
            f"| {r['name']} | {len(base) / r['seconds']:.2f} | {r['seconds']:.1f} | "
            f"{len(base) / r['cpu']:.2f} | {r['cpu']:.1f} | {busy:.0%} | {peaks} |"
        )
    local_cpu = results[1]["cpu"]
    lines += [
        "",
        f"- speed-up of 2 local workers over 1: **{speedup:.2f}x** (target 1.8x, idle machine)",
        "- dask's CPU over the local engine's (2 workers each): "
        f"**{results[2]['cpu'] / local_cpu:.2f}** (target at most 1.10)",
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
    parser.add_argument("--set", choices=list(SETS), action="append", help="default: all")
    args = parser.parse_args(argv)
    blocks = []
    for name in args.set or list(SETS):
        paths = _inputs(args.data, name)
        if not paths:
            print(f"no {name} under {args.data}; nothing to measure")
            continue
        for file in expand_paths(paths):  # warm the page cache: the first run is not penalised
            Path(file).read_bytes()
        load = os.getloadavg()[0]
        print(name, flush=True)
        with tempfile.TemporaryDirectory() as folder:
            results = _measure(paths, Path(folder))
        relative = [str(Path(p).relative_to(args.data)) for p in paths]
        blocks.append(f"**{name}**\n\n" + _report(relative, results, load))
    block = "\n\n".join(blocks)
    print()
    print(block)
    if args.write and blocks:
        _write(args.write, block)
    return 0


if __name__ == "__main__":
    sys.exit(main())
