"""The command line: outputs, and one clear sentence for every kind of bad input."""

from __future__ import annotations

import json
import os
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


# ---------------------------------------------------------------- regressions found by fuzzing


def one_sentence(err: str) -> None:
    assert err.startswith("whosestory: ") and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_regression_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    """Opening a named pipe blocked forever; non-regular files are refused in one sentence."""
    import subprocess
    import sys

    fifo = tmp_path / "story.fountain"
    os.mkfifo(fifo)
    done = subprocess.run(
        [sys.executable, "-m", "whosestory.cli", "analyze", str(fifo)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    one_sentence(done.stderr)
    assert "not a regular file" in done.stderr


def test_regression_a_device_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    """/dev/zero reports size 0 and never ends: it must not be read."""
    code, out, err = run(capsys, "analyze", "/dev/zero")
    assert code == 1 and out == ""
    one_sentence(err)


def test_regression_an_alias_file_that_is_a_fifo_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "aliases.toml"
    os.mkfifo(fifo)
    code, _, err = run(capsys, "cast", str(EXAMPLE), "--aliases", str(fifo))
    assert code == 1
    one_sentence(err)


def test_regression_output_into_a_missing_folder_or_onto_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Both were internal errors (exit 70); now one sentence, exit 1, nothing left behind."""
    for target in (tmp_path / "missing" / "out.json", tmp_path):
        code, out, err = run(capsys, "analyze", str(EXAMPLE), "--format", "json", "-o", str(target))
        assert code == 1 and out == ""
        one_sentence(err)
        assert "cannot write" in err
    assert list(tmp_path.iterdir()) == []


def test_regression_output_to_a_pipe_writes_into_it_and_keeps_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Renaming the temporary file over the target replaced pipes and devices (as root,
    even /dev/null). A pipe nobody reads is an error, not a wait."""
    import stat
    import threading

    fifo = tmp_path / "out.pipe"
    os.mkfifo(fifo)
    code, _, err = run(capsys, "cast", str(EXAMPLE), "-o", str(fifo))
    assert code == 1 and "nothing reads" in err
    one_sentence(err)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    try:
        code, _, err = run(capsys, "cast", str(EXAMPLE), "-o", str(fifo))
    finally:
        reader.join(timeout=30)
    assert code == 0, err
    assert b"MAYA" in received[0]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_regression_output_through_a_symlink_keeps_the_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = tmp_path / "real.json"
    real.write_text("old")
    real.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    code, _, _ = run(capsys, "analyze", str(EXAMPLE), "--format", "json", "-o", str(link))
    assert code == 0
    assert link.is_symlink() and json.loads(real.read_text())["title"] == "The Keeper"
    assert real.stat().st_mode & 0o777 == 0o640


def test_regression_a_failing_stdout_is_one_sentence(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A full disk behind stdout was an internal error."""
    import errno
    import io
    import sys

    class Full(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(sys, "stdout", Full())
    code = main(["cast", str(EXAMPLE)])
    err = capsys.readouterr().err
    assert code == 1 and "No space left" in err
    one_sentence(err)


def test_regression_an_extremely_long_cue_does_not_overflow_the_name_pattern(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A forced cue of 5,000 characters nested 5,000 groups in the mention regex
    (RecursionError); so did a TEI speech whose who lists 1,000 ids."""
    path = tmp_path / "long.fountain"
    path.write_text("INT. HALL - DAY\n\n@" + "x" * 5000 + "\nHello.\n\nBOB\nHi.\n")
    code, _, err = run(capsys, "analyze", str(path), "--format", "json")
    assert code == 0, err
    code, _, err = run(capsys, "argue", str(path), "this is ZED's story")
    assert code == 1 and "…" in err and len(err) < 300
    one_sentence(err)
    tei = tmp_path / "crowd.xml"
    who = " ".join(f"#p{i}" for i in range(1000))
    tei.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>'
        f'<sp who="{who}"><speaker>ALL</speaker><p>Hail.</p></sp></body></text></TEI>'
    )
    code, _, err = run(capsys, "analyze", str(tei), "--format", "html")
    assert code == 0, err


def test_regression_argue_on_a_story_without_characters_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "empty-cast.fountain"
    # only a group speaks: a story without cues at all is refused before argue sees it
    path.write_text("INT. HALL - DAY\n\nNothing happens.\n\nCROWD\nHooray!\n")
    code, _, err = run(capsys, "argue", str(path), "this is ZED's story")
    assert code == 1 and "no named characters" in err and "closest are ." not in err
    one_sentence(err)


def test_regression_a_long_paragraph_of_names_is_linear(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Agency looked for the word before each name from the start of its paragraph."""
    import time

    path = tmp_path / "names.fountain"
    path.write_text(
        "INT. HALL - DAY\n\nBOB\nHi.\n\nSUE\nYo.\n\n" + "Bob waves to Sue. " * 20_000 + "\n"
    )
    start = time.perf_counter()
    code, _, err = run(capsys, "analyze", str(path), "--format", "json")
    assert code == 0, err
    assert time.perf_counter() - start < 60  # a hang guard: it took minutes before


def test_regression_a_crowd_scene_of_a_thousand_speakers_finishes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """1,000 speakers in one scene took minutes (pairs of speakers, dense networks)."""
    import time

    names = [f"PERSON {chr(65 + i % 26)}{chr(65 + i // 26 % 26)}{i // 676}" for i in range(1000)]
    path = tmp_path / "crowd.fountain"
    path.write_text("INT. SQUARE - DAY\n\n" + "".join(f"{n}\nHere.\n\n" for n in names))
    start = time.perf_counter()
    code, _, err = run(capsys, "analyze", str(path), "--format", "html")
    assert code == 0, err
    assert time.perf_counter() - start < 90  # a hang guard: it took minutes before


def test_regression_a_labels_file_that_is_a_fifo_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """eval opened its labels TSV with open(), which blocks on a named pipe."""
    fifo = tmp_path / "labels.tsv"
    os.mkfifo(fifo)
    code, _, err = run(capsys, "eval", str(fifo), "--workers", "1")
    assert code == 1 and "labels TSV" in err
    one_sentence(err)


@pytest.mark.parametrize("command", ["analyze", "cast", "scenes"])
def test_regression_verbose_shows_diagnostics_on_every_command(
    command: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # cast and scenes took -v but printed no diagnostics
    script = tmp_path / "shots.fountain"
    script.write_text(
        "INT. FLAT - NIGHT\n\nAnna waits.\n\nANNA\nHello?\n\n.ON THE TV\n\nStatic.\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, command, str(script), "-v")
    assert code == 0, err
    assert "line 8: heading 'ON THE TV' has no INT./EXT. or time of day; read as a shot" in out
    code, quiet, _ = run(capsys, command, str(script))
    assert "diagnostics" not in quiet


def test_regression_eval_refuses_an_unknown_role(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # --role main ran every story into an error and printed an accuracy of 0
    labels = tmp_path / "labels.tsv"
    labels.write_text("file\thero\nthe-keeper.fountain\tTOM\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["eval", str(labels), "--role", "main"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'main'" in capsys.readouterr().err


def test_a_play_is_measured_on_stage_without_camera_shots(
    capsys: pytest.CaptureFixture[str],
) -> None:
    play = Path(__file__).parent / "stories" / "the-lamplighters.xml"
    code, out, err = run(capsys, "analyze", str(play))
    assert code == 0, err
    assert "minute on stage" in out and "on screen" not in out
    assert "POV" not in out


def test_the_readme_lists_every_option_of_every_command() -> None:
    import argparse
    import re

    from whosestory.cli import _parser

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `whosestory (\w+)[^`]*` \| (.*) \|$", readme, re.MULTILINE))
    commands = next(a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert set(rows) == set(commands.choices)
    for name, sub in commands.choices.items():
        options = {s for a in sub._actions for s in a.option_strings if s not in ("-h", "--help")}
        listed = set(re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", rows[name]))
        assert listed == options, name
        formats = next((a.choices for a in sub._actions if "--format" in a.option_strings), None)
        if formats:
            escaped_bar = "\\|"  # a | inside a Markdown table cell
            assert "--format " + escaped_bar.join(formats) in rows[name], name
