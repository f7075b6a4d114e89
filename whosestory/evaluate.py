"""Evaluating verdicts against labelled stories.

A labels file is a TSV with a header. The story column is the first of
``file``, ``play``, ``path``; the expected column is given or the first of
``hero``, ``main_character``, ``protagonist``, ``expected``; an optional ``not``
column names a rival reading that should not win. ``|`` separates accepted
answers. A label matches a character when any word of the label equals a word
of the character's canonical name or of one of its aliases, ignoring case
(``Ben`` matches ``BEN SANDERSON``; ``Hamlet_Ham`` matches the TEI id).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from whosestory.analysis import Analysis, analyze
from whosestory.build import build_story
from whosestory.errors import InputError, WhosestoryError
from whosestory.readers import read_bytes, read_script

_STORY_COLUMNS = ("file", "play", "path", "story")
_EXPECTED_COLUMNS = ("hero", "main_character", "protagonist", "expected", "character")
_EXTENSIONS = ("", ".xml", ".fountain", ".fdx", ".txt", ".pdf")
_WORD_RE = re.compile(r"[^\W_]+(?:_[^\W_]+)*|[^\W_]+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Label:
    """One labelled story: where it is, the accepted answers, the rival reading."""

    file: str
    path: Path
    expected: tuple[str, ...]
    rival: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Candidate:
    """A ranked character as the evaluation sees it: its names and key figures."""

    name: str
    names: tuple[str, ...]
    figures: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Outcome:
    """The verdict on one labelled story."""

    label: Label
    ranking: tuple[Candidate, ...] = ()
    baseline: tuple[Candidate, ...] = ()
    error: str | None = None

    @property
    def got(self) -> str | None:
        return self.ranking[0].name if self.ranking else None

    def position(self, ranking: Sequence[Candidate] | None = None) -> int | None:
        """1-based rank of the first candidate matching the label, None if absent."""
        for index, candidate in enumerate(self.ranking if ranking is None else ranking):
            if any(matches(answer, candidate.names) for answer in self.label.expected):
                return index + 1
        return None

    @property
    def rival_won(self) -> bool:
        return bool(
            self.ranking
            and self.label.rival
            and any(matches(r, self.ranking[0].names) for r in self.label.rival)
        )


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD_RE.findall(text)}


def matches(label: str, names: Iterable[str]) -> bool:
    """True when any word of the label equals a word of any of the names (ignoring case)."""
    wanted = _words(label)
    return any(wanted & _words(name) for name in names)


def _column(header: Sequence[str], wanted: str | None, options: Sequence[str], what: str) -> str:
    if wanted:
        if wanted not in header:
            raise InputError(f"the labels file has no column {wanted!r}; it has {list(header)}.")
        return wanted
    for option in options:
        if option in header:
            return option
    raise InputError(
        f"the labels file has no {what} column; expected one of {list(options)}, "
        f"found {list(header)}."
    )


def _locate(root: Path, name: str) -> Path:
    for extension in _EXTENSIONS:
        candidate = root / f"{name}{extension}"
        if candidate.is_file():
            return candidate
    return root / name


def read_labels(
    path: str | Path, root: str | Path | None = None, column: str | None = None
) -> list[Label]:
    """Read a labels TSV; story paths are resolved against `root` (default: its folder)."""
    source = Path(path)
    base = Path(root) if root else source.parent
    data = read_bytes(source, "a labels TSV")  # refuses pipes and devices, which would block
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{source}: the labels file is not UTF-8 text.") from None
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter="\t"))
    if not rows:
        raise InputError(f"{source}: no labelled stories; expected a TSV with a header row.")
    header = list(rows[0].keys())
    story_column = _column(header, None, _STORY_COLUMNS, "story")
    expected_column = _column(header, column, _EXPECTED_COLUMNS, "expected character")
    labels = []
    for row in rows:
        expected = tuple(
            a.strip() for a in (row.get(expected_column) or "").split("|") if a.strip()
        )
        if not expected:
            continue
        rival = tuple(a.strip() for a in (row.get("not") or "").split("|") if a.strip())
        name = row[story_column].strip()
        labels.append(Label(name, _locate(base, name), expected, rival))
    return labels


Ranker = Callable[[Path], tuple[tuple[Candidate, ...], tuple[Candidate, ...]]]
"""Story path -> (ranking for the role, baseline ranking)."""


def _run_one(job: tuple[Ranker, Label]) -> Outcome:
    ranker, label = job
    try:
        ranking, baseline = ranker(label.path)
    except WhosestoryError as err:
        return Outcome(label, error=str(err))
    return Outcome(label, ranking, baseline)


def evaluate(labels: Sequence[Label], ranker: Ranker, workers: int = 1) -> list[Outcome]:
    """Rank every labelled story, in parallel processes when `workers` > 1."""
    jobs = [(ranker, label) for label in labels]
    if workers <= 1 or len(jobs) < 4:
        return [_run_one(job) for job in jobs]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_run_one, jobs, chunksize=4))


def summary(outcomes: Sequence[Outcome]) -> dict[str, object]:
    """Accuracy figures (fractions) of the outcomes and of the baseline."""
    n = len(outcomes)

    def share(hits: int) -> float:
        return round(hits / n, 4) if n else 0.0

    positions = [o.position() for o in outcomes]
    baseline = [o.position(o.baseline) for o in outcomes]
    return {
        "n": n,
        "top1": share(sum(p == 1 for p in positions)),
        "top3": share(sum(p is not None and p <= 3 for p in positions)),
        "baseline_top1": share(sum(p == 1 for p in baseline)),
        "baseline_top3": share(sum(p is not None and p <= 3 for p in baseline)),
        "errors": sum(o.error is not None for o in outcomes),
        "rival_won": sum(o.rival_won for o in outcomes),
    }


def _candidate(analysis: Analysis, name: str) -> Candidate:
    character = analysis.story.character(name)
    names = character.names() if character else (name,)
    keys = ("cues", "words", "scenes_present", "copresence_weighted_degree", "subject")
    figures = {key: round(float(analysis.tables[key].get(name, 0.0)), 3) for key in keys}
    return Candidate(name, names, figures)


def rank_role(role: str, path: Path) -> tuple[tuple[Candidate, ...], tuple[Candidate, ...]]:
    """Load and analyse a story; its ranking for `role`, and the most-cues baseline."""
    analysis = analyze(build_story(read_script(path)))
    if role not in analysis.roles:
        known = ", ".join(sorted(analysis.roles))
        raise InputError(f"unknown role {role!r}; expected one of {known}.")
    ranking = tuple(_candidate(analysis, r.name) for r in analysis.roles[role].ranking)
    cues = analysis.tables["cues"]
    individuals = [c.name for c in analysis.story.cast if not c.group]
    baseline = sorted(individuals, key=lambda n: (-cues.get(n, 0), n))[:3]
    return ranking, tuple(_candidate(analysis, n) for n in baseline)
