"""Small Fountain stories the tests write themselves: scenes of action and speeches."""

from __future__ import annotations

from pathlib import Path

import whosestory


def scene(heading: str, *lines: str) -> str:
    """A scene: its heading, then each line (action or `talk`) as a paragraph."""
    return heading + "\n\n" + "\n\n".join(lines) + "\n\n"


def talk(cue: str, line: str) -> str:
    """A speech: the cue, then its line."""
    return f"{cue}\n{line}"


def load_story(tmp_path: Path, text: str) -> whosestory.Story:
    """The story `text` written to a .fountain file in `tmp_path`, loaded."""
    path = tmp_path / "story.fountain"
    path.write_text(text, encoding="utf-8")
    return whosestory.load(path)
