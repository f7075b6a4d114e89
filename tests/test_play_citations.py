"""Quotes from a play cite it as its edition does: act.scene.line (`5.2.118`)."""

from __future__ import annotations

from pathlib import Path

import whosestory
from tests.tei_plays import tei_play
from whosestory.evidence import play_citation, quote
from whosestory.model import Kind

CAST = {"ann": "Ann", "tom": "Tom"}
NUMBERED = """
<div type="act" n="2"><div type="scene" n="3"><head>Scene 3</head>
  <stage n="SD 2.3.0">Enter Ann and Tom.</stage>
  <sp who="#ann"><speaker>ANN</speaker>
    <l n="2.3.1">The night is long, and Tom</l>
    <l n="2.3.2">is late again. I wonder why.</l>
    <l n="2.3.3">He never says.</l>
  </sp>
  <sp who="#tom"><speaker>TOM</speaker><l n="2.3.4">Ann, I was at the mill.</l></sp>
</div></div>"""
BARE_NUMBERS = """
<div type="act" n="1"><div type="scene" n="2"><head>Scène 2</head>
  <sp who="#ann"><speaker>ANN</speaker><l n="41">Où est Tom ?</l><l n="42">Il tarde.</l></sp>
  <sp who="#tom"><speaker>TOM</speaker><l n="43">Me voici, Ann.</l></sp>
</div></div>"""
UNNUMBERED = """
<div type="act" n="3"><div type="scene" n="1"><head>Dritter Auftritt</head>
  <sp who="#ann"><speaker>ANN</speaker><p>Wo bleibt Tom? Er kommt nie.</p></sp>
  <sp who="#tom"><speaker>TOM</speaker><p>Hier bin ich, Ann.</p></sp>
</div></div>"""


def _speech(path: Path, speaker: str) -> tuple[whosestory.Story, int]:
    story = whosestory.load(path)
    for scene in story.scenes:
        for element in scene.elements:
            if element.kind is Kind.DIALOGUE and element.speaker == speaker:
                return story, scene.index
    raise AssertionError(f"no speech of {speaker}")


def test_a_verse_line_keeps_its_number_and_the_quote_cites_it(tmp_path: Path) -> None:
    story = whosestory.load(tei_play(tmp_path, "numbered", "en", CAST, NUMBERED))
    scene = story.scenes[0]
    ann = next(e for e in scene.elements if e.speaker == "Ann")
    assert [n for _, n in ann.numbers] == ["2.3.1", "2.3.2", "2.3.3"]
    found = quote(scene, ann, ann.text.index("I wonder"))
    assert found.quote == "I wonder why." and found.citation == "2.3.2"
    assert quote(scene, ann).citation == "2.3.1"
    stage = next(e for e in scene.elements if e.kind is Kind.STAGE)
    assert play_citation(scene, stage) == "2.3.0"


def test_a_bare_line_number_is_put_after_act_and_scene(tmp_path: Path) -> None:
    story = whosestory.load(tei_play(tmp_path, "bare", "fr", CAST, BARE_NUMBERS))
    scene = story.scenes[0]
    ann = next(e for e in scene.elements if e.speaker == "Ann")
    assert quote(scene, ann, ann.text.index("Il tarde")).citation == "1.2.42"


def test_an_unnumbered_play_is_cited_by_act_and_scene(tmp_path: Path) -> None:
    story = whosestory.load(tei_play(tmp_path, "plain", "de", CAST, UNNUMBERED))
    scene = story.scenes[0]
    ann = next(e for e in scene.elements if e.speaker == "Ann")
    assert quote(scene, ann).citation == "act 3, scene 1"


def test_a_screenplay_quote_has_no_play_citation() -> None:
    root = Path(__file__).resolve().parent.parent
    story = whosestory.load(root / "examples" / "the-keeper.fountain")
    scene = story.scenes[0]
    element = next(e for e in scene.elements if e.kind is Kind.DIALOGUE)
    assert quote(scene, element).citation is None


def test_an_act_named_in_words_is_cited_as_the_play_names_it(tmp_path: Path) -> None:
    body = """<div type="act"><head>Erster Akt</head><div type="scene"><head>Vierte Szene</head>
  <sp who="#ann"><speaker>ANN</speaker><p>Wo bleibt Tom?</p></sp>
  <sp who="#tom"><speaker>TOM</speaker><p>Hier, Ann.</p></sp></div></div>"""
    story = whosestory.load(tei_play(tmp_path, "words", "de", CAST, body))
    scene = story.scenes[0]
    ann = next(e for e in scene.elements if e.speaker == "Ann")
    assert quote(scene, ann).citation == "Erster Akt, Vierte Szene"


