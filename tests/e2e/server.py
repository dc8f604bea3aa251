"""Start `streamlit run dashboard.py` on a free port with its own database and plan file,
as Streamlit's own end-to-end tests do; wait for /_stcore/health; stop it afterwards."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("TRACKER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_healthy(url: str, process: subprocess.Popen[bytes], log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"streamlit did not answer within {seconds} s:\n{log.read_text(errors='replace')}")


@contextmanager
def dashboard_process(
    workdir: Path,
    database_url: str,
    targets: Path | None = None,
    address: str = "127.0.0.1",
    options: Sequence[str] = (),
) -> Iterator[tuple[str, int]]:
    """`streamlit run dashboard.py` on a free port, healthy: its base URL and process id.
    ``address`` "0.0.0.0" serves it to the network as well, as an office would;
    ``options`` are more of Streamlit's command-line options (--server.allowedHosts ...)."""
    workdir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = {**os.environ, "TRACKER_DATABASE_URL": database_url}
    env.pop("TRACKER_TARGETS", None)
    if targets is not None:
        env["TRACKER_TARGETS"] = str(targets)
    log = workdir / "streamlit.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "dashboard.py",
                "--server.port",
                str(port),
                "--server.address",
                address,
                "--server.headless",
                "true",
                *options,
            ],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process, log)
        yield url, process.pid
    finally:
        stop(process)


def stop(process: subprocess.Popen[bytes]) -> None:
    """A server asked to stop, and killed if it has not within ten seconds."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def running_dashboard(workdir: Path, database_url: str | None = None) -> Iterator[str]:
    """The dashboard's base URL, served from a copy of targets.yaml and a fresh database."""
    workdir.mkdir(parents=True, exist_ok=True)
    targets = workdir / "targets.yaml"
    shutil.copy(PROJECT_ROOT / "targets.yaml", targets)
    with dashboard_process(workdir, database_url or f"sqlite:///{workdir / 'tracker.db'}", targets) as (url, _):
        yield url
