"""Script text reaches terminals without control sequences and spreadsheets without formulas;
Ctrl-C and SIGTERM leave no traceback and no temporary file."""

from __future__ import annotations

import csv
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from whosestory.cli import main
from whosestory.report.renderers import RENDERERS, Options
from whosestory.report.view import cast_view, report_view, scenes_view
from whosestory.safety import clean_view, neutralise_cell, strip_controls

ROOT = Path(__file__).resolve().parent.parent
ESC = "\x1b"
HOSTILE = f"""Title: =1+2 The {ESC}]0;pwned{ESC}\\ Lighthouse
Author: {ESC}[2JSomeone

INT. LIGHTHOUSE {ESC}[31m- NIGHT

MAYA climbs the stairs.{ESC}]8;;https://example.invalid{ESC}\\click{ESC}]8;;{ESC}\\ The lamp hums.

MAYA
I kept the light{ESC}[1A{ESC}[2K for you.\r\rOverwritten.

TOM
You always {chr(0x9B)}2J did.{chr(7)}

EXT. HARBOUR - DAY

MAYA
=HYPERLINK("http://example.invalid") is what he wrote.

TOM
@SUM(1+1) and -1 and +1.
"""
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_OUR_COLOUR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "lighthouse.fountain"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


def test_strip_controls_removes_sequences_and_keeps_text() -> None:
    assert strip_controls(f"a{ESC}]0;title{chr(7)}b") == "ab"
    assert strip_controls(f"a{ESC}]8;;http://x{ESC}\\link{ESC}]8;;{ESC}\\b") == "alinkb"
    assert strip_controls(f"{ESC}[2J{ESC}[31mred{ESC}[0m") == "red"
    assert strip_controls("tab\tand\nnewline\r\x00\x7f\x85") == "tab\tand\nnewline"
    assert strip_controls(f"{chr(0x9B)}2Jé ü 漢") == "é ü 漢"
    assert clean_view({"a\x1b[2J": ["x\x07", ("y\r",)], "n": 3}) == {"a": ["x", ("y",)], "n": 3}


@pytest.mark.parametrize("command", ["analyze", "cast", "scenes"])
@pytest.mark.parametrize("fmt", ["text", "md"])
def test_no_control_character_from_a_script_reaches_the_terminal(
    hostile: Path, command: str, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if fmt not in RENDERERS[command]:
        pytest.skip(f"{command} has no {fmt} output")
    assert main([command, str(hostile), "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert _CONTROL.findall(out) == []
    assert "Lighthouse" in out or command != "analyze"
    assert "pwned" not in out or command != "analyze" or "]0;" not in out


def test_the_tools_own_colours_stay(hostile: Path) -> None:
    import whosestory

    story = whosestory.load(hostile)
    view = report_view(whosestory.analyze(story))
    out = RENDERERS["analyze"]["text"](view, Options(colour=True))
    assert _OUR_COLOUR.search(out)
    assert _CONTROL.findall(_OUR_COLOUR.sub("", out)) == []
    for name, make in (("cast", cast_view), ("scenes", scenes_view)):
        text = RENDERERS[name]["text"](make(story), Options(verbose=True))
        assert _CONTROL.findall(text) == []


def test_error_sentences_carry_no_control_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a\x1b]0;x\x07.fdx"
    path.write_text("<FinalDraft><Content><Paragraph", encoding="utf-8")
    assert main(["analyze", str(path)]) == 1
    err = capsys.readouterr().err
    assert _CONTROL.findall(err) == [] and err.count("\n") == 1


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("MAYA", "MAYA"),
        (-1, -1),
        (None, None),
    ],
)
def test_csv_cells_are_neutralised_per_owasp(cell: object, safe: object) -> None:
    assert neutralise_cell(cell) == safe


def test_no_corpus_csv_cell_starts_a_formula(hostile: Path, tmp_path: Path) -> None:
    pytest.importorskip("pandas")
    out = tmp_path / "table.csv"
    characters = tmp_path / "characters.csv"
    status = main(
        [
            "corpus",
            str(hostile),
            "--out",
            str(out),
            "--characters",
            str(characters),
            "--workers",
            "1",
            "--no-progress",
        ]
    )
    assert status == 0
    assert "'=1+2" in out.read_text(encoding="utf-8")  # the title, quoted
    for table in (out, characters):
        with table.open(newline="", encoding="utf-8") as stream:
            for row in csv.reader(stream):
                for cell in row:
                    assert not (cell and cell[0] in "=+@\t\r"), cell
                    assert not re.match(r"-[^\d.]", cell), cell


# ---------------------------------------------------------------- signals

_BIG = "".join(
    f"INT. ROOM {i} - DAY\n\nANNA looks at BEN.\n\nANNA\nStill here, Ben.\n\n"
    f"BEN\nAnd you, Anna.\n\n"
    for i in range(1500)
)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_at_any_point_leaves_no_traceback_and_no_part_file(
    tmp_path: Path, signum: int
) -> None:
    script = tmp_path / "long.fountain"
    script.write_text(_BIG, encoding="utf-8")
    out = tmp_path / "out" / "report.html"
    out.parent.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    code = "import sys\nfrom whosestory.cli import main\nsys.exit(main(sys.argv[1:]))\n"
    command = [sys.executable, "-c", code, "analyze", str(script), "--format", "html", "-o"]
    for delay in (1.5, 2.5, 4.0, 6.0):
        process = subprocess.Popen(
            [*command, str(out)],
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            start_new_session=True,
        )
        time.sleep(delay)
        if process.poll() is None:
            os.killpg(process.pid, signum)  # as a terminal's Ctrl-C reaches the whole group
        _, err = process.communicate(timeout=60)
        assert "Traceback" not in err, err
        assert process.returncode in (0, 130, 128 + signal.SIGTERM, -signum), process.returncode
        assert [p.name for p in out.parent.iterdir() if p.name.endswith(".part")] == []


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_while_the_command_starts_leaves_no_traceback(tmp_path: Path, signum: int) -> None:
    # what the installed `whosestory` script runs (pyproject: whosestory_entry:main), once
    # the interpreter is up (a signal during Python's own start-up is Python's to report)
    code = (
        "import sys\nprint('up', file=sys.stderr, flush=True)\n"
        "from whosestory_entry import main\nsys.exit(main())\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    example = ROOT / "examples" / "the-keeper.fountain"
    for delay in (0.02, 0.05, 0.1, 0.2, 0.4):
        process = subprocess.Popen(
            [sys.executable, "-c", code, "analyze", str(example)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=tmp_path,
        )
        assert process.stderr is not None and process.stderr.readline() == "up\n"
        time.sleep(delay)
        process.send_signal(signum)
        _, err = process.communicate(timeout=60)
        assert "Traceback" not in err, (delay, err)
        # -signum: ended by the signal itself before the handler was in place (quietly)
        assert process.returncode in (0, 130, 128 + signal.SIGTERM, -signum), process.returncode
