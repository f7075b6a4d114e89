"""The TEI (DraCor) reader on plays written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from whosestory.build import build_story
from whosestory.errors import EmptyInputError, ParseError
from whosestory.model import CastEntry, Kind
from whosestory.readers import sniff_format, tei

STORIES = Path(__file__).parent / "stories"


def read_story(name: str):
    path = STORIES / name
    return tei.read(path.read_bytes(), str(path))


def play(body: str, header: str = "") -> bytes:
    return (
        '<TEI xmlns="http://www.tei-c.org/ns/1.0">\n'
        f"<teiHeader>{header}</teiHeader>\n<text><body>\n{body}\n</body></text></TEI>\n"
    ).encode()


# ---------------------------------------------------------------- the lamplighters


def test_title_prefers_the_main_title():
    assert read_story("the-lamplighters.xml").title == "The Lamplighters"


def test_declared_cast_from_partic_desc():
    script = read_story("the-lamplighters.xml")
    assert script.format == "tei"
    assert script.declared_cast == (
        CastEntry("wren", "Wren", "f", False),
        CastEntry("cob", "Cob", "m", False),
        CastEntry("mayor", "The Mayor", None, False),
        CastEntry("watch", "Men of the Watch", "m", True),
    )


def test_headings_for_prologue_scenes_act_without_scenes_and_epilogue():
    script = read_story("the-lamplighters.xml")
    headings = [(e.text, e.act, e.number) for e in script.elements if e.kind is Kind.HEADING]
    assert headings == [
        ("Prologue", None, "1"),
        ("Scene 1. A street at dusk.", "1", "1"),
        ("Scene 2", "1", "2"),
        ("ACT 2", "2", "2"),
        ("Epilogue", None, "4"),
    ]


def test_cues_are_who_ids_without_hash():
    script = read_story("the-lamplighters.xml")
    cues = [e.cue for e in script.elements if e.kind is Kind.DIALOGUE]
    assert cues == [
        "mayor", "wren", "cob", "cob", "cob", "watch", "wren", "cob",
        "A VOICE.", "wren", "mayor", "cob", "wren",
    ]  # fmt: skip


def test_stage_inside_a_verse_line_splits_the_speech():
    script = read_story("the-lamplighters.xml")
    start = next(i for i, e in enumerate(script.elements) if e.text == "My supper is on top.")
    got = [(e.kind, e.text) for e in script.elements[start : start + 5]]
    assert got == [
        (Kind.DIALOGUE, "My supper is on top."),
        (Kind.STAGE, "Pointing at the moon."),
        (Kind.DIALOGUE, "Or so it looks."),
        (Kind.STAGE, "He wobbles."),
        (Kind.DIALOGUE, "I hold, I hold!"),
    ]


def test_verse_lines_and_line_groups_join_into_one_speech():
    script = read_story("the-lamplighters.xml")
    couplet = next(e for e in script.elements if e.text.startswith("Awake and working"))
    assert couplet.text == (
        "Awake and working, as the lamps require; the town may sleep, but someone minds the fire."
    )
    assert couplet.span.end == couplet.span.start + 1


def test_stage_refs_come_from_who():
    script = read_story("the-lamplighters.xml")
    stages = {e.text: e.refs for e in script.elements if e.kind is Kind.STAGE}
    assert stages["Enter Wren and Cob, with ladders."] == ("wren", "cob")
    assert stages["Exit Cob."] == ("cob",)
    assert stages["Exeunt."] == ()


def test_front_matter_is_not_read_as_content():
    script = read_story("the-lamplighters.xml")
    assert not any("apprentice" in e.text or "river" in e.text for e in script.elements)


def test_lines_are_in_order_and_point_at_the_text():
    path = STORIES / "the-lamplighters.xml"
    lines = path.read_text(encoding="utf-8").splitlines()
    script = tei.read(path.read_bytes(), str(path))
    starts = [e.span.start for e in script.elements]
    assert starts == sorted(starts)
    for element in script.elements:
        line = lines[element.span.start - 1]
        if element.kind is Kind.HEADING and "<head>" not in line:
            assert (
                "<div" in line
            )  # a div without <head>: the heading is made up, the line is its div
            continue
        assert element.text.split()[0] in line


def test_sniffer_chooses_tei():
    assert sniff_format((STORIES / "the-lamplighters.xml").read_bytes(), "x.txt") == "tei"


# ---------------------------------------------------------------- unattributed speech


def test_speaker_text_is_the_fallback_cue_and_a_bare_speech_is_unattributed():
    script = read_story("unattributed.xml")
    speeches = [(e.cue, e.text) for e in script.elements if e.kind is Kind.DIALOGUE]
    assert speeches == [
        ("First Voice", "Is it morning?"),
        (None, "Nobody answers."),
        ("second", "It was."),
        ("second", "Now it isn't."),
    ]
    assert [d.line for d in script.diagnostics] == [18]
    assert script.declared_cast == ()
    assert script.title == "Two Chairs"


def test_loose_stage_before_the_first_scene_stays_before_it():
    script = read_story("unattributed.xml")
    assert [e.kind for e in script.elements[:2]] == [Kind.STAGE, Kind.HEADING]
    assert script.elements[1].text == "Scene 1"


# ---------------------------------------------------------------- structure corners


def test_scene_div_without_head_gets_act_and_scene_heading():
    body = (
        '<div type="act" n="III"><div type="scene" n="2"><sp who="#a"><p>Hi.</p></sp></div></div>'
    )
    heading = tei.read(play(body), "p.xml").elements[0]
    assert (heading.text, heading.act, heading.number) == ("Act III, Scene 2", "III", "2")


def test_act_label_from_head_when_n_is_missing():
    body = (
        '<div type="act"><head>Act IV</head><div type="scene"><head>Scene 1</head>'
        '<sp who="#a"><p>Hi.</p></sp></div></div>'
    )
    heading = tei.read(play(body), "p.xml").elements[0]
    assert (heading.act, heading.number) == ("IV", "1")


def test_mislabelled_innermost_div_is_a_scene_of_the_enclosing_act():
    body = (
        '<div type="act" n="4"><head>ACT 4</head>'
        '<div type="scene" n="1"><head>Scene 1</head><sp who="#a"><p>One.</p></sp></div>'
        '<div type="act" n="2"><head>Scene 2</head><sp who="#b"><p>Two.</p></sp></div>'
        "</div>"
    )
    headings = [e for e in tei.read(play(body), "p.xml").elements if e.kind is Kind.HEADING]
    assert [(h.text, h.act, h.number) for h in headings] == [
        ("Scene 1", "4", "1"),
        ("Scene 2", "4", "2"),
    ]


def test_speech_in_prose_with_line_breaks():
    body = '<div type="scene"><sp who="#a"><p><lb/>Not a mouse <lb/>stirring. </p></sp></div>'
    speech = tei.read(play(body), "p.xml").elements[1]
    assert speech.text == "Not a mouse stirring."


def test_nested_stage_keeps_all_text_and_refs():
    body = (
        '<div type="scene"><stage who="#a">They exit. <stage who="#b">Flourish.</stage></stage>'
        '<sp who="#a"><p>Hi.</p></sp></div>'
    )
    stage = tei.read(play(body), "p.xml").elements[1]
    assert (stage.text, stage.refs) == ("They exit. Flourish.", ("a", "b"))


def test_tei_without_namespace_is_accepted():
    data = (
        b'<TEI><text><body><div type="scene"><sp who="#a"><p>Hi.</p></sp></div></body></text></TEI>'
    )
    assert tei.read(data, "p.xml").elements[1].cue == "a"


def test_sex_values_map_to_gender():
    header = (
        "<profileDesc><particDesc><listPerson>"
        '<person xml:id="a" sex="male"><persName>A</persName></person>'
        '<person xml:id="b" sex="FEMALE"><persName>B</persName></person>'
        '<person xml:id="c"><persName>C</persName></person>'
        "</listPerson></particDesc></profileDesc>"
    )
    cast = tei.read(play('<sp who="#a"><p>x</p></sp>', header), "p.xml").declared_cast
    assert [c.gender for c in cast] == ["m", "f", None]


# ---------------------------------------------------------------- errors


def test_not_tei_is_refused():
    with pytest.raises(ParseError, match="expected TEI drama"):
        tei.read(b'<FinalDraft DocumentType="Script"><Content/></FinalDraft>', "x.xml")


def test_tei_prose_without_speeches_is_not_drama():
    with pytest.raises(ParseError, match="no <sp> speeches"):
        tei.read(play("<div><p>Once upon a time.</p></div>"), "novel.xml")


def test_tei_without_body_is_refused():
    with pytest.raises(ParseError, match="no <text><body>"):
        tei.read(b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/></TEI>', "x.xml")


def test_malformed_tei_names_the_line():
    data = play('<div type="scene">\n<sp who="#a">\n<p>Hi.</sp>\n</div>')
    with pytest.raises(ParseError) as info:
        tei.read(data, "bad.xml")
    assert info.value.line == 6
    assert "bad.xml, line 6" in str(info.value)


def test_empty_file_is_empty_input():
    with pytest.raises(EmptyInputError):
        tei.read(b"\n\n", "nothing.xml")


def test_regression_a_tei_root_in_a_foreign_namespace_names_the_namespace() -> None:
    """'the root element is <TEI>; expected ... a <TEI> document' contradicted itself."""
    data = b'<TEI xmlns="urn:other"><text><body><sp><p>Hi.</p></sp></body></text></TEI>'
    with pytest.raises(ParseError) as info:
        tei.read(data, "foreign.xml")
    assert "urn:other" in str(info.value) and "\n" not in str(info.value)


def test_a_person_named_only_by_its_id_takes_its_speech_label() -> None:
    # not the cast-list role: "Servant to Antony" would make "Antony" two characters' name
    header = (
        "<profileDesc><particDesc><listPerson>"
        '<person xml:id="Ferryman_X" sex="MALE"><persName>Ferryman_X</persName></person>'
        '<person xml:id="Ada_X" sex="FEMALE"><persName>Ada</persName></person>'
        "</listPerson></particDesc></profileDesc>"
    )
    xml = (
        '<TEI xmlns="http://www.tei-c.org/ns/1.0">\n'
        f"<teiHeader>{header}</teiHeader>\n<text><front><castList>"
        '<castItem sameAs="#Ferryman_X"><role>Old ferryman</role></castItem>'
        '<castItem sameAs="#Ada_X"><role>A passenger</role></castItem>'
        "</castList></front><body>\n"
        '<div type="scene"><sp who="#Ferryman_X"><speaker>FERRYMAN</speaker><p>Aboard.</p></sp>'
        '<sp who="#Ada_X"><speaker>ADA</speaker><p>Thank you.</p></sp></div>\n'
        "</body></text></TEI>\n"
    ).encode()
    names = [entry.name for entry in tei.read(xml, "ferry.xml").declared_cast]
    assert names == ["Ferryman", "Ada"]  # a real persName stays


def test_regression_two_people_with_one_name_stay_two_characters() -> None:
    # Julius Caesar's two Cinnas shared one name, so every table keyed by name merged them
    header = (
        "<profileDesc><particDesc><listPerson>"
        '<person xml:id="Cinna_X"><persName>Cinna</persName></person>'
        '<person xml:id="CinnaPoet_X"><persName>Cinna</persName></person>'
        "</listPerson></particDesc></profileDesc>"
    )
    body = (
        '<div type="scene"><sp who="#Cinna_X"><speaker>CINNA</speaker><p>Soft, who comes?</p></sp>'
        '<sp who="#CinnaPoet_X"><speaker>CINNA</speaker><p>I am the poet.</p></sp></div>'
    )
    script = tei.read(play(body, header), "cinna.xml")
    assert [e.name for e in script.declared_cast] == ["Cinna", "Cinna (CinnaPoet_X)"]
    story = build_story(script)
    assert len({c.name for c in story.cast}) == len(story.cast) == 2
