"""Build the databases earlier releases wrote, for the upgrade test (see README.md here).

For each release, its commit is checked out into a temporary git worktree and
seed_release.py runs there in a process of its own (PYTHONPATH and cwd = the worktree), so
that the rows are written by that release's own ``tracker`` package: once into a fresh
SQLite file, once into a fresh PostgreSQL schema. Written into ``<label>/``:

- tracker.db        the SQLite file, checkpointed into one file (no -wal/-shm);
- postgresql.sql    pg_dump of the schema, its name replaced by __SCHEMA__, no CREATE SCHEMA;
- expected.json     what both databases hold, read back with plain SQL.

Run from the repository root, with the virtualenv active, naming the releases to build:

    python tests/storage/releases/make_release_databases.py release-6284531

A folder that already holds an expected.json is evidence and is never written again,
unless --replace says so; --into DIR writes the folders under DIR instead (to check, in a
scratch folder, that the script still builds what a kept folder holds). Never rerun it to
"refresh" the files with newer code: it always builds from the fixed commits below, which
is the point. Needs git, pg_dump, psql and the PostgreSQL server (TRACKER_TEST_POSTGRES_URL,
as in tests/conftest.py, overrides the default URL).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import URL, make_url

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
SEED_PROGRAM = HERE / "seed_release.py"
POSTGRES_URL = os.environ.get("TRACKER_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
PLACEHOLDER = "__SCHEMA__"


@dataclass(frozen=True)
class Release:
    commit: str
    label: str
    about: str


RELEASES = (
    Release("9074334", "release-9074334", "the first release in use"),
    Release("0f33ca4", "release-0f33ca4", "the last release before the schema was put under Alembic"),
    Release("6284531", "release-6284531", "the release just before plans over several years"),
    Release("5153fb5", "release-5153fb5", "the release just before district reports by spreadsheet"),
    Release("612f78c", "release-612f78c", "the release just before each person's language is kept"),
    Release("f7141e7", "release-f7141e7", "the release just before the reporting cycle"),
    Release("f4902e6", "release-f4902e6", "the release just before the sums and levels kept per day"),
    Release("64033db", "release-64033db", "the release just before the entries' index by place"),
)

# One set of plain SQL statements read on both databases, so that what SQLite and
# PostgreSQL hold can be compared value by value. Booleans go through CASE (SQLite keeps
# 0/1) and JSON through CAST (the drivers would otherwise parse it differently).
_FLAG = "CASE WHEN {0} THEN 1 ELSE 0 END"
_JSON = "CAST({0} AS TEXT)"
ROW_QUERIES: dict[str, tuple[str, Sequence[str]]] = {
    "entries": (
        "SELECT id, target_id, ref_date, quantity_milli, district, village, note, kind, entered_by, version, "
        f"{_FLAG.format('deleted')} FROM entries ORDER BY id",
        (
            "id",
            "target_id",
            "ref_date",
            "quantity_milli",
            "district",
            "village",
            "note",
            "kind",
            "entered_by",
            "version",
            "deleted",
        ),
    ),
    "entry_changes": (
        "SELECT id, entry_id, target_id, version, action, reverts_change_id, changed_by, "
        f"{_JSON.format('before')}, {_JSON.format('after')} FROM entry_changes ORDER BY id",
        ("id", "entry_id", "target_id", "version", "action", "reverts_change_id", "changed_by", "before", "after"),
    ),
    "task_state": (
        "SELECT task_id, status, version, updated_by FROM task_state ORDER BY task_id",
        ("task_id", "status", "version", "updated_by"),
    ),
    "task_notes": (
        f"SELECT id, task_id, note_date, text, created_by, {_FLAG.format('withdrawn')} FROM task_notes ORDER BY id",
        ("id", "task_id", "note_date", "text", "created_by", "withdrawn"),
    ),
    "task_changes": (
        "SELECT id, task_id, version, action, note_id, note_date, reverts_change_id, changed_by, "
        f"{_JSON.format('before')}, {_JSON.format('after')} FROM task_changes ORDER BY id",
        (
            "id",
            "task_id",
            "version",
            "action",
            "note_id",
            "note_date",
            "reverts_change_id",
            "changed_by",
            "before",
            "after",
        ),
    ),
    "users": (
        "SELECT username, display_name, role FROM users ORDER BY username",
        ("username", "display_name", "role"),
    ),
    "sign_in_attempts": (
        "SELECT username, failures FROM sign_in_attempts ORDER BY username",
        ("username", "failures"),
    ),
}
JSON_FIELDS = {"before", "after"}
FLAG_FIELDS = {"deleted", "withdrawn"}
LIVE_SUMS = "SELECT target_id, SUM(quantity_milli) FROM entries WHERE NOT deleted GROUP BY target_id ORDER BY target_id"

Rows = Callable[[str], list[tuple[Any, ...]]]


def main(argv: Sequence[str] | None = None) -> None:
    known = {release.label: release for release in RELEASES}
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("labels", nargs="+", metavar="RELEASE", choices=sorted(known), help="the folders to build")
    parser.add_argument("--into", type=Path, default=HERE, help="write the folders under this one (default: here)")
    parser.add_argument(
        "--replace", action="store_true", help="overwrite a folder that already holds a release's files"
    )
    args = parser.parse_args(argv)
    chosen = [known[label] for label in dict.fromkeys(args.labels)]  # once each, in the order given
    into: Path = args.into.resolve()
    kept = [release.label for release in chosen if (into / release.label / "expected.json").exists()]
    if kept and not args.replace:  # refused before anything is built
        parser.error(f"{', '.join(kept)} already built in {into}: those files are evidence (see README.md)")
    for release in chosen:
        build(release, into / release.label)


def build(release: Release, out: Path) -> None:
    commit = git("rev-parse", "--verify", f"{release.commit}^{{commit}}")
    with tempfile.TemporaryDirectory(prefix=f"tracker-{release.label}-") as scratch_dir:
        scratch = Path(scratch_dir)
        sqlite_file = scratch / "tracker.db"
        with worktree(commit, scratch / "worktree") as tree:
            print(f"{release.label}: seeding SQLite with {commit[:7]}'s own code", flush=True)
            on_sqlite = seed(tree, f"sqlite:///{sqlite_file}", scratch / "sqlite.json")
            print(f"{release.label}: seeding PostgreSQL with {commit[:7]}'s own code", flush=True)
            with fresh_schema(f"release_{release.commit}") as schema:
                on_postgres = seed(tree, schema_url(schema), scratch / "postgresql.json")
                dump = portable_dump(pg_dump(schema), schema, release, commit)
                with postgres_reader(schema) as rows:
                    from_postgres = snapshot(rows, POSTGRES_TABLES)
        copies = sorted(p.name for p in scratch.glob(f"{sqlite_file.name}.*"))
        if copies:  # a release that upgrades its file saves a copy first: a fresh file must need none
            raise SystemExit(f"{release.label}: the release left {copies} beside the SQLite file")
        single_file(sqlite_file)
        with sqlite_reader(sqlite_file) as rows:
            from_sqlite = snapshot(rows, SQLITE_TABLES)
        same("SQLite and PostgreSQL rows", from_sqlite, from_postgres)
        same("achieved figures on SQLite and PostgreSQL", on_sqlite["achieved"], on_postgres["achieved"])
        for seeded, held in ((on_sqlite, from_sqlite), (on_postgres, from_postgres)):
            revision = seeded.get("schema_revision")  # what the release's own code says it is at
            same(
                "the schema revision the release reported and alembic_version",
                held.get("alembic_version"),
                None if revision is None else [revision],
            )
        # Loaded back exactly as the upgrade test will load it, before it is kept.
        with fresh_schema("release_check") as schema:
            load_dump(dump, schema)
            with postgres_reader(schema) as rows:
                same("the reloaded dump", from_sqlite, snapshot(rows, POSTGRES_TABLES))

        out.mkdir(parents=True, exist_ok=True)
        for leftover in ("tracker.db-wal", "tracker.db-shm", "tracker.db-journal"):
            (out / leftover).unlink(missing_ok=True)
        shutil.copyfile(sqlite_file, out / "tracker.db")
    (out / "postgresql.sql").write_text(dump, encoding="utf-8")
    expected = {
        "release": release.label,
        "commit": commit,
        "about": release.about,
        "made_by": str(Path(__file__).resolve().relative_to(REPO)),
        "not_recorded": "timestamps (the time of the run), password hashes and session token hashes differ "
        "between the two databases and between runs",
        **from_sqlite,
        "achieved_2017_12_31": on_sqlite["achieved"],
    }
    (out / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    shown = out.relative_to(REPO) if out.is_relative_to(REPO) else out
    print(f"{release.label}: written to {shown}/", flush=True)


# --- the old release at work --------------------------------------------------------


def git(*args: str) -> str:
    done = subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True, check=True)
    return done.stdout.strip()


@contextmanager
def worktree(commit: str, path: Path) -> Iterator[Path]:
    """The release's files, apart from the working copy (which others may be changing)."""
    git("worktree", "add", "--detach", str(path), commit)
    try:
        yield path
    finally:
        git("worktree", "remove", "--force", str(path))


