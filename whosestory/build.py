"""Build a Story from a reader's Script: the one place that joins and cleans.

    Script (flat elements) -> scenes -> cue names -> cast -> speakers -> mentions -> Story

Readers only say what each element is; this module decides which scene it
belongs to, who speaks it (merging cue names through `whosestory.cast`),
whether a speech is voice-over, and who is mentioned where.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from whosestory.aliases import AliasRules
from whosestory.cast import Cast, CueUse, key_of, resolve_cast
from whosestory.errors import InputError
from whosestory.kinds import ACTION, DIALOGUE, HEADING, PARENTHETICAL, STAGE, TRANSITION, VOICE_OVER
from whosestory.language import code, detect
from whosestory.mentions import SPELLING_LANGUAGES, find_mentions, infer_genders, old_spellings
from whosestory.model import (
    CUED_KINDS,
    SPOKEN_KINDS,
    Alias,
    Diagnostic,
    Element,
    Scene,
    Script,
    Span,
    Story,
    marked_words,
)
from whosestory.screenplay import (
    Cue,
    is_secondary_heading,
    is_voice_over_parenthetical,
    parse_cue,
    parse_heading,
)

_NARRATIVE_KINDS = frozenset({ACTION, STAGE})


_CUTS_PER_HEADING = 2
"""A script with this many times more cuts than headings marks its scenes by cuts."""
_CUT_RE = re.compile(r"\b(?:CUT|DISSOLVE|SMASH CUT|MATCH CUT|WIPE|FADE)\b.*\bTO\b|^CUT TO", re.I)


MASTER_SHARE = 1 / 3
"""Share of a script's headings that must name a setting or a time of day before its
other headings are read as shots (`_shots_within_scenes`)."""


def _shots_within_scenes(elements: Sequence[Element]) -> tuple[list[Element], list[Diagnostic]]:
    """Read secondary headings (``.ON THE TV``) inside a scene as shots of it: action.

    In a script that heads its scenes with a setting or a time of day (at least
    `MASTER_SHARE` of its headings do), a later heading with neither
    (`screenplay.is_secondary_heading`), no scene number and no new act marks a shot
    or a spot within the scene it is in, as Final Draft's Shot paragraphs and the
    all-capital shot lines of plain-text and PDF scripts do. Headings before the
    first such scene, and every heading of a script headed mostly without them,
    stay scenes.
    """
    secondary = {
        i: is_secondary_heading(e.text) and parse_heading(e.text, e.number).number is None
        for i, e in enumerate(elements)
        if e.kind is HEADING
    }
    masters = sum(not s for s in secondary.values())
    if not secondary or masters < MASTER_SHARE * len(secondary):
        return list(elements), []
    result: list[Element] = []
    diagnostics: list[Diagnostic] = []
    in_scene = False
    act: str | None = None
    for i, element in enumerate(elements):
        if i not in secondary:
            result.append(element)
            continue
        opens_act = element.act is not None and element.act != act
        act = element.act or act
        if in_scene and secondary[i] and not opens_act:
            result.append(replace(element, kind=ACTION))
            message = f"heading {element.text!r} has no INT./EXT. or time of day; read as a shot"
            diagnostics.append(Diagnostic(element.span.start, message, "shot-heading"))
        else:
            result.append(element)
            in_scene = not secondary[i]
    return result, diagnostics


def _scenes_by_cuts(elements: Sequence[Element]) -> bool:
    """True when a script marks its scenes by cuts (CUT TO:) rather than headings."""
    headings = sum(e.kind is HEADING for e in elements)
    cuts = sum(e.kind is TRANSITION and bool(_CUT_RE.search(e.text)) for e in elements)
    return cuts >= 10 and cuts > _CUTS_PER_HEADING * max(headings, 1)


def _split_scenes(elements: Sequence[Element], by_cuts: bool = False) -> list[list[Element]]:
    """Group elements under headings; content before the first heading is a prologue.

    With `by_cuts`, a cut (``CUT TO:``, ``DISSOLVE TO:``) also ends a scene, for
    scripts that mark their scenes that way (`_scenes_by_cuts`).
    """
    groups: list[list[Element]] = []
    current: list[Element] = []
    for element in elements:
        if element.kind is HEADING:
            if current:
                groups.append(current)
            current = [element]
        elif by_cuts and element.kind is TRANSITION and _CUT_RE.search(element.text):
            current.append(element)
            groups.append(current)
            current = []
        else:
            current.append(element)
    if current:
        groups.append(current)
    groups = [g for g in groups if any(e.kind is not TRANSITION for e in g)]
    if groups and groups[0][0].kind is not HEADING:
        has_content = any(e.kind in CUED_KINDS or e.kind is ACTION for e in groups[0])
        if not has_content and len(groups) > 1:
            groups.pop(0)
    return groups


def _cues(elements: Sequence[Element], declared: frozenset[str]) -> list[Cue | None]:
    """Parse every cue. A joint TEI speech (``who="#a #b"``) goes to its first speaker;
    the others are kept in the cue's extensions as ``with:ID`` and become references."""
    cues: list[Cue | None] = []
    for element in elements:
        if not element.cue or element.kind not in CUED_KINDS:
            cues.append(None)
            continue
        ids = element.cue.split()
        if declared and len(ids) > 1 and all(key_of(i) in declared for i in ids):
            cues.append(Cue(name=ids[0], extensions=tuple(f"with:{i}" for i in ids[1:])))
        else:
            cues.append(parse_cue(element.cue))
    return cues


