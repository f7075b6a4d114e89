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
from functools import lru_cache

from whosestory._lazy import LazyPattern
from whosestory.kinds import ACTION, DIALOGUE, HEADING, STAGE, VOICE_OVER
from whosestory.measures.configurations import (
    Configuration,
    configurations,
    has_entrance,
    name_patterns,
)
from whosestory.model import CLOSES_SPEECH, Element, Story, record

MIN_SOLILOQUY_WORDS = 25
"""A speech alone shorter than this ("Ho!", a line before an exit) is no soliloquy."""
MAX_MARKER_WORDS = 4
"""The longest clause of a stage direction that can mark an aside ("À Ninon à part"); one
that ends with the word has at most two words before it, or opens with whom it is to
("à Ninon", "кому-то"), so "Tom sets it aside" is no marker."""
ASIDE = LazyPattern(
    r"^(?:aside|à part|a parte|apart|beiseite|für sich|в сторону|про себя)\b"
    r"|^(?:(?:to|à|au|aux|zu|zum|zur|an|к|кому)\b\S*\s+)?(?:\S+\s+){0,2}?"
    r"(?:aside|à part|a parte|beiseite|für sich|в сторону|про себя)$",
    re.IGNORECASE,
)
_CLAUSE = LazyPattern(r"[,;:()\[\].!?]+")
OFFSTAGE = LazyPattern(
    r"\bwithin\b|\boff-?stage\b|\bhinter (?:der|die) (?:szene|bühne|tür|thür)\b|\bvon innen\b"
    r"|\bvon außen\b|\bdans la coulisse|\bdans les coulisses|\bderrière la (?:scène|porte)\b"
    r"|\bза сценой\b|\bза дверью\b|\bза кулисами\b",
    re.IGNORECASE,
)
"""A direction that puts a voice off stage: "within", "hinter der Szene", "dans la
coulisse", "за сценой"."""
ALONE = LazyPattern(
    r"[AaSs\u017fОо\u1c82](?<![\w].)(?i:(?<=a)lone\b|(?<=s)ol(?:us|a)\b|(?<=a)llein\b"
    r"|(?<=s)eule?\b|(?<=о)дин\b|(?<=о)дна\b)"
)
r"""A direction that says a character is alone: "solus", "allein", "seul", "один".

`\balone\b|\bsol(?:us|a)\b|\ballein\b|\bseule?\b|\bодин\b|\bодна\b`, case-blind, in the
form of `configurations.ENTRANCE`: one class of the words' first letters in both cases and
the letters `re.IGNORECASE` also takes for them ("ſ" for "s", "ᲂ" for "о"), so the engine
skips ahead to them, the word start as a look-behind after it, each word picked by a
look-behind at its letter. Every match the same on the 68,915 distinct directions of the
DraCor plays and 300,000 random texts of the words and their letters; searched for before
every speech of a play, in a third of the time."""
LATER = LazyPattern(
    r"\b(?:then|after(?:wards?)?|later|dann|später|hernach|nachher|darauf|puis|ensuite|"
    r"потом|затем|после)\b",
    re.IGNORECASE,
)
"""Where a direction turns to what comes later ("Roxane seule, puis deux soeurs")."""


@record
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
    if element.kind is not STAGE:
        return False
    if "aside" in element.extensions:
        return True
    return _says_aside(element.text)


@lru_cache(maxsize=4096)
def _says_aside(text: str) -> bool:
    """Whether a short clause of a direction says "aside" (remembered: a direction is
    asked about as the marker after one speech and before the next)."""
    clauses = (" ".join(c.split()) for c in _CLAUSE.split(text))
    return any(c and len(c.split()) <= MAX_MARKER_WORDS and ASIDE.search(c) for c in clauses)


def _speeches(elements: Sequence[Element]) -> list[list[int]]:
    """Indexes of each speech's runs: spoken elements of one speaker, only directions between."""
    found: list[list[int]] = []
    speaker = None
    for i, element in enumerate(elements):
        if element.kind is DIALOGUE and element.speaker and not element.dual:
            if (
                found
                and speaker == element.speaker
                and _only_directions(elements, found[-1][-1], i)
            ):
                found[-1].append(i)
            else:
                found.append([i])
            speaker = element.speaker
        elif element.kind in (DIALOGUE, VOICE_OVER):
            speaker = None
    return found


def _only_directions(elements: Sequence[Element], start: int, end: int) -> bool:
    return all(e.kind is STAGE for e in elements[start + 1 : end])


def _words(elements: Iterable[Element]) -> int:
    return sum(len(e.text.split()) for e in elements)


def _alone_lines(configs: Iterable[Configuration]) -> set[tuple[int, int, str]]:
    """(scene, line, character) for every line of a configuration with one character on
    stage: a speech starting on that line is said alone. A line of several configurations
    (elements sharing a line) is alone when any of them is."""
    found: set[tuple[int, int, str]] = set()
    for c in configs:
        if len(c.characters) == 1:
            (one,) = c.characters
            found.update((c.scene, line, one) for line in range(c.first_line, c.last_line + 1))
    return found


