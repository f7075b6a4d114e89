"""Where a quote is: a scene, a source line and, in a play, the edition's own place.

A quote is a whole sentence of an element (`quoting.sentence_at`) with the scene's
number and heading (context, never quoted) and the source line. A play's quote also
carries its citation as the edition gives it (`play_citation`): act.scene.line from
the TEI line numbers (``5.2.118``), act.scene before a bare line number, or the act
and scene as the play names them.
"""

from __future__ import annotations

import re

from whosestory._lazy import LazyPattern
from whosestory.model import Element, Scene
from whosestory.quoting import QUOTE_LENGTH, sentence_at
from whosestory.screenplay import is_shot
from whosestory.verdict import Quote


def clip(text: str, length: int | None = QUOTE_LENGTH) -> str:
    """Text on one line, cut at a word before `length` characters (None: never cut)."""
    text = " ".join(text.split())
    return (
        text
        if length is None or len(text) <= length
        else text[: length - 1].rsplit(" ", 1)[0] + "…"
    )


def cite(
    scene: Scene, line: int, text: str, element: Element | None = None, offset: int = 0
) -> Quote:
    """A quote of `text` at source `line`: the scene's number (as written, else its
    position), its heading as context, and for a play the edition's own place
    (`play_citation`) of the element's text at `offset`."""
    return Quote(
        scene=scene.number or str(scene.index + 1),
        heading=scene.heading,
        line=line,
        quote=text,
        citation=play_citation(scene, element, offset),
    )


def play_citation(scene: Scene, element: Element | None, offset: int = 0) -> str | None:
    """Where a play's edition puts the text at `offset` of `element`: its line number as
    printed when it is act.scene.line (``5.2.118``), act.scene before a bare line number
    (``3.1.1042``), else act and scene; None for a story without acts or numbers."""
    numbers = element.numbers if element is not None else ()
    number = next((n for at, n in reversed(numbers) if at <= offset), None)
    if number is None and numbers:
        number = numbers[0][1]
    if number is not None and number.count(".") >= 2:
        return number
    place = [p for p in (scene.act, scene.number) if p]
    if number is not None and all(_NUMERAL.match(p) for p in place):
        return ".".join([*place, number])
    if not scene.act:
        return None
    if not _NUMERAL.match(scene.act):  # an act named in words ("Erster Akt"): as the play says
        heading = " ".join(scene.heading.split()).rstrip(_CLOSING)
        act = " ".join(scene.act.split()).rstrip(_CLOSING)
        named = heading if heading and act in heading else f"{act}, {heading}"
        return (named if heading else act) + _line(number)
    return (f"act {scene.act}, scene {scene.number}" if scene.number else f"act {scene.act}") + (
        _line(number)
    )


_CLOSING = ".:;, "
"""What a heading ends with that a citation does not ("Акт первый.", "Erste Szene.")."""
_NUMERAL = LazyPattern(r"^(?:\d+[a-z]?|[IVXLCDM]+)$", re.IGNORECASE)


def _line(number: str | None) -> str:
    return f", line {number}" if number else ""


def quote(scene: Scene, element: Element, offset: int = 0) -> Quote:
    """The whole sentence of an element around character `offset`, with where it is."""
    sentence = sentence_at(element.text, offset)
    start = max(0, " ".join(element.text.split()).find(sentence.strip("…")))
    return cite(scene, element.line, sentence, element, start)


def is_heading(scene: Scene, text: str) -> bool:
    """Whether `text` is the scene's heading, a piece of it, or a camera direction standing
    alone (``CLOSE - MALCOLM``): context, not a quote."""
    flat = " ".join(text.split())
    return flat == " ".join(scene.heading.split()) or flat in scene.heading or is_shot(flat)
