"""Terminal colour for the text report: on for a terminal, off for pipes, files and NO_COLOR.

The renderer never looks at streams: the CLI decides once with `wants_colour(sys.stdout)`
and passes the answer down, and the renderer wraps words with `paint(text, style, on)`.
Colour is off when the stream is not a TTY, when ``NO_COLOR`` is set to a non-empty
value (https://no-color.org), or when ``TERM`` is ``dumb``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import IO, Any

STYLES: Mapping[str, str] = {
    "bold": "1",
    "dim": "2",
    "underline": "4",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "magenta": "35",
    "cyan": "36",
}
RESET = "\033[0m"


def wants_colour(stream: IO[Any] | None, environ: Mapping[str, str] | None = None) -> bool:
    """True when `stream` is a terminal and neither NO_COLOR nor TERM=dumb says otherwise."""
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR") or env.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (OSError, ValueError):  # a closed or detached stream
        return False


def paint(text: str, style: str, enabled: bool) -> str:
    """`text` in the given styles (space-separated names of `STYLES`), or as it is."""
    if not enabled or not text:
        return text
    codes = ";".join(STYLES[name] for name in style.split())
    return f"\033[{codes}m{text}{RESET}"
