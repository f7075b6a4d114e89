"""A small local web service: drop a script on a page, get the HTML report.

Standard library only (`http.server.ThreadingHTTPServer`). Routes:

- ``GET /``: the upload page (`report.assets.SERVE_PAGE`, self-contained);
- ``POST /api/analyze``: the JSON view of ``whosestory analyze --format json``;
- ``POST /report``: the HTML report.

A POST body is either the raw file (its name in an ``X-Filename`` header, URL-encoded,
or a ``?filename=`` query) or ``multipart/form-data`` with a ``file`` field (and an
optional ``filename`` field). The name only chooses the reader by its extension and
names the file in messages. Uploads are read into memory, never written to disk,
and limited to `max_bytes` (413). A file whosestory cannot read gets 422 with the
library's one-sentence message; a malformed request gets 400; every error is JSON
``{"error": sentence}`` and the server keeps serving. Nothing outside this package
is ever served.
"""

from __future__ import annotations

import argparse
import email.parser
import email.policy
import json
import logging
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from whosestory.analysis import Analysis, analyze
from whosestory.build import build_story
from whosestory.errors import EmptyInputError, WhosestoryError
from whosestory.readers import get_reader, sniff_format
from whosestory.report.assets import SERVE_PAGE
from whosestory.report.html import CSP as REPORT_CSP
from whosestory.report.html import render_html
from whosestory.report.renderers import Options, render_json
from whosestory.report.view import report_view

_LOG = logging.getLogger("whosestory.serve")

MAX_BYTES = 20_000_000
"""Default upload limit: a feature screenplay is well under 1 MB, even as a PDF."""

DRAIN_BYTES = 64 * 1024 * 1024
"""An oversized body up to this size is read and dropped so the client sees the 413."""

PAGE_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
    "connect-src 'self'; img-src data:; frame-src 'self'"
)


class RequestError(Exception):
    """A request the service refuses, with its HTTP status and one sentence."""

    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status


def _mb(size: int) -> str:
    return f"{size / 1e6:.3g} MB"


def safe_name(name: str | None) -> str:
    """The base name of an uploaded file, without folders or control characters."""
    base = PurePosixPath((name or "").replace("\\", "/")).name
    base = "".join(ch for ch in base if ch.isprintable()).strip()[:200]
    return base if base not in ("", ".", "..") else "upload"


def analyze_bytes(data: bytes, filename: str) -> Analysis:
    """Read, build and analyse a script held in memory; `filename` picks the reader."""
    if not data.strip():
        raise EmptyInputError(f"{filename}: the file is empty; expected a screenplay or play.")
    script = get_reader(sniff_format(data, filename))(data, filename)
    return analyze(build_story(script))


def _multipart(content_type: str, body: bytes) -> tuple[str | None, bytes]:
    """(file name, file bytes) from a multipart/form-data body."""
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode("latin-1")
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    if not message.is_multipart():
        raise RequestError(HTTPStatus.BAD_REQUEST, "the form could not be read as multipart.")
    name: str | None = None
    data: bytes | None = None
    for part in message.iter_parts():
        field = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True) or b""
        if field == "file" or (data is None and part.get_filename()):
            data, name = payload, part.get_filename() or name
        elif field == "filename":
            name = payload.decode("utf-8", "replace").strip()
    if data is None:
        raise RequestError(HTTPStatus.BAD_REQUEST, "the form has no file field.")
    return name, data


