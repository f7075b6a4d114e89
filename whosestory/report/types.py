"""The report view's shape: plain JSON-ready data, every key fixed.

`report.view` builds a `ReportView` from an `Analysis`; every renderer (text, JSON,
Markdown, HTML) and `whosestory serve` read it. docs/schema.json is generated from
these declarations (`report.schema`), so the schema and the view cannot drift.
Optional values are ``None``, never a missing key.
"""

from __future__ import annotations

from typing import TypedDict

from whosestory.stats.types import Stats


class Diagnostic(TypedDict):
    """Something a reader or the builder had to guess, at a line (None: the whole file)."""

    line: int | None
    code: str
    message: str


class Merge(TypedDict):
    """A cue merged into a character, and why."""

    name: str
    reason: str


class Character(TypedDict):
    """A character's figures: counts, when it appears, its tier and every measure."""

    name: str
    aliases: list[str]
    group: bool
    gender: str | None
    cues: int
    words: int
    scenes_speaking: int
    scenes_present: int
    first_appearance: int | None
    last_appearance: int | None
    presence_by_part: dict[str, int]
    merges: list[Merge]
    tier: str
    measures: dict[str, float]


class Ranked(TypedDict):
    """A character's place in a role's ranking: score, and probability once a model gives one."""

    name: str
    score: float
    probability: float | None


class FigurePair(TypedDict):
    """A measure's value for the winner and for the runner-up."""

    winner: float
    runner_up: float


class Verdict(TypedDict):
    """Who holds a role, the ranking, the figures that decided it, the margin."""

    character: str | None
    runner_up: str | None
    margin: float
    close_call: bool
    ranking: list[Ranked]
    evidence: dict[str, FigurePair]
    what_would_change: str | None


class _Cited(TypedDict, total=False):
    citation: str | None


class Quote(_Cited):
    """A short quote with where it is: scene (as numbered, else its position), heading, line;
    `citation`: a play's own act.scene.line ("5.2.118"), else its act and scene (plays
    only; null for a screenplay)."""

    scene: str
    heading: str
    line: int
    quote: str


class Component(TypedDict):
    """One weighted component of a verdict's score: weight, winner's and runner-up's value."""

    weight: float
    winner: float
    runner_up: float


Case = TypedDict(
    "Case",
    {
        "for": list[str],
        "quotes": list[Quote],
        "against": list[str],
        "what_would_change": str | None,
        "components": dict[str, Component],
        "carried": dict[str, float],
    },
)
Case.__doc__ = "The case for a verdict, with quotes, the case against, and what would flip it."


class Frame(TypedDict):
    """The frame layer: its owner, how it was found, its scenes (1-based), where it shows."""

    owner: str
    how: list[str]
    scenes: list[int]
    evidence: list[Quote]


class RankingEntry(TypedDict):
    """A character and its score in a ranking."""

    name: str
    score: float


class Rankings(TypedDict):
    """The count, network and overall (mean rank, lower is better) rankings, and their tau."""

    count: list[RankingEntry]
    network: list[RankingEntry]
    overall_mean_rank: list[RankingEntry]
    kendall_tau: float | None


class TimelineScene(TypedDict):
    """A scene of the timeline: 1-based index, heading, number, act, in the frame layer."""

    index: int
    heading: str
    number: str | None
    act: str | None
    frame: bool


class TimelineRow(TypedDict):
    """A character's presence per scene: 2 speaking, 1 present, 0 absent."""

    name: str
    cells: list[int]


class Timeline(TypedDict):
    """Scenes and one presence row per character who appears."""

    scenes: list[TimelineScene]
    rows: list[TimelineRow]


class Node(TypedDict):
    """A character of the co-presence network and its scenes present."""

    name: str
    scenes: int


class Edge(TypedDict):
    """Two characters and the scenes they share."""

    source: str
    target: str
    weight: int


class Network(TypedDict):
    """The co-presence network, most present nodes and heaviest edges first."""

    nodes: list[Node]
    edges: list[Edge]


class Window(TypedDict):
    """Mean tone (with its 90 % interval) of a stretch of story time (0..1)."""

    start: float
    end: float
    units: int
    mean: float | None
    low: float | None
    high: float | None


class Arc(TypedDict):
    """A character's change of tone: shape, change and its interval, and the windows."""

    name: str
    shape: str | None
    delta: float | None
    low: float | None
    high: float | None
    windows: list[Window]


class ReportView(TypedDict):
    """The report view of one analysed story (`whosestory analyze --format json`)."""

    schema_version: str
    title: str
    format: str
    source: str
    scenes: int
    characters: list[Character]
    divergence: str | None
    roles: dict[str, Verdict]
    evidence: dict[str, Case]
    frame: Frame | None
    rankings: Rankings
    diagnostics: list[Diagnostic]
    timeline: Timeline
    network: Network
    arcs: list[Arc]
    stats: Stats | None


class StatsView(TypedDict):
    """What ``whosestory stats`` prints: the story's title, format, source and statistics."""

    title: str
    format: str
    source: str
    stats: Stats


class Episode(TypedDict):
    """An episode: its place (from 1), title, source, scenes, who holds each role in it (by
    the season's names) and where its roles part."""

    index: int
    title: str
    source: str
    scenes: int
    roles: dict[str, str | None]
    divergence: str | None


class SeasonCharacter(TypedDict):
    """A character's words, share of the episode's words and scenes present, per episode."""

    name: str
    words: list[int]
    shares: list[float]
    scenes: list[int]


class SeasonView(TypedDict):
    """Several files as the episodes of one season (``whosestory analyze EP1 EP2 EP3``)."""

    schema_version: str
    title: str
    episodes: list[Episode]
    roles: dict[str, str | None]
    divergence: str | None
    shifts: list[str]
    characters: list[SeasonCharacter]
    season: ReportView
