"""Script text made safe for the programs it is handed to: terminals and spreadsheets.

A script is text from anyone. Printed raw, an escape sequence in it can retitle or
clear the terminal, hide lines, or plant a link (``ESC]0;...BEL``, ``ESC[2J``,
OSC 8); `strip_controls` removes every control sequence and control character but
the newline and the tab. A CSV cell that begins with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return is run as a formula by a spreadsheet; `neutralise_cell` puts a
single quote before it, as OWASP's rule for CSV injection says. Colours of the tool's
own are added after the text is cleaned, so they stay.
"""

from __future__ import annotations

from typing import Any

from whosestory._lazy import LazyPattern

_CONTROLS = LazyPattern(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"  # CSI: colours, cursor moves, clearing
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: titles, links, clipboard, to BEL or ST
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC strings
    r"|\x1b[ -/]*[0-~]?"  # any other escape and its final byte
    r"|\x9b[0-?]*[ -/]*[@-~]?"  # the 8-bit CSI
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"  # other C0 and C1 controls and DEL (not \t, \n)
)

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def strip_controls(text: str) -> str:
    """`text` without control sequences or control characters (newlines and tabs kept)."""
    return _CONTROLS.sub("", text)


def clean_view(view: Any) -> Any:
    """A plain view (dicts, lists, strings, numbers) with every string `strip_controls`-ed."""
    if isinstance(view, str):
        return strip_controls(view)
    if isinstance(view, dict):
        return {clean_view(key): clean_view(value) for key, value in view.items()}
    if isinstance(view, (list, tuple)):
        return type(view)(clean_view(item) for item in view)
    return view


def neutralise_cell(value: Any) -> Any:
    """A string cell a spreadsheet would run as a formula, quoted with a leading ``'``."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def neutralise_frame(frame: Any) -> Any:
    """A copy of a pandas DataFrame whose text cells are `neutralise_cell`-ed (numbers kept)."""
    frame = frame.copy()
    for column in frame.columns:
        if getattr(frame[column].dtype, "kind", "O") not in "biufcmM":  # text, not numbers
            frame[column] = frame[column].map(neutralise_cell)
    frame.columns = [neutralise_cell(str(column)) for column in frame.columns]
    return frame
