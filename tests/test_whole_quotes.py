"""A quote is a whole sentence, or a clause with an ellipsis, never a word cut in two."""

from __future__ import annotations

from whosestory import evidence
from whosestory.build import build_story
from whosestory.model import Element, Kind, Script, Span, Story
from whosestory.quoting import sentences_around

H, A, D = Kind.HEADING, Kind.ACTION, Kind.DIALOGUE


def story_of(items: list[tuple[Kind, str, str | None]]) -> Story:
    elements = tuple(
        Element(kind, text, Span(i + 1, i + 1), cue=cue)
        for i, (kind, text, cue) in enumerate(items)
    )
    return build_story(Script(format="test", source="quotes.test", elements=elements))


def test_sentences_around_an_excerpt_cut_mid_word_are_whole() -> None:
    text = "Rain falls. Nora looks into the camera, and Shelby stands\nover her. A door bangs."
    flat = " ".join(text.split())
    excerpt = "Nora looks into the camera, and Sh"
    at = flat.find(excerpt)
    assert sentences_around(text, at, at + len(excerpt)) == (
        "Nora looks into the camera, and Shelby stands over her."
    )
    assert sentences_around(text, 0, len(flat)) == flat


def test_frame_quote_of_an_excerpt_cut_mid_word_is_the_whole_sentence() -> None:
    # regression: the frame measure keeps 40 characters before and 20 after what it
    # found, and the quote was that excerpt ("..., face first, and Sh")
    story = story_of(
        [
            (H, "INT. PIER - NIGHT", None),
            (A, "Rain falls. Nora looks into the camera, and Shelby stands\nover her.", None),
            (D, "Go on.", "SHELBY"),
        ]
    )
    scene = story.scenes[0]
    element = scene.elements[1]
    excerpt = "Rain falls. Nora looks into the camera, and Sh"
    whole = "Nora looks into the camera, and Shelby stands over her."
    spanned = evidence._whole_quote(scene, element.line, excerpt, None)
    assert spanned.quote == "Rain falls. " + whole  # every sentence the excerpt touches
    assert spanned.line == element.line
    assert evidence._whole_quote(scene, element.line, excerpt, 200).quote == whole