def seed(tree: Path, url: str, result_file: Path) -> dict[str, Any]:
    """Run seed_release.py on ``url`` with the release's package first on the path."""
    # No TRACKER_ setting of this machine may reach the old code (a database URL, a pause).
    env = {key: value for key, value in os.environ.items() if not key.startswith("TRACKER_")}
    env |= {"PYTHONPATH": str(tree), "PYTHONIOENCODING": "utf-8", "PYTHONDONTWRITEBYTECODE": "1"}
    subprocess.run([sys.executable, str(SEED_PROGRAM), str(tree), url, str(result_file)], cwd=tree, env=env, check=True)
    result: dict[str, Any] = json.loads(result_file.read_text(encoding="utf-8"))
    return result


# --- SQLite ---------------------------------------------------------------------------


def single_file(path: Path) -> None:
    """Fold the WAL the release used into the file and leave WAL mode, so one file is the database."""
    connection = sqlite3.connect(path)
    try:
        busy, _, _ = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        mode = connection.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
    finally:
        connection.close()
    if busy or mode != "delete":
        raise SystemExit(f"{path}: checkpoint busy={busy}, journal mode {mode}")
    leftovers = [p.name for p in path.parent.glob(path.name + "-*")]
    if leftovers:
        raise SystemExit(f"{path}: still has {leftovers}")


