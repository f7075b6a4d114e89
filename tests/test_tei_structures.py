"""The TEI reader on the structures of the DraCor corpora, in small plays written here.

Scenes are DraCor's segments (``//body//div[sp or (@type="scene" and not(.//sp))]``);
speeches are read wherever they are; a label without ``who`` is resolved to a declared
person when it names one.
"""

from __future__ import annotations

from collections import Counter

from whosestory.build import build_story
from whosestory.model import SPOKEN_KINDS, Kind, Story
from whosestory.readers import tei

PEOPLE = (
    '<person xml:id="pha" sex="MALE"><persName>Phaedria</persName></person>'
    '<person xml:id="thais" sex="FEMALE"><persName>Thais</persName></person>'
    '<person xml:id="mayor"><persName>The Mayor</persName></person>'
)


def tei_play(text: str, people: str = PEOPLE, lang: str = "") -> bytes:
    attribute = f' xml:lang="{lang}"' if lang else ""
    return (
        f'<TEI xmlns="http://www.tei-c.org/ns/1.0"{attribute}><teiHeader><profileDesc>'
        f"<particDesc><listPerson>{people}</listPerson></particDesc></profileDesc></teiHeader>"
        f"<text>{text}</text></TEI>"
    ).encode()


def built(text: str, **kwargs: str) -> Story:
    return build_story(tei.read(tei_play(text, **kwargs), "play.xml"))


def speeches(story: Story) -> list[tuple[str | None, str]]:
    return [(e.speaker, e.text) for e in story.elements() if e.kind in SPOKEN_KINDS]


def sp(who: str, words: str) -> str:
    return f'<sp who="{who}"><p>{words}</p></sp>'


def test_a_play_in_two_parts_under_group_is_read():
    text = (
        '<group><text><body><div type="scene">' + sp("#pha", "Part one.") + "</div></body></text>"
        '<text><body><div type="scene">'
        + sp("#thais", "Part two.")
        + "</div></body></text></group>"
    )
    story = built(text)
    assert len(story.scenes) == 2
    assert speeches(story) == [("Phaedria", "Part one."), ("Thais", "Part two.")]


def test_speeches_in_front_and_back_are_kept_without_adding_scenes():
    text = (
        "<front><castList><castItem>PHAEDRIA, a lover</castItem></castList>"
        '<div type="prologue">' + sp("#mayor", "Sit down, all.") + "</div></front>"
        '<body><div type="scene"><head>Scene 1</head>' + sp("#pha", "At last.") + "</div></body>"
        '<back><div type="epilogue">' + sp("#thais", "Applaud.") + "</div></back>"
    )
    story = built(text)
    assert [s.heading for s in story.scenes] == ["Scene 1"]
    assert speeches(story) == [
        ("The Mayor", "Sit down, all."),
        ("Phaedria", "At last."),
        ("Thais", "Applaud."),
    ]
    assert "lover" not in " ".join(e.text for e in story.elements())


def test_floating_text_speeches_are_speeches():
    text = (
        '<body><div type="scene">' + sp("#pha", "Listen.") + '<floatingText type="masque"><body>'
        '<div type="masque">' + sp("#thais", "I am Night.") + "</div></body></floatingText>"
        "</div></body>"
    )
    story = built(text)
    assert ("Thais", "I am Night.") in speeches(story)
    assert len(story.scenes) == 2  # the masque's div holds an <sp>: a DraCor segment


def test_leaf_divs_without_speeches_are_not_scenes():
    text = (
        '<body><div type="dedication"><p>To my patron.</p></div>'
        '<div type="act" n="1"><div type="argument"><p>The plot.</p></div>'
        '<div type="scene" n="1">' + sp("#pha", "One.") + "</div>"
        '<div type="song"><l>Hey nonny.</l></div>'
        '<div type="scene" n="2">' + sp("#thais", "Two.") + "</div></div>"
        '<div type="epilogue"><p>The end.</p></div></body>'
    )
    story = built(text)
    assert [(s.act, s.number) for s in story.scenes] == [("1", "1"), ("1", "2")]


def test_a_scene_div_without_speeches_is_a_segment():
    text = (
        '<body><div type="scene" n="1"><stage>A dumb show.</stage></div>'
        '<div type="scene" n="2">' + sp("#pha", "Two.") + "</div></body>"
    )
    assert len(built(text).scenes) == 2


def test_nested_scene_divs_are_not_flattened():
    text = (
        '<body><div type="act" n="1"><div type="scene" n="1"><head>Scene 1</head>'
        '<div type="scene" n="1a">' + sp("#pha", "Inner one.") + "</div>"
        '<div type="scene" n="1b">' + sp("#thais", "Inner two.") + "</div>"
        "</div></div></body>"
    )
    story = built(text)
    assert [(s.act, s.number) for s in story.scenes] == [("1", "1a"), ("1", "1b")]


def test_a_play_without_divisions_is_one_scene():
    story = built("<body>" + sp("#pha", "One.") + sp("#thais", "Two.") + "</body>")
    assert len(story.scenes) == 1
    assert len(speeches(story)) == 2


def test_scenes_keep_the_plays_act_and_scene_numbers_for_citations():
    text = (
        '<body><div type="act" n="5"><div type="scene" n="2">'
        + sp("#pha", "Cite me.")
        + "</div></div></body>"
    )
    scene = built(text).scenes[0]
    assert f"{scene.act}.{scene.number}" == "5.2"


