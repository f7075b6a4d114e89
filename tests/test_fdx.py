"""The Final Draft reader on stories written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from whosestory.errors import EmptyInputError, ParseError
from whosestory.model import Kind
from whosestory.readers import fdx, sniff_format
from whosestory.screenplay import parse_cue

STORIES = Path(__file__).parent / "stories"


def read_story(name: str):
    path = STORIES / name
    return fdx.read(path.read_bytes(), str(path))


def wrap(body: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<FinalDraft DocumentType="Script" Version="5">\n'
        f"<Content>\n{body}\n</Content>\n</FinalDraft>\n"
    ).encode()


def para(kind: str, text: str) -> str:
    return f'<Paragraph Type="{kind}"><Text>{text}</Text></Paragraph>'


# ---------------------------------------------------------------- the keeper


def test_keeper_headings_have_numbers_and_no_number_in_text():
    script = read_story("the-keeper.fdx")
    headings = [e for e in script.elements if e.kind is Kind.HEADING]
    assert [h.number for h in headings] == [str(n) for n in range(1, 16)]
    assert headings[0].text == "INT. DR. OKAFOR'S OFFICE - DAY (PRESENT DAY)"
    assert all("#" not in h.text for h in headings)


def test_keeper_title_page_is_keyed_like_fountain():
    script = read_story("the-keeper.fdx")
    assert script.format == "fdx"
    assert script.title == "The Keeper"
    assert script.title_page == (
        ("Title", "The Keeper"),
        ("Credit", "Written by"),
        ("Author", "The whosestory authors"),
        ("Draft date", "2026-11-27"),
        ("Notes", "An example story for whosestory. Tom holds the screen; the story is Maya's."),
    )


def test_keeper_speeches_keep_cues_as_written():
    script = read_story("the-keeper.fdx")
    cues = [e.cue for e in script.elements if e.kind is Kind.DIALOGUE]
    assert cues.count("MAYA (V.O.)") == 4
    assert cues.count("TOM (CONT'D)") == 5
    assert "COAST GUARD #2 (O.S.)" in cues
    names = {parse_cue(c).name for c in cues}
    assert names == {
        "DR. OKAFOR", "MAYA", "TOM", "YOUNG MAYA", "HARBORMASTER BELL", "FISHERMEN",
        "COAST GUARD #2", "LUCY", "COUNCILWOMAN ADAIR", "A VOICE",
    }  # fmt: skip


def test_keeper_parentheticals_carry_the_current_cue():
    script = read_story("the-keeper.fdx")
    parens = [(e.cue, e.text) for e in script.elements if e.kind is Kind.PARENTHETICAL]
    assert parens == [
        ("TOM", "(laughing)"),
        ("FISHERMEN", "(together)"),
        ("FISHERMEN", "(together)"),
        ("TOM", "(softer)"),
        ("TOM", "(reading as he writes)"),
    ]


def test_keeper_dual_dialogue_marks_only_the_second_speaker():
    script = read_story("the-keeper.fdx")
    dual = [(e.kind, e.cue, e.text) for e in script.elements if e.dual]
    assert dual == [(Kind.DIALOGUE, "YOUNG MAYA", "Somebody has to keep me.")]
    index = next(i for i, e in enumerate(script.elements) if e.text == "(softer)")
    assert script.elements[index + 1].text == "Somebody has to keep the light, sailor."
    assert not script.elements[index + 1].dual


def test_keeper_styled_runs_join_without_added_spaces():
    script = read_story("the-keeper.fdx")
    first_action = next(e for e in script.elements if e.kind is Kind.ACTION)
    assert first_action.text.startswith(
        "A quiet room. Rain on the window. MAYA REYES, 40s, sits stiffly across from DR. OKAFOR,"
    )


def test_keeper_general_and_shot_read_as_action_and_transitions_as_transitions():
    script = read_story("the-keeper.fdx")
    actions = [e.text for e in script.elements if e.kind is Kind.ACTION]
    assert "Improvised scene." in actions
    assert any(t.startswith("The beam swings out.") for t in actions)
    transitions = [e.text for e in script.elements if e.kind is Kind.TRANSITION]
    assert transitions == ["FADE IN:", "FADE OUT."]


def test_keeper_lines_point_into_the_file_and_are_in_order():
    path = STORIES / "the-keeper.fdx"
    lines = path.read_text(encoding="utf-8").splitlines()
    script = fdx.read(path.read_bytes(), str(path))
    starts = [e.span.start for e in script.elements]
    assert starts == sorted(starts)
    for element in script.elements:
        quoted = "\n".join(lines[element.span.start - 1 : element.span.end + 1])
        assert element.text.split()[0] in quoted


def test_sniffer_chooses_fdx():
    data = (STORIES / "the-keeper.fdx").read_bytes()
    assert sniff_format(data, "anything.xml") == "fdx"


# ---------------------------------------------------------------- awkward corners


def test_night_ferry_elements_in_order():
    script = read_story("night-ferry.fdx")
    got = [(e.kind, e.cue, e.dual) for e in script.elements]
    assert got == [
        (Kind.SECTION, None, False),
        (Kind.HEADING, None, False),
        (Kind.SYNOPSIS, None, False),
        (Kind.ACTION, None, False),
        (Kind.NOTE, None, False),
        (Kind.DIALOGUE, "INES (O.S.)", False),
        (Kind.PARENTHETICAL, "DECKHAND #1", False),
        (Kind.DIALOGUE, "DECKHAND #1", False),
        (Kind.PARENTHETICAL, "DECKHAND #1", False),
        (Kind.DIALOGUE, "DECKHAND #1", False),
        (Kind.DIALOGUE, "INES", False),
        (Kind.PARENTHETICAL, "DECKHAND #1 (CONT'D)", True),
        (Kind.DIALOGUE, "DECKHAND #1 (CONT'D)", True),
        (Kind.ACTION, None, False),
        (Kind.TRANSITION, None, False),
        (Kind.HEADING, None, False),
        (Kind.LYRIC, "RADIO (V.O.)", False),
        (Kind.ACTION, None, False),
        (Kind.ACTION, None, False),
        (Kind.SECTION, None, False),
    ]


def test_night_ferry_heading_number_page_and_styled_runs():
    script = read_story("night-ferry.fdx")
    first, second = (e for e in script.elements if e.kind is Kind.HEADING)
    assert (first.text, first.number, first.page) == ("EXT. FERRY DOCK - NIGHT", "1A", 1)
    assert (second.number, second.page) == (None, 2)
    synopsis = next(e for e in script.elements if e.kind is Kind.SYNOPSIS)
    assert synopsis.text == "Ines boards the last ferry."


def test_night_ferry_multiline_runs_become_one_paragraph_over_its_lines():
    script = read_story("night-ferry.fdx")
    action = next(e for e in script.elements if e.kind is Kind.ACTION)
    assert action.text == "Fog. A bell clangs. INES runs down the ramp, one shoe in her hand."
    assert action.span.end - action.span.start >= 4
    note = next(e for e in script.elements if e.kind is Kind.NOTE)
    assert note.text == "Check the tide tables."
    assert action.span.start <= note.span.start <= action.span.end


def test_night_ferry_dialogue_without_a_cue_is_action_with_a_diagnostic():
    script = read_story("night-ferry.fdx")
    orphan = next(e for e in script.elements if e.text == "Nobody claims this line.")
    assert orphan.kind is Kind.ACTION
    assert [d.line for d in script.diagnostics] == [orphan.line]


def test_night_ferry_title_page_and_header_ignored():
    script = read_story("night-ferry.fdx")
    assert script.title == "NIGHT FERRY"
    assert dict(script.title_page)["Author"] == "A. N. Writer"
    assert all("draft" not in e.text for e in script.elements)


# ---------------------------------------------------------------- small cases and errors


def test_speech_continues_across_dialogue_paragraphs_until_action():
    body = "\n".join(
        [
            para("Character", "ANA"),
            para("Dialogue", "One."),
            para("Dialogue", "Two."),
            para("Action", "She stops."),
            para("Dialogue", "Three."),
        ]
    )
    script = fdx.read(wrap(body), "t.fdx")
    assert [(e.kind, e.cue) for e in script.elements] == [
        (Kind.DIALOGUE, "ANA"),
        (Kind.DIALOGUE, "ANA"),
        (Kind.ACTION, None),
        (Kind.ACTION, None),
    ]


def test_unknown_paragraph_type_reads_as_action():
    script = fdx.read(wrap(para("Outline 1", "Something")), "t.fdx")
    assert [(e.kind, e.text) for e in script.elements] == [(Kind.ACTION, "Something")]


def test_malformed_xml_names_the_line():
    data = wrap(para("Action", "ok")).replace(b"</Content>", b"</Contents>")
    with pytest.raises(ParseError) as info:
        fdx.read(data, "broken.fdx")
    assert info.value.line == 5
    assert "broken.fdx, line 5" in str(info.value)


def test_other_xml_is_not_final_draft():
    with pytest.raises(ParseError, match="expected a Final Draft document"):
        fdx.read(b'<TEI xmlns="http://www.tei-c.org/ns/1.0"/>', "play.xml")


def test_final_draft_without_content_is_refused():
    with pytest.raises(ParseError, match="no <Content>"):
        fdx.read(b'<FinalDraft DocumentType="Script"><TitlePage/></FinalDraft>', "x.fdx")


def test_empty_content_reads_as_no_elements():
    script = fdx.read(wrap(""), "empty.fdx")
    assert script.elements == ()


def test_empty_file_is_empty_input():
    with pytest.raises(EmptyInputError):
        fdx.read(b"  \n", "nothing.fdx")


def test_utf8_bom_is_accepted():
    script = fdx.read(b"\xef\xbb\xbf" + wrap(para("Action", "Café.")), "bom.fdx")
    assert script.elements[0].text == "Café."


# ---------------------------------------------------------------- regressions


def test_regression_scene_summary_before_heading_text_keeps_lines_in_order():
    """SceneProperties come before the heading's <Text>; the synopsis once got an earlier line."""
    body = (
        '<Paragraph Type="Scene Heading">\n<SceneProperties Page="3"><Summary>\n'
        "<Paragraph><Text>What happens.</Text></Paragraph>\n</Summary></SceneProperties>\n"
        "<Text>INT. ROOM - DAY</Text>\n</Paragraph>"
    )
    heading, synopsis = fdx.read(wrap(body), "t.fdx").elements
    assert (heading.kind, synopsis.kind) == (Kind.HEADING, Kind.SYNOPSIS)
    assert heading.span.start <= synopsis.span.start <= heading.span.end
    assert heading.page == 3