def _voice_over_flags(elements: Sequence[Element], cues: Sequence[Cue | None]) -> list[bool]:
    """A speech is voice-over if its cue says so or a parenthetical in it does."""
    # a cue without extensions is not voice-over: most are asked nothing more
    flags = [bool(c and c.extensions and c.voice_over) for c in cues]
    start, count = 0, len(elements)
    while start < count:
        cue = elements[start].cue
        if cue is None:
            start += 1
            continue
        end = start + 1
        while end < count and elements[end].cue == cue:
            end += 1
        for element in elements[start:end]:
            if element.kind is PARENTHETICAL and is_voice_over_parenthetical(element.text):
                flags[start:end] = [True] * (end - start)
                break
        start = end
    return flags


_UNISON_RE = re.compile(r"^\(\s*(?:together|in unison|all together|as one|chanting)\b", re.I)


def _unison_flags(elements: Sequence[Element]) -> list[bool]:
    """A speech whose parenthetical says it is spoken together marks a group speaker."""
    flags = [False] * len(elements)
    for i, element in enumerate(elements):
        if element.kind is PARENTHETICAL and _UNISON_RE.match(element.text):
            j = i
            while j < len(elements) and elements[j].cue == element.cue:
                flags[j] = True
                j += 1
    return flags


def build_story(script: Script, rules: AliasRules | None = None) -> Story:
    """Turn a reader's Script into a Story with scenes, cast, speakers and mentions."""
    read, shots = _shots_within_scenes(script.elements)
    by_cuts = _scenes_by_cuts(read)
    groups = _split_scenes(read, by_cuts)
    flat = [e for group in groups for e in group]
    declared_ids = frozenset(key_of(entry.id) for entry in script.declared_cast)
    cues = _cues(flat, declared_ids)
    if script.format in _SCANNED_FORMATS:
        flat, cues = _stray_letters(flat, cues)
    voice_over = _voice_over_flags(flat, cues)
    scene_of: list[int] = [i for i, group in enumerate(groups) for _ in group]
    unison = _unison_flags(flat)
    speeches = [
        CueUse(c.name, scene_of[i], voice_over[i], c.extensions, unison[i])
        for i, c in enumerate(cues)
        if c is not None and c.name and flat[i].kind in SPOKEN_KINDS
    ]
    if not speeches:
        raise InputError(f"{script.source}: found no character cues: is this a screenplay?")
    texts = [e.text for e in flat if e.kind in _NARRATIVE_KINDS]
    declared = script.declared_cast
    language = code(script.language) or detect(e.text for e in flat if e.text)
    genders = infer_genders({s.name for s in speeches}, texts, language)
    for entry in declared:
        genders[key_of(entry.id)] = entry.gender
    cast = resolve_cast(speeches, texts, declared, genders, rules)
    if script.format == "tei" and language in SPELLING_LANGUAGES:
        cast = _with_old_spellings(
            cast,
            [e.text for e in flat if e.text],
            [e.text for e in flat if e.text and e.kind in SPOKEN_KINDS],
            language,
        )
    elements = [_resolve(e, c, vo, cast) for e, c, vo in zip(flat, cues, voice_over, strict=True)]
    scenes = _make_scenes(groups, elements)
    ids = {alias.name: c.name for c in cast.characters for alias in c.aliases}
    mentions = find_mentions(scenes, cast.characters, ids, language)
    diagnostics = sorted(
        [*script.diagnostics, *shots], key=lambda d: (d.line is not None, d.line or 0)
    )
    if by_cuts:
        diagnostics.append(
            Diagnostic(
                None,
                "the script marks scenes by cuts more than by headings: "
                "a cut (CUT TO:) also ends a scene here",
                "scenes-by-cuts",
            )
        )
    diagnostics += thin_read(scenes)
    return Story(
        title=script.title or Path(script.source).stem,
        format=script.format,
        source=script.source,
        scenes=tuple(scenes),
        cast=cast.characters,
        mentions=mentions,
        diagnostics=tuple(diagnostics),
        title_page=script.title_page,
        language=language,
    )


