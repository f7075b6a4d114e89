"""The `whosestory corpus` command: argparse wiring and the run, with one-sentence errors.

    whosestory corpus PATH_OR_GLOB... --out results.parquet [--characters PATH]
        [--workers N] [--engine local|dask] [--scheduler ADDRESS] [--resume] [--no-progress]
        [--limit-seconds S] [--limit-memory-mb MB] [--limit-pages N] [--limit-scenes N]
        [--limit-speakers N] [--limit-decompressed-mb MB] [--limit-text-operators N]

The CLI adds it with `add_corpus_command(subparsers)` in its parser, and runs
`run_corpus_command(args)`, which returns the exit status and the one sentence
to print (the CLI prints it: nothing here prints or exits).
"""

from __future__ import annotations

import argparse
import time
from typing import Any

from whosestory.budget import Limits, add_limit_options, limits_from_args, using
from whosestory.errors import WhosestoryError

CORPUS_SECONDS = 600.0
"""The corpus's default time for one file (`whosestory.corpus.pool.LIMIT_SECONDS`, kept
here so that the parser does not import the pool)."""
EXIT_INPUT = 1
EXIT_INTERNAL = 70
DESCRIPTION = "Analyse many screenplays and plays into one table, one row per story."


def add_corpus_command(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``corpus`` sub-command to an argparse sub-parsers object; returns its parser."""
    sub = subparsers.add_parser("corpus", help=DESCRIPTION, description=DESCRIPTION)
    _add_arguments(sub)
    sub.set_defaults(corpus_handler=run_corpus_command)
    return sub


def _add_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("paths", nargs="+", metavar="PATH_OR_GLOB", help="files, folders or globs")
    sub.add_argument("--out", required=True, help="the table: .parquet, .csv or .jsonl")
    sub.add_argument("--characters", metavar="PATH", help="also a per-character table here")
    sub.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    sub.add_argument("--engine", choices=["local", "dask"], default="local")
    sub.add_argument("--scheduler", metavar="ADDRESS", help="a running dask scheduler")
    sub.add_argument("--resume", action="store_true", help="continue an interrupted run")
    sub.add_argument("--no-progress", action="store_true", help="no progress bar")
    # the budgets of `analyze`; a story over one is an error row naming the limit
    add_limit_options(sub, Limits.from_env().updated(seconds=CORPUS_SECONDS))


def run_corpus_command(args: argparse.Namespace) -> tuple[int, str]:
    """Run the corpus command: the exit status and the sentence to print on stderr."""
    from whosestory.corpus.pool import LIMIT_SECONDS
    from whosestory.corpus.run import run_corpus

    start = time.perf_counter()
    try:
        with using(limits_from_args(args)):
            table = run_corpus(
                args.paths,
                args.out,
                workers=args.workers,
                engine=args.engine,
                scheduler=args.scheduler,
                resume=args.resume,
                characters_out=args.characters,
                progress=not args.no_progress,
                limit_seconds=args.limit_seconds or LIMIT_SECONDS,
            )
    except WhosestoryError as err:
        return EXIT_INPUT, f"whosestory: {err}"
    except KeyboardInterrupt:
        return 130, "whosestory: interrupted; run again with --resume to continue."
    except Exception as err:
        if getattr(args, "debug", False):
            raise
        return EXIT_INTERNAL, (
            f"whosestory: internal error in the corpus run ({type(err).__name__}: {err}); "
            "please report it, with --debug for the traceback."
        )
    errors = int(table["error"].notna().sum())
    retry = table.attrs.get("to_retry", 0)
    again = f"; {retry} lost with a worker: --resume retries them" if retry else ""
    return 0, (
        f"whosestory: {len(table)} stories ({errors} unreadable{again}) in "
        f"{time.perf_counter() - start:.1f} s -> {args.out}"
    )
