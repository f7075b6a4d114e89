"""Speed side by side, in one run: whole processes, a stage profile, and a scaling table.

    python benchmarks/bench_speed.py [--root DIR] [--runs N] [--part whole|stages|scaling]
                                     [--before CHECKOUT] [--paths auto|python|igraph]

1. **Whole processes** (CPU seconds = user + system of the finished child, from
   ``resource.getrusage(RUSAGE_CHILDREN)``; median of N paired runs, A B A B ...,
   and the median of the pair-by-pair ratios):
   - ``whosestory analyze Big-Fish.fountain --format json`` against a process that
     only parses the file with `fountain-parser`, one that parses it with
     `screenplain`, and ``python -c pass``;
   - whosestory reading a TEI play (reader only) against an lxml parse plus a walk
     of every element's text, the floor for plays;
   - with ``--before CHECKOUT`` (an earlier commit's tree), each of our commands
     against the same command run from that tree, paired the same way.
2. **Stages**: CPU milliseconds of each stage of one analysis (median of N, in one
   warm process) for Big Fish and the largest German play of the data.
3. **Scaling**: the same stages on stories written by `synthetic_fountain` (no data
   needed), doubling the words at a fixed cast and then the cast at fixed words;
   the slope of log(time) against log(size) per stage (1 = linear).

DIR defaults to ../shared/data; parts 1 and 2 need it and say so when it is missing.
Run it from any folder: the children import the whosestory beside this script.
Bytecode is compiled first (``compileall``), as an installed package has it.
"""

from __future__ import annotations

import argparse
import compileall
import math
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_ROOT = REPO.parent / "shared" / "data"
BIG_FISH = Path("screenplays/screenplain/examples/Big-Fish.fountain")
LARGE_PLAY = Path("plays/gerdracor/kraus-die-letzten-tage-der-menschheit.xml")
SMALL_PLAY = Path("plays/shakedracor/hamlet.xml")

CLI = "import sys, whosestory_entry; sys.exit(whosestory_entry.main())"
"""The `whosestory` command itself: its console script calls `whosestory_entry.main`."""
FOUNTAIN_PARSER = "import sys, fountain_parser; fountain_parser.parse(open(sys.argv[1]).read())"
SCREENPLAIN = (
    "import sys; from screenplain.parsers import fountain; fountain.parse(open(sys.argv[1]))"
)
TEI_READER = "import sys; from whosestory.readers import read_script; read_script(sys.argv[1])"
LXML_WALK = (
    "import sys; from lxml import etree\n"
    "tree = etree.parse(sys.argv[1], etree.XMLParser(resolve_entities=False, no_network=True))\n"
    "texts = [t for e in tree.iter() for t in (e.text, e.tail) if t]"
)


# ---------------------------------------------------------------- whole processes