def test_a_play_without_scenes_names_its_act_once(tmp_path: Path) -> None:
    """Regression: an act without scene divisions was cited "Dritter Aufzug, Dritter Aufzug"."""
    body = """<div type="act"><head>Dritter Aufzug</head>
  <sp who="#ann"><speaker>ANN</speaker><p>Wo bleibt Tom?</p></sp>
  <sp who="#tom"><speaker>TOM</speaker><p>Hier, Ann.</p></sp></div>"""
    story = whosestory.load(tei_play(tmp_path, "acts", "de", CAST, body))
    scene = story.scenes[0]
    ann = next(e for e in scene.elements if e.speaker == "Ann")
    assert quote(scene, ann).citation == "Dritter Aufzug"


def test_a_french_acte_division_is_an_act_in_the_citation(tmp_path: Path) -> None:
    """Regression: FreDraCor's `type="acte"` was no act, so verse 476 of act 2, scene 2
    was cited "2.476" (scene 2, line 476)."""
    body = """<div type="acte" n="2"><head>ACTE II</head><div type="scene" n="2">
  <head>SCÈNE II</head>
  <sp who="#ann"><speaker>ANN</speaker><l n="475">Où est Tom ?</l><l n="476">Il tarde.</l></sp>
  <sp who="#tom"><speaker>TOM</speaker><l n="477">Me voici, Ann.</l></sp></div></div>"""
    story = whosestory.load(tei_play(tmp_path, "acte", "fr", CAST, body))
    scene = story.scenes[0]
    ann = next(e for e in scene.elements if e.speaker == "Ann")
    assert scene.act == "2"
    assert quote(scene, ann, ann.text.index("Il tarde")).citation == "2.2.476"


def test_a_line_broken_by_a_direction_keeps_its_number(tmp_path: Path) -> None:
    """Regression: the words after a stage direction inside a numbered line (or between
    two numbered lines of prose) lost the line's number and were cited by act and
    scene only."""
    body = """<div type="act" n="4"><div type="scene" n="1"><head>Scene 1</head>
  <sp who="#ann"><speaker>ANN</speaker>
    <p><lb n="4.1.7"/>Tom is late. <stage>To Tom.</stage> Where were you? <lb n="4.1.8"/>Say.</p>
    <l n="4.1.9"><stage>Sings.</stage>The mill wheel turns.</l>
    <stage>She sits.</stage>
    <l n="4.1.10">And round it goes.</l>
  </sp>
  <sp who="#tom"><speaker>TOM</speaker><p>At the mill.</p></sp></div></div>"""
    story = whosestory.load(tei_play(tmp_path, "broken", "en", CAST, body))
    scene = story.scenes[0]
    spoken = [e for e in scene.elements if e.speaker == "Ann"]
    cited = {e.text: [play_citation(scene, e, at) for at, _ in e.numbers] or None for e in spoken}
    assert cited == {
        "Tom is late.": ["4.1.7"],
        "Where were you? Say.": ["4.1.7", "4.1.8"],
        "The mill wheel turns.": ["4.1.9"],
        "And round it goes.": ["4.1.10"],
    }
    tom = next(e for e in scene.elements if e.speaker == "Tom")
    assert tom.numbers == ()  # the last speech's numbers are not carried into the next


def test_an_act_and_scene_named_with_full_stops_are_cited_without_them(tmp_path: Path) -> None:
    """Regression: "Акт первый.", "Сцена первая." were cited "Акт первый., Сцена первая."."""
    body = """<div type="act"><head>Акт первый.</head><div type="scene"><head>Сцена первая.</head>
  <sp who="#ann"><speaker>АННА</speaker><p>Где Том?</p></sp>
  <sp who="#tom"><speaker>ТОМ</speaker><p>Здесь.</p></sp></div></div>"""
    story = whosestory.load(tei_play(tmp_path, "stops", "ru", CAST, body))
    scene = story.scenes[0]
    ann = next(e for e in scene.elements if e.speaker == "Ann")
    assert quote(scene, ann).citation == "Акт первый, Сцена первая"
