"""Read every film and play in ../shared/data into a Story, and check what was read.

    python benchmarks/bench_films.py [--data DIR] [--quiet] [--write docs/reading.md]

For each of the 322 film scripts and 37 plays: scenes, characters who speak
(group speakers excluded), speeches and the time to read and build the Story.
Then a summary: failures, total and median time, and the share of films with a
crowd `hero` label whose hero is among the characters found (a label matches
when any word of it equals a word of a character's name or aliases) and whose
title as read is the labelled one: word for word (case and punctuation aside), or
as the same title in another form a title page may print (a number spelled out or
in roman numerals, a leading article: `title_form_key`), each such match listed. Then the
three screenplain examples in Fountain, FDX and PDF: scenes and per-character
speech counts compared across the formats. With --write the figures go to a
Markdown file. Exits 0 with a message when the data folder is absent.
"""

from __future__ import annotations

import argparse
import csv
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import whosestory
from whosestory.cast import GENERIC_NOUNS
from whosestory.evaluate import Candidate, matches
from whosestory.measures import spotlight
from whosestory.screenplay import RANKS, is_group_name

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data"


def _read(path: Path) -> tuple[whosestory.Story | None, float, str | None]:
    started = time.perf_counter()
    try:
        story = whosestory.load(path)
    except whosestory.WhosestoryError as err:
        return None, time.perf_counter() - started, str(err)
    return story, time.perf_counter() - started, None


_POSSESSIVE_NAME_RE = re.compile(r"['’]S\s+\w")
_VOICE_RE = re.compile(r"\b(?:VOICE|VOICES|THOUGHTS|NARRATION|VOICE-OVER)$")
_ORDINAL_RANK_RE = re.compile(r"^(?:FIRST|SECOND|THIRD|FOURTH|FIFTH)\s+(?P<rank>\S+)\s+\S")


def cast_rules(story: whosestory.Story) -> set[str]:
    """Which cast rules apply to a story: `possessive` (a name holding a possessive, as
    WILL'S DATE, is looked for as itself only), `rank` (a rank before a name joins the
    surname, or keeps an ordinal rank from being a group), `generic` (a generic noun
    kept apart from a longer name holding it)."""
    found = set()
    names = {n.upper() for c in story.cast for n in c.names()}
    if any(_POSSESSIVE_NAME_RE.search(n) and not _VOICE_RE.search(n) for n in names):
        found.add("possessive")
    for character in story.cast:
        ranked = _ORDINAL_RANK_RE.match(character.name.upper())
        if any("is a title and the surname of" in a.reason for a in character.aliases) or (
            ranked and ranked.group("rank").rstrip(".") in RANKS and not character.group
        ):
            found.add("rank")
    heads = {c.name.upper() for c in story.cast}
    for noun in GENERIC_NOUNS & heads:
        if any(noun in n.split() and n != noun and not is_group_name(n) for n in heads):
            found.add("generic")
            break
    return found


def _figures(story: whosestory.Story) -> tuple[int, int, int]:
    cues = spotlight.cues(story)
    speakers = sum(1 for c in story.cast if not c.group and cues.get(c.name))
    return len(story.scenes), speakers, sum(cues.values())


def read_corpus(
    paths: Iterable[Path], quiet: bool
) -> tuple[list[list[str]], dict, float, dict[str, str], Counter[str]]:
    """Read every path; rows of figures, character names by file name (for labels), total
    seconds, titles by file name, and how many stories each cast rule applies to."""
    rows, stories, total, titles = [], {}, 0.0, {}
    rules: Counter[str] = Counter()
    for path in paths:
        story, seconds, error = _read(path)
        total += seconds
        if story is None:
            rows.append([path.name, "-", "-", "-", f"{seconds * 1000:.0f}", error or ""])
        else:
            # keep the names only: a few hundred whole stories alive slow the garbage
            # collector, and with it every later read
            stories[path.name] = [n for c in story.cast for n in c.names()]
            titles[path.name] = story.title
            rules.update(cast_rules(story))
            if any(d.code == "thin-read" for d in story.diagnostics):
                rules["thin-read"] += 1
            scenes, speakers, speeches = _figures(story)
            row = [
                path.name,
                str(scenes),
                str(speakers),
                str(speeches),
                f"{seconds * 1000:.0f}",
                "",
            ]
            rows.append(row)
        if not quiet:
            print("\t".join(rows[-1]))
    return rows, stories, total, titles, rules


