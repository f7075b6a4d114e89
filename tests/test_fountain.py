"""The Fountain reader: spec cases from tests/cases/fountain.yaml, stories, hostile text."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from whosestory.errors import BinaryInputError, EmptyInputError
from whosestory.model import Element, Kind, Script
from whosestory.readers import fountain
from whosestory.readers._text import decode

HERE = Path(__file__).parent
STORIES = HERE / "stories"
EXAMPLE = HERE.parent / "examples" / "the-keeper.fountain"
CASES = yaml.safe_load((HERE / "cases" / "fountain.yaml").read_text(encoding="utf-8"))


def tag(element: Element) -> str:
    """The compact tag a case writes for an element: ``kind[cue]^ #number: text``."""
    head = element.kind.value
    if element.cue is not None:
        head += f"[{element.cue}]"
    if element.dual:
        head += "^"
    if element.number is not None:
        head += f" #{element.number}"
    return f"{head}: {element.text}" if element.text else head


def read_text(text: str, source: str = "case.fountain") -> Script:
    return fountain.read(text.encode("utf-8"), source)


def read_story(name: str) -> Script:
    path = STORIES / name
    return fountain.read(path.read_bytes(), str(path))


def kinds(script: Script, kind: Kind) -> list[Element]:
    return [e for e in script.elements if e.kind is kind]


# ---------------------------------------------------------------- spec cases


