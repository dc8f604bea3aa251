"""Shared fixtures: the real plan, and ledgers on SQLite and on PostgreSQL.

PostgreSQL tests run against the server at 127.0.0.1:5432 (TRACKER_TEST_POSTGRES_URL
overrides it), each in a schema of its own that is dropped afterwards. Locally they are
skipped with a message when no server answers; in CI (CI=true) they fail instead.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa

from tracker import settings
from tracker.domain.access import Connection, Credential
from tracker.domain.plan import Plan, load_plan
from tracker.storage.database import Database
from tracker.storage.ledger import Ledger

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TARGETS_FILE = PROJECT_ROOT / "targets.yaml"
POSTGRES_URL = os.environ.get("TRACKER_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(autouse=True)
def settings_read_afresh() -> Iterator[None]:
    """Each test is a process of its own for the settings (read once per process): what
    it puts in the environment before the first read is what the code sees."""
    settings.current.cache_clear()
    yield
    settings.current.cache_clear()


@pytest.fixture
def command_line(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> str:
    """``python -m tracker`` as a test runs it in its own process: the real plan file, a
    fresh SQLite ledger (never data/tracker.db) and the default language, whatever the
    shell that runs the suite says. Gives the ledger's address."""
    monkeypatch.setenv("TRACKER_TARGETS", str(TARGETS_FILE))
    monkeypatch.setenv("TRACKER_DATABASE_URL", sqlite_url)
    monkeypatch.delenv("TRACKER_LANG", raising=False)
    return sqlite_url


def tracker_command(
    *argv: str,
    settings: Mapping[str, str],
    cwd: Path = PROJECT_ROOT,
    prefix: Sequence[str] = (),
    file_size_limit: int | None = None,
) -> subprocess.CompletedProcess[str]:
    """`python -m tracker argv` in a process of its own, as an operator runs it: the
    machine's environment without any TRACKER_ setting but ``settings``."""
    return python_command("-m", "tracker", *argv, settings=settings, cwd=cwd, prefix=prefix,
                          file_size_limit=file_size_limit)  # fmt: skip


def python_command(
    *argv: str,
    settings: Mapping[str, str],
    cwd: Path = PROJECT_ROOT,
    prefix: Sequence[str] = (),
    file_size_limit: int | None = None,
) -> subprocess.CompletedProcess[str]:
    """`python argv` as ``tracker_command`` runs it, started through ``prefix`` (a command
    that runs the rest, such as a mount namespace), and with ``file_size_limit`` a process
    that may write no file past that many bytes (RLIMIT_FSIZE: the system then refuses
    each write, as a full disk does). It writes no bytecode: the folders it runs in may be
    read-only, or its writes limited."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("TRACKER_")}
    env |= {**settings, "PYTHONPATH": str(PROJECT_ROOT), "PYTHONIOENCODING": "utf-8", "PYTHONDONTWRITEBYTECODE": "1"}

    def limited() -> None:
        if file_size_limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

    return subprocess.run(
        [*prefix, sys.executable, *argv],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
        preexec_fn=limited if file_size_limit is not None else None,
    )


def at_server(name: str | None = "") -> Credential:
    """What a browser on the server's own computer presents before any user exists: the
    name typed in the sidebar, and the loopback connection (address and Host) the server
    saw for its session."""
    return Credential(local_name=name, connection=Connection("127.0.0.1", "localhost:8501", "http://localhost:8501"))


@pytest.fixture(scope="session")
def plan() -> Plan:
    return load_plan(TARGETS_FILE)


def _postgres_reachable() -> str | None:
    """None when the server answers, else why not."""
    try:
        engine = sa.create_engine(POSTGRES_URL)
        with engine.connect() as connection:
            connection.execute(sa.text("select 1"))
        engine.dispose()
        return None
    except Exception as error:  # any failure to connect means "not here"
        return str(error).splitlines()[0]


@pytest.fixture(scope="session")
def postgres_available() -> None:
    problem = _postgres_reachable()
    if problem is None:
        return
    if IN_CI:
        pytest.fail(f"PostgreSQL is required in CI but {POSTGRES_URL} does not answer: {problem}")
    pytest.skip(f"PostgreSQL not reachable at {POSTGRES_URL} ({problem}); start it to run these tests")


def soffice_command() -> str:
    """LibreOffice's command, which writes .xls and .ods files. Locally, without it, the
    test is skipped with a message; in CI it fails instead: .ci/run installs it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is not None:
        return found
    message = "LibreOffice (soffice) is needed to write .xls and .ods files: apt-get install libreoffice-calc-nogui"
    if IN_CI:
        pytest.fail(f"{message}; .ci/run installs it in CI")
    pytest.skip(message)


@contextmanager
def private_schema() -> Iterator[str]:
    """A URL whose connections live in a fresh, private schema, upgraded to the head."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in POSTGRES_URL else "?"
    url = f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}"
    database = Database(url)
    database.upgrade()  # as the operator does once: `python -m tracker db upgrade`
    database.dispose()
    try:
        yield url
    finally:
        with admin.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def postgres_url(postgres_available: None) -> Iterator[str]:
    """A URL whose connections live in a fresh, private schema."""
    with private_schema() as url:
        yield url


@pytest.fixture
def second_postgres_url(postgres_available: None) -> Iterator[str]:
    """Another database on the same server: a schema of its own, beside postgres_url's."""
    with private_schema() as url:
        yield url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'tracker.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> str:
    """Each test that takes it runs once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_url")
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def ledger(database_url: str) -> Iterator[Ledger]:
    store = Ledger(database_url)
    yield store
    store.dispose()
