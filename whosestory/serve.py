"""A small local web service: drop a script on a page, get the HTML report.

Standard library HTTP (`http.server.ThreadingHTTPServer`), python-multipart for
forms. Routes (the README's "serve API" documents them for clients):

- ``GET /``: the upload page (`serve_page`), a form posting to ``/report``;
- ``POST /api/analyze``: the JSON view of ``whosestory analyze --format json``;
- ``POST /report``: the HTML report, shown by the browser as the whole page.

A POST body is either the raw file (its name in an ``X-Filename`` header, URL-encoded,
or a ``?filename=`` query) or ``multipart/form-data`` with a ``file`` field (and an
optional ``filename`` field), read as it arrives (`serve_form`). Uploads are held in
memory, never written to disk. Every answer but a report is JSON ``{"error": sentence}``
(a browser's form post to ``/report`` gets the upload page with the sentence instead),
and the server keeps serving:

    400 malformed, cut off or nested form     413 over the upload limit or a budget
    404 no such route                         421 a Host this server does not answer for
    411 no Content-Length                     422 a file whosestory cannot read
    503 busy: every worker and queue place taken (Retry-After)

Each upload is read and analysed in a worker process held to the time and memory
budget (`whosestory.worker`); at most `workers` run at once and `queue` more wait
their turn, so memory stays bounded however many uploads arrive. A client that goes
away mid-request is let go quietly. The Host header must name this server (a web
page elsewhere cannot reach it through DNS rebinding); serving beyond the loopback
interface needs ``--public``.
"""

from __future__ import annotations

import argparse
import contextlib
import ipaddress
import json
import logging
import os
import socket
import sys
import threading
from collections.abc import Iterable, Iterator
from dataclasses import replace
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from whosestory.budget import Limits, add_limit_options, env_name, limits_from_args
from whosestory.errors import BudgetError, WhosestoryError
from whosestory.report.html import CSP as REPORT_CSP
from whosestory.serve_form import RequestError, read_body, read_multipart
from whosestory.serve_page import PAGE_CSP, upload_page
from whosestory.serve_work import analyze_bytes, answer
from whosestory.worker import run_bounded, warm_up

__all__ = ["MAX_BYTES", "RequestError", "analyze_bytes", "make_server", "safe_name", "serve"]

_LOG = logging.getLogger("whosestory.serve")

MAX_BYTES = 20_000_000
"""Default upload limit, 20 MB: a feature screenplay is well under 1 MB, even as a PDF."""

WORKERS = 2
QUEUE = 4
MEMORY_MB = 500.0
"""Each worker's memory budget unless --limit-memory-mb or the environment says otherwise."""

WORKER_NICE = 10
"""Workers run at a lower priority, so that the page and the API keep answering."""

MAX_CONNECTIONS = 64
DRAIN_BYTES = 64 * 1024 * 1024
"""A refused body up to this size is read and dropped so that the client sees the answer."""
_LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
_WILDCARDS = frozenset({"", "0.0.0.0", "::"})


def _mb(size: int) -> str:
    return f"{size / 1e6:.3g} MB"


def safe_name(name: str | None) -> str:
    """The base name of an uploaded file, without folders or control characters."""
    base = PurePosixPath((name or "").replace("\\", "/")).name
    base = "".join(ch for ch in base if ch.isprintable()).strip()[:200]
    return base if base not in ("", ".", "..") else "upload"


def is_loopback(host: str) -> bool:
    """Whether `host` (a name or an address) is this machine's loopback interface only."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _host_of(header: str) -> str:
    """The host of a Host header, without its port, lower case: ``[::1]:80`` -> ``::1``."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header
    host = header.rsplit(":", 1)[0] if header.count(":") == 1 else header
    return host.rstrip(".")


class _Admission:
    """At most `workers` analyses at once and `queue` more waiting; the rest are turned away."""

    def __init__(self, workers: int, queue: int) -> None:
        self.slots = threading.Semaphore(max(workers, 1))
        self.capacity = max(workers, 1) + max(queue, 0)
        self.lock = threading.Lock()
        self.inside = 0

    @contextlib.contextmanager
    def admit(self) -> Iterator[None]:
        with self.lock:
            if self.inside >= self.capacity:
                raise RequestError(
                    HTTPStatus.SERVICE_UNAVAILABLE,
                    "the server is busy with other scripts; try again in a moment.",
                )
            self.inside += 1
        try:
            yield
        finally:
            with self.lock:
                self.inside -= 1


