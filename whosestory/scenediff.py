"""Which scenes two versions of a story share, and which were added, cut, moved or revised.

A scene is known by its heading (spaces and case ignored, scene numbers left out)
and the first words of its text. Scenes with the same heading and opening are the
same scene; of the rest, a heading that stands once among the unmatched scenes of
each version pairs them as one scene revised. Matched scenes out of their order
(not on the longest run of pairs kept in order) were moved. The others were cut
(only in the first version) or added (only in the second).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from whosestory.model import Scene, Story, record

OPENING_WORDS = 12
"""Words of a scene's text that, with its heading, tell it from other scenes."""
_NUMBER_RE = re.compile(r"^\s*\d+[a-z]?\s*[.:)-]?\s+|\s+\d+[a-z]?\s*$", re.IGNORECASE)


@record
class SceneChange:
    """One scene's fate: its 0-based index in each version (None where it is absent)."""

    change: str
    a: int | None
    b: int | None
    heading: str


def _heading(scene: Scene) -> str:
    return " ".join(_NUMBER_RE.sub(" ", scene.heading).split()).casefold()


def _key(scene: Scene) -> tuple[str, str]:
    words = " ".join(e.text for e in scene.elements if e.text).split()[:OPENING_WORDS]
    return _heading(scene), " ".join(words).casefold()


def _pairs(a: Sequence[Scene], b: Sequence[Scene]) -> tuple[list[tuple[int, int]], set[int]]:
    """Matched (a, b) index pairs, in b's order; and the b indexes that were revised."""
    free: dict[tuple[str, str], list[int]] = {}
    for scene in a:
        free.setdefault(_key(scene), []).append(scene.index)
    pairs: dict[int, int] = {}
    for scene in b:
        waiting = free.get(_key(scene))
        if waiting:
            pairs[scene.index] = waiting.pop(0)
    left_a = [s for s in a if s.index not in pairs.values()]
    left_b = [s for s in b if s.index not in pairs]
    count_a = Counter(_heading(s) for s in left_a)
    count_b = Counter(_heading(s) for s in left_b)
    by_heading = {_heading(s): s.index for s in left_a if count_a[_heading(s)] == 1}
    revised = set()
    for scene in left_b:
        heading = _heading(scene)
        if heading and count_b[heading] == 1 and heading in by_heading:
            pairs[scene.index] = by_heading[heading]
            revised.add(scene.index)
    return sorted(((i_a, i_b) for i_b, i_a in pairs.items()), key=lambda p: p[1]), revised


def _in_order(pairs: Sequence[tuple[int, int]]) -> set[tuple[int, int]]:
    """The longest run of pairs whose first versions' indexes rise (O(n^2), scenes are few)."""
    best: list[list[tuple[int, int]]] = []
    for i, pair in enumerate(pairs):
        before = [best[j] for j in range(i) if pairs[j][0] < pair[0]]
        best.append([*max(before, key=len, default=[]), pair])
    return set(max(best, key=len, default=[]))


def scene_changes(a: Story, b: Story) -> list[SceneChange]:
    """Every scene that was added, cut, moved or revised from `a` to `b`, in order."""
    pairs, revised = _pairs(a.scenes, b.scenes)
    kept = _in_order(pairs)
    matched_a = {i_a for i_a, _ in pairs}
    found = [
        SceneChange("cut", s.index, None, s.heading) for s in a.scenes if s.index not in matched_a
    ]
    for i_a, i_b in pairs:
        heading = b.scenes[i_b].heading
        if (i_a, i_b) not in kept:
            found.append(SceneChange("moved", i_a, i_b, heading))
        elif i_b in revised:
            found.append(SceneChange("revised", i_a, i_b, heading))
    matched_b = {i_b for _, i_b in pairs}
    found += [
        SceneChange("added", None, s.index, s.heading) for s in b.scenes if s.index not in matched_b
    ]
    return sorted(found, key=lambda c: (c.b if c.b is not None else c.a or 0, c.change))
