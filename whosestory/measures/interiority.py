"""Interiority (focalization): whose perceptions, thoughts and feelings the script lets us share.

Signals, each counted for every non-group character (0 when none):

- perception_verbs: in action and stage lines, a mention of the character as a
  subject (a name not followed by ``'s``, or a subject pronoun, ``he``/``she``,
  ``er``/``sie``, ``il``/``elle``, ``он``/``она``, that `Story.mentions` resolved
  to it) followed, after at most two adverbs (``slowly``, ``just``, ``still`` ...;
  French clitics, ``le``, ``se``), by a verb of perception, cognition or emotion of
  the story's language (`whosestory.lexicons.closed.PERCEPTION_VERBS`: ``Anna
  watches``, ``She slowly realizes``, ``Er horcht``, ``Elle le regarde``, ``Она
  смотрит``). A story in a language without such a list has none, and no
  interiority;
- pov_shots: shots through or close on the character, in headings and action:
  ``ANNA'S POV``, ``ANNA'S P.O.V.``, ``POV ANNA``, ``CLOSE ON ANNA``,
  ``CLOSE-UP ON ANNA``, ``REACTION SHOT: ANNA``, ``ANNA'S FACE``, and the same
  with ``HIS``/``HER``/``HIM`` for a pronoun (resolved through `Story.mentions`
  in action lines, else to the character of that gender last named or heard);
  in lower-case prose, "her face" or "Anna's face" only where the face is what
  is described (at the start of a sentence, "Her face falls", or after on,
  across, down, from, crosses: "a smile on her face"). Names are matched
  case-insensitively in every name the character goes by, and by a first name
  or surname only that character has (`mentions.surface_forms`);
- voice_over_scenes: scenes in which the character speaks in voice-over
  (narration, inner voice; words and shares are `frame.narration`'s).

interiority combines them as a rate per scene the character is present in::

    (perception_verbs + pov_shots + voice_over_scenes) / (scenes_present + prior)

where voice_over_scenes counts scenes with the character's voice-over (so one
long narration counts once per scene, like a shot) and ``prior`` (`PRIOR_SHARE`
of the story's scenes, at least 3) pulls characters seen in few scenes towards 0,
so a walk-on who "watches" twice does not outrank a lead. The rate is comparable
across characters and stories.

The signals follow narratology's focalization (Genette, "Narrative Discourse",
1972) as screenplays mark it: point-of-view and reaction shots, and verbs of
perception and cognition with the character as subject (cf. BookNLP's agent
verbs; Bamman, Underwood and Smith, "A Bayesian Mixed Effects Model of Literary
Character", ACL 2014).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from functools import cache

from whosestory.cast import key_of
from whosestory.kinds import ACTION, HEADING, STAGE, TRANSITION, VOICE_OVER
from whosestory.language import holding_any, story_language
from whosestory.lexicons import closed
from whosestory.measures.spotlight import present_scenes
from whosestory.mentions import cast_surface_forms
from whosestory.model import Element, Mention, Story, record

PRIOR_SHARE = 0.05
"""Scenes of zero interiority added to every character's in `interiority`, as a share
of the story's scenes (at least 3): 10 for a 200-scene feature."""

PERCEPTION_VERBS = closed.PERCEPTION_VERBS["en"]
"""English verbs of perception, cognition and emotion (present and past tense); every
language's are in `whosestory.lexicons.closed.PERCEPTION_VERBS`."""

_SCANNED = frozenset({HEADING, ACTION, STAGE, TRANSITION})
_NARRATIVE = frozenset({ACTION, STAGE})
_PRONOUN_GENDER = {"his": "m", "him": "m", "he": "m", "her": "f", "she": "f"}
_QUOTE = 90


@record
class Hit:
    """One interiority signal found in the script, with where it is and a short quote."""

    character: str
    scene: int
    line: int
    quote: str
    signal: str
    """``"perception"`` or ``"pov"``."""


def _quote(text: str, start: int, end: int) -> str:
    """About `_QUOTE` characters of `text` around [start, end), on word boundaries."""
    before = max(0, start - 25)
    if before:
        before = text.find(" ", before, start) + 1 or before
    after = min(len(text), max(end, before + _QUOTE))
    cut = text.rfind(" ", end, after) if after < len(text) else -1
    return " ".join(text[before : cut if cut > 0 else after].split())


