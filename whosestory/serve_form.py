"""Read an upload from a request body, streaming and bounded.

Two forms of body: the raw file, or ``multipart/form-data`` with a ``file`` field
(and an optional ``filename`` field). Multipart bodies are parsed as they arrive
by python-multipart, never held whole twice; a form may hold at most `MAX_PARTS`
parts, each with at most 8 headers of 4 KB, and no part may itself be multipart.
A body that ends before its Content-Length, or a form without its closing
boundary, is refused: a cut-off upload is never analysed as if it were whole.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import BinaryIO

from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header

MAX_PARTS = 16
"""Parts a form may have: the upload page sends one or two."""

_CHUNK = 1 << 16


class RequestError(Exception):
    """A request the service refuses, with its HTTP status and one sentence."""

    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status


def read_body(stream: BinaryIO, length: int, sink: object = None) -> bytes:
    """Exactly `length` bytes of a body in chunks (each passed to `sink(chunk)` if given)."""
    chunks: list[bytes] = []
    left = length
    while left > 0:
        chunk = stream.read(min(left, _CHUNK))
        if not chunk:
            raise RequestError(HTTPStatus.BAD_REQUEST, "the upload ended before its end.")
        left -= len(chunk)
        if sink is not None:
            sink(chunk)  # type: ignore[operator]
        else:
            chunks.append(chunk)
    return b"".join(chunks)


class _Form:
    """Callbacks for python-multipart: keeps the ``file`` and ``filename`` fields only."""

    def __init__(self) -> None:
        self.parts = 0
        self.field = b""
        self.header_name = b""
        self.header_value = b""
        self.headers: dict[bytes, bytes] = {}
        self.keep: list[bytes] | None = None
        self.file: list[bytes] | None = None
        self.file_name: str | None = None
        self.name_field: list[bytes] | None = None
        self.ended = False

    def on_part_begin(self) -> None:
        self.parts += 1
        if self.parts > MAX_PARTS:
            raise RequestError(HTTPStatus.BAD_REQUEST, f"the form has more than {MAX_PARTS} parts.")
        self.headers, self.keep = {}, None

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self.header_name += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self.header_value += data[start:end]

    def on_header_end(self) -> None:
        self.headers[self.header_name.strip().lower()] = self.header_value.strip()
        self.header_name, self.header_value = b"", b""

    def on_headers_finished(self) -> None:
        kind, _ = parse_options_header(self.headers.get(b"content-type", b""))
        if kind.startswith(b"multipart/"):
            raise RequestError(
                HTTPStatus.BAD_REQUEST,
                "the form holds a multipart part inside it; send the file as a plain part.",
            )
        _, options = parse_options_header(self.headers.get(b"content-disposition", b""))
        name = options.get(b"name", b"")
        filename = options.get(b"filename")
        if name == b"file" or (self.file is None and filename is not None):
            self.file = self.keep = []
            if filename is not None:
                self.file_name = filename.decode("utf-8", "replace")
        elif name == b"filename":
            self.name_field = self.keep = []

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        if self.keep is not None:
            self.keep.append(data[start:end])

    def on_part_end(self) -> None:
        self.keep = None

    def on_end(self) -> None:
        self.ended = True


def read_multipart(stream: BinaryIO, length: int, content_type: str) -> tuple[str | None, bytes]:
    """(file name, file bytes) of a multipart/form-data body of `length` bytes."""
    _, options = parse_options_header(content_type)
    boundary = options.get(b"boundary")
    if not boundary or len(boundary) > 200:
        raise RequestError(HTTPStatus.BAD_REQUEST, "the form has no usable boundary.")
    form = _Form()
    callbacks = {
        name: getattr(form, name)
        for name in dir(form)
        if name.startswith("on_") and callable(getattr(form, name))
    }
    parser = MultipartParser(boundary, callbacks)  # type: ignore[arg-type]
    try:
        read_body(stream, length, parser.write)
        parser.finalize()
    except MultipartParseError:
        raise RequestError(HTTPStatus.BAD_REQUEST, "the form is malformed.") from None
    if not form.ended:
        raise RequestError(
            HTTPStatus.BAD_REQUEST, "the form ended before its closing boundary (cut off?)."
        )
    if form.file is None:
        raise RequestError(HTTPStatus.BAD_REQUEST, "the form has no file field.")
    name = form.file_name
    if form.name_field:
        name = b"".join(form.name_field).decode("utf-8", "replace").strip() or name
    return name, b"".join(form.file)
