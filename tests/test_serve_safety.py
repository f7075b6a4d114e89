"""`whosestory serve` under hostile and unlucky requests: forms, hosts, budgets, busy, hang-ups."""

from __future__ import annotations

import json
import socket
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import serving
from test_serve import _request

from whosestory.budget import Limits
from whosestory.serve import allowed_hosts, is_loopback

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "the-keeper.fountain"
BOUNDARY = "b0undary"
FORM = {"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"}


@pytest.fixture(scope="module")
def port() -> Iterator[int]:
    with serving(max_bytes=2_000_000) as number:
        yield number


def _part(name: str, content: bytes, filename: str | None = None, kind: str = "") -> bytes:
    disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
    head = f"--{BOUNDARY}\r\nContent-Disposition: {disposition}\r\n"
    if kind:
        head += f"Content-Type: {kind}\r\n"
    return head.encode() + b"\r\n" + content + b"\r\n"


def _form(*parts: bytes, close: bool = True) -> bytes:
    return b"".join(parts) + (f"--{BOUNDARY}--\r\n".encode() if close else b"")


def _error(body: bytes) -> str:
    message: str = json.loads(body)["error"]
    assert "\n" not in message and "Traceback" not in message
    return message


def test_a_nested_multipart_body_is_a_400_not_a_500(port: int) -> None:
    inner = b'--in\r\nContent-Disposition: form-data; name="x"\r\n\r\n1\r\n--in--\r\n'
    body = _form(_part("file", inner, "a.fountain", "multipart/mixed; boundary=in"))
    status, _, answer = _request(port, "POST", "/api/analyze", body, FORM)
    assert status == 400 and "multipart part inside" in _error(answer)


def nested_form(depth: int) -> bytes:
    """A form whose file part is a multipart body nested `depth` deep."""
    body = b'--in%d\r\nContent-Disposition: form-data; name="x"\r\n\r\n1\r\n--in%d--\r\n' % (
        depth,
        depth,
    )
    for level in range(depth - 1, 0, -1):
        head = b"--in%d\r\nContent-Type: multipart/mixed; boundary=in%d\r\n\r\n" % (
            level,
            level + 1,
        )
        body = head + body + b"\r\n--in%d--\r\n" % level
    return _form(_part("file", body, "a.fountain", "multipart/mixed; boundary=in1"))


def test_a_multipart_body_nested_1200_deep_is_a_400(port: int) -> None:
    status, _, answer = _request(port, "POST", "/api/analyze", nested_form(1200), FORM)
    assert status == 400 and "multipart part inside" in _error(answer)


def test_a_cut_off_form_is_refused_not_analysed(port: int) -> None:
    body = _form(_part("file", EXAMPLE.read_bytes(), "k.fountain"), close=False)
    status, _, answer = _request(port, "POST", "/api/analyze", body, FORM)
    assert status == 400 and "closing boundary" in _error(answer)


def test_a_form_of_many_parts_is_refused_quickly(port: int) -> None:
    body = _form(*(_part(f"f{i}", b"x") for i in range(20_000)))
    start = time.monotonic()
    status, _, answer = _request(port, "POST", "/api/analyze", body, FORM)
    assert status == 400 and "more than 16 parts" in _error(answer)
    assert time.monotonic() - start < 10


def test_a_malformed_form_is_a_400(port: int) -> None:
    status, _, answer = _request(port, "POST", "/api/analyze", b"garbage" * 10, FORM)
    assert status == 400 and _error(answer)
    headers = {"Content-Type": "multipart/form-data"}
    status, _, answer = _request(port, "POST", "/api/analyze", b"x", headers)
    assert status == 400 and "boundary" in _error(answer)


def test_a_body_shorter_than_its_length_is_refused(port: int) -> None:
    with socket.create_connection(("127.0.0.1", port), timeout=30) as raw:
        raw.sendall(
            b"POST /api/analyze HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5000\r\n"
            b"X-Filename: a.fountain\r\n\r\nINT. ROOM - DAY\n"
        )
        raw.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := raw.recv(65536):  # the server closes after answering
            answer += chunk
    assert answer.startswith(b"HTTP/1.0 400") or answer.startswith(b"HTTP/1.1 400")
    assert b"ended before its end" in answer