@contextmanager
def sqlite_reader(path: Path) -> Iterator[Rows]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)  # reading must not touch the file
    try:
        yield lambda query: connection.execute(query).fetchall()
    finally:
        connection.close()


# --- PostgreSQL -----------------------------------------------------------------------


def schema_url(schema: str) -> str:
    separator = "&" if "?" in POSTGRES_URL else "?"
    return f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}"


@contextmanager
def fresh_schema(prefix: str) -> Iterator[str]:
    """A new, empty schema (a random suffix: runs never meet), dropped afterwards."""
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    engine = sa.create_engine(POSTGRES_URL)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql(f'CREATE SCHEMA "{name}"')
        try:
            yield name
        finally:
            with engine.begin() as connection:
                connection.exec_driver_sql(f'DROP SCHEMA "{name}" CASCADE')
    finally:
        engine.dispose()


@contextmanager
def postgres_reader(schema: str) -> Iterator[Rows]:
    engine = sa.create_engine(schema_url(schema))
    try:
        with engine.connect() as connection:
            yield lambda query: [tuple(row) for row in connection.exec_driver_sql(query)]
    finally:
        engine.dispose()


def client_args() -> tuple[list[str], dict[str, str]]:
    """pg_dump's and psql's connection options, and their environment, from POSTGRES_URL."""
    url: URL = make_url(POSTGRES_URL)
    args = ["-h", url.host or "127.0.0.1", "-p", str(url.port or 5432), "-U", url.username or "postgres"]
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return [*args, "-d", url.database or "postgres"], env


def pg_dump(schema: str) -> str:
    args, env = client_args()
    # INSERTs rather than COPY: the file can then also be executed through a driver, not only by psql.
    command = ["pg_dump", *args, "--no-owner", "--no-privileges", "--column-inserts", f"--schema={schema}"]
    return subprocess.run(command, env=env, capture_output=True, text=True, encoding="utf-8", check=True).stdout