FEATURE_WORDS = 5000
"""Words of a feature-length text: a short film runs to a few thousand, a feature to 15,000
or more."""
RUN_ON_WORDS = 250
"""An action paragraph this long is text the reader could not tell apart: screenplay
paragraphs run to a few lines, and a file that lost its line breaks is one paragraph."""


_SCANNED_FORMATS = frozenset({"text", "pdf"})
"""Formats whose scripts are often scanned pages, with the scanner's stray marks."""
LETTER_CUES = 8
"""Cues a one-letter name needs to be a character (`_stray_letters`)."""


def _stray_letters(
    elements: list[Element], cues: list[Cue | None]
) -> tuple[list[Element], list[Cue | None]]:
    """Speeches under a one-letter cue used fewer than `LETTER_CUES` times, as action
    without a cue.

    A one-letter character is a code name that recurs (M, Q, X); a lone letter that
    heads a line only once or twice is a scanned page's stray mark ("I", "F") above
    action, and what follows it is not a speech.
    """
    used = Counter(
        cue.name for cue, e in zip(cues, elements, strict=True) if cue and e.kind is DIALOGUE
    )
    stray = {n for n, k in used.items() if len(n) == 1 and n.isalpha() and k < LETTER_CUES}
    if not stray:
        return elements, cues
    for i, cue in enumerate(cues):
        if cue is not None and cue.name in stray:
            e = elements[i]
            elements[i] = Element(ACTION, e.text, e.span, page=e.page, number=e.number, act=e.act)
            cues[i] = None
    return elements, cues


def _with_old_spellings(
    cast: Cast, texts: Sequence[str], speeches: Sequence[str], language: str
) -> Cast:
    """The cast with the names a play's text spells otherwise than its list of persons
    (`mentions.old_spellings`: *Dutchess* for the Duchess, *Éraste* for Eraste), so that the
    others' words about them count. DraCor's English plays keep the spelling of their print
    and their list of persons the modern one; French lists may leave capitals unaccented."""
    spelt = old_spellings(texts, speeches, cast.characters, language)
    if not spelt:
        return cast
    characters = tuple(
        replace(
            c,
            aliases=(
                *c.aliases,
                *(
                    Alias(w, f"{w} is how the text spells a name of {c.name}")
                    for w in spelt[c.name]
                ),
            ),
        )
        if c.name in spelt
        else c
        for c in cast.characters
    )
    return replace(cast, characters=characters)