def _cpu(command: list[str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=_env(), cwd="/")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def paired(a: list[str], b: list[str], runs: int) -> tuple[float, float, float]:
    """Median CPU seconds of A and of B over paired runs, and the median of A/B pair by pair."""
    _cpu(a), _cpu(b)  # warm-up: file cache
    times_a, times_b, ratios = [], [], []
    for _ in range(runs):
        ta, tb = _cpu(a), _cpu(b)
        times_a.append(ta)
        times_b.append(tb)
        ratios.append(ta / tb)
    return statistics.median(times_a), statistics.median(times_b), statistics.median(ratios)


def _installed(module: str) -> bool:
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def whole_processes(root: Path, runs: int) -> None:
    python = sys.executable
    big_fish, play = str(root / BIG_FISH), str(root / LARGE_PLAY)
    ours = [python, "-c", CLI, "analyze", big_fish, "--format", "json"]
    rows: list[tuple[str, list[str], list[str]]] = [
        (
            "analyze Big Fish vs fountain-parser parse",
            ours,
            [python, "-c", FOUNTAIN_PARSER, big_fish],
        ),
        ("analyze Big Fish vs screenplain parse", ours, [python, "-c", SCREENPLAIN, big_fish]),
        ("analyze Big Fish vs python -c pass", ours, [python, "-c", "pass"]),
    ]
    for stem in (SMALL_PLAY, LARGE_PLAY):
        path = str(root / stem)
        rows.append(
            (f"read {stem.name} vs lxml parse+walk", [python, "-c", TEI_READER, path],
             [python, "-c", LXML_WALK, path])
        )  # fmt: skip
    kraus = [python, "-c", CLI, "analyze", play, "--format", "json"]
    rows.append(("analyze Kraus vs python -c pass", kraus, [python, "-c", "pass"]))
    print(f"Whole processes: CPU seconds, median of {runs} paired runs\n")
    print("| A vs B | A | B | A/B |")
    print("| --- | ---: | ---: | ---: |")
    for label, a, b in rows:
        needs = {"fountain-parser": "fountain_parser", "screenplain": "screenplain"}
        missing = [m for name, m in needs.items() if name in label and not _installed(m)]
        if missing:
            print(f"| {label} | | | {missing[0]} not installed (pip install -e '.[bench]') |")
            continue
        ta, tb, ratio = paired(a, b, runs)
        print(f"| {label} | {ta:.3f} | {tb:.3f} | {ratio:.2f} |")
    print()


# ---------------------------------------------------------------- stages


def before_and_after(root: Path, before: Path, runs: int) -> None:
    """Each of our whole-process commands paired with the same command run from `before`,
    a checkout of an earlier commit (``git worktree add /tmp/before COMMIT``)."""
    python = sys.executable
    big_fish, play = str(root / BIG_FISH), str(root / LARGE_PLAY)
    rows = [
        ("analyze Big Fish", [python, "-c", CLI, "analyze", big_fish, "--format", "json"]),
        ("read hamlet.xml", [python, "-c", TEI_READER, str(root / SMALL_PLAY)]),
        ("read Kraus", [python, "-c", TEI_READER, play]),
        ("analyze Kraus", [python, "-c", CLI, "analyze", play, "--format", "json"]),
    ]
    compileall.compile_dir(before / "whosestory", quiet=1)
    print(f"This checkout (after) against {before} (before): CPU seconds, {runs} paired runs\n")
    print("| command | before | after | after/before |")
    print("| --- | ---: | ---: | ---: |")
    for label, command in rows:
        earlier = ["env", f"PYTHONPATH={before}", *command]
        after, then, ratio = paired(command, earlier, runs)
        print(f"| {label} | {then:.3f} | {after:.3f} | {ratio:.3f} |")
    print()


def stage_functions(path: str) -> list[tuple[str, Callable[[Any], Any]]]:
    """(name, function of the previous results) for each stage of one analysis."""
    from whosestory.analysis import analyze
    from whosestory.build import build_story
    from whosestory.language import story_language
    from whosestory.measures import agency, arc, frame, interiority, network, spotlight
    from whosestory.readers import read_script
    from whosestory.report.renderers import Options, render_json
    from whosestory.report.view import report_view
    from whosestory.roles import decide_all
    from whosestory.signals import measure

    state: dict[str, Any] = {}

    def remember(key: str, value: Any) -> Any:
        state[key] = value
        return value

    def units() -> Any:
        return remember("units", arc.units(state["story"], story_language(state["story"])))

    return [
        ("read", lambda: remember("script", read_script(path))),
        ("build", lambda: remember("story", build_story(state["script"]))),
        ("presence", lambda: remember("present", spotlight.present_scenes(state["story"]))),
        ("network", lambda: network.network_measures(state["story"], state["present"])),
        ("frame", lambda: frame.frame_layer(state["story"], state["present"])),
        ("interiority", lambda: interiority.perception_verbs(state["story"])),
        ("agency", lambda: agency.subject_counts(state["story"])),
        ("tone units", units),
        ("arc change", lambda: arc.arc_change(state["story"], text_units=state["units"])),
        ("drift", lambda: arc.vocabulary_drift(state["story"], text_units=state["units"])),
        ("all measures", lambda: remember("signals", measure(state["story"]))),
        ("roles", lambda: decide_all(state["signals"])),
        # on a Story built afresh (untimed): what the stages above kept on theirs (each
        # scene's speeches, each element's word count) is not the analysis' to skip
        ("(fresh story)", lambda: remember("fresh", build_story(state["script"]))),
        ("analysis", lambda: remember("analysis", analyze(state["fresh"]))),
        ("report view", lambda: remember("view", report_view(state["analysis"]))),
        ("json", lambda: render_json(state["view"], Options())),
    ]


UNTIMED = frozenset({"(fresh story)"})
"""Steps that prepare the next stage and are not reported."""


def time_stages(path: str, runs: int) -> dict[str, float]:
    """Median CPU milliseconds of each stage (each run repeats every stage in order)."""
    stages = stage_functions(path)
    samples: dict[str, list[float]] = {name: [] for name, _ in stages if name not in UNTIMED}
    for _ in range(runs + 1):  # the first run warms caches and imports: not counted
        for name, run in stages:
            started = time.process_time()
            run()
            if name not in UNTIMED:
                samples[name].append(time.process_time() - started)
    return {name: statistics.median(values[1:]) * 1000 for name, values in samples.items()}


def stage_profile(root: Path, runs: int) -> None:
    paths = {"Big Fish": root / BIG_FISH, "Kraus (865 characters, 2.3 MB)": root / LARGE_PLAY}
    found = {label: time_stages(str(path), runs) for label, path in paths.items()}
    print(f"Stages: CPU milliseconds, median of {runs} runs in one warm process\n")
    print("| stage | " + " | ".join(found) + " |")
    print("| --- | " + " | ".join("---:" for _ in found) + " |")
    for stage in next(iter(found.values())):
        print(f"| {stage} | " + " | ".join(f"{t[stage]:.1f}" for t in found.values()) + " |")
    print()


# ---------------------------------------------------------------- scaling


FEELINGS = "happy sad angry glad afraid love hate hope fear lost won kind cruel".split()
WORDS = [a + b + c for a in "bdfgklmnprst" for b in ("a", "e", "i", "o", "u", "ai", "ou") for c in (
    "b", "d", "g", "l", "m", "n", "r", "s", "t", "rk", "nd", "st")]  # fmt: skip
"""About a thousand made-up content words (no stop word, none in a lexicon)."""


def synthetic_fountain(scenes: int, cast: int, lines_per_scene: int = 8, seed: int = 1) -> str:
    """A Fountain script: `scenes` scenes, `cast` speakers, four present in each scene,
    speeches of 12 words drawn from a large vocabulary with some toned words."""
    rng = random.Random(seed)
    names = [f"ZA{word.upper()}" for word in WORDS[:cast]]
    out = ["Title: Synthetic", ""]
    for number in range(scenes):
        here = rng.sample(names, min(4, cast))
        out += [
            f"INT. ROOM {number} - DAY",
            "",
            f"{here[0].title()} watches {here[1].title()}.",
            "",
        ]
        for line in range(lines_per_scene):
            words = rng.choices(WORDS, k=10) + rng.choices(FEELINGS, k=2)
            out += [here[line % len(here)], " ".join(words).capitalize() + ".", ""]
    return "\n".join(out)


def slope(sizes: list[float], times: list[float]) -> float:
    """Least-squares slope of log(time) against log(size)."""
    xs, ys = [math.log(s) for s in sizes], [math.log(max(t, 1e-6)) for t in times]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


SCALING_SERIES = {
    "words (cast 24)": [(s, 24) for s in (100, 200, 400, 800)],
    "cast (1,600 speeches)": [(200, c) for c in (25, 50, 100, 200)],
}
"""The scaling table's two series: (scenes, cast) per point."""


def series_sizes(label: str) -> list[float]:
    """A series' sizes: its words (8 speeches of 12 words a scene), or its cast."""
    points = SCALING_SERIES[label]
    return [s * 8 * 12 if label.startswith("words") else c for s, c in points]


def scaling(runs: int, folder: Path) -> None:
    series = SCALING_SERIES
    print(f"Scaling: slope of log CPU time against log size per stage (median of {runs} runs)\n")
    table: dict[str, dict[str, float]] = {}
    sizes: dict[str, list[float]] = {}
    for label, points in series.items():
        timings = []
        for scenes, cast in points:
            path = folder / f"synthetic-{scenes}-{cast}.fountain"
            path.write_text(synthetic_fountain(scenes, cast))
            timings.append(time_stages(str(path), runs))
        sizes[label] = series_sizes(label)
        table[label] = {
            stage: slope(sizes[label], [t[stage] for t in timings]) for stage in timings[0]
        }
        table[label + " ms at largest"] = timings[-1]
    labels = list(series)
    print("| stage | " + " | ".join(f"slope vs {label}" for label in labels) + " | ms at largest |")
    print("| --- | " + " | ".join("---:" for _ in labels) + " | ---: |")
    for stage in table[labels[0]]:
        slopes = " | ".join(f"{table[label][stage]:.2f}" for label in labels)
        print(f"| {stage} | {slopes} | {table[labels[0] + ' ms at largest'][stage]:.1f} |")
    for label in labels:
        print(f"\n{label}: sizes {', '.join(f'{s:,.0f}' for s in sizes[label])}")
    print()


def choose_paths(engine: str) -> None:
    """Betweenness and closeness in plain Python or in igraph for every graph, or (auto) as
    `network.PATH_ENGINE_WORK` decides; the whole processes are not affected."""
    from whosestory.measures import network

    if engine == "python":
        network._engine_work = 10**18
    elif engine == "igraph":
        if not network.prefer_compiled_paths():
            raise SystemExit("--paths igraph: igraph is not installed")
        network._engine_work = 0
    bar = f"{network._engine_work:,}"
    print(f"Path centralities in stages and scaling: {engine} (igraph from {bar} node-edges)\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--part", choices=("whole", "stages", "scaling"), action="append")
    parser.add_argument(
        "--before", type=Path, help="a checkout of an earlier commit: pair each command with it"
    )
    parser.add_argument(
        "--paths",
        choices=("auto", "python", "igraph"),
        default="auto",
        help="stages and scaling: the path centralities' engine (auto: as one analysis "
        "chooses it, by the graph's size; igraph: as a corpus worker does)",
    )
    args = parser.parse_args(argv)
    parts = args.part or ["whole", "stages", "scaling"]
    sys.path.insert(0, str(REPO))
    choose_paths(args.paths)
    compileall.compile_dir(REPO / "whosestory", quiet=1)
    have_data = (args.root / BIG_FISH).exists()
    if not have_data and {"whole", "stages"} & set(parts):
        print(f"no data at {args.root}: whole processes and stages skipped")
    if have_data and "whole" in parts:
        whole_processes(args.root, args.runs)
        if args.before:
            before_and_after(args.root, args.before, args.runs)
    if have_data and "stages" in parts:
        stage_profile(args.root, args.runs)
    if "scaling" in parts:
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            scaling(max(3, args.runs // 2), Path(folder))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