def _figures_of(path: Path) -> tuple[int, int, int] | None:
    story, _, _ = _read(path)
    return _figures(story) if story is not None else None


def read_parallel(paths: list[Path], workers: int) -> float:
    """Wall-clock seconds to read and build every path in `workers` processes (the
    way `whosestory corpus --workers` reads a corpus)."""
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        list(pool.map(_figures_of, paths, chunksize=4))
    return time.perf_counter() - started


def hero_rate(stories: dict[str, list[str]], heroes: Path) -> tuple[int, int, list[str]]:
    """Labelled films whose hero is among the characters found (by every name they go by),
    and the misses."""
    with open(heroes, encoding="utf-8", newline="") as handle:
        labels = {row["file"]: row["hero"] for row in csv.DictReader(handle, delimiter="\t")}
    found, misses = 0, []
    for file, hero in labels.items():
        names = stories.get(file, [])
        if matches(hero, Candidate(file, tuple(names))):
            found += 1
        else:
            misses.append(f"{file} ({hero})")
    return found, len(labels), misses


_DISAMBIGUATOR_RE = re.compile(r"\s*\([^()]*\bfilm\)\s*$")
"""A label's "(1997 film)" or "(2010 American film)": the encyclopedia's, not the title's."""


def title_key(title: str) -> str:
    """A title compared case- and punctuation-insensitively ("&" is "and")."""
    title = _DISAMBIGUATOR_RE.sub("", title).replace("&", " and ")
    return re.sub(r"[\W_]+", "", title.lower())


_NUMBER_WORDS = dict(
    zip(
        "zero one two three four five six seven eight nine ten eleven twelve".split(),
        map(str, range(13)),
        strict=True,
    )
)
_ROMAN_NUMBERS = {"ii": "2", "iii": "3", "iv": "4", "vi": "6", "vii": "7", "viii": "8", "ix": "9"}
"""Roman numbers that are no English word (not "I", "V", "X")."""
_LEADING_ARTICLE = frozenset({"the", "a", "an"})


def title_form_key(title: str) -> str:
    """A title as `title_key` compares it, and further blind to the forms a title page may
    legitimately print the same title in: a number spelled out or in roman numerals
    ("Jennifer Eight", "Mad Max II" and "Mad Max 2" alike; each number word on its own,
    so "One Eight Seven" is "187") and a leading article ("The Army of Darkness")."""
    title = _DISAMBIGUATOR_RE.sub("", title).replace("&", " and ")
    words = re.findall(r"[a-z0-9]+", title.lower().replace("'", "").replace("’", ""))
    if len(words) > 1 and words[0] in _LEADING_ARTICLE:
        words = words[1:]
    return "".join(_NUMBER_WORDS.get(w) or _ROMAN_NUMBERS.get(w) or w for w in words)


def title_rate(titles: dict[str, str], heroes: Path) -> tuple[int, int, list[str], list[str]]:
    """Labelled films whose title as read matches the label's `title`: how many match
    (as `title_form_key` compares), of how many, the misses, and the matches that rely on
    `title_form_key`'s forms (a number's form, a leading article)."""
    with open(heroes, encoding="utf-8", newline="") as handle:
        labels = {row["file"]: row["title"] for row in csv.DictReader(handle, delimiter="\t")}
    misses, by_form = [], []
    for file, title in labels.items():
        read = titles.get(file) or ""
        if title_key(read) == title_key(title):
            continue
        (by_form if title_form_key(read) == title_form_key(title) else misses).append(
            f"{file} ({read!r} for {title!r})"
        )
    return len(labels) - len(misses), len(labels), misses, by_form


