"""Time the HTML report of Big Fish against its targets; optionally validate every script.

    python benchmarks/bench_report.py [--runs 7] [--validate-all]

Prints the median time to build the report view and to render the HTML, the size of
the page, and both against the targets (< 1 s, < 2 MB). With --validate-all, the JSON
view of every script under ../shared/data is validated against docs/schema.json and the
count printed. Needs ../shared/data (evaluation data, never copied into the repository).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import jsonschema

import whosestory
from whosestory.errors import WhosestoryError
from whosestory.report.html import render_html
from whosestory.report.view import report_view

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
BIG_FISH = DATA / "screenplays" / "screenplain" / "examples" / "Big-Fish.fountain"
SECONDS, BYTES = 1.0, 2_000_000


def bench(path: Path, runs: int) -> None:
    """Median time of view + render (the story already loaded and analysed), and the size."""
    started = time.perf_counter()
    analysis = whosestory.analyze(whosestory.load(path))
    render_html(report_view(analysis))
    end_to_end = time.perf_counter() - started
    view_times, render_times = [], []
    page = ""
    for _ in range(runs):
        started = time.perf_counter()
        view = report_view(analysis)
        middle = time.perf_counter()
        page = render_html(view)
        view_times.append(middle - started)
        render_times.append(time.perf_counter() - middle)
    total = statistics.median(v + r for v, r in zip(view_times, render_times, strict=True))
    size = len(page.encode("utf-8"))
    print(
        f"{path.name}: {len(analysis.story.scenes)} scenes, {len(analysis.story.cast)} characters"
    )
    print(f"  report view  median {statistics.median(view_times) * 1000:7.1f} ms")
    print(f"  render html  median {statistics.median(render_times) * 1000:7.1f} ms")
    verdict = "ok" if total < SECONDS else "TOO SLOW"
    print(f"  total        median {total * 1000:7.1f} ms   target < {SECONDS:.0f} s: {verdict}")
    print(f"  end to end   (load, analyse, view, render; first run) {end_to_end * 1000:.0f} ms")
    verdict = "ok" if size < BYTES else "TOO BIG"
    print(f"  page size    {size / 1e6:10.3f} MB   target < {BYTES / 1e6:.0f} MB: {verdict}")


def validate_all() -> int:
    """Validate the view of every script in ../shared/data; the number of failures."""
    schema = json.loads((ROOT / "docs" / "schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    paths = sorted(
        p
        for p in DATA.rglob("*")
        if p.is_file() and p.suffix.lower() in {".fountain", ".fdx", ".pdf", ".xml", ".txt"}
    )
    valid = refused = 0
    failed: list[str] = []
    for path in paths:
        try:
            view = report_view(whosestory.analyze(whosestory.load(path)))
        except WhosestoryError:
            refused += 1
            continue
        errors = list(validator.iter_errors(json.loads(json.dumps(view))))
        if errors:
            failed.append(f"{path.relative_to(DATA)}: {errors[0].message}")
        else:
            valid += 1
    print(f"validated {valid} of {len(paths)} scripts ({refused} refused by the readers)")
    for line in failed:
        print(f"  INVALID {line}")
    return len(failed)


def main() -> int:
    """Run the benchmark (and the validation when asked); exit status 1 on a miss."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--validate-all", action="store_true")
    parser.add_argument("--file", type=Path, default=BIG_FISH, help="script to time")
    args = parser.parse_args()
    if not args.file.exists():
        print(f"bench_report: {args.file} is missing (needs ../shared/data).", file=sys.stderr)
        return 2
    bench(args.file, args.runs)
    return 1 if args.validate_all and validate_all() else 0


if __name__ == "__main__":
    raise SystemExit(main())