def _answered(
    elements: Sequence[Element],
    run: Sequence[int],
    speaker: str,
    names: Sequence[tuple[re.Pattern[str], str]],
) -> bool:
    """Whether another character answers the speech with no word of their coming: they
    were on stage all along, listening (a scene that opens on a speech to someone whose
    presence no direction gives), so the speech was not said alone. A direction before
    it that says the speaker is alone ("solus", "allein"), one between that brings the
    answerer on (an entrance, or any direction naming them: "Stallmeister springt
    heraus") and a voice from off stage (`OFFSTAGE`: "within") keep it a soliloquy."""
    if run[0] > 0 and _says_alone(elements[run[0] - 1], speaker, names):
        return False
    for i in range(run[0] + 1, len(elements)):
        element = elements[i]
        if element.kind in (STAGE, ACTION) and has_entrance(element.text):
            return False
        if element.kind is DIALOGUE and element.speaker and element.speaker != speaker:
            between = [e for e in elements[run[0] + 1 : i] if e.kind is STAGE]
            if any(p.search(e.text) for e in between for p, c in names if c == element.speaker):
                return False
            beside = (elements[j] for j in (i - 1, i + 1) if 0 <= j < len(elements))
            return not any(e.kind is STAGE and OFFSTAGE.search(e.text) for e in beside)
    return False


def _says_alone(
    element: Element, speaker: str, names: Sequence[tuple[re.Pattern[str], str]]
) -> bool:
    """Whether a direction says the speaker is alone ("allein.", "Ann, alone."): before
    any word of what comes `LATER` ("Uriel allein. Später Simon."), it has an `ALONE`
    word and names no one but the speaker ("Enter the maid alone" before the lord's
    speech is about the maid)."""
    if element.kind not in (STAGE, HEADING) or not ALONE.search(element.text):
        return False
    now = LATER.split(element.text, maxsplit=1)[0]  # "Uriel allein. Später Simon."
    named = {c for p, c in names if p.search(now)}
    return bool(ALONE.search(now)) and named <= {speaker}


def _is_aside(elements: Sequence[Element], run: Sequence[int]) -> bool:
    """A marker right before the speech, between its runs, or closing it inside its own
    ``<sp>`` (`CLOSES_SPEECH`: "[aside]" printed after the line). A marker before the
    speech that closes the speech before it is that one's; any other marker after a
    speech is the next speech's (TEI puts a speech's own direction inside its ``<sp>``,
    before the text)."""
    first, last = run[0], run[-1]
    if first > 0:
        before = elements[first - 1]
        if CLOSES_SPEECH not in before.extensions and is_aside_marker(before):
            return True
    # most speeches are one run: nothing between its first and last element
    if last > first + 1 and any(is_aside_marker(e) for e in elements[first + 1 : last]):
        return True
    for i in range(last + 1, len(elements)):  # not a copy of the rest of the scene each time
        element = elements[i]
        if element.kind is not STAGE or CLOSES_SPEECH not in element.extensions:
            return False
        if is_aside_marker(element):
            return True
    return False


def inner_speeches(
    story: Story, configs: Sequence[Configuration] | None = None
) -> list[InnerSpeech]:
    """Every soliloquy and aside of a play, in order (none in a screenplay)."""
    if story.format != "tei":
        return []
    names = name_patterns(story.cast)
    configs = configurations(story, names) if configs is None else configs
    individuals = {c.name for c in story.cast if not c.group}
    alone_at = _alone_lines(configs)
    found: list[InnerSpeech] = []
    for scene in story.scenes:
        elements = scene.elements
        for run in _speeches(elements):
            speaker = elements[run[0]].speaker or ""
            if speaker not in individuals:
                continue
            if _is_aside(elements, run):
                spoken = tuple(elements[i] for i in run)
                found.append(InnerSpeech(speaker, scene.index, spoken, _words(spoken), "aside"))
                continue
            alone = _alone_from(elements, run, alone_at, scene.index, speaker, names)
            if alone is not None:
                said = tuple(elements[i] for i in alone)
                found.append(InnerSpeech(speaker, scene.index, said, _words(said), "soliloquy"))
    return found


def _alone_from(
    elements: Sequence[Element],
    run: Sequence[int],
    alone_at: set[tuple[int, int, str]],
    scene: int,
    speaker: str,
    names: Sequence[tuple[re.Pattern[str], str]],
) -> list[int] | None:
    """The runs of a speech said alone, from the first run the speaker says alone on (the
    others leave mid-speech: "Leave me, friends." All but Hamlet exit. "'Tis now the very
    witching time..."), when they are a soliloquy's length and nobody answers them."""
    for k, i in enumerate(run):
        says_alone = i > 0 and _says_alone(elements[i - 1], speaker, names)
        if says_alone or (scene, elements[i].span.start, speaker) in alone_at:
            rest = list(run[k:])
            long_enough = _words(elements[j] for j in rest) >= MIN_SOLILOQUY_WORDS
            if long_enough and not _answered(elements, rest, speaker, names):
                return rest
            return None
    return None


def counts(story: Story, speeches: Sequence[InnerSpeech], kind: str) -> dict[str, float]:
    """How many speeches of `kind` each individual character says (0 when none)."""
    counted = Counter(s.character for s in speeches if s.kind == kind)
    return {c.name: float(counted.get(c.name, 0)) for c in story.cast if not c.group}
