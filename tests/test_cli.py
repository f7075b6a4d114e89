"""The command line: outputs, and one clear sentence for every kind of bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import whosestory
from whosestory.cli import main

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "the-keeper.fountain"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_analyze_text_lists_characters(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "analyze", str(EXAMPLE))
    assert code == 0, err
    assert "The Keeper" in out
    assert "TOM" in out and "MAYA" in out


def test_analyze_json_has_the_documented_keys(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "analyze", str(EXAMPLE), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert {"title", "format", "scenes", "characters"} <= set(data)
    assert data["format"] == "fountain"
    first = data["characters"][0]
    assert {"name", "aliases", "cues", "words", "scenes_speaking", "scenes_present"} <= set(first)
    maya = next(c for c in data["characters"] if c["name"] == "MAYA")
    assert "YOUNG MAYA" in maya["aliases"]


def test_cast_shows_merge_reasons(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "cast", str(EXAMPLE))
    assert code == 0
    assert "YOUNG MAYA" in out and "older or younger" in out


def test_scenes_lists_headings(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "scenes", str(EXAMPLE), "--format", "json")
    assert code == 0
    scenes = json.loads(out)["scenes"]
    assert scenes[0]["heading"].startswith("INT. DR. OKAFOR'S OFFICE")
    assert scenes[0]["number"] == "1"


def test_output_file_is_written_whole(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out.json"
    code, out, _ = run(capsys, "analyze", str(EXAMPLE), "--format", "json", "-o", str(target))
    assert code == 0 and out == ""
    assert json.loads(target.read_text())["title"] == "The Keeper"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_alias_file_is_applied(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    aliases = tmp_path / "aliases.toml"
    aliases.write_text('[keep_apart]\n"MAYA" = ["YOUNG MAYA"]\n')
    code, out, _ = run(capsys, "cast", str(EXAMPLE), "--aliases", str(aliases), "--format", "json")
    assert code == 0
    names = {c["name"] for c in json.loads(out)["characters"]}
    assert {"MAYA", "YOUNG MAYA"} <= names


BAD_INPUTS = {
    "empty.fountain": b"",
    "blank.txt": b"  \n\n\t \n",
    "binary.fountain": bytes(range(256)) * 8,
    "fake.pdf": b"this is not a pdf at all\n",
    "truncated.fdx": b'<?xml version="1.0"?>\n<FinalDraft DocumentType="Script">\n<Content>\n<Para',
    "bomb.xml": b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&lol2;</p></body></text></TEI>
""",
    "xxe.fdx": b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<FinalDraft><Content><Paragraph Type="Action"><Text>&xxe;</Text></Paragraph></Content></FinalDraft>
""",
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_one_sentence_and_nonzero(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / name
    path.write_bytes(BAD_INPUTS[name])
    code, out, err = run(capsys, "analyze", str(path))
    assert code == 1
    assert out == ""
    assert err.startswith("whosestory: ") and str(path) in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_missing_file_and_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "analyze", str(tmp_path / "nope.fountain"))
    assert code == 1 and "cannot read" in err
    code, _, err = run(capsys, "analyze", str(tmp_path))
    assert code == 1 and "folder" in err


def test_huge_file_is_refused_without_reading_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "huge.fountain"
    with open(path, "wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: costs no disk
    code, _, err = run(capsys, "analyze", str(path))
    assert code == 1
    assert "104.9 MB" in err and "up to" in err


def test_unknown_reader_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["analyze", str(EXAMPLE), "--from", "docx"])
    assert exit_info.value.code == 2


def test_public_api_names_exist() -> None:
    for name in whosestory.__all__:
        assert hasattr(whosestory, name), name
    assert sorted(whosestory.__all__) == whosestory.__all__
