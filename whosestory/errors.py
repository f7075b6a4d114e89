"""The exceptions whosestory raises.

    WhosestoryError              base: the CLI catches it and prints its message
    ├── InputError               a file that cannot be read at all
    │   ├── EmptyInputError      empty or whitespace-only
    │   ├── BinaryInputError     not text, and not a format we read
    │   ├── UnknownFormatError   no reader fits the file or the --format asked for
    │   └── BudgetError          over a limit of time, memory, pages, scenes, speakers
    │                            or decompressed bytes (whosestory.budget)
    ├── ParseError               a strict format (FDX, TEI, PDF) is malformed
    │   └── UnsafeXMLError       XML with entity declarations or external references
    ├── AliasFileError           the user's alias file is malformed
    ├── UnknownCharacterError    a claim names nobody in the story (whosestory.argue)
    └── CorpusError              a corpus run cannot start (whosestory.corpus.paths)

Every message is one sentence that names the file, the line where there is one,
and what was expected.
"""

from __future__ import annotations


class WhosestoryError(Exception):
    """Base class: everything whosestory raises on purpose."""


class InputError(WhosestoryError):
    """A file that cannot be read at all."""


class EmptyInputError(InputError):
    """The file is empty or holds only whitespace."""


class BinaryInputError(InputError):
    """The file is binary and not in a format whosestory reads."""


class UnknownFormatError(InputError):
    """No reader fits the file, or the requested format does not exist."""


class BudgetError(InputError):
    """A story over one of its budgets: the sentence names the limit and how to raise it.

    `limit` is the name of the limit (``seconds``, ``memory_mb``, ``pages``, ``scenes``,
    ``speakers``, ``decompressed_mb``).
    """

    stopped_by = ""
    """How the worker ended when it died without a word (``killed by SIGKILL``): perhaps
    the memory limit, perhaps something outside the story (a `corpus` retries it)."""

    def __init__(self, message: str, limit: str = "") -> None:
        super().__init__(message)
        self.limit = limit

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        return (type(self), (str(self), self.limit))


class ParseError(WhosestoryError):
    """A strict format is malformed: names the file, the line and what was expected."""

    def __init__(self, source: str, message: str, line: int | None = None) -> None:
        self.source = source
        self.line = line
        self.message = message
        where = f"{source}, line {line}" if line else source
        super().__init__(f"{where}: {message}")

    def __reduce__(self) -> tuple[type, tuple[str, str, int | None]]:
        # pickled whole, so that a worker process can hand it back to its parent
        return (type(self), (self.source, self.message, self.line))


class UnsafeXMLError(ParseError):
    """XML that declares entities or references external resources: refused."""


class AliasFileError(WhosestoryError):
    """The user's alias file is malformed."""
