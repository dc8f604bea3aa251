"""python -m tracker db copy, backup, restore and doctor: moving a department's database
(SQLite to PostgreSQL and back), keeping a backup of it while people work, putting one
back, and a check of everything a running tracker needs, one line each.

The work is tracker.storage.transfer's; here the commands are read, the progress is drawn
(tqdm, on a terminal only: a log or a pipe gets the result and nothing else), and the
proof is printed: every table's rows and checksum on both sides, and the recount of the
figures kept per day."""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from tracker import settings
from tracker.cli_progress import Bar
from tracker.domain.access import Role
from tracker.domain.plan import PlanError, read_plans
from tracker.domain.text import visible_text
from tracker.i18n import Lang, format_number, t
from tracker.storage.database import (
    DATABASE_SETTING,
    UPGRADE_COMMAND,
    CannotWriteError,
    Database,
    DatabaseSettingError,
    SchemaError,
    ledger_state,
)
from tracker.storage.transfer import CopyProof, TransferError, backup, copy_database, restore

EXIT_OK, EXIT_PROBLEM, EXIT_UNAVAILABLE = 0, 1, 2
Command = Callable[[Any, str, str], argparse.ArgumentParser]
# Below this, the SQLite file's folder is said to be short of space: an upgrade writes a
# copy of the whole file beside it, and a backup another.
SPARE_BYTES = 200 * 1024 * 1024


def add_db_commands(database_commands: Any, command: Command, lang: Lang) -> None:
    """db copy, among the db commands."""
    copying = command(database_commands, "copy", "cli.help.db.copy")
    copying.add_argument("--to", required=True, metavar="URL", help=t("cli.help.db.copy.to", lang))
    copying.add_argument("--from", dest="source", metavar="URL", help=t("cli.help.db.copy.from", lang))
    copying.add_argument("--replace", action="store_true", help=t("cli.help.transfer.replace", lang))


def add_commands(commands: Any, command: Command, lang: Lang) -> None:
    """backup, restore and doctor, among the top commands."""
    file = t("cli.metavar.file", lang)
    backing_up = command(commands, "backup", "cli.help.backup")
    backing_up.add_argument("--out", type=Path, required=True, metavar=file, help=t("cli.help.backup.out", lang))
    backing_up.add_argument("--replace", action="store_true", help=t("cli.help.backup.replace", lang))
    restoring = command(commands, "restore", "cli.help.restore")
    restoring.add_argument("file", type=Path, metavar=file, help=t("cli.help.restore.file", lang))
    restoring.add_argument("--to", metavar="URL", help=t("cli.help.restore.to", lang))
    restoring.add_argument("--replace", action="store_true", help=t("cli.help.transfer.replace", lang))
    command(commands, "doctor", "cli.help.doctor")


# --- the commands ---------------------------------------------------------------------------


def _fail(lines: Sequence[str], code: int = EXIT_PROBLEM) -> int:
    for line in lines:
        print(visible_text(line, multiline=True), file=sys.stderr)
    return code


@contextmanager
def _opened(url: str, option: str) -> Iterator[Database]:
    """A database named on the command line (``option``), never waiting for a statement
    to end: a copy of a million entries reads and writes for minutes."""
    try:
        database = Database(url, waits=settings.database_waits().without_statement_limit())
    except DatabaseSettingError as error:  # the message names the option the URL came from
        raise DatabaseSettingError(error.code, **{**error.params, "setting": option}) from None
    try:
        yield database
    finally:
        database.dispose()


def _configured() -> tuple[str, str]:
    return settings.database_url(), DATABASE_SETTING


def copy_command(args: argparse.Namespace, lang: Lang) -> int:
    source_url, source_option = (args.source, "--from") if args.source else _configured()
    return _transferring(
        lang,
        lambda: _copy(source_url, source_option, args.to, args.replace, lang),
        heading=t("transfer.cli.copy_refused", lang),
    )


def _copy(source_url: str, source_option: str, target_url: str, replace: bool, lang: Lang) -> int:
    with _opened(source_url, source_option) as source, _opened(target_url, "--to") as target:
        print(t("transfer.cli.copying", lang, source=source.place, target=target.place), flush=True)
        proof = copy_database(source, target, replace=replace, progress=Bar(lang))
        _print_proof(proof, lang)
        print(t("transfer.cli.copied", lang, **_proof_words(proof, lang)))
    return EXIT_OK


