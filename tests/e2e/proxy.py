"""nginx in front of app servers, as docs/deploy.md sets it up: the repository's own
config file (docs/deploy/tracker-nginx.conf) with only its ports, certificate and log moved
into a test's folder, a certificate made with openssl for the office's host name, and
Chromium that finds that name on this computer and trusts that certificate alone."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shlex
import socket
import subprocess
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from tests.e2e.server import PROJECT_ROOT, free_port, stop

NGINX = os.environ.get("TRACKER_NGINX", "/usr/sbin/nginx")
CONFIG = PROJECT_ROOT / "docs" / "deploy" / "tracker-nginx.conf"
UNIT = PROJECT_ROOT / "docs" / "deploy" / "tracker@.service"
HOST = "tracker.office.local"  # the office's host name in the config file


def certificate(folder: Path, host: str = HOST) -> tuple[Path, Path, str]:
    """A self-signed certificate for ``host``: its file, its key's file, and the base64
    SHA-256 of its public key (what Chromium's --ignore-certificate-errors-spki-list takes)."""
    crt, key = folder / "tracker.crt", folder / "tracker.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", f"/CN={host}",
         "-addext", f"subjectAltName=DNS:{host}", "-keyout", str(key), "-out", str(crt)],
        check=True, capture_output=True,
    )  # fmt: skip
    public = subprocess.run(
        ["openssl", "x509", "-in", str(crt), "-pubkey", "-noout"], check=True, capture_output=True
    ).stdout
    der = subprocess.run(
        ["openssl", "pkey", "-pubin", "-outform", "der"], input=public, check=True, capture_output=True
    )
    return crt, key, base64.b64encode(hashlib.sha256(der.stdout).digest()).decode("ascii")


def unit_options() -> list[str]:
    """Streamlit's options in the systemd unit's ExecStart (docs/deploy/tracker@.service),
    but its port, which is the test's: the app servers run as the unit would run them."""
    text = UNIT.read_text(encoding="utf-8").replace("\\\n", " ")
    [command] = [line.split("=", 1)[1] for line in text.splitlines() if line.startswith("ExecStart=")]
    words = shlex.split(command)
    options = words[words.index("dashboard.py") + 1 :]
    port = options.index("--server.port")
    assert options[port + 1] == "%i", options
    return options[:port] + options[port + 2 :]


def _moved(text: str, old: str, new: str) -> str:
    """``old`` replaced by ``new``, where the config file has it exactly once: a config
    changed so that the test no longer starts what it documents fails here."""
    found = len(re.findall(re.escape(old), text))
    if found != 1:
        raise AssertionError(f"{CONFIG} must hold {old!r} once, holds it {found} times")
    return text.replace(old, new)


def config_for(folder: Path, https_port: int, http_port: int, apps: Sequence[int], crt: Path, key: Path) -> Path:
    """The repository's config with its listening ports, app ports, certificate and log in
    ``folder``, and around it the least main config nginx needs to run from there."""
    text = CONFIG.read_text(encoding="utf-8")
    text = _moved(text, "listen 443 ssl;", f"listen 127.0.0.1:{https_port} ssl;")
    text = _moved(text, "listen 80;", f"listen 127.0.0.1:{http_port};")
    for default, port in zip((8501, 8502), apps, strict=True):
        text = _moved(text, f"server 127.0.0.1:{default} ", f"server 127.0.0.1:{port} ")
    text = _moved(text, "/etc/ssl/tracker/tracker.crt", str(crt))
    text = _moved(text, "/etc/ssl/tracker/tracker.key", str(key))
    text = _moved(text, "/var/log/nginx/tracker.access.log", str(folder / "access.log"))
    (folder / "tracker.conf").write_text(text, encoding="utf-8")
    kinds = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    temp = "\n".join(f"    {kind}_temp_path {folder / kind};" for kind in kinds)
    main = folder / "nginx.conf"
    main.write_text(
        ("user root;\n" if os.geteuid() == 0 else "")  # workers that may read the test's folder
        + f"pid {folder / 'nginx.pid'};\nerror_log {folder / 'error.log'};\nevents {{}}\n"
        + f"http {{\n{temp}\n    access_log off;\n    include {folder / 'tracker.conf'};\n}}\n",
        encoding="utf-8",
    )
    return main


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


@contextmanager
def running_nginx(folder: Path, apps: Sequence[int], crt: Path, key: Path) -> Iterator[int]:
    """nginx in front of the app servers on ``apps``: its HTTPS port."""
    folder.mkdir(parents=True, exist_ok=True)
    https_port, http_port = free_port(), free_port()
    main = config_for(folder, https_port, http_port, apps, crt, key)
    checked = subprocess.run([NGINX, "-t", "-p", str(folder), "-c", str(main)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    log = (folder / "nginx.out").open("wb")
    process = subprocess.Popen(
        [NGINX, "-p", str(folder), "-c", str(main), "-g", "daemon off;"], stdout=log, stderr=subprocess.STDOUT
    )
    try:
        deadline = time.monotonic() + 30
        while not _listening(https_port):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"nginx did not start:\n{(folder / 'error.log').read_text(errors='replace')}")
            time.sleep(0.1)
        yield https_port
    finally:
        stop(process)
        log.close()


def served_by(folder: Path, route: str) -> set[str]:
    """The app servers (host:port) that nginx's access log says served this route's requests."""
    log = folder / "access.log"
    if not log.exists():
        return set()
    return {
        match.group(1)
        for line in log.read_text(encoding="utf-8", errors="replace").splitlines()
        if f" route={route} " in line
        for match in [re.search(r" upstream=(\S+)$", line)]
        if match is not None and match.group(1) != "-"
    }