class Handler(BaseHTTPRequestHandler):
    """GET / for the page, POST /api/analyze for JSON and POST /report for HTML."""

    server_version = "whosestory"
    timeout = 60  # a stalled client frees its thread

    def log_message(self, format: str, *args: Any) -> None:
        if getattr(self.server, "log", False):
            super().log_message(format, *args)

    # -------------------------------------------------------------- responses

    def _send(self, status: int, body: bytes, content_type: str, csp: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        if csp:
            self.send_header("Content-Security-Policy", csp)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        body = json.dumps({"error": message}, ensure_ascii=False).encode("utf-8")
        self._send(status, body, "application/json; charset=utf-8")

    # -------------------------------------------------------------- routes

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path in ("/", "/index.html"):
            limit = self.server.max_bytes  # type: ignore[attr-defined]
            page = SERVE_PAGE.replace("__MAX_BYTES__", str(limit)).replace(
                "__MAX_MB__", _mb(limit).removesuffix(" MB")
            )
            self._send(200, page.encode("utf-8"), "text/html; charset=utf-8", PAGE_CSP)
        elif path == "/favicon.ico":
            self._send(204, b"", "image/x-icon")
        else:
            self._error(404, f"nothing here: {path[:200]}; open / to upload a script.")

    do_HEAD = do_GET

    def do_POST(self) -> None:
        path = urlsplit(self.path).path
        if path not in ("/api/analyze", "/report"):
            self._error(404, f"nothing here: {path[:200]}; POST to /api/analyze or /report.")
            return
        try:
            filename, data = self._upload()
            view = report_view(analyze_bytes(data, filename))
            if path == "/report":
                html = render_html(view)
                self._send(200, html.encode("utf-8"), "text/html; charset=utf-8", REPORT_CSP)
            else:
                body = render_json(view, Options())
                self._send(200, body.encode("utf-8"), "application/json; charset=utf-8")
        except RequestError as err:
            self._error(err.status, str(err))
        except WhosestoryError as err:
            self._error(HTTPStatus.UNPROCESSABLE_ENTITY, str(err))
        except Exception as err:  # a bug: answer, log, keep serving
            _LOG.exception("internal error while answering %s", path)
            self._error(500, f"internal error ({type(err).__name__}); please report it.")

    # -------------------------------------------------------------- upload

    def _length(self) -> int:
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
            self._drain(length)
            raise RequestError(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                f"the file is {_mb(length)}; this server reads files up to {_mb(limit)} "
                "(a feature screenplay is under 1 MB).",
            )
        return length

    def _drain(self, length: int) -> None:
        """Read and drop a refused body (so the client sees the answer), then close."""
        self.close_connection = True
        if length > DRAIN_BYTES:
            return
        while length > 0:
            chunk = self.rfile.read(min(length, 1 << 16))
            if not chunk:
                break
            length -= len(chunk)

    def _upload(self) -> tuple[str, bytes]:
        length = self._length()
        body = self.rfile.read(length)
        if len(body) < length:
            raise RequestError(HTTPStatus.BAD_REQUEST, "the upload ended before its end.")
        content_type = self.headers.get("Content-Type", "")
        name = unquote(self.headers.get("X-Filename", ""))
        query = parse_qs(urlsplit(self.path).query).get("filename")
        if query:
            name = query[0]
        if content_type.lower().startswith("multipart/form-data"):
            form_name, body = _multipart(content_type, body)
            name = form_name or name
        return safe_name(name), body


def make_server(
    host: str = "127.0.0.1", port: int = 8000, max_bytes: int = MAX_BYTES, log: bool = False
) -> ThreadingHTTPServer:
    """A bound server, not yet serving (port 0 picks a free one: see `server_address`)."""
    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    server.max_bytes = max_bytes  # type: ignore[attr-defined]
    server.log = log  # type: ignore[attr-defined]
    return server


def serve(
    host: str = "127.0.0.1", port: int = 8000, max_bytes: int = MAX_BYTES, log: bool = False
) -> None:
    """Serve until interrupted (KeyboardInterrupt propagates to the caller)."""
    with make_server(host, port, max_bytes, log) as server:
        server.serve_forever()


# ------------------------------------------------------------------ CLI wiring


def add_serve_command(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``whosestory serve [--host] [--port] [--max-mb] [--log]`` to the CLI's subparsers."""
    description = "Serve a page where you drop a script and get its HTML report."
    sub: argparse.ArgumentParser = subparsers.add_parser(
        "serve", help=description, description=description
    )
    sub.add_argument("--host", default="127.0.0.1", help="address (default: 127.0.0.1)")
    sub.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    sub.add_argument(
        "--max-mb", type=float, default=MAX_BYTES / 1e6, help="upload limit in MB (default: 20)"
    )
    sub.add_argument("--log", action="store_true", help="log every request on stderr")
    return sub
