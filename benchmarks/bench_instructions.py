"""Instructions a corpus worker spends on each story, counted by callgrind: a figure the
load of a shared machine does not move.

    python benchmarks/bench_instructions.py [--set films|German plays] [--stories N]
        [--before CHECKOUT]

Each tree (this one, and with --before an earlier checkout, e.g. ``git worktree add
--detach /tmp/before a38ea79``) runs in its own process under ``valgrind
--tool=callgrind``: it imports whosestory, processes 3 stories to warm up (imports
done on first use, caches filled), then processes the first N stories of the set as a
corpus worker does (`corpus.rows.process_file`, reading, building, analysing and the
rows), and only that is counted (callgrind collects inside one ``functools.reduce``
call). Prints millions of instructions a story and, with --before, the ratio. Hash
seeds are fixed, so a tree counts the same to a few parts in a thousand each run.
Needs valgrind; under it a story takes about 80 times as long (a film 10 s).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data"
SETS = {"films": ("films/scripts", "*.txt"), "German plays": ("plays/gerdracor", "*.xml")}

WORKER = """
import functools, gc, sys
from pathlib import Path
import whosestory.worker as worker
worker._bounded = True  # in this process: callgrind counts one process
from whosestory.corpus.rows import process_file
folder, pattern, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
files = sorted(str(p) for p in Path(folder).glob(pattern))[:n]
for file in files[:3]:
    process_file(file)
gc.freeze()
functools.reduce(lambda _, file: process_file(file, True), files, None)
"""


def count(tree: Path, folder: Path, pattern: str, stories: int) -> float:
    """Millions of instructions a story of `tree`'s process_file."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONHASHSEED": "0"}
        env["OPENBLAS_NUM_THREADS"] = "1"
        command = [
            "valgrind",
            "--tool=callgrind",
            "--collect-atstart=no",
            "--toggle-collect=functools_reduce",
            f"--callgrind-out-file={out}",
            # the interpreter itself: a launcher script (pyenv's) would be what is traced
            os.path.realpath(sys.executable),
            "-c",
            WORKER,
            str(folder),
            pattern,
            str(stories),
        ]
        # run from the temporary folder: ``python -c`` puts the working folder first on the
        # path, where a run from a checkout would import that checkout, whatever PYTHONPATH
        done = subprocess.run(
            command, env=env, capture_output=True, text=True, check=False, cwd=tmp
        )
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode != 0 or found is None:
        raise SystemExit(f"callgrind run failed for {tree}:\n{done.stderr[-2000:]}")
    return int(found.group(1)) / 1e6 / stories


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--set", choices=list(SETS), action="append", help="default: both")
    parser.add_argument("--stories", type=int, default=8)
    parser.add_argument("--before", type=Path, help="an earlier checkout to count beside")
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("valgrind is not installed: nothing counted.")
        return 0
    if not args.data.is_dir():
        print(f"no data folder at {args.data}: nothing counted.")
        return 0
    print("| set | stories | this tree (M instr. a story) | before | this / before |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name in args.set or list(SETS):
        sub, pattern = SETS[name]
        folder = args.data / sub
        ours = count(REPO, folder, pattern, args.stories)
        if args.before is None:
            print(f"| {name} | {args.stories} | {ours:.1f} | | |")
            continue
        theirs = count(args.before.resolve(), folder, pattern, args.stories)
        print(f"| {name} | {args.stories} | {ours:.1f} | {theirs:.1f} | {ours / theirs:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
