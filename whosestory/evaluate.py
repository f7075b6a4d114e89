"""Evaluating verdicts against labelled stories, honestly.

A labels file is a TSV with a header. The story column is the first of
``file``, ``play``, ``path``, ``story``; the expected column is given or the first
of ``hero``, ``main_character``, ``protagonist``, ``expected``, ``character``; an
optional ``not`` column names a rival reading that should not win. ``|``
separates accepted answers.

Matching (as `../shared/data/README.md` states it):

- in a TEI play a label is an ``xml:id`` and matches only a character with
  exactly that id, ignoring case (``eng000247-duchess`` is the Duchess, not every
  character whose id starts ``eng000247-``);
- elsewhere a label is a name and matches a character when one of its words
  equals a word of the character's canonical name or of one of its aliases,
  ignoring case (``Ben`` matches ``BEN SANDERSON``); ids never take part.

Every story is analysed once (`collect`); the figures of the verdict, the simple
baselines and the cross-validated fitted models are then read from the
collected cases (`whosestory.evalreport`).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from whosestory.errors import InputError, WhosestoryError
from whosestory.model import Story
from whosestory.readers import read_bytes

if TYPE_CHECKING:
    from whosestory.rolemodel import RoleModel

_STORY_COLUMNS = ("file", "play", "path", "story")
_EXPECTED_COLUMNS = ("hero", "main_character", "protagonist", "expected", "character")
_EXTENSIONS = ("", ".xml", ".fountain", ".fdx", ".txt", ".pdf")
_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
"""A whole word of a name: letters and digits, with an apostrophe inside kept (``WILL'S`` is
one word, not WILL and S: WILL'S DATE is not Will; ``O'BRIEN`` is not O)."""
_ID_LIKE_RE = re.compile(r"\S*[\d_-]\S*$")
"""A label of one token holding a digit, an underscore or a hyphen: an xml:id
(``eng000247-duchess``, ``Hamlet_Ham``), which never matches by the words of names."""
ID_REASON = "TEI xml:id"
"""The merge reason of an alias that is a TEI xml:id (see `whosestory.cast`)."""

BASELINES = ("most_words", "most_speeches", "most_scenes", "mean_rank")
"""The simple rankings every fitted or weighted verdict must beat."""


@dataclass(frozen=True, slots=True)
class Label:
    """One labelled story: its set, where it is, the accepted answers, the rival reading."""

    file: str
    path: Path
    expected: tuple[str, ...]
    rival: tuple[str, ...] = ()
    set: str = "labels"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A character as the evaluation sees it: its names (ids apart) and its TEI ids."""

    name: str
    names: tuple[str, ...]
    ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Collected:
    """One labelled story, analysed: candidates, their features, and every ranking of them.

    `rankings` maps "verdict" (the analysis's own ranking for the role) and each
    baseline to candidate names, best first. `tei` says the labels are ids.
    """

    label: Label
    candidates: tuple[Candidate, ...] = ()
    features: tuple[dict[str, float], ...] = ()
    rankings: dict[str, tuple[str, ...]] | None = None
    tei: bool = False
    error: str | None = None

    def accepted(self, answers: Sequence[str] | None = None) -> tuple[int, ...]:
        """Indices of the candidates the label (or `answers`) accepts."""
        wanted = self.label.expected if answers is None else answers
        found: set[int] = set()
        for answer in wanted:
            hits = [i for i, c in enumerate(self.candidates) if matches(answer, c, self.tei)]
            if not hits and self.tei and not _ID_LIKE_RE.match(answer.strip()):
                # a name, not an id, on a TEI play (a scholar's own labels): whole name words
                hits = [i for i, c in enumerate(self.candidates) if matches(answer, c)]
            found.update(hits)
        return tuple(sorted(found))

    def hit(self, ranking: str) -> bool:
        """True when the first of `ranking` is an accepted character."""
        order = (self.rankings or {}).get(ranking, ())
        if not order:
            return False
        first = self.index(order[0])
        return first is not None and first in self.accepted()

    def index(self, name: str) -> int | None:
        for i, candidate in enumerate(self.candidates):
            if candidate.name == name:
                return i
        return None


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD_RE.findall(text)}


