"""`whosestory serve`: the upload page, the JSON and HTML endpoints, limits and bad input."""

from __future__ import annotations

import http.client
import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import serving

from whosestory.serve import safe_name

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "the-keeper.fountain"
LIMIT = 300_000


@pytest.fixture(scope="module")
def port() -> Iterator[int]:
    with serving(max_bytes=LIMIT) as number:
        yield number


def _request(
    port: int, method: str, path: str, body: bytes | None = None, headers: dict | None = None
) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def _upload(port: int, path: str, data: bytes, name: str) -> tuple[int, dict[str, str], bytes]:
    return _request(port, "POST", path, data, {"X-Filename": name})


def test_page_is_self_contained(port: int) -> None:
    status, headers, body = _request(port, "GET", "/")
    page = body.decode("utf-8")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert 'type="file"' in page and "__MAX" not in page
    assert "src=" not in page.replace("srcdoc", "") and "<link" not in page


@pytest.mark.parametrize(
    "path", ["/../whosestory/serve.py", "/etc/passwd", "/whosestory/__init__.py", "/%2e%2e/"]
)
def test_nothing_else_is_served(port: int, path: str) -> None:
    status, _, body = _request(port, "GET", path)
    assert status == 404
    assert b"import" not in body


def test_analyze_returns_the_json_view(port: int) -> None:
    status, headers, body = _upload(
        port, "/api/analyze", EXAMPLE.read_bytes(), "the-keeper.fountain"
    )
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    view = json.loads(body)
    assert view["title"] == "The Keeper" and view["source"] == "the-keeper.fountain"
    assert view["roles"]["spotlight"]["character"]


def test_multipart_upload(port: int) -> None:
    boundary = uuid.uuid4().hex
    body = (
        (
            f"--{boundary}\r\n"
            'Content-Disposition: form-data; name="file"; filename="k.fountain"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + EXAMPLE.read_bytes()
        + f"\r\n--{boundary}--\r\n".encode()
    )
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    status, _, answer = _request(port, "POST", "/api/analyze", body, headers)
    assert status == 200 and json.loads(answer)["source"] == "k.fountain"
    empty = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="x"\r\n\r\n1\r\n--{boundary}--\r\n'
    )
    status, _, answer = _request(port, "POST", "/api/analyze", empty.encode(), headers)
    assert status == 400 and "no file" in json.loads(answer)["error"]


def test_report_returns_html(port: int) -> None:
    status, headers, body = _upload(port, "/report", EXAMPLE.read_bytes(), "the-keeper.fountain")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert b'class="chart timeline"' in body


def test_unreadable_file_gets_the_sentence_and_the_server_stays_up(port: int) -> None:
    status, _, body = _upload(port, "/report", b"\x00\x01\x02\xff" * 100, "junk.pdf")
    assert status == 422
    message = json.loads(body)["error"]
    assert message.startswith("junk.pdf") and "\n" not in message
    status, _, body = _upload(port, "/api/analyze", b"  \n ", "empty.fountain")
    assert status == 422 and "empty" in json.loads(body)["error"]
    assert _request(port, "GET", "/")[0] == 200


def test_upload_limit(port: int) -> None:
    status, _, body = _upload(port, "/report", b"x" * (LIMIT + 1), "big.txt")
    assert status == 413
    assert "0.3 MB" in json.loads(body)["error"]
    assert _request(port, "GET", "/")[0] == 200


def test_missing_length_and_unknown_route(port: int) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.putrequest("POST", "/api/analyze")
    connection.endheaders()
    response = connection.getresponse()
    assert response.status == 411
    connection.close()
    assert _request(port, "POST", "/upload", b"x", {})[0] == 404


def test_filename_cannot_name_a_path() -> None:
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("C:\\scripts\\a.fdx") == "a.fdx"
    assert safe_name("..") == "upload" and safe_name(None) == "upload"
    assert safe_name("a\x00b\nc.fountain") == "abc.fountain"


def test_the_json_equals_analyze_format_json(
    port: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from whosestory.cli import main

    monkeypatch.chdir(EXAMPLE.parent)
    out = tmp_path / "cli.json"
    assert main(["analyze", EXAMPLE.name, "--format", "json", "-o", str(out)]) == 0
    _, _, body = _upload(port, "/api/analyze", EXAMPLE.read_bytes(), EXAMPLE.name)
    assert body == out.read_bytes()