class Handler(BaseHTTPRequestHandler):
    """GET / for the page, POST /api/analyze for JSON and POST /report for HTML."""

    server_version = "whosestory"
    timeout = 60  # a stalled client frees its thread

    def log_message(self, format: str, *args: Any) -> None:
        if getattr(self.server, "log", False):
            super().log_message(format, *args)

    def handle(self) -> None:
        try:
            super().handle()
        except (ConnectionError, TimeoutError):  # the client went away: nothing to answer
            self.close_connection = True

    # -------------------------------------------------------------- responses

    def _send(
        self,
        status: int,
        body: bytes,
        content_type: str,
        csp: str | None = None,
        extra: Iterable[tuple[str, str]] = (),
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        if csp:
            self.send_header("Content-Security-Policy", csp)
        for name, value in extra:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        extra = [("Retry-After", "5")] if status == HTTPStatus.SERVICE_UNAVAILABLE else []
        if self._wants_page():
            page = upload_page(self.server.max_bytes, message)  # type: ignore[attr-defined]
            self._send(status, page.encode("utf-8"), "text/html; charset=utf-8", PAGE_CSP, extra)
            return
        body = json.dumps({"error": message}, ensure_ascii=False).encode("utf-8")
        self._send(status, body, "application/json; charset=utf-8", extra=extra)

    def _wants_page(self) -> bool:
        """A browser's form post to /report: answer errors with the page, not JSON."""
        accept = self.headers.get("Accept", "") if self.headers else ""
        return urlsplit(self.path).path == "/report" and "text/html" in accept

    def _host_allowed(self) -> bool:
        raw = self.headers.get("Host")
        if raw is None:
            return False
        host = _host_of(raw)
        if host in self.server.allowed_hosts:  # type: ignore[attr-defined]
            return True
        if self.server.any_address:  # type: ignore[attr-defined]
            with contextlib.suppress(ValueError):
                ipaddress.ip_address(host)
                return True
        return False

    def _refuse_host(self) -> bool:
        if self._host_allowed():
            return False
        self.close_connection = True
        named = _host_of(self.headers.get("Host", ""))[:100] or "nothing"
        self._error(
            HTTPStatus.MISDIRECTED_REQUEST,
            f"the Host header names {named}, which this server does not answer for; "
            "open it by its own address, or start it with --allow-host NAME.",
        )
        return True

    # -------------------------------------------------------------- routes

    def do_GET(self) -> None:
        if self._refuse_host():
            return
        path = urlsplit(self.path).path
        if path in ("/", "/index.html"):
            page = upload_page(self.server.max_bytes)  # type: ignore[attr-defined]
            self._send(200, page.encode("utf-8"), "text/html; charset=utf-8", PAGE_CSP)
        elif path == "/favicon.ico":
            self._send(204, b"", "image/x-icon")
        else:
            self._error(404, f"nothing here: {path[:200]}; open / to upload a script.")

    do_HEAD = do_GET

    def do_POST(self) -> None:
        if self._refuse_host():
            return
        path = urlsplit(self.path).path
        if path not in ("/api/analyze", "/report"):
            self.close_connection = True
            self._error(404, f"nothing here: {path[:200]}; POST to /api/analyze or /report.")
            return
        try:
            with self.server.admission.admit():  # type: ignore[attr-defined]
                filename, data = self._upload()
                with self.server.admission.slots:  # type: ignore[attr-defined]
                    body = run_bounded(
                        answer,
                        (data, filename, path == "/report"),
                        self.server.limits,  # type: ignore[attr-defined]
                        filename,
                        nice=WORKER_NICE,
                    )
            if path == "/report":
                self._send(200, body, "text/html; charset=utf-8", REPORT_CSP)
            else:
                self._send(200, body, "application/json; charset=utf-8")
        except RequestError as err:
            self.close_connection = True
            self._drain()
            self._error(err.status, str(err))
        except BudgetError as err:
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, str(err))
        except WhosestoryError as err:
            self._error(HTTPStatus.UNPROCESSABLE_ENTITY, str(err))
        except (ConnectionError, TimeoutError):
            raise  # the client went away: `handle` lets it go
        except Exception as err:  # a bug: answer, log one line, keep serving
            _LOG.error("internal error while answering %s: %s: %s", path, type(err).__name__, err)
            self._error(500, f"internal error ({type(err).__name__}); please report it.")

    # -------------------------------------------------------------- upload

    def _length(self) -> int:
        if self.headers.get("Transfer-Encoding"):
            raise RequestError(
                HTTPStatus.LENGTH_REQUIRED, "send the file with a Content-Length, not chunked."
            )
        raw = self.headers.get("Content-Length")
        if raw is None:
            raise RequestError(HTTPStatus.LENGTH_REQUIRED, "send the file with a Content-Length.")
        try:
            length = int(raw)
        except ValueError:
            raise RequestError(
                HTTPStatus.BAD_REQUEST, "the Content-Length is not a number."
            ) from None
        if length < 0:
            raise RequestError(HTTPStatus.BAD_REQUEST, "the Content-Length is negative.")
        limit: int = self.server.max_bytes  # type: ignore[attr-defined]
        if length > limit:
            raise RequestError(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                f"the file is {_mb(length)}; this server reads files up to {_mb(limit)} "
                "(a feature screenplay is under 1 MB).",
            )
        return length

    def _drain(self) -> None:
        """Read and drop a refused body not read yet, so that the client sees the answer."""
        if getattr(self, "_reading", False):
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            return
        if 0 < length <= DRAIN_BYTES:
            with contextlib.suppress(RequestError):
                read_body(self.rfile, length, lambda chunk: None)

    def _upload(self) -> tuple[str, bytes]:
        length = self._length()
        self._reading = True
        content_type = self.headers.get("Content-Type", "")
        name = unquote(self.headers.get("X-Filename", ""))
        query = parse_qs(urlsplit(self.path).query).get("filename")
        if query:
            name = query[0]
        if content_type.lower().startswith("multipart/form-data"):
            form_name, body = read_multipart(self.rfile, length, content_type)
            name = form_name or name
        else:
            body = read_body(self.rfile, length)
        return safe_name(name), body


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # a full backlog drops connections: the client retries after 1 s

    def __init__(self, address: tuple[str, int], connections: int) -> None:
        self.connections = threading.BoundedSemaphore(connections)
        super().__init__(address, Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self.connections.acquire(blocking=False):  # too many open: close this one
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.connections.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        err = sys.exc_info()[1]
        if isinstance(err, (ConnectionError, TimeoutError)):
            return  # a client that went away is not an error of ours
        _LOG.error("error while answering %s: %s: %s", client_address, type(err).__name__, err)


def allowed_hosts(host: str, extra: Iterable[str] = ()) -> frozenset[str]:
    """The names a Host header may give: loopback names, the bound address, and `extra`."""
    names = set(_LOOPBACK_NAMES) | {_host_of(name) for name in extra}
    if host not in _WILDCARDS:
        names.add(_host_of(host))
    else:
        names |= {socket.gethostname().lower(), socket.getfqdn().lower()}
    return frozenset(names)


def make_server(
    host: str = "127.0.0.1",
    port: int = 8000,
    max_bytes: int = MAX_BYTES,
    log: bool = False,
    *,
    workers: int = WORKERS,
    queue: int = QUEUE,
    limits: Limits | None = None,
    allow_hosts: Iterable[str] = (),
) -> ThreadingHTTPServer:
    """A bound server, not yet serving (port 0 picks a free one: see `server_address`)."""
    server = _Server((host, port), MAX_CONNECTIONS)
    server.max_bytes = max_bytes  # type: ignore[attr-defined]
    server.log = log  # type: ignore[attr-defined]
    server.admission = _Admission(workers, queue)  # type: ignore[attr-defined]
    server.limits = limits or serve_limits()  # type: ignore[attr-defined]
    server.allowed_hosts = allowed_hosts(host, allow_hosts)  # type: ignore[attr-defined]
    server.any_address = host in _WILDCARDS  # type: ignore[attr-defined]
    warm_up()
    return server


def serve(
    host: str = "127.0.0.1", port: int = 8000, max_bytes: int = MAX_BYTES, log: bool = False
) -> None:
    """Serve until interrupted (KeyboardInterrupt propagates to the caller)."""
    with make_server(host, port, max_bytes, log) as server:
        server.serve_forever()


def serve_limits(args: argparse.Namespace | None = None) -> Limits:
    """The budget of one upload: the limits' defaults, `MEMORY_MB` a worker unless the
    environment sets the memory, then the options given."""
    base = Limits.from_env()
    if not os.environ.get(env_name("memory_mb")):
        base = replace(base, memory_mb=MEMORY_MB)
    return limits_from_args(args, base) if args is not None else base


# ------------------------------------------------------------------ CLI wiring


def add_serve_command(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``whosestory serve`` and its options to the CLI's subparsers."""
    description = "Serve a page where you drop a script and get its HTML report."
    sub: argparse.ArgumentParser = subparsers.add_parser(
        "serve", help=description, description=description
    )
    sub.add_argument("--host", default="127.0.0.1", help="address (default: 127.0.0.1)")
    sub.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    sub.add_argument(
        "--max-mb", type=float, default=MAX_BYTES / 1e6, help="upload limit in MB (default: 20)"
    )
    sub.add_argument(
        "--workers", type=int, default=WORKERS, help=f"analyses at once (default: {WORKERS})"
    )
    sub.add_argument(
        "--queue", type=int, default=QUEUE, help=f"uploads waiting their turn (default: {QUEUE})"
    )
    sub.add_argument(
        "--public",
        action="store_true",
        help="allow a --host other machines can reach (anyone there can upload files)",
    )
    sub.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="a name the Host header may give besides the address served (repeatable)",
    )
    sub.add_argument("--log", action="store_true", help="log every request on stderr")
    add_limit_options(sub, replace(Limits(), memory_mb=MEMORY_MB))
    return sub
