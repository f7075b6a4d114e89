"""The shape of the screenwriter and drama statistics: plain JSON-ready data, every key fixed.

`stats.screen_stats` returns a `Stats`; the report view carries it as it is, and
docs/schema.json is generated from these declarations with the report's own.
Scenes are numbered from 1, as in every report; optional values are ``None``.
"""

from __future__ import annotations

from typing import TypedDict


class SceneStats(TypedDict):
    """A scene's length (eighths of a page), setting, time of day, and dialogue against action."""

    index: int
    number: str | None
    heading: str
    act: str | None
    setting: str | None
    location: str | None
    time: str | None
    daypart: str
    eighths: int
    length: str
    dialogue_words: int
    action_words: int
    dialogue_share: float | None
    speakers: list[str]
    present: list[str]


class Split(TypedDict):
    """One value of a split (INT/EXT, day/night): its scenes, eighths and share of the eighths."""

    name: str
    scenes: int
    eighths: int
    share: float


class Location(TypedDict):
    """A location, the scenes set there, their eighths, and the first and last of them."""

    name: str
    scenes: int
    eighths: int
    first: int
    last: int


class CharacterStats(TypedDict):
    """A character's dialogue and the action about it, minutes of dialogue, parts, voice."""

    name: str
    gender: str | None
    speeches: int
    dialogue_words: int
    action_words: int
    dialogue_share: float | None
    minutes: float
    scenes: int
    eighths: int
    by_part: dict[str, int]
    distinctness: float | None


class MatrixRow(TypedDict):
    """A scene's row of the scene x character table: words spoken, 0 present silent, null absent."""

    scene: int
    heading: str
    cells: list[int | None]


class Matrix(TypedDict):
    """Scenes x characters: who speaks how many words in each scene, who is there silent."""

    characters: list[str]
    rows: list[MatrixRow]


class Overlap(TypedDict):
    """How much two characters' vocabularies overlap (Jaccard index of their word types)."""

    a: str
    b: str
    overlap: float


class NetworkMetrics(TypedDict):
    """Play-level metrics of the co-presence network, as DraCor reports them."""

    nodes: int
    edges: int
    density: float
    average_degree: float
    clustering: float
    diameter: int | None
    average_path_length: float | None
    components: int
    largest_component: int


class GenderSplit(TypedDict):
    """Characters, speeches and words of one gender (``f``, ``m`` or ``unknown``)."""

    gender: str
    characters: int
    speeches: int
    words: int
    share: float


class Stats(TypedDict):
    """Screenwriter statistics and drama network metrics of one story."""

    pages: float
    eighths: int
    length: str
    dialogue_minutes: float
    words_per_minute: int
    parts: list[str]
    scenes: list[SceneStats]
    settings: list[Split]
    dayparts: list[Split]
    locations: list[Location]
    characters: list[CharacterStats]
    matrix: Matrix
    voices: list[Overlap]
    network: NetworkMetrics
    gender: list[GenderSplit]


class SideLine(TypedDict):
    """An element of a scene in a character's sides: kind, cue, text, line, and if it is theirs."""

    kind: str
    cue: str | None
    text: str
    line: int
    own: bool


class SideScene(TypedDict):
    """A scene of a character's sides: its number, heading, length and every element."""

    index: int
    heading: str
    length: str
    elements: list[SideLine]


class Sides(TypedDict):
    """A character's sides: every scene it is in, whole, its own lines marked."""

    title: str
    character: str
    scenes: list[SideScene]
    speeches: int
    dialogue_words: int