_SPACE_MARKS = bytes.maketrans(
    bytes(range(256)), bytes(32 if chr(i).isspace() else 97 for i in range(256))
)
"""Each byte of a text in ASCII to a space when `str.split` parts words at it, else to "a"."""


def _split_words(text: str) -> int:
    """``len(text.split())``: in ASCII without making the words, as `model.count_words`
    counts its own (`model.marked_words`)."""
    if not text.isascii():
        return len(text.split())
    return marked_words(text.encode("ascii").translate(_SPACE_MARKS))


def thin_read(scenes: Sequence[Scene]) -> list[Diagnostic]:
    """A warning (code ``thin-read``) when a feature-length text reads as 3 scenes or fewer,
    or when most of its words are left in run-on paragraphs: the read is too thin for the
    measures to stand on."""
    elements = [e for s in scenes for e in s.elements]
    # the elements' words (`str.split`) counted in one text: the space that joins two texts
    # parts their words as a split of each would
    words = _split_words(" ".join([e.text for e in elements]))
    if words < FEATURE_WORDS:
        return []
    # a text of more than RUN_ON_WORDS words has a character and a space for each word but the last
    long = (e.text for e in elements if e.kind is ACTION and len(e.text) > 2 * RUN_ON_WORDS)
    run_on = sum(n for n in map(len, map(str.split, long)) if n > RUN_ON_WORDS)
    if len(scenes) <= 3:
        found = f"{words} words read as {len(scenes)} scene{'s' if len(scenes) > 1 else ''}"
    elif run_on > words / 2:
        found = f"{run_on / words:.0%} of its {words} words are left in run-on paragraphs"
    else:
        return []
    message = f"thin read: {found}; the scenes and measures may not reflect the script"
    return [Diagnostic(None, message, "thin-read")]


def _resolve(element: Element, cue: Cue | None, voice_over: bool, cast: Cast) -> Element:
    if cue is None:
        return element
    speaker = cast.resolve(cue.name)
    kind = element.kind
    if voice_over and kind is DIALOGUE:
        kind = VOICE_OVER
    extensions, refs = cue.extensions, element.refs
    if extensions:  # most cues have none: no generators to find that out
        refs = refs + tuple(e[5:] for e in extensions if e.startswith("with:"))
        extensions = tuple(e for e in extensions if not e.startswith("with:"))
    # by position, in the order of Element's fields: a call by keyword takes half as long
    # again, and the builder makes an element for every cued one
    return Element(
        kind,
        element.text,
        element.span,
        element.cue,
        speaker,
        extensions,
        element.dual or cue.dual,
        element.page,
        element.number,
        element.act,
        refs,
        element.numbers,
        element.verse,
    )


def _make_scenes(groups: Sequence[Sequence[Element]], elements: Sequence[Element]) -> list[Scene]:
    scenes: list[Scene] = []
    position = 0
    act: str | None = None
    for index, group in enumerate(groups):
        members = tuple(elements[position : position + len(group)])
        position += len(group)
        first = members[0]
        span = Span(first.span.start, max(e.span.end for e in members))
        if first.kind is HEADING:
            heading = parse_heading(first.text, first.number)
            act = first.act or act
            scenes.append(
                Scene(
                    index=index,
                    heading=heading.text,
                    span=span,
                    elements=members,
                    number=heading.number,
                    setting=heading.setting,
                    location=heading.location,
                    time=heading.time,
                    act=act,
                )
            )
        else:
            scenes.append(Scene(index=index, heading="", span=span, elements=members, act=act))
    return scenes
