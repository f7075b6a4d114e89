"""Soliloquies and asides: the stage's own interiority.

A play has no camera and no voice-over; what a character thinks, it says alone or
aside (Pfister, "Das Drama", 1977, 4.5.5: monologue and aside as the drama's
"Innenweltdarstellung"). Both are counted for the individual characters of a play
(a TEI story; a screenplay's camera can leave a character alone without any
soliloquy):

- a **soliloquy** is a speech of at least `MIN_SOLILOQUY_WORDS` words that its
  speaker says while alone on stage, alone in one of the play's configurations
  (`configurations.configurations`: who is on stage between one entrance or exit
  and the next, read from the stage directions in English, German, French and
  Russian). The runs of one speech split by stage directions count as one;
- an **aside** is a speech marked as one: a stage direction inside or right before
  it whose short clause says so (`ASIDE`: "aside", "à part", "a parte",
  "beiseite", "für sich", "в сторону", "про себя"; "Aside to Horatio", "L'examinant,
  à part", not "pushes the curtain aside"), or a TEI ``<stage type="aside">``
  (kept by the reader as the extension ``aside``).

`inner_speeches(story)` lists them with their place (for quotes); `soliloquies` and
`asides` count them per character (0 for everyone in a screenplay).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from whosestory.measures.configurations import Configuration, configurations
from whosestory.model import Element, Kind, Story

MIN_SOLILOQUY_WORDS = 25
"""A speech alone shorter than this ("Ho!", a line before an exit) is no soliloquy."""
MAX_MARKER_WORDS = 4
"""The longest clause of a stage direction that can mark an aside ("À Ninon à part"); one
that ends with the word has at most two words before it, or opens with whom it is to
("à Ninon", "кому-то"), so "Tom sets it aside" is no marker."""
ASIDE = re.compile(
    r"^(?:aside|à part|a parte|apart|beiseite|für sich|в сторону|про себя)\b"
    r"|^(?:(?:to|à|au|aux|zu|zum|zur|an|к|кому)\b\S*\s+)?(?:\S+\s+){0,2}?"
    r"(?:aside|à part|a parte|beiseite|für sich|в сторону|про себя)$",
    re.IGNORECASE,
)
_CLAUSE = re.compile(r"[,;:()\[\].!?]+")


@dataclass(frozen=True, slots=True)
class InnerSpeech:
    """A soliloquy or an aside: who says it, where (scene index and the speech's
    elements), how many words, and which (``"soliloquy"`` or ``"aside"``)."""

    character: str
    scene: int
    elements: tuple[Element, ...]
    words: int
    kind: str


def is_aside_marker(element: Element) -> bool:
    """Whether a stage direction marks the speech beside it as an aside."""
    if element.kind is not Kind.STAGE:
        return False
    if "aside" in element.extensions:
        return True
    clauses = (" ".join(c.split()) for c in _CLAUSE.split(element.text))
    return any(c and len(c.split()) <= MAX_MARKER_WORDS and ASIDE.search(c) for c in clauses)


def _speeches(elements: Sequence[Element]) -> list[list[int]]:
    """Indexes of each speech's runs: spoken elements of one speaker, only directions between."""
    found: list[list[int]] = []
    speaker = None
    for i, element in enumerate(elements):
        if element.kind is Kind.DIALOGUE and element.speaker and not element.dual:
            if (
                found
                and speaker == element.speaker
                and _only_directions(elements, found[-1][-1], i)
            ):
                found[-1].append(i)
            else:
                found.append([i])
            speaker = element.speaker
        elif element.kind in (Kind.DIALOGUE, Kind.VOICE_OVER):
            speaker = None
    return found


def _only_directions(elements: Sequence[Element], start: int, end: int) -> bool:
    return all(e.kind is Kind.STAGE for e in elements[start + 1 : end])


def _words(elements: Iterable[Element]) -> int:
    return sum(len(e.text.split()) for e in elements)


def _alone(configs: Sequence[Configuration], scene: int, element: Element, speaker: str) -> bool:
    line = element.span.start
    return any(
        c.scene == scene and c.first_line <= line <= c.last_line and c.characters == {speaker}
        for c in configs
    )


def _is_aside(elements: Sequence[Element], run: Sequence[int]) -> bool:
    """A marker right before the speech, or between its runs (a marker after it is the
    next speech's: TEI puts a speech's own direction inside its ``<sp>``, before the text)."""
    first, last = run[0], run[-1]
    before = elements[first - 1] if first > 0 else None
    inside = elements[first:last]
    return (before is not None and is_aside_marker(before)) or any(
        is_aside_marker(e) for e in inside
    )


def inner_speeches(
    story: Story, configs: Sequence[Configuration] | None = None
) -> list[InnerSpeech]:
    """Every soliloquy and aside of a play, in order (none in a screenplay)."""
    if story.format != "tei":
        return []
    configs = configurations(story) if configs is None else configs
    individuals = {c.name for c in story.cast if not c.group}
    found: list[InnerSpeech] = []
    for scene in story.scenes:
        elements = scene.elements
        for run in _speeches(elements):
            speaker = elements[run[0]].speaker or ""
            if speaker not in individuals:
                continue
            spoken = tuple(elements[i] for i in run)
            words = _words(spoken)
            if _is_aside(elements, run):
                found.append(InnerSpeech(speaker, scene.index, spoken, words, "aside"))
            elif words >= MIN_SOLILOQUY_WORDS and _alone(configs, scene.index, spoken[0], speaker):
                found.append(InnerSpeech(speaker, scene.index, spoken, words, "soliloquy"))
    return found


def counts(story: Story, speeches: Sequence[InnerSpeech], kind: str) -> dict[str, float]:
    """How many speeches of `kind` each individual character says (0 when none)."""
    counted = Counter(s.character for s in speeches if s.kind == kind)
    return {c.name: float(counted.get(c.name, 0)) for c in story.cast if not c.group}
