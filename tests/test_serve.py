"""`portal serve`: the preview shows the datasets and follows edits to them."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from .conftest import compose


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch_until(url: str, wanted: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    text = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                text = response.read().decode("utf-8")
            if wanted in text:
                return text
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{wanted!r} did not appear at {url} within {seconds}s")


def test_preview_rerenders_when_a_ledger_changes(workdir: Path) -> None:
    datasets = compose(workdir)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--datasets", "datasets",
         "--dev-addr", f"127.0.0.1:{port}"],
        cwd=workdir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/communities/demo/ledger/2021-01/"
        fetch_until(url, "1月保洁服务费")
        ledger = datasets / "communities/demo/ledger.csv"
        ledger.write_text(ledger.read_text(encoding="utf-8").replace(
            "1月保洁服务费", "1月保洁服务费（已核对）"), encoding="utf-8")
        fetch_until(url, "1月保洁服务费（已核对）")
    finally:
        server.terminate()
        server.wait(timeout=20)
