"""The TEI reader's fast paths give what the slow forms they replaced gave."""

from __future__ import annotations

import random
from pathlib import Path

from lxml import etree

from tests.tei_plays import tei_play
from whosestory.readers import read_script, tei
from whosestory.readers._tei_body import (
    SEGMENT_XPATH,
    _CollapsedLength,
    _holds_sp,
    _segments,
    first_child,
)
from whosestory.readers._xml import local_name

TEI = "http://www.tei-c.org/ns/1.0"

MIXED = f"""<TEI xmlns="{TEI}"><text>
<front><div type="prologue"><sp who="#a"><p>Before.</p></sp></div></front>
<body>
  <div type="act"><head>Act 1</head>
    <div type="scene"><sp who="#a"><speaker>A</speaker><p>One.</p></sp></div>
    <div type="scene"><stage>Empty stage.</stage></div>
    <div type="scene"><div type="scene"><sp who="#b"><p>Inner.</p></sp></div></div>
    <div type="song"><q><sp who="#b"><l>Sung.</l></sp></q></div>
  </div>
  <div xmlns="urn:other" type="scene"><sp><p>Elsewhere.</p></sp></div>
  <div xmlns="" type="scene"><sp><p>No namespace.</p></sp></div>
  <!-- a comment --><div type="scene"/>
</body></text></TEI>"""


def _root() -> etree._Element:
    return etree.fromstring(MIXED.encode())


def test_segments_are_the_divs_dracors_xpath_selects() -> None:
    root = _root()
    bodies = list(root.getroottree().iter("{*}body"))
    expected = root.xpath(SEGMENT_XPATH)
    assert set(_segments(bodies)) == set(expected)
    assert len(_segments(bodies)) == len(expected) == 6


def test_holds_sp_and_first_child_match_any_namespace_or_none() -> None:
    root = _root()
    for element in root.iter():
        slow = any(local_name(node) == "sp" for node in element.iter())
        assert _holds_sp(element) == slow
        found = first_child(element, "sp")
        assert found is next((c for c in element if local_name(c) == "sp"), None)


def test_local_name_of_comments_and_namespaced_tags() -> None:
    root = _root()
    comment = next(node for node in root.iter() if not isinstance(node.tag, str))
    assert local_name(comment) == ""
    assert local_name(root) == "TEI"
    assert {local_name(e) for e in root.iter("{urn:other}div", "div")} == {"div"}


def test_speech_labels_read_on_demand_give_the_eager_cast(tmp_path: Path) -> None:
    """The cast list asks for the speeches' labels only for a person named by its bare id;
    the lazy labels give the cast and cues the labels read up front gave."""
    body = """<div type="scene">
      <sp who="#Gravedigger_Ham"><speaker>GRAVEDIGGER.</speaker><p>Dig.</p></sp>
      <sp who="#Gravedigger_Ham"><speaker>Gravedigger</speaker><p>Deeper.</p></sp>
      <sp who="#Gravedigger_Ham"><speaker>GRAVEDIGGER</speaker><p>Done.</p></sp>
      <sp><speaker>Ham.</speaker><p>Whose grave?</p></sp>
    </div>"""
    cast = {"Gravedigger_Ham": "Gravedigger_Ham", "hamlet": "Hamlet"}
    path = tei_play(tmp_path, "lazy", "en", cast, body)
    root = etree.parse(str(path)).getroot()
    header, text = root[0], root[1]
    eager = tei._declared_cast(header, tei._common_labels(tei._speech_labels(text)))
    assert tei._declared_cast(header, tei._SpeechLabels(text, header)) == eager
    assert [entry.name for entry in eager] == ["Gravedigger", "Hamlet"]
    cues = [e.cue for e in read_script(path).elements if e.cue]
    assert cues == ["Gravedigger_Ham", "Gravedigger_Ham", "Gravedigger_Ham", "hamlet"]


def test_collapsed_length_counts_as_joining_the_whole_speech_again() -> None:
    """`_CollapsedLength` gives ``len(" ".join("".join(pieces).split()))`` piece by piece."""
    rng = random.Random(15)
    alphabet = ["a", "bc", " ", "  ", "\n", "\u00a0", "d e", " f", "g ", ""]
    for _ in range(300):
        counter, pieces = _CollapsedLength(), []
        for _ in range(rng.randint(0, 12)):
            pieces.append("".join(rng.choices(alphabet, k=rng.randint(1, 3))))
            expected = len(" ".join("".join(pieces).split()))
            assert counter.length(pieces) == expected
        pieces = ["new speech"]  # a new list: counted from the start
        assert counter.length(pieces) == len("new speech")