def test_case_names_are_unique():
    names = [case["name"] for case in CASES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_case(case: dict) -> None:
    script = read_text(case["in"])
    name = case["name"]
    assert [tag(e) for e in script.elements] == case["out"], f"case {name}"
    if "spans" in case:
        spans = [f"{e.span.start}-{e.span.end}" for e in script.elements]
        assert spans == case["spans"], f"case {name}: spans"
    if "title" in case:
        assert script.title == case["title"], f"case {name}: title"
    if "title_page" in case:
        assert [list(pair) for pair in script.title_page] == case["title_page"], name
    if "diagnostics" in case:
        assert [d.line for d in script.diagnostics] == case["diagnostics"], f"case {name}"


def test_format_and_source_are_recorded():
    script = read_text("Quiet.\n", "some/where.fountain")
    assert script.format == "fountain"
    assert script.source == "some/where.fountain"


def test_utf8_bom_is_not_text():
    script = fountain.read(b"\xef\xbb\xbfINT. BAKERY - NIGHT\n\nDark.\n", "bom.fountain")
    assert script.elements[0].text == "INT. BAKERY - NIGHT"


@pytest.mark.parametrize("data", [b"", b"   \n\n\t\n"])
def test_empty_input_says_so(data: bytes) -> None:
    with pytest.raises(EmptyInputError):
        fountain.read(data, "empty.fountain")


def test_binary_input_says_so():
    with pytest.raises(BinaryInputError):
        fountain.read(b"\x00\x01\x02PK\x03\x04" * 50, "archive.fountain")


# ---------------------------------------------------------------- the shipped example


def test_keeper_example_headings_and_numbers():
    script = fountain.read(EXAMPLE.read_bytes(), str(EXAMPLE))
    headings = kinds(script, Kind.HEADING)
    assert [h.number for h in headings] == [str(n) for n in range(1, 16)]
    assert headings[0].text == "INT. DR. OKAFOR'S OFFICE - DAY (PRESENT DAY)"
    assert script.title == "The Keeper"
    assert dict(script.title_page)["Draft date"] == "2026-11-27"


def test_keeper_example_speeches():
    script = fountain.read(EXAMPLE.read_bytes(), str(EXAMPLE))
    cues = {e.cue for e in kinds(script, Kind.DIALOGUE)}
    assert cues == {
        "DR. OKAFOR",
        "MAYA",
        "MAYA (V.O.)",
        "TOM",
        "TOM (CONT'D)",
        "YOUNG MAYA",
        "HARBORMASTER BELL",
        "FISHERMEN",
        "COAST GUARD #2 (O.S.)",
        "LUCY",
        "COUNCILWOMAN ADAIR",
        "A VOICE (O.S.)",
    }
    dual = [e for e in script.elements if e.dual]
    assert [(e.cue, e.text) for e in dual] == [("YOUNG MAYA", "Somebody has to keep me.")]
    parens = kinds(script, Kind.PARENTHETICAL)
    assert [(p.cue, p.text) for p in parens] == [
        ("TOM", "(laughing)"),
        ("FISHERMEN", "(together)"),
        ("FISHERMEN", "(together)"),
        ("TOM", "(softer)"),
        ("TOM", "(reading as he writes)"),
    ]
    transitions = [t.text for t in kinds(script, Kind.TRANSITION)]
    assert transitions == ["FADE IN:", "FADE OUT."]
    assert not script.diagnostics


# ---------------------------------------------------------------- own stories


def test_last_loaf_structure():
    script = read_story("the-last-loaf.fountain")
    assert script.title == "THE LAST LOAF"
    assert dict(script.title_page)["Author"] == "The whosestory authors"
    assert [s.text for s in kinds(script, Kind.SECTION)] == ["Act One", "The Empty Shop", "Act Two"]
    assert len(kinds(script, Kind.SYNOPSIS)) == 2
    assert len(kinds(script, Kind.PAGE_BREAK)) == 1
    headings = kinds(script, Kind.HEADING)
    assert [h.number for h in headings] == ["1", "2", "2A", "3", None, "4"]
    assert headings[4].text == "THE DREAM OF BREAD"
    assert [c.text for c in kinds(script, Kind.CENTERED)] == ["THE END"]


def test_last_loaf_boneyard_is_gone():
    script = read_story("the-last-loaf.fountain")
    texts = " ".join(e.text for e in script.elements)
    assert "CUT SCENE" not in texts
    assert "never filmed" not in texts
    assert "/*" not in texts


def test_last_loaf_notes():
    script = read_story("the-last-loaf.fountain")
    notes = [n.text for n in kinds(script, Kind.NOTE)]
    assert notes == ["Is the cat real? Decide in the next draft.", "Maybe a song here."]
    assert all("[[" not in e.text for e in script.elements)


def test_last_loaf_speakers_and_forms():
    script = read_story("the-last-loaf.fountain")
    cues = [e.cue for e in kinds(script, Kind.DIALOGUE)]
    for cue in ("@McALLISTER", "C-3PO", "GUARD #2", "SARAH'S FRIEND", "PETRA (V.O.)"):
        assert cue in cues
    dual = [(e.kind, e.cue) for e in script.elements if e.dual]
    assert dual == [(Kind.PARENTHETICAL, "OSKAR"), (Kind.DIALOGUE, "OSKAR")]
    lyric = kinds(script, Kind.LYRIC)
    assert [(e.cue, e.text) for e in lyric] == [
        ("PETRA", "Rise, little loaf, rise in the dark, the baker is sleeping, the oven's a spark.")
    ]


def test_salt_and_static_layout_corners():
    script = read_story("salt-and-static.fountain")
    assert script.title is None and script.title_page == ()
    speech = [e for e in kinds(script, Kind.DIALOGUE) if e.cue == "IRINA"]
    assert speech[0].text == "First line of the broadcast. Second line, after the hush."
    assert speech[0].span.end - speech[0].span.start == 2
    indented = [e for e in kinds(script, Kind.DIALOGUE) if e.cue == "TOMASZ (V.O.)"]
    assert indented and indented[0].text == "Can anyone hear me?"
    actions = [e.text for e in kinds(script, Kind.ACTION)]
    assert "Static. A dial turns." in actions
    assert "SIGNAL LOST" in actions  # capitals alone, then a blank line: action, not a cue
    assert any("Радио молчит." in a for a in actions)
    assert any("ラジオは静かだ。" in a for a in actions)
    assert [e.cue for e in kinds(script, Kind.DIALOGUE)].count("МАРИНА") == 1
    assert "@ケンジ" in [e.cue for e in kinds(script, Kind.DIALOGUE)]
    assert "Escaped *stars* stay." in actions


def test_salt_and_static_emphasis_and_notes():
    script = read_story("salt-and-static.fountain")
    texts = [e.text for e in script.elements]
    assert "The tower is very, very tall." in texts
    assert all("**" not in t and "[[" not in t for t in texts)


# ---------------------------------------------------------------- hostile text

FOUNTAIN_ALPHABET = st.sampled_from(
    [*"abcXYZ .:!@#=>~<^()[]*/_\\'-\t\n", "INT. ", "CUT TO:", "[[", "]]", "/*", "*/", "  \n"]
)
LINES = st.lists(FOUNTAIN_ALPHABET, max_size=120).map("".join)


def check_spans(data: bytes) -> None:
    try:
        text = decode(data, "fuzz.fountain")
    except (EmptyInputError, BinaryInputError):
        return
    script = fountain.read(data, "fuzz.fountain")
    n_lines = len(text.split("\n"))
    previous = 0
    for element in script.elements:
        assert 1 <= element.span.start <= element.span.end <= n_lines, element
        assert element.span.start >= previous, element
        previous = element.span.start
    for diagnostic in script.diagnostics:
        assert diagnostic.line is None or 1 <= diagnostic.line <= n_lines


@settings(max_examples=400, deadline=None)
@given(LINES)
def test_never_raises_on_fountain_like_text(text: str) -> None:
    check_spans(text.encode("utf-8"))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_on_any_text(text: str) -> None:
    check_spans(text.encode("utf-8", errors="surrogatepass"))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_never_raises_on_bytes_except_input_errors(data: bytes) -> None:
    check_spans(data)


@pytest.mark.parametrize(
    "text",
    ["/* a\n" * 40000, "[[ a\n" * 40000, "/* x */ /*\n" * 20000, "*a " * 100000, "_a " * 100000],
    ids=["unclosed-boneyard", "unclosed-notes", "boneyard-then-unclosed", "stars", "underscores"],
)
def test_unclosed_markup_reads_in_linear_time(text: str) -> None:
    started = time.perf_counter()
    script = read_text(text)
    assert time.perf_counter() - started < 6.0  # quadratic before: tens of seconds
    assert script.elements


def test_regression_many_unclosed_boneyard_openers_read_in_linear_time() -> None:
    """Each nested ``/*`` used to rescan the rest of the line for ``*/``: quadratic."""
    data = ("INT. CELLAR - NIGHT\n\n" + "/* " * 100_000 + "\n").encode()
    start = time.perf_counter()
    script = fountain.read(data, "openers.fountain")
    assert time.perf_counter() - start < 5
    assert script.elements[0].kind is Kind.HEADING


def test_regression_overlapping_boneyard_marks_still_close() -> None:
    """A nested ``/*/`` opens a comment; the ``*/`` sharing its star does not close it."""
    data = b"INT. HALL - DAY\n\nKeep /* a /*/ b */ c */ this.\n"
    script = fountain.read(data, "overlap.fountain")
    assert [e.text for e in script.elements if e.kind is Kind.ACTION] == ["Keep this."]


def test_regression_russian_scene_headings_are_headings() -> None:
    script = read_text("ИНТ. КУХНЯ – НОЧЬ\n\nАННА\nПривет.\n\nНАТ. ДВОР – УТРО\n\nТишина.\n")
    headings = [e.text for e in script.elements if e.kind is Kind.HEADING]
    assert headings == ["ИНТ. КУХНЯ – НОЧЬ", "НАТ. ДВОР – УТРО"]