def compare_formats(folder: Path) -> list[list[str]]:
    """The same script as Fountain, FDX and PDF: scenes and speeches per character."""
    rows = []
    for fountain in sorted(folder.glob("*.fountain")):
        stories = {}
        for ext in (".fountain", ".fdx", ".pdf"):
            path = fountain.with_suffix(ext)
            if path.exists():
                stories[ext] = whosestory.load(path)
        base = spotlight.cues(stories[".fountain"])
        for ext, story in stories.items():
            cues = spotlight.cues(story)
            worst = max(
                (abs(cues.get(n, 0) - c) / c for n, c in base.items() if c >= 5), default=0.0
            )
            rows.append(
                [
                    fountain.stem,
                    ext,
                    str(len(story.scenes)),
                    str(sum(cues.values())),
                    f"{worst:.1%}",
                ]
            )
    return rows


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)] + [
        "| " + " | ".join(r) + " |" for r in rows
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--quiet", action="store_true", help="print the summary only")
    parser.add_argument("--write", type=Path, help="write the figures as Markdown")
    parser.add_argument(
        "--workers", type=int, default=2, help="processes for the wall-clock figure (default 2)"
    )
    args = parser.parse_args(argv)
    films = sorted((args.data / "films" / "scripts").glob("*.txt"))
    plays = sorted((args.data / "plays" / "shakedracor").glob("*.xml"))
    if not films and not plays:
        print(f"no films or plays under {args.data}; nothing to measure")
        return 0
    film_rows, stories, film_seconds, titles, rules = read_corpus(films, args.quiet)
    play_rows, _, play_seconds, _, _ = read_corpus(plays, args.quiet)
    parallel = read_parallel(films, args.workers)
    failures = [r for r in film_rows + play_rows if r[1] == "-"]
    found, labelled, misses = hero_rate(stories, args.data / "films" / "heroes.tsv")
    titled, _, wrong_titles, by_form = title_rate(titles, args.data / "films" / "heroes.tsv")
    times = [float(r[4]) for r in film_rows + play_rows]
    summary = [
        f"films: {len(films)} read in {film_seconds:.1f} s; plays: {len(plays)} read in "
        f"{play_seconds:.1f} s; failures: {len(failures)}; median {statistics.median(times):.0f} ms"
        " a file (read and build, one process); films in "
        f"{args.workers} processes: {parallel:.1f} s wall clock",
        f"labelled hero among the characters: {found} of {labelled} ({found / labelled:.1%})"
        + (f"; missing: {', '.join(misses)}" if misses else ""),
        f"title as labelled (case, punctuation and a label's '(... film)' aside): {titled} of "
        f"{labelled} ({titled / labelled:.1%}), {titled - len(by_form)} word for word"
        + (
            f"; {len(by_form)} only as the same title in another form (a number spelled out"
            f" or in roman numerals, a leading article): {', '.join(by_form)}"
            if by_form
            else ""
        )
        + (f"; differing: {', '.join(wrong_titles)}" if wrong_titles else ""),
        f"thin reads (warned of): {rules['thin-read']}",
        "films where a cast rule applies: "
        + ", ".join(f"{rule} {rules[rule]}" for rule in ("possessive", "rank", "generic"))
        + " (possessive: a name holding one, as WILL'S DATE, is found as itself only; rank: "
        "a rank before a name joins the surname; generic: a generic noun kept apart from a "
        "longer name holding it)",
    ]
    formats = compare_formats(args.data / "screenplays" / "screenplain" / "examples")
    print("\n".join(summary))
    for row in formats:
        print("\t".join(row))
    if args.write:
        header = ["file", "scenes", "speakers", "speeches", "ms", "error"]
        lines = [
            "# Reading the real stories",
            "",
            "Written by `python benchmarks/bench_films.py --write docs/reading.md` on the "
            "project's 2-core machine. Speakers: characters who speak, group speakers "
            "excluded; speeches: cues with what follows them.",
            "",
            *(f"- {line}" for line in summary),
            "",
            "## The same script in three formats",
            "",
            "Largest difference in any character's speech count (characters with 5 or more) "
            "against the Fountain version.",
            "",
            *_table(["script", "format", "scenes", "speeches", "largest difference"], formats),
            "",
            "## Films",
            "",
            *_table(header, film_rows),
            "",
            "## Plays",
            "",
            *_table(header, play_rows),
            "",
        ]
        args.write.write_text("\n".join(lines), encoding="utf-8")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
