"""Tests for the plain-text screenplay reader, on stories the project wrote itself."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from whosestory.model import Kind
from whosestory.readers import plaintext, read_script, sniff_format
from whosestory.readers._plaintext_layout import (
    CAPS_RE,
    HEADING_START_RE,
    SETTING_WORDS,
    LineIndex,
    clean_text,
    split_scene_number,
)
from whosestory.readers._text import decode

STORIES = Path(__file__).resolve().parent / "stories"
FOUNTAIN = Path(__file__).resolve().parent.parent / "examples" / "the-keeper.fountain"


def read(name: str):
    return read_script(STORIES / name, fmt="text")


def kinds(script) -> list[tuple[str, int]]:
    return [(e.kind.value, e.line) for e in script.elements]


def speeches(script) -> list[tuple[str, str]]:
    return [(e.cue, e.text) for e in script.elements if e.kind == Kind.DIALOGUE]


# ---------------------------------------------------------------- the keeper


def test_keeper_has_the_fountain_story_scenes_cues_and_speeches():
    script = read("the-keeper.txt")
    headings = [e for e in script.elements if e.kind == Kind.HEADING]
    assert [h.number for h in headings] == [str(n) for n in range(1, 16)]
    assert headings[0].text == "INT. DR. OKAFOR'S OFFICE - DAY (PRESENT DAY)"
    fountain = FOUNTAIN.read_text().split("\n\n")
    cues = [b.split("\n")[0].replace("^", "").strip() for b in fountain if _is_speech(b)]
    assert [cue for cue, _ in speeches_joined(script)] == cues
    assert script.title == "THE KEEPER"


def _is_speech(block: str) -> bool:
    lines = block.strip().split("\n")
    head = lines[0].replace("^", "").strip()
    return len(lines) > 1 and head.isupper() and not head.startswith(("INT.", "EXT.", "FADE"))


def speeches_joined(script) -> list[tuple[str, str]]:
    """One (cue, text) per speech: consecutive dialogue and parentheticals of one cue."""
    out: list[tuple[str, str]] = []
    previous = None
    for e in script.elements:
        if e.kind in (Kind.DIALOGUE, Kind.PARENTHETICAL):
            if previous is not None and previous.cue == e.cue:
                out[-1] = (e.cue, f"{out[-1][1]} {e.text}")
            else:
                out.append((e.cue, e.text))
            previous = e
        else:
            previous = None
    return out


def test_keeper_parenthetical_and_spans():
    script = read("the-keeper.txt")
    paren = next(e for e in script.elements if e.kind == Kind.PARENTHETICAL)
    assert (paren.text, paren.cue) == ("(laughing)", "TOM")
    lines = (STORIES / "the-keeper.txt").read_text().splitlines()
    for e in script.elements:
        if e.kind in (Kind.DIALOGUE, Kind.ACTION):
            assert lines[e.span.start - 1].strip() in e.text
            assert lines[e.span.end - 1].strip() in e.text


def test_keeper_is_sniffed_as_plain_text():
    assert sniff_format((STORIES / "the-keeper.txt").read_bytes(), "the-keeper.txt") == "text"


# ---------------------------------------------------------------- awkward stories


def test_html_residue_script_block_crlf_bom_and_tabs():
    script = read("harbour-lights.txt")
    assert script.title == "HARBOUR LIGHTS"
    assert kinds(script)[:4] == [("heading", 7), ("action", 9), ("dialogue", 13), ("dialogue", 17)]
    assert speeches(script) == [
        ("IDA", "Who's there? Show yourself."),
        ("OSKAR (O.S.)", "Only me. Only ever me."),
        ("IDA", "You missed the tide again."),
        ("OSKAR", "Tomorrow, then."),
    ]
    texts = " ".join(e.text for e in script.elements)
    assert "<" not in texts and "location" not in texts and "&amp;" not in texts
    assert any(e.kind == Kind.TRANSITION and e.text == "CUT TO:" for e in script.elements)
    assert any(d.code == "html" for d in script.diagnostics)


def test_cp1252_flush_left_script_without_indentation():
    data = (STORIES / "the-orchard.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    script = plaintext.read(data, "the-orchard.txt")
    assert [e.text for e in script.elements if e.kind == Kind.HEADING] == [
        "EXT. ORCHARD - DAY",
        "INT. FARMHOUSE KITCHEN - NIGHT",
    ]
    assert speeches(script)[0] == ("RUTH", "Hold it still. I’m not as light as I was.")
    assert [c for c, _ in speeches(script)] == ["RUTH", "NILS", "NILS", "RUTH"]
    assert "café au lait" in script.elements[6].text
    paren = next(e for e in script.elements if e.kind == Kind.PARENTHETICAL)
    assert (paren.text, paren.cue, paren.line) == ("(quietly)", "NILS", 18)
    assert script.diagnostics  # it had to guess the layout from case alone


def test_page_furniture_removed_and_scene_numbers_both_sides():
    script = read("night-shift.txt")
    headings = [(e.text, e.number) for e in script.elements if e.kind == Kind.HEADING]
    assert headings == [
        ("INT. SIGNAL BOX - NIGHT", "12"),
        ("EXT. TRACKSIDE - CONTINUOUS", "12A"),
        ("INT. SIGNAL BOX - LATER", "13"),
    ]
    texts = [e.text for e in script.elements]
    for furniture in ("(MORE)", "CONTINUED", "Rev.", "3.", "4."):
        assert not any(furniture in t for t in texts), furniture
    assert speeches(script)[:3] == [
        ("LENA", "Box nine to control. The eleven forty is late. Again."),
        ("LENA (CONT'D)", "Does anyone out there hear me?"),
        ("CONTROL (V.O.)", "We hear you, box nine."),
    ]
    assert any(e.kind == Kind.PAGE_BREAK for e in script.elements)
    assert [e.text for e in script.elements if e.kind == Kind.TRANSITION] == [
        "FADE IN:",
        "DISSOLVE TO:",
    ]


def test_cue_followed_by_blank_line_is_still_a_speech():
    text = (
        "INT. ROOM - DAY\n\nAnna waits.\n\nANNA\n\nWhere were you?\n\nBEN\n\nOut.\n\nShe sighs.\n"
    )
    script = plaintext.read(text.encode(), "s.txt")
    assert speeches(script) == [("ANNA", "Where were you?"), ("BEN", "Out.")]
    assert script.elements[-1].kind == Kind.ACTION


# ---------------------------------------------------------------- regressions


def test_repeated_numbered_heading_is_not_a_running_header():
    # The same place revisited four times normalised to one "header" form and vanished.
    scenes = "".join(
        f"{n}    INT. OFFICE - DAY    {n}\n\n    Rain.\n\n              MAYA\n        Hello.\n\n"
        for n in (1, 5, 8, 10)
    )
    script = plaintext.read(scenes.encode(), "s.txt")
    assert [e.number for e in script.elements if e.kind == Kind.HEADING] == ["1", "5", "8", "10"]


def test_bare_voice_over_extension_cue():
    # "CHER V.O." (no parentheses) was refused as a cue because it ends with a dot.
    text = "SCENE I - THE HOUSE\n\nCHER V.O.\nSo OK, you're probably thinking.\n\nShe waves.\n"
    script = plaintext.read(text.encode(), "s.txt")
    assert speeches(script) == [("CHER V.O.", "So OK, you're probably thinking.")]
    heading = script.elements[0]
    assert (heading.kind, heading.text, heading.number) == (Kind.HEADING, "THE HOUSE", "I")


def test_cue_followed_by_two_blank_lines_in_a_double_spaced_script():
    body = "".join(f"{name}\n\n\n{line}\n\n\n" for name, line in [("OPERATOR", "Hello.")] * 6)
    script = plaintext.read(("INT. ROOM - NIGHT\n\n\n" + body).encode(), "s.txt")
    assert speeches(script) == [("OPERATOR", "Hello.")] * 6


def test_heading_without_int_ext():
    text = (
        "          HOSPITAL - DAY (1963)\n\n          Nurses run.\n\n"
        "                    TOM\n          Help!\n"
    )
    script = plaintext.read(text.encode(), "s.txt")
    assert script.elements[0].kind == Kind.HEADING
    assert script.elements[0].text == "HOSPITAL - DAY (1963)"


def test_split_scene_number():
    assert split_scene_number("12  INT. HOUSE - DAY  12") == ("INT. HOUSE - DAY", "12")
    assert split_scene_number("A12 EXT. ROAD - NIGHT") == ("EXT. ROAD - NIGHT", "A12")
    assert split_scene_number("INT. HOUSE - DAY     7") == ("INT. HOUSE - DAY", "7")
    assert split_scene_number("INT. HOUSE - DAY") == ("INT. HOUSE - DAY", None)


def test_clean_text_keeps_line_numbers():
    text = "<script>\na\nb\n</script>\nTOM\n<!-- x\ny -->\n<b>END</b>"
    lines, had_html = clean_text(text)
    assert had_html
    assert len(lines) == text.count("\n") + 1
    assert lines[4] == "TOM" and lines[-1] == "END"


# ---------------------------------------------------------------- never raises

_LINES = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "",
                "INT. HOUSE - DAY",
                "12  EXT. ROAD - NIGHT  12",
                "                    TOM",
                "          Hello there.",
                "               (beat)",
                "(MORE)",
                "CONTINUED:",
                "                                        CUT TO:",
                "\tANNA\t",
                "<b>",
                "45.",
                "\f",
            ]
        ),
        st.text(max_size=60),
    ),
    max_size=40,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_LINES)
def test_read_never_raises_and_spans_are_in_order(lines):
    data = "\n".join(lines).encode("utf-8", errors="replace")
    if not data.strip() or b"\x00" in data:
        return
    try:
        script = plaintext.read(data, "h.txt")
    except Exception as err:  # only decode's one-sentence input errors are allowed
        from whosestory.errors import InputError

        assert isinstance(err, InputError)
        return
    last = 0
    total = decode(data, "h.txt").count("\n") + 1  # a lone CR is a line break too
    for element in script.elements:
        assert element.span.start >= last
        assert element.span.start <= element.span.end <= total
        last = element.span.start


def test_regression_lettered_scene_numbers_head_scenes() -> None:
    # "A49  EXT. STADIUM - DAY  A49" (a scene added in revision) was read as action
    scenes = "".join(
        f"{n}    EXT. STADIUM - DAY    {n}\n\n    Rain.\n\n              MAYA\n        Hello.\n\n"
        for n in ("48", "A49", "J177")
    )
    action = "    B52 BOMBERS FLY OVERHEAD\n\n"
    script = plaintext.read((scenes + action).encode(), "s.txt")
    assert [e.number for e in script.elements if e.kind == Kind.HEADING] == ["48", "A49", "J177"]
    assert script.elements[-1].kind == Kind.ACTION


def test_headings_behind_markers_cuts_camera_and_odd_scene_numbers() -> None:
    body = "\n\n    Rain.\n\n              MAYA\n        Hello.\n\n"
    lines = [
        "    INT. OFFICE - DAY",
        "    FLASHBACK - INT. MILL - NIGHT",
        "    ANGLE, EXT THE DINER.",
        "A)  INT. STAIRWAY",
        "70/71 INT. FLAT - NIGHT    70/71",
        "*12    INT. LOBBY - DAY",
        "CUT TO: INT. HALL - CONTINUOUS",
        "    INT./EXT. CAR - MOVING",  # regression: "INT./" was taken for a slashed number
        "    NYAH (INT. STUDY - DAWN)",
        "79B   BACK TO SCENE     *79B",  # numbered on both sides: a scene, though it reads as a cut
    ]
    script = plaintext.read("".join(line + body for line in lines).encode(), "s.txt")
    headings = [(e.text, e.number) for e in script.elements if e.kind == Kind.HEADING]
    assert headings == [
        ("INT. OFFICE - DAY", None),
        ("FLASHBACK - INT. MILL - NIGHT", None),
        ("EXT THE DINER.", None),
        ("INT. STAIRWAY", "A"),
        ("INT. FLAT - NIGHT", "70/71"),
        ("INT. LOBBY - DAY", "12"),  # the revision star is not part of the number
        ("INT. HALL - CONTINUOUS", None),  # the cut goes, timed or not
        ("INT./EXT. CAR - MOVING", None),
        ("INT. STUDY - DAWN", None),  # a shot of NYAH, placed in brackets
        ("BACK TO SCENE", "79B"),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "2)  INT. STAIRWAY",
        "10-4, GOOD BUDDY.",
        "24/7 ROUND THE CLOCK.",
        "B52 BOMBERS FLY OVER.",
        "A) EXT. SCHOOL - Walter looks at his hands.",  # an item of a list of images
        "25    CUT TO:    25",  # a numbered cut is a cut
    ],
)
def test_lists_and_numbers_in_action_are_not_headings(line: str) -> None:
    # a list item, and numbers followed by a comma or slashed, in a script without numbers
    text = "    INT. OFFICE - DAY\n\n    Rain.\n\n    " + line + "\n\n    More rain.\n"
    script = plaintext.read(text.encode(), "s.txt")
    assert [e.text for e in script.elements if e.kind == Kind.HEADING] == ["INT. OFFICE - DAY"]


def test_regression_a_revision_mark_does_not_swallow_the_next_heading() -> None:
    # "*" alone, blank lines, then "103  INT. BANK": the start pattern crossed the newlines
    text = (
        "1    INT. STREET - DAY    1\n\n    Rain.\n\n              MAYA\n        Hello.\n"
        "                                                  *\n\n\n"
        "103    INT. BANK - DAY    103\n\n    Vault.\n\n              MAYA\n        Bye.\n"
    )
    script = plaintext.read(text.encode(), "s.txt")
    assert [e.number for e in script.elements if e.kind == Kind.HEADING] == ["1", "103"]


def test_transcript_scene_lines_head_scenes_and_keep_their_description() -> None:
    text = (
        b"OFFICE SPACE\n\n[Scene: A highway. There's a huge jam. Peter drives forward\n"
        b"a bit at a time.]\n\nPETER\nCome on.\n\n[Scene Initech parking lot. Bill drives in.]\n\n"
        b"BILL\nMorning.\n"
    )
    script = plaintext.read(text, "t.txt")
    found = [(e.kind, e.text) for e in script.elements if e.kind in (Kind.HEADING, Kind.ACTION)]
    assert found == [
        (Kind.ACTION, "OFFICE SPACE"),
        (Kind.HEADING, "A highway"),
        (Kind.ACTION, "There's a huge jam. Peter drives forward a bit at a time.]"),
        (Kind.HEADING, "Initech parking lot"),
        (Kind.ACTION, "Bill drives in.]"),
    ]


def _dual_script(cue_line: str, speech_lines: list[str]) -> bytes:
    single = "                              {}\n                {}\n\n"
    lines = [
        "     INT. KITCHEN - NIGHT\n\n     Rain on the window.\n\n",
        single.format("MARTA", "You're late."),
        single.format("OSKAR", "The bus."),
        single.format("LENA", "Again?"),
        cue_line + "\n",
        *(line + "\n" for line in speech_lines),
        "\n     Silence.\n\n",
        single.format("MARTA", "Sit down."),
    ]
    return "".join(lines).encode()


def test_regression_dual_dialogue_in_two_columns_is_two_speeches() -> None:
    # a plain-text page sets dual dialogue as two cues on one line and the two speeches side
    # by side: it was read as one character "MARTA OSKAR", or as an action paragraph
    data = _dual_script(
        "                MARTA                             OSKAR",
        [
            "     Where were you all night?          (quietly)",
            "                                        I told you. The bus",
            "                                        broke down.",
        ],
    )
    script = plaintext.read(data, "s.txt")
    assert speeches(script)[3:5] == [
        ("MARTA", "Where were you all night?"),
        ("OSKAR", "I told you. The bus broke down."),
    ]
    oskar = [e for e in script.elements if e.cue == "OSKAR" and e.dual]
    assert [e.kind for e in oskar] == [Kind.PARENTHETICAL, Kind.DIALOGUE]
    assert oskar[0].text == "(quietly)"
    assert speeches(script)[-1] == ("MARTA", "Sit down.")


def test_dual_dialogue_column_with_a_cue_of_its_own() -> None:
    data = _dual_script(
        "                MARTA                             OSKAR",
        [
            "     Who is it?                         Nobody.",
            "                                                  LENA",
            "                                        Me. Open up.",
        ],
    )
    said = speeches(plaintext.read(data, "s.txt"))
    assert ("OSKAR", "Nobody.") in said
    assert ("LENA", "Me. Open up.") in said


def test_two_names_apart_on_a_line_that_are_not_both_cued_are_no_dual_cue() -> None:
    data = _dual_script(
        "                MARTA                             STRANGER",
        ["     Who is it?"],
    )
    script = plaintext.read(data, "s.txt")
    assert not any(e.dual for e in script.elements)


_EXCHANGE = [
    ("MARTA", "Who is calling?"),
    ("OSKAR", "Me."),
    ("MARTA", "Where are you?"),
    ("OSKAR", "Downstairs."),
    ("MARTA", "Then come up."),
    ("OSKAR", "In a minute."),
]


def test_regression_shouted_dialogue_after_a_parenthetical_is_no_cue() -> None:
    # a line of dialogue written in capitals right under a parenthetical ("(on phone)" then
    # "I CAN SEE THE TOWER.  DO YOU") was read as the cue of a new character
    single = "\t\t\t\t\t{}\n\t\t\t{}\n\n"
    data = "".join(
        [
            "INT. HOTEL ROOM - NIGHT\n\n\tA phone by the bed.\n\n",
            *(
                single.format(who, said)
                + "\tShe waits by the window and watches the rain come down.\n\n"
                for who, said in _EXCHANGE
            ),
            "\t\t\t\t\tMARTA\n",
            "\t\t\t\t(on phone)\n",
            "\t\t\tI CAN SEE THE TOWER.  DO YOU\n",
            "\t\t\tKNOW HOW HIGH IT IS?\n\n",
            "\tShe reads from a guide book.\n\n",
            single.format("OSKAR", "No."),
        ]
    ).encode()
    script = plaintext.read(data, "s.txt")
    assert ("MARTA", "I CAN SEE THE TOWER.  DO YOU KNOW HOW HIGH IT IS?") in speeches(script)
    assert {e.cue for e in script.elements if e.cue} == {"MARTA", "OSKAR"}


def _tabbed(*blocks: str) -> bytes:
    single = "\t\t\t\t\t{}\n\t\t\t{}\n\n"
    scene = "".join(
        single.format(who, said) + "\tShe waits by the window and watches the rain come down.\n\n"
        for who, said in _EXCHANGE
    )
    return ("INT. HOTEL ROOM - NIGHT\n\n" + scene + "".join(blocks)).encode()


def test_regression_a_song_in_capitals_under_its_singer_is_the_singers_speech() -> None:
    # the first line of a song in capitals under the singer's cue was read as the cue of a
    # new character ("ALRITE YEAH YEAH"), and the singer's cue as action
    data = _tabbed(
        "\t\t\t\t\tMARTA\n\t\t\tOH YEAH YEAH\n\t\t\tROLL ON, ROLL ON\n\n",
        "\tOskar covers his ears and looks for the way out of the room.\n\n",
    )
    script = plaintext.read(data, "s.txt")
    assert ("MARTA", "OH YEAH YEAH ROLL ON, ROLL ON") in speeches(script)
    assert {e.cue for e in script.elements if e.cue} == {"MARTA", "OSKAR"}


def test_a_sign_in_capitals_under_a_line_no_one_speaks_is_no_speech() -> None:
    data = _tabbed(
        "\t\t\t\t\tSLOW DOWN\n\t\t\tAND GAUGE SPEED TO\n\t\t\tROAD CONDITIONS\n\n",
        "\tOskar covers his ears and looks for the way out of the room.\n\n",
    )
    cues = {e.cue for e in plaintext.read(data, "s.txt").elements if e.cue}
    assert "SLOW DOWN" not in cues


# ------------------------------------------- a sentence carried on in capitals


_SCANNED = "\n".join(
    [
        "          EXT. DESERT PASS - DAY",
        "",
        "          The riders race down the rock face and break onto the",
        "",
        "                         SALT FLATS",
        "          wheels kicking up sand. The train is close now.",
        "",
        "                         MARA",
        "                         Hold the line!",
        "",
        "          The train thunders past, and a guard turns to",
        "",
        "                         TOBIAS (CONT'D)",
        "          who nods.",
        "",
        "                         TOBIAS",
        "                         We ride at dawn, and the",
        "",
        "                         MARA",
        "                         city sleeps. Go.",
        "",
        "          They ride.",
        "",
        "                         TOBIAS",
        "                         Fine.",
        "",
    ]
)


def test_regression_a_sentence_carried_on_in_capitals_is_no_cue() -> None:
    # a scan's page break set "SALT FLATS" where a cue stands, between "onto the" and
    # "wheels kicking up": SALT FLATS was a character with one speech (Priest)
    script = plaintext.read(_SCANNED.encode(), "scanned.txt")
    cues = [(c or "").split(" (")[0] for c, _ in speeches(script)]
    assert "SALT FLATS" not in cues
    action = " ".join(e.text for e in script.elements if e.kind == Kind.ACTION)
    assert "SALT FLATS" in action and "wheels kicking up sand" in action
    # a continued cue, and a speech that goes on from the one before, keep their cues
    assert cues.count("TOBIAS") == 3 and cues.count("MARA") == 2


@given(
    st.lists(st.text(alphabet="INTEX/ _a1é²ǅ-.\u0660\u2003", max_size=12), min_size=1, max_size=5)
)
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_setting_words_find_the_lines_the_setting_pattern_finds(texts: list[str]) -> None:
    """`LineIndex.ending_words_within` (`str.find`) finds the lines where the pattern of the
    same words, ending a word, matches at a column in the range."""
    index = LineIndex(texts)
    setting = re.compile(rf"(?:{'|'.join(SETTING_WORDS)})\b")
    for first, last in ((0, 3), (2, 60)):
        by_pattern = {
            i
            for i, text in enumerate(texts)
            if any(first <= m.start() <= last for m in setting.finditer(text))
        }
        assert index.ending_words_within(SETTING_WORDS, first, last) == by_pattern


_NAMES = """INT. PUB - NIGHT

