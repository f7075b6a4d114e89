"""The `whosestory` command: the only module that prints or exits.

    whosestory analyze FILE... [--format text|json|md|html|gexf|graphml] [-o PATH] [--from FMT]
        [--aliases F] [-v]      (several files or a folder: the episodes of one season)
    whosestory stats FILE [--format text|json|md|csv] [--table NAME]
    whosestory sides FILE CHARACTER [--format text|json|md]
    whosestory argue FILE "CLAIM" [--format text|json|md|html] [-v] [--model M]
    whosestory compare A B [--format text|json|md]
    whosestory cast FILE [--format text|json] [-v]
    whosestory scenes FILE [--format text|json] [-v]
    whosestory eval LABELS... [--role ROLE] [--root DIR]... [--format text|json|md]
    whosestory fit LABELS... [--role ROLE] [--root DIR]... --out model.json
    whosestory corpus PATH_OR_GLOB... --out results.parquet [--workers N] [--engine local|dask]
    whosestory serve [--host 127.0.0.1] [--port 8000]

Every option of every command is listed in the README (a test keeps it true).
`--format` chooses the output, rendered by `report.renderers.RENDERERS[command][format]`;
`--from` forces the input reader (the content and the extension decide otherwise).
Errors are one sentence on stderr and a non-zero exit status: 1 for input the tool
cannot read or output it cannot write, 2 for usage errors.
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whosestory.budget import add_limit_options, limits_from_args
from whosestory.errors import WhosestoryError
from whosestory.readers import READERS
from whosestory.report.colour import wants_colour
from whosestory.report.renderers import RENDERERS, Options
from whosestory.safety import strip_controls
from whosestory.worker import run_bounded

if TYPE_CHECKING:
    from whosestory.rolemodel import RoleModel

WORK_MODULES = ("numpy", "whosestory._load", "whosestory.report.view")
"""What a story's reading, analysis and view import (the readers, the measures, the role
models, numpy's random generators come with them), imported by the bounded worker before
its time budget starts, not by this process: a forked worker that touches modules its
parent imported copies every page it writes to (reference counts), 7,000 page faults for
Big Fish; modules of its own it makes in its own pages."""

EXIT_INPUT = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70


def write_atomic(path: str | Path, content: str) -> None:
    """Write a file whole or not at all: a temporary file in the same folder, then rename.

    A symbolic link is followed, so the file it points to is replaced and the link
    kept. A target that exists but is not a regular file (``/dev/null``,
    ``/dev/stdout``, a named pipe) is written to directly: renaming over it would
    replace the device or pipe itself. A pipe nobody reads is an error, not a
    wait. Raises OSError (IsADirectoryError for a folder) when it cannot write.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        info = None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder")
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_special(Path(path), content)
        return
    target = Path(os.path.realpath(path))
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(content)
        os.chmod(temp, _file_mode(info))
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _file_mode(existing: os.stat_result | None) -> int:
    """The replaced file's permissions, or what the umask gives a new file (not 0600)."""
    if existing is not None:
        return stat.S_IMODE(existing.st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _write_special(target: Path, content: str) -> None:
    """Write to a device or named pipe in place (opened without blocking, then blocking)."""
    try:
        fd = os.open(target, os.O_WRONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as err:
        if err.errno == errno.ENXIO:
            raise OSError(errno.ENXIO, "a named pipe that nothing reads") from None
        raise
    try:
        os.set_blocking(fd, True)
        data = content.encode("utf-8")
        while data:
            data = data[os.write(fd, data) :]
    finally:
        os.close(fd)


def _emit(output: str, path: str | None) -> int:
    """Write the output to PATH or stdout; one sentence and EXIT_INPUT if that fails."""
    if path:
        try:
            write_atomic(path, output)
        except OSError as err:
            print(
                f"whosestory: {path}: cannot write the output ({err.strerror or err}).",
                file=sys.stderr,
            )
            return EXIT_INPUT
        return 0
    if sys.stdout is None:
        print("whosestory: standard output is closed; use -o PATH.", file=sys.stderr)
        return EXIT_INPUT
    try:
        sys.stdout.write(output)
        sys.stdout.flush()
    except BrokenPipeError:  # the reader stopped early (``| head``): not an error
        _silence_stdout()
        return 0
    except OSError as err:
        _silence_stdout()
        print(
            f"whosestory: cannot write to standard output ({err.strerror or err}).",
            file=sys.stderr,
        )
        return EXIT_INPUT
    return 0


def _silence_stdout() -> None:
    """Point stdout at the null device so Python's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


ANALYSIS_COMMANDS = ("analyze", "argue", "cast", "scenes", "compare", "stats", "sides")
OWN_MODULE_COMMANDS = ("eval", "fit", "corpus", "serve")
"""Commands whose parser and code live in a module of their own, imported only when wanted."""


def _command_word(argv: Sequence[str] | None) -> str | None:
    """The command `argv` names, or None (no command, or help) when the parser needs them all."""
    words = [w for w in (sys.argv[1:] if argv is None else argv) if not w.startswith("-")]
    known = (*ANALYSIS_COMMANDS, *OWN_MODULE_COMMANDS)
    return words[0] if words and words[0] in known else None


def story_in_worker(argv: Sequence[str] | None = None) -> bool:
    """Whether the command `argv` names hands its story to a bounded worker (`_render`):
    its process imports neither numpy nor the analysis (`WORK_MODULES`: the worker does),
    and has nothing to clean up once `main` has returned and the output is flushed (the
    output went to standard output or was written whole by `write_atomic`, the worker has
    ended). The other commands may hold threads, servers and exit handlers."""
    return _command_word(argv) in ANALYSIS_COMMANDS


def _add_own_module_commands(commands: Any, wanted: str | None) -> None:
    """eval, fit, corpus and serve: each module is imported only for its own command
    (or for them all when `wanted` is None), so `analyze` never pays for a web server."""
    if wanted in (None, "eval", "fit"):
        from whosestory.evalcommand import add_eval_command, add_fit_command
        from whosestory.roles import ROLES

        add_eval_command(commands, ROLES)
        add_fit_command(commands)
    if wanted in (None, "corpus"):
        from whosestory.corpus.command import add_corpus_command

        add_corpus_command(commands)
    if wanted in (None, "serve"):
        from whosestory.serve import add_serve_command

        add_serve_command(commands)


def _parser(wanted: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with `wanted`, only that command's module is imported."""
    parser = argparse.ArgumentParser(
        prog="whosestory",
        description="Whose story is it? Spotlight, protagonist, main and impact character "
        "of a screenplay or play (Fountain, FDX, plain text, PDF, TEI drama).",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(
        name: str,
        help_text: str,
        files: tuple[tuple[str, str, str], ...] = (("file", "FILE", "a screenplay or play"),),
        verbose: bool = True,
    ) -> argparse.ArgumentParser:
        formats = tuple(RENDERERS[name])
        sub = commands.add_parser(name, help=help_text, description=help_text)
        for dest, metavar, help_file in files:
            many = {"nargs": "+"} if dest == "files" else {}
            sub.add_argument(dest, metavar=metavar, help=help_file, **many)
        sub.add_argument(
            "--from",
            dest="reader",
            choices=sorted(READERS),
            help="read FILE as this format (default: decided by content and extension)",
        )
        sub.add_argument("--aliases", metavar="FILE", help="alias file (TOML or YAML)")
        sub.add_argument(
            "--model",
            action="append",
            metavar="MODEL",
            help="a role model written by `whosestory fit` (once per role)",
        )
        sub.add_argument("--format", choices=formats, default="text", help="output")
        sub.add_argument("-o", "--output", metavar="PATH", help="write to PATH instead of stdout")
        if verbose:
            sub.add_argument("-v", "--verbose", action="store_true", help="show reader diagnostics")
        add_limit_options(sub)
        return sub

    command(
        "analyze",
        "Who has the spotlight, who is the protagonist, whose story it is and who presses "
        "them to change, with the evidence; every character's measures. Several files, or a "
        "folder, are read as the episodes of one season, in order.",
        (("files", "FILE", "a screenplay or play; several, or a folder: a season's episodes"),),
    )
    argue = command(
        "argue",
        "Put a claim to the tool (\"X was Y's story, not Z's\") and get the case for and against.",
    )
    argue.add_argument("claim", metavar="CLAIM", help="the claim, in plain words")
    command("cast", "Every character with its aliases and the reason for each merge.")
    command("scenes", "Every scene with its heading, lines and speakers.")
    stats = command(
        "stats",
        "Screenwriter statistics: scene lengths in eighths, INT/EXT and day/night, locations, "
        "dialogue against action, minutes of dialogue, the scene x character table, voices, "
        "network metrics and speech by gender.",
    )
    stats.add_argument(
        "--table", metavar="NAME", help="with --format csv: only this table (e.g. scenes)"
    )
    sides_command = command(
        "sides", "A character's sides: every scene it is in, its own lines marked.", verbose=False
    )
    sides_command.add_argument("character", metavar="CHARACTER", help="the character (any alias)")
    command(
        "compare",
        "Two drafts or versions side by side: who gained or lost the spotlight and the story.",
        (("file", "A", "the first version"), ("other", "B", "the second version")),
        verbose=False,
    )
    _add_own_module_commands(commands, wanted)
    return parser


def _models(args: argparse.Namespace) -> dict[str, RoleModel]:
    """The role models given with --model, by role (the shipped ones decide the others)."""
    from whosestory.rolemodel import load_model

    models = [load_model(path) for path in getattr(args, "model", None) or ()]
    return {model.role: model for model in models}


def _view(args: argparse.Namespace) -> Any:
    """The plain view a command prints: from the Analysis, or the Story (cast, scenes)."""
    from whosestory._load import analyze, load
    from whosestory.report.view import (
        cast_view,
        report_view,
        scenes_view,
        season_view,
        stats_view,
    )

    if args.command == "compare":
        from whosestory.compare import compare

        return compare(
            analyze(load(args.file, args.reader, args.aliases), _models(args)),
            analyze(load(args.other, args.reader, args.aliases), _models(args)),
        )
    if args.command == "analyze":
        from whosestory.season import analyze_season, episode_paths

        episodes = episode_paths(args.files)
        if len(episodes) > 1:
            return season_view(analyze_season(episodes, args.reader, args.aliases, _models(args)))
        return report_view(analyze(load(episodes[0], args.reader, args.aliases), _models(args)))
    story = load(args.file, args.reader, args.aliases)
    if args.command == "argue":
        from whosestory.argue import argue

        return argue(analyze(story, _models(args)), args.claim)
    if args.command in ("stats", "sides"):
        from whosestory.stats import screen_stats, sides

    if args.command == "stats":
        return stats_view(story, screen_stats(story))
    if args.command == "sides":
        return sides(story, args.character)
    return cast_view(story) if args.command == "cast" else scenes_view(story)


def _render(args: argparse.Namespace) -> str:
    if args.command in ("eval", "fit"):
        from whosestory.evalcommand import run_eval, run_fit

        return run_eval(args) if args.command == "eval" else run_fit(args)
    options = Options(
        verbose=getattr(args, "verbose", False),
        colour=not args.output and wants_colour(sys.stdout),
        table=getattr(args, "table", None),
    )
    # one story's reading and analysis, in a worker held to its time and memory
    return run_bounded(
        _render_view,
        (args, options),
        limits_from_args(args),
        _inputs(args),
        preload=WORK_MODULES,
    )


def _render_view(args: argparse.Namespace, options: Options) -> str:
    view = _view(args)
    command = "season" if args.command == "analyze" and "episodes" in view else args.command
    return RENDERERS[command][args.format](view, options)


def _serve(args: argparse.Namespace) -> int:
    """Serve until Ctrl-C; one sentence when the address cannot be bound or is not allowed."""
    from whosestory.serve import is_loopback, make_server, serve_limits

    if not is_loopback(args.host) and not args.public:
        print(
            f"whosestory: --host {args.host} can be reached from other machines, and anyone "
            "there could make this one read their files; add --public to serve it anyway.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        server = make_server(
            args.host,
            args.port,
            int(args.max_mb * 1e6),
            args.log,
            workers=args.workers,
            queue=args.queue,
            limits=serve_limits(args),
            allow_hosts=args.allow_host,
        )
    except OSError as err:
        print(
            f"whosestory: cannot serve on {args.host}:{args.port} ({err.strerror or err}).",
            file=sys.stderr,
        )
        return EXIT_INPUT
    host, port = server.server_address[:2]
    if not is_loopback(args.host):
        print(
            f"whosestory: warning: serving on {host}, which other machines can reach; "
            "anyone who can reach it can upload files to it.",
            file=sys.stderr,
        )
    print(f"whosestory: serving on http://{host}:{port}/ (Ctrl-C to stop)", file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


def _inputs(args: argparse.Namespace) -> str:
    files = getattr(args, "files", None) or [getattr(args, "file", "")]
    return ", ".join(str(f) for f in files)


def _terminate(signum: int, frame: Any) -> None:
    """SIGTERM ends the command as Ctrl-C does: workers ended, no temporary file, no traceback."""
    raise SystemExit(128 + signum)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    Ctrl-C returns 130 and SIGTERM exits with 143, at any point of a command, with
    no traceback and no temporary file left (`write_atomic` removes its own).
    """
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        return _main(argv)
    except KeyboardInterrupt:
        return 130
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _main(argv: Sequence[str] | None) -> int:
    parser = _parser(_command_word(argv))
    args = parser.parse_args(argv)
    if args.command == "serve":
        return _serve(args)
    if args.command == "corpus":
        from whosestory.corpus.command import run_corpus_command

        status, message = run_corpus_command(args)
        print(message, file=sys.stderr)
        return status
    try:
        output = _render(args)
    except WhosestoryError as err:
        print(f"whosestory: {strip_controls(str(err))}", file=sys.stderr)
        return EXIT_INPUT
    except Exception as err:  # a bug: still one sentence, unless --debug
        if args.debug:
            import traceback  # only here: about 2 ms of every start otherwise

            traceback.print_exc()
        print(
            f"whosestory: internal error while processing {_inputs(args)} ({type(err).__name__}: "
            f"{err}); please report it, with --debug for the traceback.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
    return _emit(output, args.output)


if __name__ == "__main__":
    raise SystemExit(main())