# ---------------------------------------------------------------- headings typed as action


def test_action_typed_heading_reads_as_heading_with_a_diagnostic():
    script = read_story("typed-as-action.fdx")
    headings = [e for e in script.elements if e.kind is Kind.HEADING]
    assert [h.text for h in headings] == [
        "INT. SIGNAL BOX - NIGHT",
        "EXT/INT. LEVEL CROSSING - CONTINUOUS",
        "INT. LAMP ROOM - LATER",
    ]
    lines = {d.line for d in script.diagnostics}
    assert lines == {headings[1].span.start, headings[2].span.start}
    assert all("scene heading" in d.message for d in script.diagnostics)


def test_only_whole_short_upper_case_one_line_headings_are_promoted():
    script = read_story("typed-as-action.fdx")
    actions = [e.text for e in script.elements if e.kind is Kind.ACTION]
    assert actions == [
        "Interior lights flicker. ODILE logs the last train.",  # not upper case
        "THE BARRIER SLAMS.",  # upper case, not a heading
        "EXT. THE TRACK, WHERE NOTHING MOVES AND THE RAILS HUM ALL THE SAME.",  # two lines
        "EXT. THE YARD, WHERE THE OLD ENGINES RUST UNDER THEIR TARPAULINS, FORGOTTEN BY ALL.",
        "EXT. PLATFORM - NIGHT",  # a Shot is the writer's choice, not an untyped heading
    ]


def test_typed_heading_ends_the_open_speech():
    script = read_story("typed-as-action.fdx")
    kinds = [e.kind for e in script.elements]
    assert kinds[kinds.index(Kind.DIALOGUE) + 1] is Kind.HEADING
    last = script.elements[-1]
    assert (last.kind, last.cue) == (Kind.DIALOGUE, "ODILE (V.O.)")