Rain on the windows. McCLANE and O'REILLY share a table.

{cue}McCLANE
{say}You came back.

{cue}O'REILLY'S VOICE (V.O.)
{say}I never left.

{cue}ДМИТРИЙ
{say}Пора.

{cue}ANN
{say}Ann speaks.

{cue}ANNA (CONT'D)
{say}Anna speaks, then Ann again.

{cue}MacGREGOR
{say}And me.

Mr. Smith walks in. DR. NO follows.

{cue}DR. NO
{say}Sit down.
"""


@pytest.mark.parametrize(("cue", "say"), [(" " * 20, " " * 10), ("", "")])
def test_regression_cues_with_small_letters_apostrophes_and_cyrillic(cue: str, say: str) -> None:
    """Cues with small letters (Mc, Mac), apostrophes, Cyrillic letters, and a name inside
    another (ANN, ANNA), indented or flush left, each head their speech; a capital's
    abbreviation (``Mr.``) and a capitalised name in prose leave the action whole."""
    script = plaintext.read(_NAMES.format(cue=cue, say=say).encode(), "names.txt")
    assert [(e.kind.value, e.cue, e.text, e.line) for e in script.elements] == [
        ("heading", None, "INT. PUB - NIGHT", 1),
        ("action", None, "Rain on the windows. McCLANE and O'REILLY share a table.", 3),
        ("dialogue", "McCLANE", "You came back.", 6),
        ("dialogue", "O'REILLY'S VOICE (V.O.)", "I never left.", 9),
        ("dialogue", "ДМИТРИЙ", "Пора.", 12),
        ("dialogue", "ANN", "Ann speaks.", 15),
        ("dialogue", "ANNA (CONT'D)", "Anna speaks, then Ann again.", 18),
        ("dialogue", "MacGREGOR", "And me.", 21),
        ("action", None, "Mr. Smith walks in. DR. NO follows.", 23),
        ("dialogue", "DR. NO", "Sit down.", 26),
    ]


_CASELESS_HEADING_START_RE = re.compile(
    r"\n(?:\d|\*[ \t]*\d|[A-Z]\d|[A-Z][ \t]?\)|INT|EXT|EST|I/E|SCENE)", re.IGNORECASE
)
"""`HEADING_START_RE` as it was written before it was spelt out letter by letter."""
_CAPS_WITHOUT_SHORTCUT_RE = re.compile(
    r"\n(?=[^\n])[^a-z\n(]*+"
    r"(?:(?:(?<=M)a?c|'s|’s|(?<=[A-Z])[a-z]{1,2}\.|\b[a-z]{1,3}\b)[^a-z\n(]*+)*+(?=\(|\n|\Z)"
)
"""`CAPS_RE` without its ``(?![a-z]{4})``."""


def _starts(pattern: re.Pattern[str], text: str) -> list[int]:
    return [m.start() for m in pattern.finditer(text)]


def test_heading_start_pattern_takes_every_letter_the_caseless_one_takes() -> None:
    """Each code point with a case (the only ones ``re.IGNORECASE`` can take for a letter), a
    digit or ASCII, in the place of each letter of each word: both patterns find the same
    lines. No code point outside the Basic Multilingual Plane maps to an ASCII letter."""
    chars = [
        c
        for c in map(chr, range(0x10000))
        if c.isascii() or c.isdigit() or c.lower() != c or c.upper() != c
    ]
    contexts = ["{}1", "{})", "{} )", "*{}", "{}"]
    for word in ("INT", "EXT", "EST", "I/E", "SCENE"):
        contexts += [word[:k] + "{}" + word[k + 1 :] for k in range(len(word))]
    for context in contexts:
        text = "".join("\n" + context.format(c) for c in chars)
        assert _starts(HEADING_START_RE, text) == _starts(_CASELESS_HEADING_START_RE, text)


@given(st.lists(st.text(alphabet="AMZ acsxyz'’.(1*/)\t\u0131\u212aINTEX", max_size=14), max_size=8))
@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
def test_line_patterns_find_the_lines_their_plain_spellings_find(texts: list[str]) -> None:
    joined = LineIndex(texts).joined
    assert _starts(CAPS_RE, joined) == _starts(_CAPS_WITHOUT_SHORTCUT_RE, joined)
    assert _starts(HEADING_START_RE, joined) == _starts(_CASELESS_HEADING_START_RE, joined)