def backup_command(args: argparse.Namespace, lang: Lang) -> int:
    def run() -> int:
        url, option = _configured()
        with _opened(url, option) as source:
            print(t("transfer.cli.backing_up", lang, source=source.place, file=args.out), flush=True)
            proof = backup(source, args.out, replace=args.replace, progress=Bar(lang))
            _print_proof(proof, lang)
            size = format_number(args.out.stat().st_size // 1024, lang)
            print(t("transfer.cli.backed_up", lang, file=args.out.absolute(), size=size, **_proof_words(proof, lang)))
        return EXIT_OK

    return _transferring(lang, run, heading=t("transfer.cli.backup_refused", lang))


def restore_command(args: argparse.Namespace, lang: Lang) -> int:
    target_url, target_option = (args.to, "--to") if args.to else _configured()

    def run() -> int:
        with _opened(target_url, target_option) as target:
            print(t("transfer.cli.restoring", lang, file=args.file, target=target.place), flush=True)
            proof = restore(args.file, target, replace=args.replace, progress=Bar(lang))
            if proof.upgraded_from is not None:
                print(t("transfer.cli.upgraded", lang, current=proof.upgraded_from, head=proof.schema_revision))
            _print_proof(proof, lang)
            print(t("transfer.cli.restored", lang, **_proof_words(proof, lang)))
        return EXIT_OK

    return _transferring(lang, run, heading=t("transfer.cli.restore_refused", lang))


def _transferring(lang: Lang, run: Callable[[], int], heading: str) -> int:
    """``run``, with every refusal said in one line under ``heading`` (nothing was written)."""
    try:
        return run()
    except TransferError as error:
        return _fail([heading, "  " + error.message(lang)])
    except DatabaseSettingError as error:
        return _fail([heading, "  " + error.message(lang)], EXIT_UNAVAILABLE)
    except CannotWriteError as error:
        return _fail([heading, "  " + error.message(lang)], EXIT_UNAVAILABLE)
    except SchemaError as error:
        return _fail([heading, "  " + error.message(lang)])
    except SQLAlchemyError as error:
        detail = str(error).splitlines()[0] if str(error) else type(error).__name__
        return _fail([heading, "  " + t("cli.database_error", lang, detail=detail)], EXIT_UNAVAILABLE)
    except OSError as error:  # the backup's folder missing or not writable, a disk full
        return _fail([heading, "  " + t("transfer.cli.file_error", lang, detail=str(error))], EXIT_UNAVAILABLE)


def _proof_words(proof: CopyProof, lang: Lang) -> dict[str, str]:
    return {
        "rows": format_number(proof.rows, lang),
        "tables": format_number(len(proof.tables), lang),
        "revision": proof.schema_revision,
        "days": format_number(proof.days_recounted, lang),
    }


def _print_proof(proof: CopyProof, lang: Lang) -> None:
    """Each table: rows on both sides and whether their checksums agree."""
    width = max(len(table.name) for table in proof.tables)
    for table in proof.tables:
        key = "transfer.cli.table_agrees" if table.agrees else "transfer.cli.table_differs"
        print(
            t(key, lang, table=table.name.ljust(width), source=format_number(table.source_rows, lang),
              target=format_number(table.target_rows, lang), checksum=table.target_sum[:12])
        )  # fmt: skip


# --- doctor ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One line of the doctor: ``ok`` True (fine), False (wrong: exit 1) or None (worth
    knowing, not wrong)."""

    ok: bool | None
    line: str


def doctor_command(lang: Lang) -> int:
    findings = diagnose(lang)
    marks = {True: "✓", False: "✗", None: "!"}
    for finding in findings:
        print(f"{marks[finding.ok]} {finding.line}")
    wrong = sum(1 for finding in findings if finding.ok is False)
    print(t("doctor.wrong", lang, count=wrong) if wrong else t("doctor.fine", lang))
    return EXIT_PROBLEM if wrong else EXIT_OK


def diagnose(lang: Lang) -> list[Finding]:
    """What a running tracker needs, checked in order; a check that cannot be made because
    an earlier one failed says so."""
    findings = [_plan_finding(lang)]
    try:
        database = Database(settings.database_url())
    except (DatabaseSettingError, CannotWriteError) as error:
        return [*findings, Finding(False, error.message(lang))]
    try:
        findings += _database_findings(database, lang)
    finally:
        database.dispose()
    return findings


def _plan_finding(lang: Lang) -> Finding:
    path = settings.targets_path()
    try:
        plans = read_plans(path)
    except PlanError as error:
        return Finding(False, t("doctor.plan.wrong", lang, path=path, detail=" ".join(error.render(lang))))
    targets = sum(len(plan.targets) for plan in plans)
    return Finding(True, t("doctor.plan.ok", lang, path=path, plans=len(list(plans)), targets=targets))


def _database_findings(database: Database, lang: Lang) -> list[Finding]:
    place = database.place
    if database.path is not None and not database.path.exists():
        return [Finding(False, t("doctor.database.no_file", lang, path=database.path, command=UPGRADE_COMMAND))]
    if not database.answers():
        return [Finding(False, t("doctor.database.unreachable", lang, place=place))]
    found = [Finding(True, t("doctor.database.ok", lang, place=place))]
    try:
        state = database.schema()
    except SQLAlchemyError as error:
        return [*found, Finding(False, t("cli.database_error", lang, detail=str(error).splitlines()[0]))]
    if not state.up_to_date:
        key = "doctor.schema.newer" if state.newer else "doctor.schema.behind"
        words = {"current": state.current or "—", "head": state.head, "command": UPGRADE_COMMAND}
        found.append(Finding(False, t(key, lang, **words)))
        return found  # the tables below may not be there yet
    found.append(Finding(True, t("doctor.schema.ok", lang, head=state.head)))
    found.append(_write_finding(database, lang))
    found.append(_space_finding(database, lang))
    found += _account_findings(database, lang)
    found.append(_totals_finding(database, lang))
    return found


class _RolledBackError(Exception):
    """Raised inside the write test's transaction, so it is rolled back."""


