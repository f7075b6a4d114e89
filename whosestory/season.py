"""Seasons: several files read as the episodes, in order, of one work.

    load_season(paths) -> episodes (one Story each) and the whole season (one Story)
    analyze_season(paths) -> Season: each episode's Analysis and the whole season's

The whole season is built from the episodes' scripts joined in order, so that one
cast is resolved over all of them (``ANNA`` in episode 1 and ``ANNA KARLSSON`` in
episode 3 are one character) and every measure and role reads the season as one
story. Each scene keeps its episode as its act (``E1``, ``E2``, ...), so presence
by part is presence by episode; an episode that opens without a heading gets one
with its title, so its first lines never join the last scene of the episode before.
Line numbers in the season's evidence are those of each episode's own file.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from whosestory.aliases import AliasRules, load_alias_file
from whosestory.analysis import Analysis, analyze
from whosestory.build import build_story
from whosestory.errors import InputError
from whosestory.kinds import HEADING
from whosestory.model import SPOKEN_KINDS, Element, Script, Span, Story, record
from whosestory.readers import read_script
from whosestory.rolemodel import RoleModel
from whosestory.screenplay import count_words

EXTENSIONS = frozenset({".fountain", ".spmd", ".fdx", ".pdf", ".xml", ".tei", ".txt", ".text"})
"""The files of a folder read as episodes (other files in it are left alone)."""


def _natural(path: Path) -> list[object]:
    """Sort key: ``ep2`` before ``ep10``."""
    return [int(t) if t.isdigit() else t.casefold() for t in re.split(r"(\d+)", path.name)]


def episode_paths(paths: Sequence[str | Path]) -> list[Path]:
    """The episode files, in order: each file as given, each folder's scripts by name
    (``ep2`` before ``ep10``). Raises InputError for a folder with no script in it."""
    found: list[Path] = []
    for given in map(Path, paths):
        if given.is_dir():
            inside = sorted(
                (p for p in given.iterdir() if p.is_file() and p.suffix.lower() in EXTENSIONS),
                key=_natural,
            )
            if not inside:
                raise InputError(f"{given}: a folder with no script in it (.fountain, .fdx, ...).")
            found += inside
        else:
            found.append(given)
    return found


def _label(index: int) -> str:
    return f"E{index + 1}"


def _episode_elements(script: Script, index: int, title: str) -> list[Element]:
    """The episode's elements, each in the episode's act; a heading first if it has none."""
    label = _label(index)
    elements = [dataclasses.replace(e, act=label) for e in script.elements]
    if not elements or elements[0].kind is not HEADING:
        line = elements[0].line if elements else 1
        elements.insert(0, Element(HEADING, title.upper(), Span(line, line), act=label))
    return elements


def _season_title(titles: Sequence[str]) -> str:
    """The episodes' common title (``Harbour`` of ``Harbour 1`` and ``Harbour 2``), else all."""
    words = [t.split() for t in titles]
    common: list[str] = []
    for column in zip(*words, strict=False):
        if len(set(column)) > 1:
            break
        common.append(column[0])
    return " ".join(common).rstrip(" :-–—") or " / ".join(titles)


def load_season(
    paths: Sequence[str | Path],
    fmt: str | None = None,
    aliases: str | Path | AliasRules | None = None,
) -> tuple[list[Story], Story]:
    """Each episode as a Story, and the whole season as one Story (see the module)."""
    rules = load_alias_file(aliases) if isinstance(aliases, (str, Path)) else aliases
    scripts = [read_script(path, fmt) for path in episode_paths(paths)]
    episodes = [build_story(script, rules) for script in scripts]
    elements = [
        element
        for i, (script, story) in enumerate(zip(scripts, episodes, strict=True))
        for element in _episode_elements(script, i, story.title or f"episode {i + 1}")
    ]
    languages = {s.language for s in scripts}
    declared = {entry.id: entry for script in scripts for entry in script.declared_cast}
    whole = Script(
        format=scripts[0].format if len({s.format for s in scripts}) == 1 else "season",
        source=", ".join(s.source for s in scripts),
        elements=tuple(elements),
        title=_season_title([story.title for story in episodes]),
        declared_cast=tuple(declared.values()),
        language=languages.pop() if len(languages) == 1 else None,
    )
    return episodes, build_story(whole, rules)


@record
class Season:
    """A season: each episode's analysis, the whole season's, and who holds what per episode.

    `holders`: role -> the season's name of each episode's holder (None when an
    episode's holder is no character of the season); `words` and `scenes`: character
    -> words spoken and scenes present in each episode, read from the whole season
    so that every episode names a character alike.
    """

    episodes: tuple[Analysis, ...]
    whole: Analysis
    holders: Mapping[str, tuple[str | None, ...]]
    words: Mapping[str, tuple[int, ...]]
    scenes: Mapping[str, tuple[int, ...]]


def _season_name(whole: Story, name: str | None) -> str | None:
    """The season's character an episode's character is (by any of its names)."""
    if not name:
        return None
    wanted = name.casefold()
    for character in whole.cast:
        if wanted in (n.casefold() for n in character.names()):
            return character.name
    return None


def _per_episode(
    whole: Analysis, count: int
) -> tuple[dict[str, tuple[int, ...]], dict[str, tuple[int, ...]]]:
    """Words spoken and scenes present per episode of each character of the season."""
    story = whole.story
    episode = {_label(i): i for i in range(count)}
    words: dict[str, list[int]] = {c.name: [0] * count for c in story.cast}
    for scene in story.scenes:
        at = episode.get(scene.act or "", 0)
        for element in scene.elements:
            if element.kind in SPOKEN_KINDS and element.speaker in words:
                words[element.speaker][at] += count_words(element.text)
    scenes = {
        f.name: tuple(f.presence_by_part.get(f"act {_label(i)}", 0) for i in range(count))
        for f in whole.figures
    }
    return {n: tuple(w) for n, w in words.items()}, scenes


def analyze_season(
    paths: Sequence[str | Path],
    fmt: str | None = None,
    aliases: str | Path | AliasRules | None = None,
    models: Mapping[str, RoleModel] | None = None,
) -> Season:
    """Analyse each episode and the whole season (`load_season`)."""
    stories, combined = load_season(paths, fmt, aliases)
    episodes = tuple(analyze(story, models) for story in stories)
    whole = analyze(combined, models)
    holders = {
        role: tuple(_season_name(combined, e.roles[role].character) for e in episodes)
        for role in whole.roles
    }
    words, scenes = _per_episode(whole, len(episodes))
    return Season(episodes, whole, holders, words, scenes)
