"""Frame and narration: whose telling frames the story.

A framed story has two layers of scenes: the telling (a present day, an office,
a bench, an interview room) and the told (the past, the tale). The frame layer
is found in three ways, and `frame_layer` says which it used:

1. **markers**: headings and transitions that say when a scene is. ``PRESENT``,
   ``PRESENT DAY``, ``NOW``, ``BACK TO PRESENT`` mark the telling;
   ``FLASHBACK``, ``YEARS EARLIER``, ``THE PAST`` mark the told, up to the next
   ``BACK TO PRESENT`` / ``END FLASHBACK``. Years in headings (``(1973)``) mark
   the told when the script also marks a present; otherwise the latest year is
   the present and earlier ones the past.
2. **recurring place**: a place the story keeps returning to between blocks of
   other scenes (at least three visits in three separate blocks, including the
   first or last scene), as a therapist's office or a park bench is, when someone
   tells the story from it: a voice-over spoken there or a listener there, or when
   markers move the story's time, the markers set one of its visits in the present
   (a flashback told in one interrogation does not make the van the story keeps
   returning to its frame). A place first reached after the opening
   act is the frame when someone there talks to a listener the story does not show.
3. **an unseen listener**: action that says a character talks to camera, to an
   interviewer, a therapist, a priest or the police, with a verb of speaking in its
   clause (a run "TO CAMERA", a look "INTO THE CAMERA" or a back turned "to us" is a
   shot), or a parenthetical "(to camera)" on a speech.

Unmarked scenes join a layer by label propagation over their characters: a
scene whose people belong to the marked present is present, one whose people
belong to the marked past is past (scenes between markers keep the layer of the
scene before when their people say nothing either way). Near-empty placeholder
scenes in a recurring place belong to the frame with it.

The frame's owner is the character most present in it, as a speaker, voice or
in the action; a character whose speech in the frame is mostly questions is a
listener (an interviewer, a therapist), which `listener_share` reports so the
verdict can weigh it against them. Narration is voice-over: `narration` gives
words, scenes and share; `narrator_in_story` tells a narrator who takes part
in the story from a witness who stands outside it, and a witness's closing
voice counts in proportion to their part (`lived`). A voice first heard
narrating in the story's second half (an inner voice, a letter) is not its
telling (`telling`).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from whosestory._lazy import LazyPattern
from whosestory.kinds import ACTION, DIALOGUE, PARENTHETICAL, TRANSITION, VOICE_OVER
from whosestory.language import holding_any
from whosestory.lexicons.closed import DEVICE_WORDS
from whosestory.measures.spotlight import present_scenes
from whosestory.model import Element, Kind, Scene, Speech, Story, record

_PRESENT_RE = re.compile(
    r"\b(?:PRESENT(?:[\s-]+DAY)?|NOW|TODAY|CURRENT(?:\s+DAY)?|BACK TO (?:THE )?(?:PRESENT|NOW|"
    r"REALITY)|END (?:OF )?FLASH[\s-]?BACK)\b",
    re.IGNORECASE,
)
_PAST_RE = re.compile(
    r"\b(?:FLASH[\s-]?BACKS?|(?:\w+ )?(?:YEARS?|MONTHS?|WEEKS?|DECADES?) (?:EARLIER|AGO|BEFORE)|"
    r"THE PAST|IN THE PAST|MEMORY|REMEMBERED)\b",
    re.IGNORECASE,
)
_END_FLASHBACK_RE = LazyPattern(r"\bEND (?:OF )?FLASH[\s-]?BACK|BACK TO (?:THE )?PRESENT", re.I)
_YEAR_RE = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_NOT_SHOWN = r"unseen|off[- ]?screen|off[- ]?camera"
_WE_DONT_SEE = r"we (?:can(?:no|')t|don't|do not|never) see"
"""How a screenplay says the story does not show someone (`_LISTENER_WHO`, `_UNSEEN_RE`)."""
_LISTENER_WHO = (
    r"(?:(?:an?|the|his|her) (?:unseen |off-screen |offscreen )?"
    r"(?:interviewer|therapist|psychiatrist|shrink|counsell?or|priest|detective|cop|police|"
    r"officer|listener|audience|camera crew|documentary crew|reporter|journalist)"
    r"|(?:an?|the|his|her|their|some) (?:unseen|off-?screen|off-?camera|invisible) \w[\w.'-]*"
    rf"|(?:someone|somebody|a person) (?:{_NOT_SHOWN}|(?:who |whom )?{_WE_DONT_SEE})"
    rf"|(?:an?|the|his|her|their) \w[\w'-]*,? (?:(?:who |whom )?{_WE_DONT_SEE}"
    rf"|who (?:remains|stays|is) (?:{_NOT_SHOWN})))"
)
_LISTENER_STORY = r" (?:the|his|her|this) story"
_LISTENER_RE = re.compile(
    r"[TtIi\u0130\u0131AaFfWwNnRr](?<![\w].)(?:"
    r"(?<=[Tt])(?i:o (?:the )?camera|o us\b|o unseen \w[\w.'-]*)"
    rf"|(?:(?<=[Tt])(?i:o )|(?<=[Ff])(?i:or )|(?<=[Ww])(?i:ith )"
    rf"|(?<=[Aa])(?i:ddress(?:es|ing)? ))(?i:{_LISTENER_WHO})"
    rf"|(?<=[Tt])(?i:ell(?:s|ing){_LISTENER_STORY})"
    r"|(?<=[Ii\u0130\u0131])(?i:nto (?:the )?(?:camera|lens))"
    r"|(?<=[Aa])(?i:t the camera)"
    rf"|(?<=[Nn])(?i:arrat(?:es|ing){_LISTENER_STORY})"
    rf"|(?<=[Rr])(?i:ecount(?:s|ing){_LISTENER_STORY}))\b"
)
"""Speaking to camera or to an unseen listener: "to camera", "into the lens", "to us",
"to/for/with an unseen interviewer", "to an unseen person", "to someone we don't see",
"to a person we never see", "to her doctor, whom we never see", "to the doctor, who remains
unseen", "(to unseen doctor)", "addresses the audience", "tells his story", in any case, from
a word's start. Not "by an unseen ..." or "someone out of shot": of 34 such lines in the
322 films, 30 were a hand, a force, an escort or a shot's edge, 4 an interviewer.
The pattern opens with the alternatives' first letters written out in both cases (and
the two Turkish i's that ``re.IGNORECASE`` matches to an i), tests the word's start after
it and picks the alternatives by that letter: a set of letters first lets the regex
engine skip to where a match can start, where ``\\b`` first under ``re.IGNORECASE``
made it try every position (2.7 times the time over the data's texts). The alternatives
keep their order, so every match is the one it was. The listeners (`_LISTENER_WHO`) are
written once, after a choice of "to", "for" and "with" (a third less text for `re` to
compile at every import); a word's first letter picks at most one of the three, so the
alternatives open to it come in the order they did."""
_BACK_TO_RE = re.compile(
    r"(?:(?:^|\b(?:his|her|their|its|my|your|our|with|the|a)\s+)|[,;:(]\s*)backs?\s+$",
    re.IGNORECASE,
)
"""A back turned to the camera ("his back to us", "BACK TO CAMERA", "their backs to us"): a
shot's staging, not a line spoken to camera ("Rob turns back to camera" is)."""
_SPEAKING_RE = re.compile(
    r"\b(?:talk|speak|say|tell|address|narrat|explain|whisper|confid|answer|ask|continu|repl|"
    r"recount|confess|describ|lectur|report|announc|introduc|interview|monologu)\w*",
    re.IGNORECASE,
)
"""A verb of speaking: in an action line, only a line spoken to camera or to an unseen
listener tells the story ("She turns to the camera and talks to us"); a look "into the
camera", a run "TO CAMERA" or a walk to a police car is a shot, not a telling. A
parenthetical "(to camera)" or a play's stage direction marks the speech it stands in."""
_HEARER_RE = re.compile(
    r"\b(?:interviewer|therapist|psychiatrist|shrink|counsell?or|listener)\b", re.IGNORECASE
)
"""A listener who is there only to hear the story: no one walks to an interviewer."""
_CLAUSE_END_RE = re.compile(r"[.!?;:]\s|--|\n\s*\n")
_UNSEEN_RE = re.compile(rf"\b(?:{_NOT_SHOWN}|invisible|{_WE_DONT_SEE})\b", re.IGNORECASE)
"""A listener the story does not show: what makes a place the story reaches late its frame
(a glance "into the camera" or a line "to the cop" is no telling)."""
_LISTENER_KINDS = frozenset({Kind.ACTION, Kind.PARENTHETICAL, Kind.STAGE})
_LISTENER_WORDS = (
    *("camera", "lens", "to us", "story", "interviewer", "therapist", "psychiatrist"),
    *("shrink", "counsel", "priest", "detective", "cop", "police", "officer", "listener"),
    *("audience", "crew", "reporter", "journalist", "unseen", "screen", "camera"),
    *("invisible", "t see", "not see", "never see"),
)
"""Words of which every match of `_LISTENER_RE` holds one (in lower case): the lines to search
(`holding_any`) before the pattern runs."""
_INSIDE = "inside a flashback"
_MIN_VISITS = 3
_MAX_FRAME = 0.4
_PROPAGATION_ROUNDS = 3
_MAX_LAYER = 0.6
_BRACKET = 0.2
_SHOT_RE = re.compile(
    r"^(?:FULL|CLOSE|MEDIUM|WIDE|LONG|TRACKING|ANGLE|POV|INSERT|AERIAL|EXTREME|TWO|REVERSE|"
    r"ESTABLISHING|MONTAGE|SERIES|INTERCUT|BACK TO|ON)\b"
)
_NOT_PLACES = frozenset({"OMITTED", "CONTINUED", "BLACK", "BLACK SCREEN", "TITLE", "CREDITS"})


@record
class Frame:
    """The frame layer: its scenes, how it was recognised, and its owner.

    `how` lists the recognitions (``"markers"``, ``"recurring place: OFFICE"``,
    ``"unseen listener"``); `evidence` is (scene index, line, quote) for each.
    """

    scenes: frozenset[int]
    how: tuple[str, ...]
    owner: str | None
    presence: Mapping[str, float]
    evidence: tuple[tuple[int, int, str], ...] = ()


def _scene_text(scene: Scene) -> str:
    """The heading and the transitions and short capital lines that say when a scene is."""
    parts = [scene.heading]
    for element in scene.elements:
        if element.kind is TRANSITION or (
            element.kind is ACTION and len(element.text) < 60 and element.text.isupper()
        ):
            parts.append(element.text)
    return " ".join(parts)


def scene_markers(story: Story) -> list[tuple[str | None, str]]:
    """Per scene: ``"present"``, ``"past"`` or None, and the text that said so."""
    texts = [_scene_text(s) for s in story.scenes]
    has_present = any(_PRESENT_RE.search(t) and not _PAST_RE.search(t) for t in texts)
    years = [max((int(y) for y in _YEAR_RE.findall(s.heading)), default=None) for s in story.scenes]
    known = [y for y in years if y is not None]
    latest = max(known) if len(set(known)) > 1 else None
    markers: list[tuple[str | None, str]] = []
    in_flashback = False
    for text, year in zip(texts, years, strict=True):
        past = _PAST_RE.search(text)
        present = _PRESENT_RE.search(text)
        if present and (not past or _END_FLASHBACK_RE.search(text)):
            markers.append(("present", present.group(0)))
            in_flashback = False
        elif past:
            markers.append(("past", past.group(0)))
            in_flashback = True
        elif year is not None and (has_present or (latest is not None and year < latest)):
            markers.append(("past", str(year)))
        elif year is not None and latest is not None:
            markers.append(("present", str(year)))
        elif in_flashback:
            markers.append(("past", _INSIDE))
        else:
            markers.append((None, ""))
    return markers


def _propagate(
    story: Story,
    seeds: Sequence[str | None],
    present: Mapping[str, frozenset[int]],
    start: Sequence[str | None] | None = None,
) -> list[str | None]:
    """Give unmarked scenes the layer their characters belong to (label propagation).

    Marked scenes keep their layer. An unmarked scene takes the layer that most
    of its characters' marked scenes are in (more than 60% of the vote), else the
    layer of the scene before it. Scenes inside an unclosed flashback start in the
    past (`start`) but may leave it. When nothing marks the told story, unmarked
    scenes start in it, so that the frame grows only through its own people.
    """
    people: dict[int, list[str]] = defaultdict(list)
    for name, scenes in present.items():
        for index in scenes:
            people[index].append(name)
    default = None if "past" in seeds else "past"
    start = start or [None] * len(seeds)
    layers = [seed or first or default for seed, first in zip(seeds, start, strict=True)]
    for _ in range(_PROPAGATION_ROUNDS):
        affinity: dict[str, Counter[str]] = defaultdict(Counter)
        for index, layer in enumerate(layers):
            if layer:
                for name in people[index]:
                    affinity[name][layer] += 1
        updated: list[str | None] = []
        for index, seed in enumerate(seeds):
            if seed:
                updated.append(seed)
                continue
            votes: Counter[str] = Counter()
            for name in people[index]:
                counts = affinity[name]
                total = sum(counts.values())
                for key, n in counts.items():
                    votes[key] += n / total
            best = votes.most_common(1)[0] if votes else None
            if best and best[1] > 0.6 * sum(votes.values()):
                updated.append(best[0])
            else:
                updated.append(updated[-1] if updated else default)
        layers = updated
    return layers


def _place(scene: Scene) -> str | None:
    """The place a screenplay heading names (INT./EXT. headings only; a play's
    "Scene 2" is not a place)."""
    if not scene.location or scene.setting is None:
        return None
    return re.sub(r"\s*\(.*?\)\s*", " ", scene.location).strip().upper() or None


def recurring_places(story: Story, late: bool = False) -> dict[str, list[int]]:
    """Places visited in at least three separate blocks, from the opening to the close.

    A frame place brackets the story: it is visited near the start and near the
    end (the first and last tenth), in three or more separate blocks, and holds
    at most `_MAX_FRAME` of the scenes (a place that holds more is where the
    story happens, not where it is told). With `late`, a place first visited after
    the opening, within the first half, and last in the final fifth counts too: a story
    may be told from a place it reaches only after its opening act (`frame_layer` asks
    for a teller there).
    """
    visits: dict[str, list[int]] = defaultdict(list)
    for scene in story.scenes:
        place = _place(scene)
        if place:
            visits[place].append(scene.index)
    last = len(story.scenes) - 1
    found = {}
    for place, indices in visits.items():
        if place in _NOT_PLACES or _SHOT_RE.match(place):
            continue
        blocks = 1 + sum(1 for a, b in itertools.pairwise(indices) if b > a + 1)
        edge = max(1, last // 10)
        opens = indices[0] <= (last // 2 if late else edge)
        spans_story = opens and indices[-1] >= last - (max(1, last // 5) if late else edge)
        if blocks >= _MIN_VISITS and spans_story and len(indices) <= _MAX_FRAME * len(story.scenes):
            found[place] = indices
    return found


def unseen_listener(story: Story) -> list[tuple[int, int, str]]:
    """Action lines that say a character speaks to camera or to an unseen listener."""
    lines = [
        (scene.index, element)
        for scene in story.scenes
        for element in scene.elements
        if element.kind in _LISTENER_KINDS
    ]
    hits = []
    # the pattern is run only on the lines that hold one of the words it needs
    for i in holding_any([element.text for _, element in lines], _LISTENER_WORDS):
        scene, element = lines[i]
        text = element.text
        spoken = element.kind is not ACTION
        match = next(
            (
                m
                for m in _LISTENER_RE.finditer(text)
                if not _BACK_TO_RE.search(text, 0, m.start()) and (spoken or _spoken_to(text, m))
            ),
            None,
        )
        if match:
            start = max(0, match.start() - 40)
            hits.append((scene, element.line, element.text[start : match.end() + 20]))
    return hits


def _spoken_to(text: str, match: re.Match[str]) -> bool:
    """True when an action line's `match` is a telling: a listener who is unseen or who
    only listens (an interviewer, a therapist), or a verb of speaking in its clause ("talks
    to us", "turns to camera and talks"; "tells his story" is its own verb)."""
    if _UNSEEN_RE.search(match.group(0)) or _HEARER_RE.search(match.group(0)):
        return True
    start = max((m.end() for m in _CLAUSE_END_RE.finditer(text, 0, match.start())), default=0)
    end = _CLAUSE_END_RE.search(text, match.end())
    return bool(_SPEAKING_RE.search(text, start, end.start() if end else len(text)))


def frame_layer(story: Story, present: Mapping[str, frozenset[int]] | None = None) -> Frame:
    """Find the frame layer, how it shows, and who owns it (see the module docstring).

    `present` is `spotlight.present_scenes(story)` when the caller already has it.
    """
    present = present_scenes(story) if present is None else present
    markers = scene_markers(story)
    how: list[str] = []
    evidence: list[tuple[int, int, str]] = []
    seeds: list[str | None] = [m if text != _INSIDE else None for m, text in markers]
    start: list[str | None] = [m if text == _INSIDE else None for m, text in markers]
    if "present" in seeds and "past" in seeds:
        how.append("markers")
        evidence += [
            (i, story.scenes[i].span.start, text)
            for i, (m, text) in enumerate(markers)
            if m == "present"
        ][:5]
    listener = unseen_listener(story)
    told_from = {index for index, _, _ in listener}
    places = _frame_places(story, seeds, recurring_places(story))
    # a place is a frame when someone tells from it or, when markers move the story's
    # time, when they set one of its visits in the present
    marked = told_from | _voiced(story)
    if how:
        marked |= {i for i, seed in enumerate(seeds) if seed == "present"}
    places = {place: indices for place, indices in places.items() if marked & set(indices)}
    told_unseen = {index for index, _, quote in listener if _UNSEEN_RE.search(quote)}
    opens_late = not places and bool(told_unseen)
    if opens_late:  # a place the story reaches after its opening act, told to someone unseen
        late = _frame_places(story, seeds, recurring_places(story, late=True))
        places = {place: indices for place, indices in late.items() if told_unseen & set(indices)}
    if places:
        place, indices = max(places.items(), key=lambda item: (len(item[1]), item[0]))
        how.append(f"recurring place: {place}")
        for index in indices:
            seeds[index] = seeds[index] or "present"
        evidence += [(i, story.scenes[i].span.start, story.scenes[i].heading) for i in indices[:3]]
    if len(told_from) >= _MIN_VISITS:
        how.append("unseen listener")
        for index, _, _ in listener:
            seeds[index] = seeds[index] or "present"
        evidence += listener[:3]
    if not how:
        return Frame(frozenset(), (), None, {})
    layers = _propagate(story, seeds, _bodily(story, present), start)
    frame = frozenset(i for i, layer in enumerate(layers) if layer == "present")
    if not _frames_the_story(frame, len(story.scenes), opens_late=opens_late and bool(places)):
        return Frame(frozenset(), (), None, {})
    shares = frame_presence(story, frame, present)
    owner = max(shares, key=lambda n: (shares[n], len(present.get(n, ())), n)) if shares else None
    return Frame(frame, tuple(how), owner, shares, tuple(evidence))


def _voiced(story: Story) -> set[int]:
    """The scenes in which someone speaks in voice-over (narrates, or tells from there)."""
    return {
        scene.index
        for scene in story.scenes
        if any(element.kind is VOICE_OVER for element in scene.elements)
    }


def _frame_places(
    story: Story, seeds: Sequence[str | None], places: Mapping[str, list[int]]
) -> dict[str, list[int]]:
    """The recurring places no marker puts in the past."""
    return {
        place: indices
        for place, indices in places.items()
        if not any(seeds[i] == "past" for i in indices)
    }


def _voice_only(story: Story) -> dict[str, set[int]]:
    """Scenes in which each speaker is heard only in voice-over."""
    voice: dict[str, set[int]] = defaultdict(set)
    spoken: dict[str, set[int]] = defaultdict(set)
    for scene in story.scenes:
        for element in scene.elements:
            if element.speaker and element.kind is VOICE_OVER:
                voice[element.speaker].add(scene.index)
            elif element.speaker and element.kind is DIALOGUE:
                spoken[element.speaker].add(scene.index)
    return {name: voice[name] - spoken[name] for name in voice}


def _bodily(story: Story, present: Mapping[str, frozenset[int]]) -> dict[str, frozenset[int]]:
    """Presence without the scenes a character is only heard over: a narrator's voice over
    the told story does not place them in its layer (`_propagate`)."""
    voice_only = _voice_only(story)
    return {name: scenes - voice_only.get(name, set()) for name, scenes in present.items()}


def _frames_the_story(frame: frozenset[int], n: int, opens_late: bool = False) -> bool:
    """A layer frames a story when it is a layer and brackets the rest.

    At least `_MIN_VISITS` scenes and at most `_MAX_LAYER` of them; in two or more
    separate blocks (interleaved with the told story); with a scene in the first
    and one in the last `_BRACKET` of the story. One flashback with a "PRESENT
    DAY" after it, or a place visited twice mid-story, is not a frame. A frame told
    to a listener in a place the story reaches after its opening act (`opens_late`)
    may start anywhere in the first half.
    """
    if len(frame) < _MIN_VISITS or len(frame) > _MAX_LAYER * n:
        return False
    ordered = sorted(frame)
    blocks = 1 + sum(1 for a, b in itertools.pairwise(ordered) if b > a + 1)
    opening = 0.5 if opens_late else _BRACKET
    return blocks >= 2 and ordered[0] < opening * n and ordered[-1] >= (1 - _BRACKET) * n


def frame_presence(
    story: Story, frame: frozenset[int], present: Mapping[str, frozenset[int]] | None = None
) -> dict[str, float]:
    """Share of the frame's peopled scenes each non-group character is present in (0..1).

    A frame's placeholder visits (a heading and "Improvised scene", or nothing at all) hold
    no one: they are the frame's, but they do not thin its teller's share of it.
    """
    present = present or present_scenes(story)
    people = {c.name for c in story.cast if not c.group}
    peopled = {i for name in people for i in present.get(name, frozenset()) & frame}
    size = len(peopled) or 1
    return {
        c.name: round(len(present.get(c.name, frozenset()) & frame) / size, 4)
        for c in story.cast
        if not c.group
    }


def listener_share(story: Story, scenes: frozenset[int]) -> dict[str, float]:
    """Share of each character's speeches in the given scenes that are questions."""
    asked: Counter[str] = Counter()
    spoken: Counter[str] = Counter()
    for index in scenes:
        for speech in story.scenes[index].speeches():
            if speech.speaker:
                spoken[speech.speaker] += 1
                asked[speech.speaker] += speech.text.rstrip().endswith("?")
    return {name: round(asked[name] / n, 4) for name, n in spoken.items()}


def narration(story: Story) -> dict[str, dict[str, float]]:
    """Voice-over per character: words, scenes, share of all voice-over words."""
    words: Counter[str] = Counter()
    scenes: dict[str, set[int]] = defaultdict(set)
    for scene in story.scenes:
        for element in scene.elements:
            if element.kind is VOICE_OVER and element.speaker:
                words[element.speaker] += element.words()
                scenes[element.speaker].add(scene.index)
    total = sum(words.values()) or 1
    return {
        c.name: {
            "words": words[c.name],
            "scenes": len(scenes[c.name]),
            "share": round(words[c.name] / total, 4),
        }
        for c in story.cast
        if not c.group
    }


def narrator_in_story(
    story: Story, present: Mapping[str, frozenset[int]] | None = None
) -> dict[str, float]:
    """How far a character takes part in the story outside its narration (0..1).

    Scenes the character is present in without voice-over, as a share of the
    scenes of the most present character: a witness narrator who stands
    outside the story scores near 0, a narrator who lives it near 1.
    """
    present = present_scenes(story) if present is None else present
    bodily = _bodily(story, present)
    inside = {c.name: len(bodily.get(c.name, frozenset())) for c in story.cast if not c.group}
    top = max(inside.values(), default=0) or 1
    return {name: round(n / top, 4) for name, n in inside.items()}


LIVES_THE_STORY = 0.5
"""A narrator present outside their narration in at least this share of the scenes of the
most present character (`narrator_in_story`) lives the story (`lived`)."""


def lived(closing: Mapping[str, float], inside: Mapping[str, float]) -> dict[str, float]:
    """The closing voice (`closing_voice`) of a narrator who lives the story, in full; of a
    witness who tells it from further outside, in proportion to their part in it
    (`inside`, from `narrator_in_story`): a prologue's voice that closes the film too is not
    whose story it is."""
    return {
        name: round(value * min(1.0, inside.get(name, 0.0) / LIVES_THE_STORY), 4)
        for name, value in closing.items()
    }


def bookends(
    story: Story, share: float = 0.05, present: Mapping[str, frozenset[int]] | None = None
) -> dict[str, float]:
    """Who holds the opening and the close: 0..1 per character.

    A quarter each for being present in the opening scenes (the first `share` of
    the story, at least one scene), in the closing scenes, having the first
    words and having the last words (dialogue or voice-over).
    """
    n = len(story.scenes)
    if not n:
        return {}
    k = max(1, round(n * share))
    present = present_scenes(story) if present is None else present
    spoken = [
        e.speaker
        for s in story.scenes
        for e in s.elements
        if e.speaker and e.kind in (DIALOGUE, VOICE_OVER)
    ]
    opening, closing = set(range(k)), set(range(n - k, n))
    scores: dict[str, float] = {}
    for character in story.cast:
        if character.group:
            continue
        name = character.name
        scenes = present.get(name, frozenset())
        score = 0.25 * bool(scenes & opening) + 0.25 * bool(scenes & closing)
        score += 0.25 * bool(spoken and spoken[0] == name)
        score += 0.25 * bool(spoken and spoken[-1] == name)
        scores[name] = score
    return scores


FULL_NARRATION = 5
"""Narrating voice-over speeches that make a voice a full narrator (`closing_voice`)."""

LATE_VOICE = 0.5
"""Share of the story's scenes after which a voice first heard narrating is not its telling:
an inner voice, a letter or a log that begins in the second half (`telling`)."""


def narrating_speeches(story: Story) -> list[tuple[int, Speech]]:
    """Voice-over speeches that narrate, with their scene index, in story order.

    A voice-over speech is in an exchange, not narrating, when another speaker's
    speech comes right before or after it, or when the nearest speech either side
    is another voice-over: a phone call, a radio exchange or a remembered
    conversation answers and is answered. Narration speaks over the action, and
    a line spoken on screen after a stretch of action is no answer to it.
    """
    found: list[tuple[int, Speech]] = []
    for scene in story.scenes:
        speeches = scene.speeches()
        elements = scene.elements
        position = {id(element): i for i, element in enumerate(elements)}
        for i, speech in enumerate(speeches):
            if not speech.speaker or not _is_voice_over(speech):
                continue
            first = position[id(speech.elements[0])]
            last = position[id(speech.elements[-1])]
            around = [s for s in speeches[max(0, i - 1) : i] + speeches[i + 1 : i + 2]]
            touching = {
                position[id(s.elements[-1])] + 1 == first or position[id(s.elements[0])] == last + 1
                for s in around
                if s.speaker and s.speaker != speech.speaker
            }
            voices = any(s.speaker != speech.speaker and _is_voice_over(s) for s in around)
            if True in touching or voices or _broadcast(speech, elements, first, last):
                continue
            found.append((scene.index, speech))
    return found


_DEVICE_RE = re.compile(
    r"(?<![\w.-])(?:"
    + "|".join(sorted((re.escape(w) for ws in DEVICE_WORDS.values() for w in ws), key=len)[::-1])
    + r")(?![\w-])",
    re.IGNORECASE,
)


def _broadcast(speech: Speech, elements: Sequence[Element], first: int, last: int) -> bool:
    """True when a voice-over comes through a device: its own parenthetical or the action
    right before or after it names one (`DEVICE_WORDS`: a television, a screen, a radio, a
    loudspeaker). A speech on the evening news is not the story's narration."""
    near = [e for e in speech.elements if e.kind is PARENTHETICAL]
    for at in (first - 1, last + 1):
        if 0 <= at < len(elements) and elements[at].kind is ACTION:
            near.append(elements[at])
    return any(_DEVICE_RE.search(e.text) for e in near)


def _is_voice_over(speech: Speech) -> bool:
    return any(e.kind is VOICE_OVER for e in speech.elements)


@record
class Telling:
    """Who narrates: the first narrating voice-over if it falls in the story's opening
    edge, the last if it falls in its closing edge (each with its scene index), and
    how fully each voice narrates (`strength`)."""

    first: tuple[int, Speech] | None
    last: tuple[int, Speech] | None
    strength: dict[str, float]


def telling(story: Story, edge: float = 0.1) -> Telling:
    """The story's narration, read once: its opening and closing voices and their strength.

    A voice's strength is its narrating speeches as a share of `FULL_NARRATION`, or 1
    for the voice that both opens and closes the telling, or 0 for a voice first heard
    narrating after `LATE_VOICE` of the story: a patient's inner voice that closes the
    film, a letter read out in its last act, is not the voice that tells it.
    """
    speeches = narrating_speeches(story)
    n = len(story.scenes)
    first = speeches[0] if speeches and speeches[0][0] < edge * n else None
    last = speeches[-1] if speeches and speeches[-1][0] >= (1 - edge) * n else None
    narrated = Counter(speech.speaker for _, speech in speeches)
    early = {speech.speaker for index, speech in speeches if index < LATE_VOICE * n}
    strength = {
        name: min(1.0, count / FULL_NARRATION) if name in early else 0.0
        for name, count in narrated.items()
        if name
    }
    if first is not None and last is not None and first[1].speaker == last[1].speaker:
        strength[first[1].speaker or ""] = 1.0
    return Telling(first, last, strength)


def closing_voice(
    story: Story, edge: float = 0.1, voices: Telling | None = None
) -> dict[str, float]:
    """Who opens and closes the telling in narration: 0..1 per character.

    The last narrating voice-over (`narrating_speeches`), in the story's last tenth,
    scores 1; the first, in its first tenth, 0.5. Each counts by the voice's
    strength (`telling`): in full for a voice with `FULL_NARRATION` narrating
    speeches or one that both opens and closes the telling, so one closing line
    from a voice that never narrated before is not a telling, and a phone call is
    none at all. `voices` is `telling(story, edge)` when the caller already has it.
    """
    scores = {c.name: 0.0 for c in story.cast if not c.group}
    voices = telling(story, edge) if voices is None else voices
    for found, weight in ((voices.first, 0.5), (voices.last, 1.0)):
        if found is not None and found[1].speaker in scores:
            name = found[1].speaker
            scores[name] += weight * voices.strength.get(name, 0.0)
    return {name: round(min(1.0, value), 4) for name, value in scores.items()}
