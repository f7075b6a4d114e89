"""Scene statistics: lengths in eighths of a page, INT/EXT and day/night, locations.

Page length is the estimate the spotlight measures use for screen time
(`measures.spotlight.scene_seconds`: action at 60 characters a line, dialogue at
35, a line for each cue and heading, a blank line between elements, 55 lines a
page), so a scene's eighths and a character's screen time agree. A scene is
rounded to the nearest eighth of a page and is never shorter than one eighth,
as on a production breakdown; the story's eighths are the sum of its scenes'.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Literal

from whosestory.measures.spotlight import SECONDS_PER_PAGE, scene_lengths
from whosestory.model import SPOKEN_KINDS, Kind, Scene, Story

if TYPE_CHECKING:
    from whosestory.stats.types import Location, SceneStats, Split

ACTION_KINDS = frozenset({Kind.ACTION, Kind.STAGE})
"""Kinds counted as action (screen action, stage directions) against dialogue."""

NIGHT_WORDS = frozenset({"NIGHT", "EVENING", "DUSK", "MIDNIGHT", "NACHT", "ABEND", "NUIT", "SOIR"})
DAY_WORDS = frozenset(
    {"DAY", "MORNING", "AFTERNOON", "NOON", "DAWN", "SUNRISE", "SUNSET", "TAG", "MORGEN", "JOUR"}
)
"""Words of a heading's time that make a scene a night or a day scene (night wins)."""


def eighths(pages: float) -> int:
    """A length in pages as whole eighths of a page, at least one."""
    return max(1, round(pages * 8))


def length_label(count: int) -> str:
    """Eighths of a page as a writer says them: ``3/8``, ``1``, ``2 5/8``."""
    pages, rest = divmod(count, 8)
    if not rest:
        return str(pages)
    return f"{pages} {rest}/8" if pages else f"{rest}/8"


def scene_pages(story: Story) -> list[float]:
    """The estimated pages of every scene, in order."""
    return [seconds / SECONDS_PER_PAGE for seconds in scene_lengths(story)]


def daypart(time: str | None) -> str:
    """``night``, ``day``, ``other`` (a time such as CONTINUOUS) or ``unstated`` (no time)."""
    if not time:
        return "unstated"
    words = set("".join(c if c.isalpha() else " " for c in time.upper()).split())
    if words & NIGHT_WORDS:
        return "night"
    return "day" if words & DAY_WORDS else "other"


def _words(scene: Scene, kinds: Iterable[Kind]) -> int:
    wanted = frozenset(kinds)
    return sum(e.words() for e in scene.elements if e.kind in wanted)


def share(part: float, whole: float) -> float | None:
    """`part` / `whole` to four decimals, None when there is nothing to share."""
    return round(part / whole, 4) if whole else None


def scene_stats(
    story: Story, present: Mapping[str, frozenset[int]], pages: Sequence[float]
) -> list[SceneStats]:
    """Every scene's length, setting, time of day, dialogue and action words, and its people."""
    here: dict[int, list[str]] = {}
    for name in sorted(present):
        for index in present[name]:
            here.setdefault(index, []).append(name)
    found: list[SceneStats] = []
    for scene in story.scenes:
        dialogue, action = _words(scene, SPOKEN_KINDS), _words(scene, ACTION_KINDS)
        speakers = [s.speaker for s in scene.speeches() if s.speaker]
        count = eighths(pages[scene.index])
        found.append(
            {
                "index": scene.index + 1,
                "number": scene.number,
                "heading": scene.heading,
                "act": scene.act,
                "setting": scene.setting,
                "location": scene.location,
                "time": scene.time,
                "daypart": daypart(scene.time),
                "eighths": count,
                "length": length_label(count),
                "dialogue_words": dialogue,
                "action_words": action,
                "dialogue_share": share(dialogue, dialogue + action),
                "speakers": list(dict.fromkeys(speakers)),
                "present": here.get(scene.index, []),
            }
        )
    return found


def split(scenes: Sequence[SceneStats], key: Literal["setting", "daypart"]) -> list[Split]:
    """Scenes and eighths per value of `key` (``setting``, ``daypart``), most eighths first."""
    total = sum(s["eighths"] for s in scenes)
    counts: dict[str, list[int]] = {}
    for scene in scenes:
        entry = counts.setdefault(scene[key] or "unstated", [0, 0])
        entry[0] += 1
        entry[1] += scene["eighths"]
    ordered = sorted(counts.items(), key=lambda item: (-item[1][1], item[0]))
    return [
        {"name": name, "scenes": n, "eighths": e, "share": share(e, total) or 0.0}
        for name, (n, e) in ordered
    ]


def locations(scenes: Sequence[SceneStats]) -> list[Location]:
    """Every location named in a heading: how often it recurs, its eighths, first and last scene.

    Locations are compared in upper case with spaces collapsed; most scenes first.
    """
    found: dict[str, Location] = {}
    for scene in scenes:
        if not scene["location"]:
            continue
        name = " ".join(scene["location"].upper().split())
        entry = found.setdefault(
            name, {"name": name, "scenes": 0, "eighths": 0, "first": scene["index"], "last": 0}
        )
        entry["scenes"] += 1
        entry["eighths"] += scene["eighths"]
        entry["last"] = scene["index"]
    return sorted(found.values(), key=lambda e: (-e["scenes"], -e["eighths"], e["first"]))