def _narrative_elements(story: Story) -> dict[tuple[int, int], Element]:
    return {(s.index, e.line): e for s in story.scenes for e in s.elements if e.kind in _NARRATIVE}


@cache
def _verb_after(language: str) -> re.Pattern[str]:
    """A word after a subject, past up to two words of `SUBJECT_VERB_GAP` (adverbs,
    French clitics: "She slowly realizes", "Elle le regarde", "Elle l'observe")."""
    gap = closed.SUBJECT_VERB_GAP[language]
    return re.compile(rf"(?:,?\s+(?:{gap})){{0,2}}(?:,?\s+|(?<=['’]))([^\W\d_]+)")


def perception_hits(story: Story, language: str | None = None) -> list[Hit]:
    """Every perception, cognition or emotion verb with a character as subject.

    In the story's language (`story_language`, or `language` when given); empty in a
    language without a list of such verbs.
    """
    language = language or story_language(story)
    if language not in closed.PERCEPTION_VERBS:
        return []
    elements = _narrative_elements(story)
    # what each mention asks, looked up once for the story
    pronouns, verbs = closed.SUBJECT_PRONOUNS[language], closed.PERCEPTION_VERBS[language]
    verb_after = _verb_after(language).match
    hits: list[Hit] = []
    for mention in story.mentions:
        via = mention.via
        if (via != "name" and via != "pronoun") or mention.offset < 0:
            continue
        element = elements.get((mention.scene, mention.line))
        if element is None:
            continue
        surface = mention.text
        if via == "pronoun" and surface.lower() not in pronouns:
            continue
        text = element.text
        end = mention.offset + len(surface)
        if text[end : end + 2] in ("'s", "’s"):
            continue
        match = verb_after(text, end)
        if match is None or match.group(1).lower() not in verbs:
            continue
        quote = _quote(text, mention.offset, match.end())
        hits.append(Hit(mention.character, mention.scene, element.line, quote, "perception"))
    return hits


def _shot_pattern() -> re.Pattern[str]:
    """The shot forms; ``g1``..``g3`` capture up to three words that end (g1) or begin
    (g2, g3) with a name, ``p1``..``p3`` a pronoun.

    Names are found among the captured words afterwards (`_who`): one generic word
    pattern scans far faster than an alternation of every name in the cast.
    """
    # possessive: a name's words never give back letters, which are never the apostrophe
    # or the space that must follow them (the same matches in half the time)
    words = r"[A-Za-z][\w.-]*+(?:[ ][A-Za-z][\w.-]*+){0,2}+"
    pov = r"(?:POV|P\.\s?O\.\s?V\.?|POINT\s+OF\s+VIEW)(?![\w])"
    close = r"(?:EXTREME\s+)?(?:CLOSE[\s-]?UP|CLOSE\s+SHOT|CLOSE|ECU|CU)"
    after = r"(?:(?P<pN>him|her|his)\b|(?P<gN>" + words + r"))"
    forms = [
        # ANNA'S POV, HIS POV, ANNA'S DV CAM POV, ANNA'S FACE
        rf"(?<![\w'])(?:(?P<p1>his|her)|(?P<g1>{words})['’]S)"
        rf"\s+(?:(?:[A-Z][\w.-]*\s+){{0,2}}{pov}|FACE\b)",
        # POV ANNA, POV: ANNA, POV OF ANNA
        r"(?<![\w'])(?:POV|P\.O\.V\.?)\s*:?\s+(?:OF\s+|ON\s+)?" + after.replace("N", "2"),
        # CLOSE ON ANNA, CLOSE-UP ON ANNA, CLOSE UP: ANNA, REACTION SHOT - ANNA
        rf"(?<![\w'])(?:{close}|REACTION(?:\s+SHOT)?)\s*(?:(?:ON|OF)\b\s*)?[:\-–—]?\s*(?:ON\s+)?"
        + after.replace("N", "3"),
    ]
    return re.compile("|".join(f"(?:{f})" for f in forms), re.IGNORECASE)


_SHOT_RE = _shot_pattern()


@record
class _Shot:
    name: str | None
    pronoun: str | None
    offset: int
    """Where the name or pronoun starts in the text."""
    start: int
    end: int
    """The shot's span in the text, from the name or pronoun on (or up to it)."""


