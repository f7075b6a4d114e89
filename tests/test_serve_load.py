"""`whosestory serve` under load (issue 16): 16 concurrent 17 MB uploads on loopback. The server,
its fork server and workers together stay under 1.5 GB (proportional set size, so that
pages the processes share count once), and ``GET /`` keeps answering within 100 ms (19 times
in 20, and never beyond a second, on a machine other jobs share).

Bounded in count (16 uploads) and time (each analysis at most 20 s, two at once, two more
waiting, the rest turned away busy)."""

from __future__ import annotations

import http.client
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import hostile
import pytest

psutil = pytest.importorskip("psutil")

ROOT = Path(__file__).resolve().parent.parent
UPLOADS = 16
BUDGET_MB = 1500
LATENCY_S = 0.1


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _tree_pss_mb(process: psutil.Process) -> float:
    total = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            total += member.memory_full_info().pss
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return total / 1e6


def _get_seconds(port: int) -> float:
    start = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", "/")
        response = connection.getresponse()
        response.read()
        assert response.status == 200
    finally:
        connection.close()
    return time.monotonic() - start


def upload_body(script: bytes, filename: str = "big.fdx") -> tuple[bytes, str]:
    """A multipart form holding `script` as its one file, and the form's boundary."""
    boundary = uuid.uuid4().hex
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()
    return head + script + f"\r\n--{boundary}--\r\n".encode(), boundary


def wait_for_server(port: int, tries: int = 200) -> None:
    """Wait (up to `tries` x 0.05 s) until the server on `port` answers ``GET /``."""
    for _ in range(tries):
        try:
            _get_seconds(port)
            return
        except OSError:
            time.sleep(0.05)


def _upload(port: int, body: bytes, boundary: str, statuses: list[int]) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        connection.request("POST", "/api/analyze", body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        statuses.append(response.status)
    except OSError:
        statuses.append(0)
    finally:
        connection.close()


@pytest.mark.hostile
def test_sixteen_big_uploads_stay_under_budget_and_the_page_keeps_answering() -> None:
    body, boundary = upload_body(hostile.fdx_giant(17_000_000))
    port = _free_port()
    command = [
        sys.executable,
        "-c",
        "import sys\nfrom whosestory.cli import main\nsys.exit(main(sys.argv[1:]))\n",
        "serve",
        "--port",
        str(port),
        "--workers",
        "2",
        "--queue",
        "2",
        "--limit-seconds",
        "20",
    ]
    server = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    try:
        wait_for_server(port)
        watched = psutil.Process(server.pid)
        statuses: list[int] = []
        clients = [
            threading.Thread(target=_upload, args=(port, body, boundary, statuses))
            for _ in range(UPLOADS)
        ]
        for client in clients:
            client.start()
        peak = 0.0
        latencies: list[float] = []
        while any(client.is_alive() for client in clients):
            peak = max(peak, _tree_pss_mb(watched))
            latencies.append(_get_seconds(port))
            time.sleep(0.2)
        for client in clients:
            client.join()
    finally:
        server.terminate()
        _, err = server.communicate(timeout=30)
    assert len(statuses) == UPLOADS and set(statuses) <= {200, 413, 503}, statuses
    assert statuses.count(503) >= UPLOADS - 4  # two analysed at once, two waiting
    assert peak < BUDGET_MB, f"{peak:.0f} MB"
    slowest = max(latencies)
    latencies.sort()
    print(
        f"peak {peak:.0f} MB; GET / {len(latencies)} times, median "
        f"{latencies[len(latencies) // 2] * 1000:.0f} ms, slowest {slowest * 1000:.0f} ms; "
        f"statuses {sorted(statuses)}"
    )
    # 19 in 20 within 100 ms, and none stalled: on a shared machine another process's burst
    # can hold a single request back; the server itself must never make one wait
    assert latencies[int(len(latencies) * 0.95)] < LATENCY_S, latencies[-10:]
    assert slowest < 10 * LATENCY_S, f"GET / took {slowest * 1000:.0f} ms"
    assert "Traceback" not in err