def test_a_non_script_upload_gets_a_clear_message(port: int) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
    status, _, answer = _request(port, "POST", "/api/analyze", png, {"X-Filename": "cat.png"})
    assert status == 422 and _error(answer).startswith("cat.png")
    prose = b"It was a bright cold day in April, and the clocks were striking thirteen.\n" * 40
    status, _, answer = _request(port, "POST", "/api/analyze", prose, {"X-Filename": "essay.txt"})
    assert status == 422 and _error(answer).startswith("essay.txt")


def test_a_browser_form_post_gets_the_page_with_the_sentence(port: int) -> None:
    body = _form(_part("file", b"\x00\x01junk" * 50, "junk.pdf"))
    headers = {**FORM, "Accept": "text/html,application/xhtml+xml"}
    status, head, answer = _request(port, "POST", "/report", body, headers)
    page = answer.decode("utf-8")
    assert status == 422 and head["Content-Type"].startswith("text/html")
    assert "junk.pdf" in page and 'type="file"' in page


def test_over_a_budget_is_a_413_naming_the_limit() -> None:
    scenes = "".join(f"INT. ROOM {i} - DAY\n\nANNA\nHi.\n\n" for i in range(60)).encode()
    with serving(limits=Limits(scenes=50)) as port:
        status, _, answer = _request(port, "POST", "/api/analyze", scenes, {"X-Filename": "a.txt"})
    assert status == 413 and "--limit-scenes" in _error(answer)


def test_the_host_header_must_name_this_server(port: int) -> None:
    status, _, answer = _request(port, "GET", "/", headers={"Host": "attacker.example"})
    assert status == 421 and "attacker.example" in _error(answer)
    for host in (f"localhost:{port}", f"127.0.0.1:{port}"):
        assert _request(port, "GET", "/", headers={"Host": host})[0] == 200


def test_allowed_hosts_and_loopback() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")
    assert "scripts.lan" in allowed_hosts("0.0.0.0", ["scripts.lan:8000"])
    assert "10.0.0.2" in allowed_hosts("10.0.0.2") and "evil" not in allowed_hosts("10.0.0.2")


def test_a_full_server_answers_busy_and_keeps_serving() -> None:
    answers: list[int] = []
    data = EXAMPLE.read_bytes()

    def upload(port: int) -> None:
        headers = {"X-Filename": "k.fountain"}
        answers.append(_request(port, "POST", "/api/analyze", data, headers)[0])

    with serving(workers=1, queue=0) as port:
        server_busy = [threading.Thread(target=upload, args=(port,)) for _ in range(6)]
        for thread in server_busy:
            thread.start()
        for thread in server_busy:
            thread.join(120)
        assert _request(port, "GET", "/")[0] == 200
    assert 200 in answers and 503 in answers and set(answers) <= {200, 503}


def test_clients_that_hang_up_leave_no_traceback(tmp_path: Path) -> None:
    script = (
        "import sys\nfrom whosestory.cli import main\n"
        "sys.exit(main(['serve', '--port', sys.argv[1]]))\n"
    )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-c", script, str(free)],
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        _wait_for(free)
        for _ in range(20):
            with socket.create_connection(("127.0.0.1", free), timeout=10) as raw:
                raw.sendall(
                    b"POST /api/analyze HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    b"Content-Length: 100000\r\nX-Filename: a.fountain\r\n\r\nINT."
                )
            with socket.create_connection(("127.0.0.1", free), timeout=10) as raw:
                raw.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                raw.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        assert _request(free, "GET", "/")[0] == 200
    finally:
        server.terminate()
        _, err = server.communicate(timeout=30)
    assert "Traceback" not in err


def test_a_public_address_needs_the_flag(capsys: pytest.CaptureFixture[str]) -> None:
    from whosestory.cli import main

    assert main(["serve", "--host", "0.0.0.0", "--port", "0"]) == 2
    err = capsys.readouterr().err
    assert "--public" in err and err.count("\n") == 1


def _wait_for(port: int) -> None:
    for _ in range(200):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    raise AssertionError("the server did not start")