def _who(match: re.Match[str], owner: dict[str, str]) -> _Shot | None:
    """The character name or pronoun a shot match is on, and the shot's span."""
    if match.group("p1"):
        return _Shot(None, match.group("p1"), match.start("p1"), match.start("p1"), match.end())
    if match.group("g1"):
        words = match.group("g1").split(" ")
        for k in range(min(3, len(words)), 0, -1):
            name = " ".join(words[-k:])
            if key_of(name) in owner:
                offset = match.end("g1") - len(name)
                return _Shot(name, None, offset, offset, match.end())
        return None
    for i in (2, 3):
        if match.group(f"p{i}"):
            pronoun = match.group(f"p{i}")
            return _Shot(None, pronoun, match.start(f"p{i}"), match.start(), match.end())
        if match.group(f"g{i}"):
            words = match.group(f"g{i}").split(" ")
            for k in range(min(3, len(words)), 0, -1):
                name = " ".join(words[:k])
                if key_of(name) in owner:
                    offset = match.start(f"g{i}")
                    return _Shot(name, None, offset, match.start(), offset + len(name))
            return None
    return None


_FACE_CONTEXT_RE = re.compile(r"(?:^|[.!?;:\-–—]\s*|\b(?:on|across|down|from|crosses)\s+)$")
_SHOT_WORDS = ("pov", "p.o.v", "p. o. v", "point of view", "close", "reaction", "face")


def _may_hold_shot(text: str) -> bool:
    """Cheap test before the shot pattern: most paragraphs hold no shot word."""
    lower = text.lower()
    return any(word in lower for word in _SHOT_WORDS) or "CU" in text


def _may_hold_shots(story: Story) -> set[int]:
    """The ids of the scanned elements that `_may_hold_shot`, its words looked for in all
    of them at once (`language.holding_any`) and the few found tested again one by one."""
    scanned = [e for s in story.scenes for e in s.elements if e.kind in _SCANNED]
    texts = [e.text for e in scanned]
    found = set(holding_any(texts, _SHOT_WORDS)).union(holding_any(texts, ("CU",), lower=False))
    return {id(scanned[i]) for i in found if _may_hold_shot(texts[i])}


def _is_shot(text: str, shot: _Shot, english: bool = True) -> bool:
    """A shot is written in capitals (``CLOSE ON``, ``POV``, ``HER FACE``).

    The name is left out of the test, so "they close ANNA's file" is not a shot.
    In English prose, "her face" counts where the face is what is described (see module).
    """
    who = len(shot.name or shot.pronoun or "")
    rest = text[shot.start : shot.offset] + " " + text[shot.offset + who : shot.end]
    if any(w.isupper() for w in re.findall(r"[A-Za-z.]{2,}", rest)):
        return True
    if not english or not rest.rstrip().lower().endswith("face"):
        return False
    return _FACE_CONTEXT_RE.search(text, 0, shot.start) is not None


def pov_hits(story: Story, language: str | None = None) -> list[Hit]:
    """Every POV, close and reaction shot on a character (see the module docstring).

    Shot markup (``POV``, ``CLOSE ON``) is the screenplay format's, read in any
    language; shots on a pronoun (``HIS POV``) and "her face" in prose are English
    words, read only in an English story (`language`, else `story_language`).
    """
    english = (language or story_language(story)) == "en"
    people = [c for c in story.cast if not c.group]
    owner: dict[str, str] = {}
    # the forms the builder's mentions found for the same people, not made again
    for surface, name in cast_surface_forms(people).items():
        owner.setdefault(key_of(surface), name)
    if not owner:
        return []
    gender = {c.name: c.gender for c in people}
    by_line: dict[tuple[int, int], list[Mention]] = defaultdict(list)
    for mention in story.mentions:
        if mention.present:
            by_line[(mention.scene, mention.line)].append(mention)
    recent: dict[str, str] = {}
    hits: list[Hit] = []
    nobody: list[Mention] = []
    shots = _may_hold_shots(story)
    for scene in story.scenes:
        index = scene.index
        for element in scene.elements:
            here = by_line.get((index, element.span.start), nobody)
            if id(element) in shots:
                for match in _SHOT_RE.finditer(element.text):
                    shot = _who(match, owner)
                    if shot is None or (shot.pronoun and not english):
                        continue
                    if not _is_shot(element.text, shot, english):
                        continue
                    who = owner.get(key_of(shot.name)) if shot.name else None
                    if shot.pronoun:
                        who = next((m.character for m in here if m.offset == shot.offset), None)
                        who = who or recent.get(_PRONOUN_GENDER[shot.pronoun.lower()])
                    if who:
                        quote = _quote(element.text, shot.start, shot.end)
                        hits.append(Hit(who, scene.index, element.line, quote, "pov"))
            # the speaker, then the characters mentioned here, without a list for each element
            who = element.speaker
            if who and gender.get(who):
                recent[gender[who]] = who  # type: ignore[index]
            for mention in here:
                who = mention.character
                if who and gender.get(who):
                    recent[gender[who]] = who  # type: ignore[index]
    return hits


