"""Verse and prose in plays: the reader counts the words set as verse, the feature shares them."""

from __future__ import annotations

from pathlib import Path

from tei_plays import tei_play

from whosestory import load
from whosestory.features import verse_shares
from whosestory.model import Kind

BODY = """
<div type="scene"><head>Scene 1</head>
  <sp who="#hal"><speaker>Hal</speaker>
    <l n="1">I know you all, and will a while uphold</l>
    <l n="2">The unyoked humour of your idleness.</l>
  </sp>
  <sp who="#jack"><speaker>Jack</speaker>
    <p>Now, Hal, what time of day is it, lad? I am as hungry as a hawk.</p>
  </sp>
  <sp who="#hal"><speaker>Hal</speaker>
    <p>Thou art so fat-witted.</p>
    <l>Yet herein will I imitate the sun,</l>
  </sp>
  <sp who="#hal #jack"><speaker>Both</speaker><l>Away, away!</l></sp>
</div>
"""


def test_the_reader_counts_the_words_set_as_verse(tmp_path: Path) -> None:
    story = load(tei_play(tmp_path, "verse", "en", {"hal": "Hal", "jack": "Jack"}, BODY))
    spoken = [e for s in story.scenes for e in s.elements if e.kind is Kind.DIALOGUE]
    assert [(e.speaker, len(e.text.split()), e.verse) for e in spoken] == [
        ("Hal", 15, 15),
        ("Jack", 16, 0),
        ("Hal", 11, 7),  # four words of prose, then a verse line
        ("Hal", 2, 2),  # a joint speech is each speaker's
        ("Jack", 2, 2),
    ]


def test_verse_share_of_each_character(tmp_path: Path) -> None:
    story = load(tei_play(tmp_path, "verse", "en", {"hal": "Hal", "jack": "Jack"}, BODY))
    shares = verse_shares(story, ["Hal", "Jack"])
    assert shares == {"Hal": 24 / 28, "Jack": 2 / 18}


def test_a_screenplay_has_no_verse(tmp_path: Path) -> None:
    script = tmp_path / "s.fountain"
    script.write_text("INT. ROOM - DAY\n\nANNA\nHello there.\n\nBEN\nHi.\n", encoding="utf-8")
    story = load(script)
    assert verse_shares(story, ["ANNA", "BEN"]) == {"ANNA": 0.0, "BEN": 0.0}
