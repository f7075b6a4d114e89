"""The scaling table of `bench_speed.py --part scaling` counted in instructions, which the
load of a shared machine does not move.

    python benchmarks/bench_scaling_instructions.py [--jobs N]

Each point of the two series (the same synthetic stories as `bench_speed.py`: more words
with a cast of 24, a larger cast with 1,600 speeches) runs in its own process under
``valgrind --tool=callgrind``: it reads, builds and analyses the story once to warm up
(imports done on first use, caches filled), then runs every stage again, each after a call
of ``math.gcd`` that makes callgrind dump its counters (``--dump-before=math_gcd``;
whosestory never calls it). Each dump holds one stage's instructions. Prints each stage's
millions of instructions at the largest point and its slope of log instructions against
log size (target: at most 1.1). Hash seeds are fixed. Needs valgrind; a point takes 30 s to
a few minutes.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_speed import SCALING_SERIES as SERIES  # noqa: E402
from bench_speed import UNTIMED, series_sizes, slope  # noqa: E402

WORKER = """
import math, sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
import bench_speed
scenes, cast, path = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
Path(path).write_text(bench_speed.synthetic_fountain(scenes, cast))
stages = bench_speed.stage_functions(path)
for _, run in stages:
    run()
for _, run in stages:
    math.gcd(0, 0)
    run()
math.gcd(0, 0)
print("\\n".join(name for name, _ in stages))
"""
_TOTALS_RE = re.compile(r"^totals:\s*(\d+)", re.MULTILINE)


def count(scenes: int, cast: int) -> dict[str, float]:
    """Millions of instructions of each stage on the synthetic story (scenes, cast)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        worker = folder / "worker.py"
        worker.write_text(WORKER)
        out = folder / "cg.out"
        done = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                "--dump-before=math_gcd",
                f"--callgrind-out-file={out}",
                sys.executable,
                str(worker),
                str(HERE),
                str(scenes),
                str(cast),
                str(folder / "story.fountain"),
            ],
            capture_output=True,
            text=True,
            env={"PYTHONHASHSEED": "0", "OPENBLAS_NUM_THREADS": "1", "PATH": "/usr/bin:/bin"},
            check=True,
        )
        names = done.stdout.splitlines()
        # dump k (1-based) ends at the k-th marker: dump 1 is the warm-up, dump k + 1 stage k
        counts = {}
        for k, name in enumerate(names, start=2):
            text = Path(f"{out}.{k}").read_text()
            counts[name] = int(_TOTALS_RE.search(text).group(1)) / 1e6  # type: ignore[union-attr]
        return {name: n for name, n in counts.items() if name not in UNTIMED}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=1, help="points counted at once")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("bench_scaling_instructions: valgrind is not installed.")
    points = [point for series in SERIES.values() for point in series]
    with ThreadPoolExecutor(args.jobs) as pool:
        found = dict(zip(points, pool.map(lambda p: count(*p), points), strict=True))
    print("Scaling in instructions: slope of log instructions against log size per stage\n")
    labels = list(SERIES)
    print("| stage | " + " | ".join(f"slope vs {label}" for label in labels) + " | M at largest |")
    print("| --- | " + " | ".join("---:" for _ in labels) + " | ---: |")
    sizes = {label: series_sizes(label) for label in labels}
    largest = found[SERIES[labels[0]][-1]]
    for stage in largest:
        slopes = " | ".join(
            f"{slope(sizes[label], [found[p][stage] for p in SERIES[label]]):.2f}"
            for label in labels
        )
        print(f"| {stage} | {slopes} | {largest[stage]:.1f} |")
    for label in labels:
        print(f"\n{label}: sizes {', '.join(f'{s:,.0f}' for s in sizes[label])}")
    print()


if __name__ == "__main__":
    main()