def _count(story: Story, hits: list[Hit]) -> dict[str, int]:
    result = {c.name: 0 for c in story.cast if not c.group}
    for hit in hits:
        if hit.character in result:
            result[hit.character] += 1
    return result


def perception_verbs(story: Story, *, hits: list[Hit] | None = None) -> dict[str, int]:
    """Perception, cognition and emotion verbs with the character as subject, in the action.

    Empty for a story in a language without a list of such verbs. `hits` is
    `perception_hits(story)` if the caller already has it.
    """
    if hits is None and story_language(story) not in closed.PERCEPTION_VERBS:
        return {}
    return _count(story, perception_hits(story) if hits is None else hits)


def pov_shots(story: Story, *, hits: list[Hit] | None = None) -> dict[str, int]:
    """POV, close and reaction shots on the character (`hits`: `pov_hits(story)`, if known)."""
    return _count(story, pov_hits(story) if hits is None else hits)


def voice_over_scenes(story: Story) -> dict[str, int]:
    """Scenes in which the character speaks in voice-over."""
    result: dict[str, set[int]] = {c.name: set() for c in story.cast if not c.group}
    for scene in story.scenes:
        for element in scene.elements:
            if element.kind is VOICE_OVER and element.speaker in result:
                result[element.speaker].add(scene.index)
    return {name: len(scenes) for name, scenes in result.items()}


def interiority(
    story: Story,
    *,
    perception: Mapping[str, int] | None = None,
    shots: Mapping[str, int] | None = None,
    present: Mapping[str, frozenset[int]] | None = None,
) -> dict[str, float]:
    """Interiority signals per scene present (formula in the module docstring).

    Empty for a story in a language without perception verbs: the verbs are most of
    the signal in a play, and a rate without them would read as a low one. The
    keywords take `perception_verbs`, `pov_shots` and `present_scenes` of the story
    when the caller already has them.
    """
    perception = perception if perception is not None else perception_verbs(story)
    if not perception:
        return {}
    shots = shots if shots is not None else pov_shots(story)
    voice = voice_over_scenes(story)
    present = present if present is not None else present_scenes(story)
    prior = max(3, round(PRIOR_SHARE * len(story.scenes)))
    return {
        name: round(
            (perception[name] + shots.get(name, 0) + voice[name])
            / (len(present.get(name, ())) + prior),
            4,
        )
        for name in perception
    }


def evidence(
    story: Story,
    name: str,
    limit: int = 5,
    signal: str | None = None,
    *,
    perception: list[Hit] | None = None,
    pov: list[Hit] | None = None,
) -> list[Hit]:
    """Up to `limit` perception and POV hits for `name`, in story order, to quote.

    `signal` keeps only ``"perception"`` or ``"pov"`` hits. When both kinds are
    wanted, they alternate so that a short list shows each. `perception` and `pov`
    are `perception_hits(story)` and `pov_hits(story)` if the caller already has them.
    """
    language = story_language(story) if perception is None or pov is None else None
    if perception is None:
        perception = perception_hits(story, language)
    if pov is None:
        pov = pov_hits(story, language)
    kinds = {
        "perception": [h for h in perception if h.character == name],
        "pov": [h for h in pov if h.character == name],
    }
    if signal is not None:
        return sorted(kinds.get(signal, []), key=lambda h: (h.scene, h.line))[:limit]
    chosen: list[Hit] = []
    perception, pov = kinds["perception"], kinds["pov"]
    for i in range(max(len(perception), len(pov))):
        chosen.extend(h for h in (pov[i : i + 1] + perception[i : i + 1]))
    return sorted(chosen[:limit], key=lambda h: (h.scene, h.line))