def matches(label: str, candidate: Candidate, tei: bool = False) -> bool:
    """True when `label` names the candidate: exactly one of its ids in a TEI play, else a
    whole word of one of its names. (`Collected.accepted` reads a label that is no id of a
    TEI play, and does not look like one, as a name.)"""
    if tei:
        wanted = label.strip().casefold()
        return any(wanted == i.casefold() for i in candidate.ids)
    wanted_words = _words(label)
    return any(wanted_words & _words(name) for name in candidate.names)


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


def _locate(roots: Iterable[Path], name: str) -> Path:
    roots = list(roots)
    for root in roots:
        for extension in _EXTENSIONS:
            candidate = root / f"{name}{extension}"
            if candidate.is_file():
                return candidate
    return roots[0] / name


def story_roots(labels_path: Path) -> list[Path]:
    """Where a labels file's stories are looked for: its folder, then the subfolder whose name
    begins its file name (``gerdracor-main-characters.tsv`` -> ``gerdracor/``), if any."""
    folder = labels_path.parent
    roots = [folder]
    stem = labels_path.stem
    for sub in sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else ():
        if stem.startswith(f"{sub.name}-"):
            roots.insert(0, sub)
    return roots


def set_name(labels_path: Path) -> str:
    """A label set's name: its folder and file stem (``plays/gerdracor-main-characters``)."""
    return (
        f"{labels_path.parent.name}/{labels_path.stem}"
        if labels_path.parent.name
        else (labels_path.stem)
    )


def read_labels(
    path: str | Path, root: str | Path | None = None, column: str | None = None
) -> list[Label]:
    """Read a labels TSV; story paths are resolved against `root` (default: `story_roots`)."""
    source = Path(path)
    roots = [Path(root)] if root else story_roots(source)
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
    name = set_name(source)
    labels = []
    for row in rows:
        expected = tuple(
            a.strip() for a in (row.get(expected_column) or "").split("|") if a.strip()
        )
        if not expected:
            continue
        rival = tuple(a.strip() for a in (row.get("not") or "").split("|") if a.strip())
        story = row[story_column].strip()
        labels.append(Label(story, _locate(roots, story), expected, rival, name))
    return labels


def _candidate(story: Story, name: str) -> Candidate:
    character = story.character(name)
    if character is None:
        return Candidate(name, (name,))
    ids = tuple(a.name for a in character.aliases if a.reason == ID_REASON)
    names = tuple(n for n in character.names() if n not in ids)
    return Candidate(name, names, ids)


def _order(values: dict[str, float], names: Sequence[str], reverse: bool = True) -> tuple[str, ...]:
    sign = -1 if reverse else 1
    return tuple(sorted(names, key=lambda n: (sign * values.get(n, 0.0), n)))


def analyse_label(job: tuple[str, Label, Mapping[str, RoleModel] | None]) -> Collected:
    """Read and analyse one labelled story (with `models` for the roles they fit, else the
    shipped ones); its candidates, features and rankings."""
    role, label, models = job
    from whosestory.analysis import analyze
    from whosestory.build import build_story
    from whosestory.readers import read_script

    try:
        story = build_story(read_script(label.path))
        analysis = analyze(story, models)
    except WhosestoryError as err:
        return Collected(label, error=str(err))
    names = [c.name for c in story.cast if not c.group]
    if role not in analysis.roles:
        raise InputError(f"unknown role {role!r}.")
    rankings = {
        "verdict": tuple(r.name for r in analysis.roles[role].ranking),
        "most_words": _order(analysis.tables["words"], names),
        "most_speeches": _order(analysis.tables["cues"], names),
        "most_scenes": _order(analysis.tables["scenes_present"], names),
        "mean_rank": _order(analysis.rankings.overall, names, reverse=False),
    }
    return Collected(
        label=label,
        candidates=tuple(_candidate(story, n) for n in names),
        features=tuple(dict(analysis.features[n]) for n in names),
        rankings=rankings,
        tei=story.format == "tei",
    )


def collect(
    labels: Sequence[Label],
    role: str,
    workers: int = 1,
    models: Mapping[str, RoleModel] | None = None,
) -> list[Collected]:
    """Analyse every labelled story once, in parallel processes when `workers` > 1; `models`
    (role -> model) replace the shipped models of their roles."""
    jobs = [(role, label, models) for label in labels]
    if workers <= 1 or len(jobs) < 4:
        return [analyse_label(job) for job in jobs]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(analyse_label, jobs, chunksize=4))
