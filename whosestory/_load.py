"""`whosestory.load`: a file to a Story in one call (reader, then builder)."""

from __future__ import annotations

from pathlib import Path

from whosestory.aliases import AliasRules, load_alias_file
from whosestory.build import build_story
from whosestory.model import Story
from whosestory.readers import read_script


def load(
    path: str | Path, fmt: str | None = None, aliases: str | Path | AliasRules | None = None
) -> Story:
    """Read a screenplay or play file into a Story.

    `fmt` forces a reader (``fountain``, ``text``, ``fdx``, ``pdf``, ``tei``);
    by default the content and extension decide. `aliases` is an alias file
    (TOML or YAML) or rules that force or forbid merges of character names.
    """
    rules = load_alias_file(aliases) if isinstance(aliases, (str, Path)) else aliases
    return build_story(read_script(path, fmt), rules)
