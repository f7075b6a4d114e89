"""The inner case of a character: interiority, change of tone, and a play's soliloquies.

Sentences and quotes for `evidence.main_character_case`, from the `Signals` of a
story. A figure that says nothing is left out, never printed: a zero, a measure the
story's language cannot read (`measured`), a flat or noisy tone arc, a drift or a
move in the network too small to mean anything. Quotes are whole sentences that
name the character or are spoken by them (`supports`).
"""

from __future__ import annotations

from collections.abc import Sequence

from whosestory import language as languages
from whosestory.citing import cite, is_heading, quote
from whosestory.kinds import HEADING
from whosestory.model import Element, Scene
from whosestory.quoting import sentence_at, sentences
from whosestory.signals import Signals
from whosestory.verdict import Quote
from whosestory.wording import counted, joined

MIN_DRIFT = 0.01
"""Vocabulary drift (above chance) too small to quote as a change of subject."""
MIN_POSITION_CHANGE = 0.02
"""A move in the network (share of the top weighted degree) too small to quote."""

MIN_TONE_CHANGE = 0.01
"""A change of tone (sentiment, -1..1) too small to quote."""
_CHANGING = frozenset({"rise", "fall", "fall-rise", "rise-fall"})


def staged(signals: Signals) -> bool:
    """A play read from TEI: its time is stage time, and it has no camera to take shots."""
    return signals.story.format == "tei"


def measured(signals: Signals, measure: str) -> bool:
    """Whether the story's language has the resource a lexicon measure needs."""
    return measure not in languages.unavailable(signals.language)


def supports(signals: Signals, element: Element, sentence: str, name: str) -> bool:
    """A quote supports `name` only when `name` speaks it or it names `name`."""
    return bool(sentence) and (element.speaker == name or signals.namer().names(sentence, name))


def _inner_quotes(signals: Signals, name: str) -> list[Quote]:
    """Interiority hits of `name` as whole sentences that name them."""
    quotes = []
    for hit in signals.inner_hits(name):
        scene = signals.story.scenes[hit.scene]
        element = next((e for e in scene.elements if e.line == hit.line), None)
        if element is None or element.kind is HEADING:
            continue  # a shot named in a heading is context, not a quote
        flat = " ".join(element.text.split())
        at = max(0, flat.find(hit.quote))
        sentence = sentence_at(flat, at)
        if supports(signals, element, sentence, name) and not is_heading(scene, sentence):
            start = max(0, flat.find(sentence.strip("…")))
            quotes.append(cite(scene, hit.line, sentence, element, start))
    return quotes


def _interiority_sentence(signals: Signals, name: str) -> list[str]:
    t = signals.tables
    verbs = t["perception_verbs"].get(name, 0) if measured(signals, "interiority") else 0
    shots = 0 if staged(signals) else t["pov_shots"].get(name, 0)
    clauses = []
    if verbs:
        clauses.append(f"{counted(verbs, 'perception or thought verb')} with {name} as subject")
    if shots:
        clauses.append(counted(shots, "point-of-view or close shot"))
    rate = t["interiority"].get(name, 0)
    if not clauses or rate <= 0:
        return []
    return [
        f"We share {name}'s perceptions and thoughts: {joined(clauses)} "
        f"({rate:.2g} for each scene {name} is in)."
    ]


def _tone(value: float) -> str:
    return "neutral" if abs(value) < 0.005 else f"{value:+.2f}"


def _tone_sentence(signals: Signals, name: str) -> list[str]:
    change = signals.arcs.get(name)
    if not measured(signals, "sentiment") or change is None or change.delta is None:
        return []
    if change.shape not in _CHANGING or abs(change.delta) < MIN_TONE_CHANGE:
        return []  # a flat or unreadable arc is no point in anyone's favour
    if min(abs(change.low), abs(change.high)) < 0.005 or (change.low < 0 < change.high):
        return []  # the interval reaches no change: too noisy to read
    words = signals.content_tone_words(name)
    said = []
    if words.get("early"):
        said.append("early on " + ", ".join(f"“{w}”" for w in words["early"]))
    if words.get("late"):
        said.append("late " + ", ".join(f"“{w}”" for w in words["late"]))
    spoken = f" {name} says {'; '.join(said)}." if said else ""
    return [
        f"{name}'s tone goes from {_tone(change.start)} to {_tone(change.end)} on a scale of -1 "
        f"to +1 (change {change.delta:+.2f}, 90% interval {change.low:+.2f} to "
        f"{change.high:+.2f}): a {change.shape} arc.{spoken}"
    ]


def _movement_sentences(signals: Signals, name: str) -> list[str]:
    t = signals.tables
    found = []
    drift = t.get("vocabulary_drift", {}).get(name)
    if drift is not None and drift >= MIN_DRIFT and measured(signals, "vocabulary_drift"):
        found.append(
            f"What {name} talks about shifts from early to late speech (vocabulary drift "
            f"{drift:.3f} above chance)."
        )
    moved = t.get("position_change", {}).get(name)
    if moved is not None and abs(moved) >= MIN_POSITION_CHANGE:
        direction = "towards the centre of" if moved > 0 else "away from the centre of"
        found.append(
            f"{name} moves {direction} the web of shared scenes from the first half to the "
            f"second ({moved * 100:+.0f} points of the best-connected character's ties)."
        )
    return found


def _stage_interiority(signals: Signals, name: str) -> tuple[list[str], list[Quote]]:
    """A play's interiority: `name`'s soliloquies and asides, the longest of each quoted."""
    speeches = signals.soliloquies(name)
    clauses, quotes = [], []
    for kind, noun, how in (
        ("soliloquy", "soliloquy", "alone on stage"),
        ("aside", "aside", "to the audience"),
    ):
        found = [s for s in speeches if s.kind == kind]
        if not found:
            continue
        words = sum(s.words for s in found)
        plural = "soliloquies" if noun == "soliloquy" else "asides"
        clauses.append(
            f"{counted(len(found), noun, plural)} {how} ({words:,} word{'s' if words != 1 else ''})"
        )
        longest = max(found, key=lambda s: s.words)
        quotes.append(_telling_quote(signals.story.scenes[longest.scene], longest.elements))
    if not clauses:
        return [], []
    return [f"We hear {name} think aloud: {joined(clauses)}."], quotes


QUOTE_WORDS = 6
"""The fewest words of a sentence quoted from a soliloquy or aside when it has one that long
(a speech that opens "Ha! Ja!" is quoted by what it goes on to say)."""


def _telling_quote(scene: Scene, elements: Sequence[Element]) -> Quote:
    """The first sentence of a speech with `QUOTE_WORDS` words or more, else its first."""
    for element in elements:
        for offset, sentence in sentences(element.text):
            if len(sentence.split()) >= QUOTE_WORDS:
                return quote(scene, element, offset)
    return quote(scene, elements[0])


def inner_case(signals: Signals, name: str) -> tuple[list[str], list[Quote]]:
    """Interiority and change: sentences (none with an empty figure) and quotes."""
    staged, staged_quotes = _stage_interiority(signals, name)
    sentences = [
        *staged,
        *_interiority_sentence(signals, name),
        *_tone_sentence(signals, name),
        *_movement_sentences(signals, name),
    ]
    return sentences, staged_quotes + _inner_quotes(signals, name)