def portable_dump(dump: str, schema: str, release: Release, commit: str) -> str:
    """The dump with the schema's name as __SCHEMA__, for the test to load into any schema it creates.

    The CREATE SCHEMA statement goes (the test creates the schema first, as tests/conftest.py
    does), and so do psql's \\restrict/\\unrestrict lines (pg_dump 15.14 and later), the only
    lines a driver could not execute."""
    created = re.compile(
        rf"--\n-- Name: {schema}; Type: SCHEMA; Schema: -; Owner: -\n--\n\nCREATE SCHEMA {schema};\n\n*"
    )
    body, found = created.subn("", dump)
    body = "".join(
        line for line in body.splitlines(keepends=True) if not line.startswith(("\\restrict", "\\unrestrict"))
    )
    if found != 1 or "CREATE SCHEMA" in body or re.search(r"^\\", body, re.MULTILINE):
        raise SystemExit("pg_dump's output is not what this script expects: look at it before keeping it")
    header = f"""\
-- The tables and rows release {release.label} (commit {commit}) of the tracker wrote on PostgreSQL.
-- Made by tests/storage/releases/make_release_databases.py from that commit's own code: never regenerate
-- it with newer code. To load it into a schema NAME (lower-case letters, digits, underscores):
--   1. CREATE SCHEMA NAME;  (this file does not create it)
--   2. replace every {PLACEHOLDER} in this text with NAME;
--   3. psql -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres -d test -f FILE
--      or execute the whole text at once on one connection (no parameters), then discard that
--      connection: the text sets search_path to '' for the rest of its session.
"""
    return header + body.replace(schema, PLACEHOLDER)


def load_dump(dump: str, schema: str) -> None:
    args, env = client_args()
    with tempfile.NamedTemporaryFile("w", suffix=".sql", encoding="utf-8") as file:
        file.write(dump.replace(PLACEHOLDER, schema))
        file.flush()
        command = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", *args, "-f", file.name]
        subprocess.run(command, env=env, capture_output=True, text=True, check=True)


# --- what the databases hold ----------------------------------------------------------

SQLITE_TABLES = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
POSTGRES_TABLES = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"


def snapshot(rows: Rows, tables_query: str) -> dict[str, Any]:
    """Everything comparable in one database, as JSON values, by the same plain SQL on both."""
    tables = sorted(str(name) for (name,) in rows(tables_query))
    held: dict[str, Any] = {
        "tables": tables,
        "row_counts": {table: int(rows(f'SELECT COUNT(*) FROM "{table}"')[0][0]) for table in tables},
    }
    for table, (query, fields) in ROW_QUERIES.items():
        held[table] = [
            {field: _value(field, value) for field, value in zip(fields, row, strict=True)} for row in rows(query)
        ]
    held["user_sessions_count"] = int(rows("SELECT COUNT(*) FROM user_sessions")[0][0])
    held["sign_in_attempts_count"] = int(rows("SELECT COUNT(*) FROM sign_in_attempts")[0][0])
    held["ledger_revision"] = int(rows("SELECT revision FROM ledger_state WHERE id = 1")[0][0])
    held["live_sum_milli"] = {str(target): int(total) for target, total in rows(LIVE_SUMS)}
    if "alembic_version" in tables:  # releases from 6284531 on: the schema's revision, as Alembic records it
        held["alembic_version"] = sorted(str(version) for (version,) in rows("SELECT version_num FROM alembic_version"))
    # The releases write an absent before/after as the JSON value null, not as SQL NULL:
    # the values above cannot tell the two apart, these counts can.
    held["json_nulls"] = {
        f"{table}.{column}": {
            "sql_null": int(rows(f"SELECT COUNT(*) FROM {table} WHERE {column} IS NULL")[0][0]),
            "json_null": int(rows(f"SELECT COUNT(*) FROM {table} WHERE {_JSON.format(column)} = 'null'")[0][0]),
        }
        for table in ("entry_changes", "task_changes")
        for column in sorted(JSON_FIELDS)
    }
    return held


def _value(field: str, value: Any) -> Any:
    if field in JSON_FIELDS:
        return None if value is None else json.loads(value)
    if field in FLAG_FIELDS:
        return bool(value)
    if isinstance(value, dt.date):  # PostgreSQL gives dates; SQLite gives the same ISO text
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value)
    return value


def same(what: str, first: Any, second: Any) -> None:
    if first != second:
        raise SystemExit(
            f"{what} differ:\n{json.dumps(first, ensure_ascii=False, indent=1)}\n"
            f"{json.dumps(second, ensure_ascii=False, indent=1)}"
        )


if __name__ == "__main__":
    main()