def test_speech_without_who_resolves_an_exact_label_and_an_abbreviation():
    text = (
        '<body><div type="scene">'
        "<sp><speaker>THAIS.</speaker><p>Exact.</p></sp>"
        "<sp><speaker>PHA.</speaker><p>Abbreviated.</p></sp>"
        "<sp><speaker>Mayor</speaker><p>Without the article.</p></sp>"
        "<sp><speaker>A Boy</speaker><p>Nobody declared.</p></sp>"
        "</div></body>"
    )
    story = built(text)
    assert speeches(story) == [
        ("Thais", "Exact."),
        ("Phaedria", "Abbreviated."),
        ("The Mayor", "Without the article."),
        ("A Boy", "Nobody declared."),
    ]
    assert sorted(c.name for c in story.cast) == ["A Boy", "Phaedria", "Thais", "The Mayor"]


def test_a_label_the_play_uses_with_who_resolves_to_that_id():
    text = (
        '<body><div type="scene">'
        '<sp who="#thais"><speaker>Courtesan.</speaker><p>Hello.</p></sp>'
        "<sp><speaker>Courtesan.</speaker><p>Again.</p></sp>"
        "</div></body>"
    )
    assert [s for s, _ in speeches(built(text))] == ["Thais", "Thais"]


def test_an_ambiguous_abbreviation_stays_its_own_character():
    people = (
        '<person xml:id="pam"><persName>Pamphilus</persName></person>'
        '<person xml:id="par"><persName>Parmeno</persName></person>'
    )
    text = '<body><div type="scene"><sp><speaker>PA.</speaker><p>Who?</p></sp></div></body>'
    assert speeches(built(text, people=people)) == [("PA", "Who?")]


def test_joint_speech_credits_every_id():
    text = '<body><div type="scene">' + sp("#pha #thais", "Together now.") + "</div></body>"
    story = built(text)
    assert speeches(story) == [("Phaedria", "Together now."), ("Thais", "Together now.")]
    spoken = [e for e in story.elements() if e.kind in SPOKEN_KINDS]
    assert [e.dual for e in spoken] == [False, True]
    assert len(story.scenes[0].speeches()) == 2


def test_a_speech_div_with_a_head_is_a_speech():
    text = (
        '<body><div type="scene">' + sp("#pha", "Sing.") + '<div type="speech"><head>THAIS</head>'
        "<lg><l>La la,</l><l>la.</l></lg></div></div></body>"
    )
    story = built(text)
    assert ("Thais", "La la, la.") in speeches(story)
    assert len(story.scenes) == 1


def test_xml_lang_gives_the_language():
    text = "<body>" + sp("#pha", "Hallo.") + "</body>"
    assert built(text, lang="ger").language == "de"
    assert built(text, lang="fre").language == "fr"
    assert built(text, lang="rus").language == "ru"
    assert built(text, lang="en-GB").language == "en"
    assert built(text).language is None


def test_regression_speeches_inside_a_song_are_speeches():
    text = (
        '<body><div type="scene">'
        + sp("#pha", "Hark.")
        + '<q type="song"><label>The SONG.</label>'
        + sp("#thais", "Tell me, dearest.")
        + "</q></div></body>"
    )
    assert ("Thais", "Tell me, dearest.") in speeches(built(text))


def test_regression_a_speech_with_only_a_stage_direction_still_counts():
    text = (
        '<body><div type="scene">'
        + sp("#pha", "Go.")
        + '<sp who="#thais"><speaker>THAIS.</speaker><stage>(geht ab)</stage></sp>'
        "</div></body>"
    )
    story = built(text)
    assert ("Thais", "") in speeches(story)
    assert any(e.kind is Kind.STAGE and e.text == "(geht ab)" for e in story.elements())


def test_a_group_label_abbreviates_nobody():
    people = '<person xml:id="allwit"><persName>Allwit</persName></person>'
    text = '<body><div type="scene"><sp><speaker>All.</speaker><p>Huzzah!</p></sp></div></body>'
    assert speeches(built(text, people=people)) == [("All", "Huzzah!")]


def test_regression_a_label_of_punctuation_only_names_nobody():
    resolve = tei.LabelResolver({"a": ["Ann"]}, {"a": Counter({"—": 1})})
    assert resolve("—") == "—"


def test_a_scene_without_n_takes_its_number_from_its_head():
    scenes = "".join(
        f'<div type="scene"><head>{head}</head>' + sp("#pha", "Line.") + "</div>"
        for head in ("SCÈNE III. Phaedria.", "ЯВЛЕНИЕ 8", "IV. Auftritt", "Ein Garten")
    )
    text = f'<body><div type="act" n="2">{scenes}</div></body>'
    assert [s.number for s in built(text).scenes] == ["III", "8", "IV", "4"]


def test_an_act_without_n_takes_its_number_from_its_head():
    acts = "".join(
        f'<div type="act"><head>{head}</head><div type="scene" n="1">'
        + sp("#pha", "Line.")
        + "</div></div>"
        for head in ("ACTE III", "Zweiter Aufzug")
    )
    assert [s.act for s in built(f"<body>{acts}</body>").scenes] == ["III", "Zweiter Aufzug"]
