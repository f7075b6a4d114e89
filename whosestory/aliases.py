"""The user's alias file: names to force together and names to keep apart.

A TOML or YAML file with two optional tables, read by `load_alias_file` into
`AliasRules`, which `whosestory.cast.resolve_cast` applies before its own rules.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from whosestory.errors import AliasFileError


@dataclass(slots=True)
class AliasRules:
    """A user's alias file: names to force together, and pairs to keep apart."""

    merge: dict[str, list[str]] = field(default_factory=dict)
    keep_apart: dict[str, list[str]] = field(default_factory=dict)
    source: str = "the alias rules"
    """The file the rules came from, for messages."""

    def names(self) -> list[str]:
        """Every name the rules give, in the order written."""
        found: list[str] = []
        for table in (self.merge, self.keep_apart):
            for name, others in table.items():
                found += [name, *others]
        return found

    def check_names(self, known: set[str], key: Callable[[str], str]) -> None:
        """Raise AliasFileError for the first name whose `key` is not `known` (a typo
        would otherwise be accepted silently and change nothing)."""
        for name in self.names():
            if key(name) not in known:
                raise AliasFileError(
                    f"{self.source}: the name {name!r} matches no character cue of the script; "
                    "check its spelling against `whosestory cast`."
                )


def load_alias_file(path: str | Path) -> AliasRules:
    """Read a TOML or YAML alias file.

    The file has two optional tables: ``merge`` maps a canonical name to the names
    that are the same character; ``keep_apart`` maps a name to names that must
    never be merged with it::

        [merge]
        "ANNA KARLSSON" = ["ANNA", "MS. KARLSSON"]
        [keep_apart]
        "ANNA" = ["MRS. KARLSSON"]
    """
    source = str(path)
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # a pipe or device would block
            raise AliasFileError(f"{source}: not a regular file; expected a TOML or YAML file.")
        raw = Path(path).read_bytes()
    except OSError as err:
        raise AliasFileError(f"{source}: cannot read the alias file ({err.strerror}).") from None
    import tomllib  # here, not at the top: every analysis imports this module, few read a file

    import yaml

    try:
        if source.endswith((".yaml", ".yml")):
            data = yaml.safe_load(raw.decode("utf-8")) or {}
        else:
            data = tomllib.loads(raw.decode("utf-8"))
    except (yaml.YAMLError, tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        line = getattr(getattr(err, "problem_mark", None), "line", None)
        where = f", line {line + 1}" if line is not None else ""
        raise AliasFileError(
            f"{source}{where}: not a valid alias file ({str(err).splitlines()[0]}); expected "
            "tables 'merge' and 'keep_apart' mapping a name to a list of names."
        ) from None
    rules = AliasRules(source=source)
    for table, target in (("merge", rules.merge), ("keep_apart", rules.keep_apart)):
        value = data.get(table, {}) if isinstance(data, dict) else None
        if not isinstance(value, dict) or not all(
            isinstance(v, list) and all(isinstance(x, str) for x in v) for v in value.values()
        ):
            raise AliasFileError(
                f"{source}: '{table}' must map a name to a list of names, "
                'like "ANNA" = ["ANNA K", "MS. KARLSSON"].'
            )
        target.update({str(k): list(v) for k, v in value.items()})
    return rules