def _write_finding(database: Database, lang: Lang) -> Finding:
    """A write that changes nothing, rolled back: the account may write the tables."""
    try:
        with database.writing_quietly() as connection:
            connection.execute(ledger_state.update().values(revision=ledger_state.c.revision))
            raise _RolledBackError
    except _RolledBackError:
        return Finding(True, t("doctor.write.ok", lang))
    except (SQLAlchemyError, *database.failures()) as error:
        refused = database.refused_write(error)
        detail = refused.message(lang) if refused is not None else str(error).splitlines()[0]
        return Finding(False, t("doctor.write.wrong", lang, detail=detail))


def _space_finding(database: Database, lang: Lang) -> Finding:
    if database.path is None:
        return Finding(None, t("doctor.space.server", lang))
    folder = database.path.parent
    free = shutil.disk_usage(folder).free
    # the file and its journal, not the copies kept beside it (tracker.db.before-0008)
    parts = [database.path.with_name(database.path.name + suffix) for suffix in ("", "-wal", "-shm")]
    size = sum(part.stat().st_size for part in parts if part.is_file())
    words = {"folder": folder, "free": _megabytes(free, lang), "size": _megabytes(size, lang)}
    if free < size + SPARE_BYTES:
        return Finding(False, t("doctor.space.short", lang, **words))
    return Finding(True, t("doctor.space.ok", lang, **words))


def _megabytes(size: int, lang: Lang) -> str:
    return format_number(size // (1024 * 1024), lang)


def _account_findings(database: Database, lang: Lang) -> list[Finding]:
    from tracker.storage.accounts import users

    with database.reading() as connection:
        counted = connection.execute(
            select(func.count(), func.count().filter(users.c.role == Role.admin.value)).select_from(users)
        ).one()
    everyone, admins = int(counted[0]), int(counted[1])
    if everyone == 0:
        return [Finding(None, t("doctor.users.none", lang))]
    if admins == 0:
        return [Finding(False, t("doctor.users.no_admin", lang, users=everyone))]
    return [Finding(True, t("doctor.users.ok", lang, users=everyone, admins=admins))]


def _totals_finding(database: Database, lang: Lang) -> Finding:
    from tracker.storage.report_days import find_differences, report_days

    with database.snapshot() as connection:
        differences = find_differences(connection)
        days = int(connection.execute(select(func.count()).select_from(report_days)).scalar_one())
    if differences:
        words = {"count": format_number(len(differences), lang), "days": format_number(days, lang)}
        return Finding(False, t("doctor.totals.differ", lang, **words))
    return Finding(True, t("doctor.totals.ok", lang, days=format_number(days, lang)))
