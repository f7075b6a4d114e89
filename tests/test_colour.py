"""Terminal colour: on for a terminal, off for pipes, files, NO_COLOR and TERM=dumb."""

from __future__ import annotations

import io

from whosestory.report.colour import paint, wants_colour


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        if self.closed:
            raise ValueError("I/O operation on closed file")
        return True


def test_colour_only_on_a_terminal_without_no_colour() -> None:
    assert wants_colour(_Terminal(), {})
    assert not wants_colour(io.StringIO(), {})
    assert not wants_colour(_Terminal(), {"NO_COLOR": "1"})
    assert wants_colour(_Terminal(), {"NO_COLOR": ""})  # empty means unset (no-color.org)
    assert not wants_colour(_Terminal(), {"TERM": "dumb"})
    assert not wants_colour(None, {})


def test_closed_stream_has_no_colour() -> None:
    stream = _Terminal()
    stream.close()
    assert not wants_colour(stream, {})


def test_paint() -> None:
    assert paint("MAYA", "bold cyan", True) == "\033[1;36mMAYA\033[0m"
    assert paint("MAYA", "bold cyan", False) == "MAYA"
    assert paint("", "bold", True) == ""
