"""The PDF reader on stories we typeset ourselves (tests/stories/make_pdfs.py)."""

from __future__ import annotations

import contextlib
import importlib.util
import re
import sys
from pathlib import Path

import pytest
from fpdf import FPDF
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from whosestory import load
from whosestory.errors import ParseError
from whosestory.model import Kind, Script
from whosestory.readers import read_script
from whosestory.readers.pdf import NO_TEXT_MESSAGE, read
from whosestory.screenplay import parse_cue

STORIES = Path(__file__).parent / "stories"


def _load_maker():
    spec = importlib.util.spec_from_file_location("make_pdfs", STORIES / "make_pdfs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_pdfs", module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


make_pdfs = _load_maker()


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> dict[str, Path]:
    """The test PDFs typeset anew in a temporary folder."""
    return make_pdfs.build(tmp_path_factory.mktemp("pdfs"))


def _read(path: Path) -> Script:
    return read(path.read_bytes(), str(path))


def _cues(script: Script) -> list[str]:
    """Cue of each speech, in order: a run of elements with one cue on adjacent lines."""
    cues: list[str] = []
    previous = None
    for element in script.elements:
        key = (element.cue, element.dual)
        if element.cue and (
            previous is None
            or key != previous[0]
            or (element.page == previous[2] and element.span.start - previous[1] > 1)
        ):
            cues.append(element.cue)
        previous = (key, element.span.end, element.page) if element.cue else None
    return cues


def _expected_cues(story) -> list[str]:
    return [s.cue for b in story.blocks for s in b.speeches]


# ---------------------------------------------------------------- headings without INT./EXT.

SIGNAL_HEADINGS = [
    "INT. SIGNAL BOX - NIGHT",
    "THE LAMP ROOM",
    "EXT. LEVEL CROSSING - CONTINUOUS",
    "ON THE PLATFORM",
]
SHOUTED_ACTION = ["THE TELEPHONE RINGS.", "A BARRIER.", "THE BELL STOPS."]


def _texts(script: Script, kind: Kind) -> list[str]:
    return [e.text for e in script.elements if e.kind is kind]


def test_forced_headings_in_the_heading_style_are_headings() -> None:
    script = _read(STORIES / "signal-box-strong.pdf")
    assert _texts(script, Kind.HEADING) == SIGNAL_HEADINGS
    forced = [e for e in script.elements if e.text in ("THE LAMP ROOM", "ON THE PLATFORM")]
    assert [d.line for d in script.diagnostics] == [e.span.start for e in forced]
    assert all("heading style" in d.message for d in script.diagnostics)


def test_upper_case_action_in_plain_type_stays_action_beside_styled_headings() -> None:
    script = _read(STORIES / "signal-box-strong.pdf")
    actions = _texts(script, Kind.ACTION)
    assert all(line in actions for line in SHOUTED_ACTION)


def test_headings_set_like_action_give_no_mark_so_forced_ones_stay_action() -> None:
    # screenplain's default PDF: headings in the action font, no bold, no rule, same spacing.
    # "THE LAMP ROOM" then looks exactly like "THE BELL STOPS.": both stay action.
    script = _read(STORIES / "signal-box.pdf")
    assert _texts(script, Kind.HEADING) == [SIGNAL_HEADINGS[0], SIGNAL_HEADINGS[2]]
    actions = _texts(script, Kind.ACTION)
    assert all(line in actions for line in [*SHOUTED_ACTION, "THE LAMP ROOM", "ON THE PLATFORM"])
    assert not script.diagnostics


def test_both_typesettings_and_the_fountain_build_the_same_scenes(tmp_path: Path) -> None:
    # The builder reads the forced headings as shots, whichever way the PDF set them.
    source = tmp_path / "signal-box.fountain"
    source.write_text(make_pdfs.SIGNAL_BOX, encoding="utf-8")
    stories = [load(STORIES / "signal-box.pdf"), load(STORIES / "signal-box-strong.pdf")]
    stories.append(load(source))
    shapes = [[(s.heading, len(s.speeches())) for s in story.scenes] for story in stories]
    assert shapes[0] == shapes[1] == shapes[2]
    assert [heading for heading, _ in shapes[0]] == [SIGNAL_HEADINGS[0], SIGNAL_HEADINGS[2]]


def test_both_typesettings_keep_the_same_speeches() -> None:
    plain, strong = (_read(STORIES / n) for n in ("signal-box.pdf", "signal-box-strong.pdf"))
    assert (
        _cues(plain)
        == _cues(strong)
        == _expected_cues(make_pdfs.parse_fountain(make_pdfs.SIGNAL_BOX))
    )


# ---------------------------------------------------------------- the keeper


@pytest.fixture(scope="module")
def keeper() -> Script:
    return _read(STORIES / "the-keeper.pdf")


@pytest.fixture(scope="module")
def keeper_story():
    return make_pdfs.parse_fountain(make_pdfs.KEEPER.read_text(encoding="utf-8"))


def test_committed_pdfs_match_the_generator(fresh: dict[str, Path]) -> None:
    for name in ("the-keeper.pdf", "night-ferry.pdf", "signal-box.pdf", "signal-box-strong.pdf"):
        assert _read(fresh[name]).elements == _read(STORIES / name).elements, name


def test_keeper_headings_keep_their_scene_numbers(keeper: Script, keeper_story) -> None:
    headings = [e for e in keeper.elements if e.kind is Kind.HEADING]
    expected = [b for b in keeper_story.blocks if b.kind == "heading"]
    assert [(h.text, h.number) for h in headings] == [(b.text, b.number) for b in expected]
    assert headings[0].text == "INT. DR. OKAFOR'S OFFICE - DAY (PRESENT DAY)"


def test_keeper_speeches_have_the_cues_as_written(keeper: Script, keeper_story) -> None:
    assert _cues(keeper) == _expected_cues(keeper_story)
    assert "MAYA (V.O.)" in _cues(keeper)
    assert "COAST GUARD #2 (O.S.)" in _cues(keeper)
    assert "TOM (CONT'D)" in _cues(keeper)  # written in the script, not a page break


def test_keeper_speech_text_and_parentheticals(keeper: Script) -> None:
    kinds = {e.kind for e in keeper.elements}
    assert {Kind.HEADING, Kind.ACTION, Kind.DIALOGUE, Kind.PARENTHETICAL} <= kinds
    laughing = next(e for e in keeper.elements if e.text == "(laughing)")
    assert laughing.kind is Kind.PARENTHETICAL and laughing.cue == "TOM"
    flame = next(e for e in keeper.elements if e.text.startswith("You see this flame?"))
    assert flame.kind is Kind.DIALOGUE and flame.cue == "TOM"
    assert flame.text.endswith("Every single one.")
    assert flame.span.end > flame.span.start  # joined over its lines


def test_keeper_dual_dialogue(keeper: Script) -> None:
    softer = next(e for e in keeper.elements if e.text == "(softer)")
    light = next(e for e in keeper.elements if e.text == "Somebody has to keep the light, sailor.")
    me = next(e for e in keeper.elements if e.text == "Somebody has to keep me.")
    assert (softer.cue, softer.dual) == ("TOM", False)
    assert (light.cue, light.dual) == ("TOM", False)
    assert (me.cue, me.dual, me.kind) == ("YOUNG MAYA", True, Kind.DIALOGUE)
    assert keeper.elements.index(me) == keeper.elements.index(light) + 1


def test_keeper_transitions_and_title_page(keeper: Script) -> None:
    transitions = [e.text for e in keeper.elements if e.kind is Kind.TRANSITION]
    assert transitions == ["FADE IN:", "FADE OUT."]
    assert keeper.title == "The Keeper"
    pairs = dict(keeper.title_page)
    assert pairs["Credit"] == "Written by"
    assert pairs["Author"] == "The whosestory authors"
    assert pairs["Draft date"] == "2026-11-27"


def test_every_element_has_a_page_and_lines_run_forward(keeper: Script) -> None:
    assert all(e.page and e.page >= 2 for e in keeper.elements)  # page 1 is the title page
    starts = [e.span.start for e in keeper.elements if not e.dual]
    assert starts == sorted(starts)
    assert keeper.elements[-1].page == max(e.page or 0 for e in keeper.elements)


def test_page_furniture_is_removed(keeper: Script) -> None:
    for element in keeper.elements:
        assert not re.fullmatch(r"\d+\.", element.text), element
        assert "(MORE)" not in element.text and "CONTINUED" not in element.text


def test_read_script_sniffs_pdf() -> None:
    script = read_script(STORIES / "the-keeper.pdf")
    assert script.format == "pdf"
    assert script.source.endswith("the-keeper.pdf")


# ---------------------------------------------------------------- the awkward story


@pytest.fixture(scope="module")
def ferry() -> Script:
    return _read(STORIES / "night-ferry.pdf")


@pytest.fixture(scope="module")
def ferry_story():
    return make_pdfs.parse_fountain(make_pdfs.NIGHT_FERRY)


def test_speech_split_by_more_and_contd_is_joined(ferry: Script, ferry_story) -> None:
    source = next(
        s.parts[0][1] for b in ferry_story.blocks for s in b.speeches if len(s.parts[0][1]) > 500
    )
    monologue = [e for e in ferry.elements if e.text.startswith("He came down to this landing")]
    assert len(monologue) == 1
    speech = monologue[0]
    assert speech.text == source
    assert speech.cue == "McKAY"  # the continued speech keeps its cue, not "McKAY (CONT'D)"
    assert speech.kind is Kind.DIALOGUE
    assert speech.page == 2
    assert speech.span.end - speech.span.start > 25
    assert not any(e.cue == "McKAY (CONT'D)" for e in ferry.elements)


def test_scene_numbers_on_both_margins(ferry: Script) -> None:
    headings = [(e.text, e.number) for e in ferry.elements if e.kind is Kind.HEADING]
    assert headings == [
        ("EXT. FERRY LANDING - NIGHT", "1"),
        ("INT. FERRY CABIN - NIGHT", "2"),
        ("EXT. ISLAND HARBOUR - DAWN", "2A"),
    ]


def test_continued_headers_and_footers_are_removed(ferry: Script) -> None:
    texts = " ".join(e.text for e in ferry.elements)
    assert "CONTINUED" not in texts and "(MORE)" not in texts


def test_awkward_corners(ferry: Script, ferry_story) -> None:
    assert _cues(ferry) == _expected_cues(ferry_story)
    paren = next(e for e in ferry.elements if e.text.startswith("(not looking"))
    assert paren.kind is Kind.PARENTHETICAL and paren.cue == "NORA"
    assert paren.text.endswith("as if they might multiply)")
    centered = next(e for e in ferry.elements if e.text == "THE CHANDLERY")
    assert centered.kind is Kind.CENTERED
    action = next(e for e in ferry.elements if e.text.startswith("Fog over black water"))
    assert action.kind is Kind.ACTION and action.text.endswith("for the third time.")
    assert "McKAY (O.S.)" in _cues(ferry)
    assert [parse_cue(c).name for c in _cues(ferry)].count("McKAY") == 5


def test_title_page_with_a_large_title(ferry: Script) -> None:
    assert ferry.title == "NIGHT FERRY"
    pairs = dict(ferry.title_page)
    assert pairs["Author"] == "Ida Marsh"
    assert pairs["Source"] == "Based on a story nobody told"
    assert pairs["Draft date"] == "3/14/2025"
    assert "Pier Road" in pairs["Contact"]


# ---------------------------------------------------------------- errors


def _one_sentence(err: ParseError, name: str) -> None:
    message = str(err)
    assert name in message
    assert message.count(". ") == 0 or message.endswith(".")
    assert "Traceback" not in message and "PDFium" not in message


def test_scanned_pdf_has_no_text_layer() -> None:
    with pytest.raises(ParseError) as info:
        _read(STORIES / "scanned.pdf")
    assert NO_TEXT_MESSAGE in str(info.value)
    _one_sentence(info.value, "scanned.pdf")


def test_empty_pages_have_no_text_layer() -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.add_page()
    with pytest.raises(ParseError, match="no text layer"):
        read(bytes(pdf.output()), "blank.pdf")


def test_not_a_pdf() -> None:
    with pytest.raises(ParseError) as info:
        _read(STORIES / "not-a-pdf.pdf")
    assert "not a PDF" in str(info.value)
    _one_sentence(info.value, "not-a-pdf.pdf")


def test_truncated_pdf() -> None:
    data = (STORIES / "the-keeper.pdf").read_bytes()
    with pytest.raises(ParseError) as info:
        read(data[: len(data) // 3], "cut.pdf")
    _one_sentence(info.value, "cut.pdf")


def test_encrypted_pdf() -> None:
    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("Courier", size=12)
    pdf.text(108, 100, "INT. VAULT - NIGHT")
    with pytest.raises(ParseError, match="password") as info:
        read(bytes(pdf.output()), "locked.pdf")
    _one_sentence(info.value, "locked.pdf")


KEEPER_BYTES = (STORIES / "the-keeper.pdf").read_bytes()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(KEEPER_BYTES) - 1), st.binary(min_size=1, max_size=200))
# regression: a filter value that ends in R but is no "N G R" reference raised a ValueError
@example(at=360, junk=b"\x00\x00R")
def test_damaged_pdf_reads_or_raises_parse_error(at: int, junk: bytes) -> None:
    data = KEEPER_BYTES[:at] + junk + KEEPER_BYTES[at + len(junk) :]
    with contextlib.suppress(ParseError):
        assert isinstance(read(data, "damaged.pdf"), Script)


def _line(text: str, style: tuple[bool, bool], x: float = 108.0):
    from whosestory.readers import pdf

    return pdf._Line(1, 1, 700, 688, 12, [pdf._Field(x, x + 7.2 * len(text), text)], style=style)


def test_a_style_that_action_wears_too_is_no_heading_mark() -> None:
    from whosestory.readers.pdf import _heading_style

    bold = (True, False)
    headings = [_line("INT. BOX - NIGHT", bold), _line("EXT. YARD - DAY", bold)]
    prose = [_line("She lets it ring twice.", (False, False)) for _ in range(30)]
    assert _heading_style(headings + prose, 108.0) == bold
    shouting = [_line("Everything bold, even this.", bold) for _ in range(3)]
    assert _heading_style(headings + prose + shouting, 108.0) is None  # 3 of 33 action lines
    assert _heading_style([headings[0], *prose], 108.0) is None  # one heading is no pattern
    plain = [_line("INT. BOX - NIGHT", (False, False)) for _ in range(2)]
    assert _heading_style(plain + prose, 108.0) is None  # screenplain's default


def test_regression_title_page_followed_only_by_blank_pages() -> None:
    """A title page and nothing after it used to crash learning the layout (IndexError)."""
    pdf = FPDF()
    pdf.set_font("Courier", size=12)
    pdf.add_page()
    pdf.text(80, 120, "THE EMPTY HOUSE")
    pdf.text(90, 130, "by Nobody")
    pdf.add_page()
    script = read(bytes(pdf.output()), "title-only.pdf")
    assert all(e.kind is not Kind.HEADING for e in script.elements)


def test_a_heading_with_a_time_of_day_but_no_int_ext_is_a_heading_in_pdf_too(
    tmp_path: Path,
) -> None:
    # Fountain forces it with a dot; the PDF sets it like action, alone between blank lines.
    talk = "TOMAS\nNearly there, I think. One more pass.\n\nIDA\nYou said that an hour ago.\n\n"
    fountain = (
        "INT. WORKSHOP - NIGHT\n\nTOMAS sands a chair leg.\n\n" + talk * 3 + ".BACK IN THE "
        "APARTMENT - LATER\n\nThe chair stands by the window.\n\n" + talk * 3
    )
    pdf = tmp_path / "chair.pdf"
    pdf.write_bytes(
        make_pdfs.Typesetter(False, False, False).story(
            make_pdfs.parse_fountain(fountain), big_title=False
        )
    )
    source = tmp_path / "chair.fountain"
    source.write_text(fountain, encoding="utf-8")
    shapes = [[(s.heading, len(s.speeches())) for s in load(p).scenes] for p in (source, pdf)]
    assert shapes[0] == shapes[1]
    assert [heading for heading, _ in shapes[0]][-1] == "BACK IN THE APARTMENT - LATER"


def test_a_run_overlapping_the_last_glyph_of_the_one_before_does_not_repeat_it() -> None:
    # the text of each rectangle was asked for by its bounds, so a run that began over the
    # last glyph of the run before took that glyph again ("I'm m here"); it is now the
    # run's own characters, read in one pass over the page
    import hostile

    from whosestory.readers._pdf_text import _extract, _open

    data = hostile._one_page(
        b"BT /F1 12 Tf 100 700 Td (Well, I'm) Tj ET BT /F1 12 Tf 161 700 Td ( here.) Tj ET"
    )
    doc = _open(data, "overlap.pdf")
    try:
        lines = [line.text for page in _extract(doc, "overlap.pdf") for line in page.lines]
    finally:
        doc.close()
    assert lines == ["Well, I\u2019m here."]


def test_the_rectangles_of_a_page_are_read_in_time_linear_in_their_number() -> None:
    import time

    import hostile

    from whosestory.readers._pdf_text import _extract, _open

    seconds = []
    for count in (1000, 16000):
        doc = _open(hostile.pdf_rectangles_on_one_line(count), "line.pdf")
        start = time.perf_counter()
        try:
            (page,) = _extract(doc, "line.pdf")
        finally:
            doc.close()
        seconds.append(time.perf_counter() - start)
        assert len(page.lines) == 1
    # sixteen times the rectangles: about sixteen times the time, where it was 256 times
    assert seconds[1] < 50 * seconds[0]


def test_regression_a_value_ending_in_r_that_is_no_reference_is_kept() -> None:
    from whosestory.readers._inflate import _Objects

    objects = _Objects(b"7 0 obj /FlateDecode endobj")
    assert objects.resolve(b"/ASCIIHexDecodeR") == b"/ASCIIHexDecodeR"
    assert objects.resolve(b"\x00\x00R") == b"\x00\x00R"
    assert objects.resolve(b"7 0 R") == b"/FlateDecode"


def test_regression_one_line_speeches_keep_their_cues() -> None:
    # a script of one-line speeches has about as many blank lines (twice the pitch) as
    # lines within a paragraph: the pitch was read as the blank line, no line stood after
    # a gap, and every cue was read as action (BEN, ANNA and MARTIN were no speakers)
    script = read_script(STORIES / "the-long-way-round.pdf")
    speakers = {e.cue for e in script.elements if e.kind is Kind.DIALOGUE}
    assert {"BEN", "ANNA", "MARTIN"} <= {parse_cue(c or "").name for c in speakers}
    assert not any(e.kind is Kind.ACTION and e.text == "BEN" for e in script.elements)
