"""The `whosestory` command's entry point, outside the package on purpose.

Importing `whosestory` takes a moment (numpy, scipy, lxml, the lexicons). Ctrl-C or
SIGTERM in that moment would print a traceback from the middle of an import, before
`whosestory.cli.main` could answer it; here they are answered before anything is
imported: exit status 130 (Ctrl-C) or 143 (SIGTERM), and no traceback.
"""

from __future__ import annotations

import signal
from typing import Any


def _terminate(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)


def main() -> int:
    """Import the command line quietly interruptible, then run it."""
    signal.signal(signal.SIGTERM, _terminate)
    try:
        from whosestory.cli import main as run
    except KeyboardInterrupt:
        return 130
    return run()


if __name__ == "__main__":
    raise SystemExit(main())
