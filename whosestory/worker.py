"""Run one story's work in a worker process the operating system holds to its budget.

`run_bounded(func, args, limits, source)` calls ``func(*args)`` in a child process
with an address-space limit (``RLIMIT_AS``: what the child has mapped when it
starts plus the memory budget) and kills it at the time budget, counted from when the
child is ready (a fork server's start-up and imports are not the story's). The child ignores
Ctrl-C (the parent answers it and ends the child) and dies with its parent
(``PR_SET_PDEATHSIG`` on Linux). The result, or the exception the child raised, comes
back through a pipe; a child that ran out of memory, was killed at the deadline or
died of a signal becomes a `BudgetError` naming the limit. With both the time and
the memory limit off, or where processes cannot fork (Windows), ``func`` runs in
this process (held to the counted limits only).

A process with one thread forks (fast, nothing to import again), with `os.fork` and a
pipe, as multiprocessing's "fork" start does, without importing multiprocessing (about
9 ms of every `analyze`); one with threads (the web service) starts its workers from
multiprocessing's fork server, because forking a process whose other threads may hold
locks can deadlock the child.

Inside a worker (`run_bounded`'s child, or a process that `bound_this_process` held to
a budget, such as a corpus worker) the work runs where it is called: the process is
already held to its time and memory, and a nested call keeps the counted limits. So
does a daemonic process (multiprocessing forbids it children).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import importlib
import math
import os
import pickle
import select
import signal
import struct
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from whosestory.budget import Limits, current, over_budget, using
from whosestory.errors import BudgetError

if TYPE_CHECKING:
    import multiprocessing.context

try:
    import resource
except ImportError:  # Windows: no resource limits, and no fork either (see `run_bounded`)
    resource = None  # type: ignore[assignment]

T = TypeVar("T")

_PR_SET_PDEATHSIG = 1
_PRELOAD = ["whosestory", "whosestory.serve_work"]
_bounded = False  # True in a process already held to its budget (see `bound_this_process`)
START_SECONDS = 60.0
"""How long a worker may take to start (a fork server's first start, an import), before its
time budget begins."""


def _address_space() -> int:
    """Bytes this process has mapped now (its virtual size), or 0 where unknown."""
    if resource is None:
        return 0
    try:
        with open("/proc/self/statm", encoding="ascii") as stream:
            return int(stream.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def limit_memory(memory_mb: float) -> None:
    """Let this process map at most `memory_mb` MB more than it has mapped now."""
    if not memory_mb or resource is None:
        return
    ceiling = _address_space() + int(memory_mb * 1e6)
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        ceiling = min(ceiling, hard)
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))


def bound_this_process(memory_mb: float) -> None:
    """Hold this process, a worker of its own making, to `memory_mb` more than it has
    mapped now; `run_bounded` then runs its work here instead of in a child."""
    global _bounded
    limit_memory(memory_mb)
    _bounded = True


@contextlib.contextmanager
def collector_held() -> Iterator[None]:
    """Run the block with the cyclic garbage collector off (as it was after it).

    One story's reading and analysis make millions of objects, most of which live until
    the story is done, and almost none in reference cycles; a collection in the middle
    walks them all for nothing. Kraus at the command line: two collections of the young
    generation (at `whosestory_entry.COLLECT_AFTER`) took 59 ms, and found 421 objects in
    cycles. Reference counting frees the rest as ever; what the cycles hold waits for
    the next collection after the block (a worker's memory budget bounds it meanwhile).
    The collector is the process's: blocks in several threads at once may let it run for
    part of one, and never leave it off when it was on.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextlib.contextmanager
def interrupts_held() -> Iterator[None]:
    """Start processes inside this block with Ctrl-C (SIGINT) set aside for them.

    A Ctrl-C reaches the whole process group, children still starting included (a spawned
    interpreter importing, a fork server preloading), where it would print a traceback
    from the middle of an import. In the main thread SIGINT is ignored for the moment of
    the start (a few ms; a spawned child keeps the disposition through exec, and ignores
    it until `ignore_interrupts`); elsewhere it is blocked, which a forked child inherits.
    A Ctrl-C in that moment is dropped: pressed again, it stops the command.
    """
    if threading.current_thread() is threading.main_thread():
        previous = signal.getsignal(signal.SIGINT)
        if previous is None:  # a handler set outside Python: leave it be
            yield
            return
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            yield
        finally:
            signal.signal(signal.SIGINT, previous)
        return
    block = getattr(signal, "pthread_sigmask", None)
    if block is None:
        yield
        return
    held = block(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        block(signal.SIG_SETMASK, held)


def import_held(modules: Sequence[str]) -> None:
    """Import `modules` with Ctrl-C and SIGTERM held back until they are imported (a signal
    in the middle of numpy's C import comes out as an ImportError with a traceback) and
    the collector off (what they make lives as long as the process)."""
    if not modules:
        return
    block = getattr(signal, "pthread_sigmask", None)
    held = block(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM}) if block else None
    try:
        with collector_held():
            for module in modules:
                importlib.import_module(module)
    finally:
        if block and held is not None:
            block(signal.SIG_SETMASK, held)


def ignore_interrupts() -> None:
    """Ignore Ctrl-C in this worker (its parent answers it), dropping one held back."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _die_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass


class _Sender(Protocol):
    """Where a worker sends its messages: a multiprocessing connection, or a `_Pipe`."""

    def send(self, obj: Any) -> None: ...

    def close(self) -> None: ...


def _child(
    conn: _Sender,
    func: Callable[..., Any],
    args: Sequence[Any],
    limits: Limits,
    nice: int,
    preload: Sequence[str] = (),
) -> None:
    ignore_interrupts()
    _die_with_parent()
    if nice:
        os.nice(nice)
    try:
        import_held(preload)  # before the budget: start-up, as a fork server's imports
        bound_this_process(limits.memory_mb)
        conn.send(("ready", None))  # the time budget counts from here, not from the start-up
        with using(limits), collector_held():  # one story's work, then the child ends
            outcome: tuple[str, Any] = ("ok", func(*args))
    except MemoryError:
        outcome = ("memory", None)
    except BaseException as err:  # handed to the parent, which raises it
        outcome = ("error", _portable(err))
    try:
        conn.send(outcome)
    except MemoryError:
        conn.send(("memory", None))
    finally:
        conn.close()


def _portable(err: BaseException) -> BaseException:
    """The exception itself when it survives pickling, else a RuntimeError that says what it was."""
    try:
        pickle.loads(pickle.dumps(err))
    except Exception:
        return RuntimeError(f"{type(err).__name__}: {err}")
    return err


def _fork_server() -> multiprocessing.context.BaseContext:
    import multiprocessing

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(_PRELOAD)
    return context


def warm_up() -> None:
    """Start the fork server now (a threaded caller's first worker would wait for it)."""
    import multiprocessing.forkserver

    if "forkserver" not in multiprocessing.get_all_start_methods():
        return
    _fork_server()
    with interrupts_held():
        multiprocessing.forkserver.ensure_running()


_HEADER = struct.Struct("!Q")
"""A message's length, before its pickle."""


class _Pipe:
    """One end of a pipe carrying pickled messages, each after its length (what
    `multiprocessing.Pipe(duplex=False)` gives, for the forked child of `_Forked`)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def send(self, obj: Any) -> None:
        data = pickle.dumps(obj)
        view = memoryview(_HEADER.pack(len(data)) + data)
        while view:
            view = view[os.write(self.fd, view) :]

    def poll(self, seconds: float | None) -> bool:
        """Whether a message (or the end of the pipe) is there to read within `seconds`."""
        poller = select.poll()
        poller.register(self.fd, select.POLLIN)
        return bool(poller.poll(None if seconds is None else max(0, math.ceil(seconds * 1000))))

    def recv(self) -> Any:
        """The next message; EOFError when the other end closed before sending it whole."""
        (size,) = _HEADER.unpack(self._read(_HEADER.size))
        return pickle.loads(self._read(size))

    def _read(self, size: int) -> bytes:
        chunks, left = [], size
        while left:
            chunk = os.read(self.fd, min(left, 1 << 20))
            if not chunk:
                raise EOFError
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


def _flush_std_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, OSError):
            stream.flush()


class _Forked:
    """A child made by `os.fork` running `_child`: the parts of a multiprocessing
    ``Process`` that `run_bounded` uses (`is_alive`, `kill`, `join`, `exitcode`)."""

    def __init__(self, args: tuple[Any, ...]) -> None:
        self.args = args
        self.pid = 0
        self.exitcode: int | None = None

    def start(self) -> _Pipe:
        """Fork; the parent gets the end of the pipe the child's messages come through."""
        read_end, write_end = os.pipe()
        _flush_std_streams()  # or the child would print what the parent had buffered
        self.pid = os.fork()
        if self.pid == 0:  # the child: never returns into the caller's code
            code = 1
            try:
                os.close(read_end)
                _quiet_stdin()
                _child(_Pipe(write_end), *self.args)
                code = 0
            finally:
                _flush_std_streams()
                os._exit(code)
        os.close(write_end)
        return _Pipe(read_end)

    def is_alive(self) -> bool:
        if self.exitcode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.exitcode = os.waitstatus_to_exitcode(status)
        return self.exitcode is None

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)

    def join(self) -> None:
        if self.exitcode is None:
            _, status = os.waitpid(self.pid, 0)
            self.exitcode = os.waitstatus_to_exitcode(status)


def _quiet_stdin() -> None:
    """The child's standard input reads nothing (as a multiprocessing child's)."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stdin.close()
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115  the process's own


class _Receiver(Protocol):
    def poll(self, timeout: float | None) -> bool: ...

    def recv(self) -> Any: ...

    def close(self) -> None: ...


def _receive(receiver: _Receiver, seconds: float | None) -> tuple[str, Any]:
    """The child's next message: ("ready" | "ok" | "error" | "memory", value), or ("died",
    None) when it ended without one, or ("time", None) after `seconds`."""
    if not receiver.poll(seconds):
        return "time", None
    try:
        message: tuple[str, Any] = receiver.recv()
    except (EOFError, OSError):
        return "died", None
    return message


def _daemonic() -> bool:
    """Whether this is a daemonic multiprocessing process (which may have no children); a
    process that has not imported multiprocessing is none."""
    multiprocessing = sys.modules.get("multiprocessing")
    return multiprocessing is not None and bool(multiprocessing.current_process().daemon)


def run_bounded(
    func: Callable[..., T],
    args: Sequence[Any],
    limits: Limits | None = None,
    source: str = "",
    nice: int = 0,
    preload: Sequence[str] = (),
) -> T:
    """``func(*args)`` in a worker held to the time and memory of `limits` (see the module).

    `nice` lowers the worker's priority (a server keeps answering while workers run).
    `preload` names modules the work imports, imported in the worker before its time
    budget starts (and, in this process, when the work first imports them).
    `func` and `args` must be picklable when the process has threads (fork server).
    Raises what ``func`` raised, or BudgetError naming the limit it went over.
    KeyboardInterrupt and SystemExit in the parent end the worker first.
    """
    limits = limits or current()
    forks = hasattr(os, "fork")  # not on Windows
    here = _bounded or _daemonic()
    if here or not forks or (not limits.seconds and not limits.memory_mb):
        import_held(preload)
        with using(limits), collector_held():
            try:
                return func(*args)
            except MemoryError:
                if not _bounded:
                    raise
            # out of the handler, the work's frames and what they held are freed first
            raise over_budget(source, "memory_mb", "it needed more memory than")
    process: Any
    receiver: _Receiver
    if threading.active_count() == 1:
        process = _Forked((func, args, limits, nice, preload))
        with interrupts_held():
            receiver = process.start()
    else:
        context = _fork_server()
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(
            target=_child, args=(sender, func, args, limits, nice, preload), daemon=True
        )
        with interrupts_held():
            process.start()
        sender.close()
    try:
        status, value = _receive(receiver, START_SECONDS)
        if status == "time":
            status = "start"
        elif status == "ready":
            status, value = _receive(receiver, limits.seconds or None)
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receiver.close()
    if status == "ok":
        return value  # type: ignore[no-any-return]
    if status == "error":
        raise value
    with using(limits):
        if status == "start":
            raise BudgetError(
                f"{source}: its worker process did not start within {START_SECONDS:g} s "
                "(is the machine overloaded?); try again.",
                limit="seconds",
            )
        if status == "time":
            raise over_budget(source, "seconds", "reading and analysing it took longer than")
        if status == "memory":
            raise over_budget(source, "memory_mb", "it needed more memory than")
        code = process.exitcode or 0
        name = signal.Signals(-code).name if code < 0 and -code in signal.valid_signals() else code
        found = f"the worker reading it stopped ({name}), most likely at"
        error = over_budget(source, "memory_mb", found)
        error.stopped_by = f"killed by {name}" if code < 0 else f"exit status {code}"
        raise error
