"""python -m tracker: check the plans, print a plan's overview, record an entry, export tables,
write the report, compare the years, and the reporting cycle (tracker.cli_reporting)."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from tracker import cli_database, cli_imports, cli_reporting, settings
from tracker.cli_language import argparse_speaking, default_lang, lang_of
from tracker.cli_progress import Bar, CountedWrites
from tracker.domain.access import Permission, role_label
from tracker.domain.entries import EntryError, parse_date, validate_entry
from tracker.domain.plan import Plan, PlanError, PlanSet, read_plans
from tracker.domain.text import shown_text, visible_text
from tracker.i18n import HANOI_TIME, LANGS, Lang, format_date, format_number, format_percent, t
from tracker.present.charts import goal_text
from tracker.service import build_overview, overview_as_json, plan_as_of
from tracker.storage.accounts import AccountError, Accounts, UserRow, check_user_fields, normalise_username
from tracker.storage.database import (
    UPGRADE_COMMAND,
    CannotWriteError,
    Database,
    DatabaseOpenError,
    DatabaseSettingError,
    SchemaError,
    SchemaState,
    open_database,
)
from tracker.storage.ledger import Ledger, RepeatedEntryError
from tracker.storage.report_days import ALL_PLACES, Difference, find_differences, rebuild, report_days

EXIT_OK, EXIT_PROBLEM, EXIT_UNAVAILABLE = 0, 1, 2
FORMATS = ("csv", "xlsx")  # as tracker.export.FORMATS, without importing it
TABLES = ("entries", "overview")
PROG = "python -m tracker"  # as the help names the command; the installed script is `tracker`
# What the account --by names must be allowed to do, per period command (else: edit).
PERIOD_PERMISSIONS = {"approve": Permission.approve, "lock": Permission.approve, "reopen": Permission.approve}


def _parser(lang: Lang, prog: str = PROG) -> argparse.ArgumentParser:
    """The commands and their options, every help in ``lang``; argparse's own words
    (headings, the help flag, its refusals) are put in ``lang`` by
    cli_language.argparse_speaking, around the building and the parsing."""

    def say(key: str) -> str:
        return t(key, lang)

    def command(group: Any, name: str, key: str) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = group.add_parser(name, help=say(key), description=say(key))
        return parser

    def commands_of(parser: argparse.ArgumentParser, dest: str) -> Any:
        return parser.add_subparsers(dest=dest, required=True, metavar=say("cli.metavar.command"))

    date, plan_help = say("cli.metavar.date"), say("cli.help.plan")
    parser = argparse.ArgumentParser(prog=prog, description=say("cli.description"))
    parser.add_argument("--lang", choices=LANGS, default=default_lang(), help=say("cli.help.lang"))
    commands = commands_of(parser, "command")

    check = command(commands, "check", "cli.help.check")
    check.add_argument("path", nargs="?", type=Path, metavar=say("cli.metavar.path"), help=say("cli.help.check.path"))

    command(commands, "plans", "cli.help.plans").add_argument("--json", action="store_true", help=say("cli.help.json"))
    compare = command(commands, "compare", "cli.help.compare")
    compare.add_argument("--as-of-day", metavar=say("cli.metavar.month_day"), help=say("cli.help.compare.as_of_day"))
    compare.add_argument("--json", action="store_true", help=say("cli.help.json"))

    summary = command(commands, "summary", "cli.help.summary")
    summary.add_argument("--plan", metavar=say("cli.metavar.plan"), help=plan_help)
    summary.add_argument("--as-of", metavar=date, help=say("cli.help.as_of"))
    summary.add_argument("--json", action="store_true", help=say("cli.help.json"))

    record = command(commands, "record", "cli.help.record")
    record.add_argument("--plan", metavar=say("cli.metavar.plan"), help=plan_help)
    record.add_argument("target_id", metavar=say("cli.metavar.target_id"), help=say("cli.help.record.target_id"))
    record.add_argument("quantity", metavar=say("cli.metavar.quantity"), help=say("cli.help.record.quantity"))
    record.add_argument("--date", metavar=date, help=say("cli.help.record.date"))
    record.add_argument("--district", metavar=say("cli.metavar.district"), help=say("cli.help.record.district"))
    record.add_argument("--village", metavar=say("cli.metavar.village"), help=say("cli.help.record.village"))
    record.add_argument("--note", metavar=say("cli.metavar.note"), help=say("cli.help.record.note"))
    record.add_argument("--by", metavar=say("cli.metavar.name"), help=say("cli.help.record.by"))
    record.add_argument(
        "--allow-repeat", action="store_true", dest="allow_repeat", help=say("cli.help.record.allow_repeat")
    )

    export = command(commands, "export", "cli.help.export")
    export.add_argument("--plan", metavar=say("cli.metavar.plan"), help=plan_help)
    export.add_argument("--format", choices=FORMATS, required=True, help=say("cli.help.export.format"))
    export.add_argument(
        "--out", type=Path, required=True, metavar=say("cli.metavar.file"), help=say("cli.help.export.out")
    )
    export.add_argument("--table", choices=TABLES, default="entries", help=say("cli.help.export.table"))
    export.add_argument("--target", metavar=say("cli.metavar.target_id"), help=say("cli.help.export.target"))
    export.add_argument(
        "--district",
        nargs="+",
        action="extend",
        metavar=say("cli.metavar.name"),
        help=say("cli.help.export.district"),
    )
    export.add_argument("--from", dest="start", metavar=date, help=say("cli.help.export.from"))
    export.add_argument("--to", dest="end", metavar=date, help=say("cli.help.export.to"))
    export.add_argument("--as-of", metavar=date, help=say("cli.help.export.as_of"))

    report = command(commands, "report", "cli.help.report")
    report.add_argument("--plan", metavar=say("cli.metavar.plan"), help=plan_help)
    report.add_argument("--as-of", metavar=date, help=say("cli.help.as_of"))
    report.add_argument(
        "--out", type=Path, required=True, metavar=say("cli.metavar.file"), help=say("cli.help.report.out")
    )

    cli_imports.add_commands(commands, command, lang)
    cli_reporting.add_commands(commands, command, commands_of, lang)

    user_commands = commands_of(command(commands, "user", "cli.help.user"), "user_command")
    roles = "{viewer,editor,admin}"  # checked by tracker.accounts, so a wrong one is told in --lang
    username = {"metavar": say("cli.metavar.username")}
    stdin_help = say("cli.help.user.password_stdin")
    user_add = command(user_commands, "add", "cli.help.user.add")
    user_add.add_argument("username", **username, help=say("cli.help.user.username"))
    user_add.add_argument("--role", required=True, metavar=roles, help=say("cli.help.user.role"))
    user_add.add_argument("--name", metavar=say("cli.metavar.name"), help=say("cli.help.user.name"))
    user_add.add_argument("--password-stdin", action="store_true", help=stdin_help)
    district = {"metavar": say("cli.metavar.district"), "action": "append", "default": []}
    user_add.add_argument("--district", **district, help=say("cli.help.user.district"))
    user_passwd = command(user_commands, "passwd", "cli.help.user.passwd")
    user_passwd.add_argument("username", **username)
    user_passwd.add_argument("--password-stdin", action="store_true", help=stdin_help)
    user_role = command(user_commands, "role", "cli.help.user.change_role")
    user_role.add_argument("username", **username)
    user_role.add_argument("role", metavar=roles, help=say("cli.help.user.role"))
    command(user_commands, "remove", "cli.help.user.remove").add_argument("username", **username)
    user_list = command(user_commands, "list", "cli.help.user.list")
    user_list.add_argument("--json", action="store_true", help=say("cli.help.json"))
    user_districts = command(user_commands, "districts", "cli.help.user.districts")
    user_districts.add_argument("username", **username)
    scope = user_districts.add_mutually_exclusive_group(required=True)
    scope.add_argument("--district", **district, help=say("cli.help.user.districts.district"))
    scope.add_argument("--all", action="store_true", help=say("cli.help.user.districts.all"))

    database_commands = commands_of(command(commands, "db", "cli.help.db"), "db_command")
    command(database_commands, "upgrade", "cli.help.db.upgrade")
    command(database_commands, "current", "cli.help.db.current")
    command(database_commands, "history", "cli.help.db.history")
    check = command(database_commands, "check", "cli.help.db.check")
    check.add_argument("--json", action="store_true", help=say("cli.help.json"))
    check.add_argument("--repair", action="store_true", help=say("cli.help.db.check.repair"))
    cli_database.add_db_commands(database_commands, command, lang)
    cli_database.add_commands(commands, command, lang)
    return parser


def _fail(lines: Sequence[str], code: int = EXIT_PROBLEM) -> int:
    for line in lines:  # an argument or a file's text repeated: nothing hidden reaches the terminal
        print(visible_text(line, multiline=True), file=sys.stderr)
    return code


def _login_name() -> str | None:
    """The login name, or None (then the entry asks for --by) where the system has none."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # a container user without a passwd entry or LOGNAME
        return None


def _writer(
    ledger: Ledger, by: str | None, permission: Permission, heading: str, lang: Lang
) -> tuple[str | None, Ledger] | int:
    """Who a write is made as, and the ledger it goes through: the account --by names (its
    display name and districts: cli_reporting.writing_as), else the name given, else the
    login name (the operator's, no district limit); or the exit code after saying why not."""
    if not by:
        return _login_name(), ledger
    found = cli_reporting.writing_as(ledger, by, permission, lang)
    if isinstance(found, list):
        return _fail([heading, *("  " + line for line in found)])
    return found


def _import_writer(by: str | None, lang: Lang) -> tuple[str | None, str | None] | int:
    """An import's --by as _writer reads it: the name and the account's user name (None:
    the operator's), read before the file, since the preview stores the name; or the exit
    code after saying why not."""
    if not by:
        return _login_name(), None
    opened = _open_ledger(lang)
    if isinstance(opened, int):
        return opened
    try:
        found = _writer(opened, by, Permission.edit, t("cli.not_recorded", lang), lang)
    except opened.database.failures() as error:
        return _database_failed(opened.database, error, lang)
    finally:
        opened.dispose()
    return found if isinstance(found, int) else (found[0], found[1].writer)


def _check(path: Path | None, lang: Lang) -> int:
    path = path or settings.targets_path()
    try:
        plans = read_plans(path)
    except PlanError as error:
        return _fail(error.render(lang))
    if len(plans) == 1:
        print(t("cli.check_ok", lang, path=path, **_plan_counts(plans.default)))
        return EXIT_OK
    print(t("cli.check_ok_plans", lang, path=path, plans=len(plans), chains=len(plans.chains())))
    for plan in plans:
        print(f"  {_plan_label(plans, plan, lang)}: {t('cli.plan_counts', lang, **_plan_counts(plan))}")
    return EXIT_OK


def _plan_counts(plan: Plan) -> dict[str, int]:
    return {"targets": len(plan.targets), "figures": len(plan.context_figures), "tasks": len(plan.tasks)}


def _plan_label(plans: PlanSet, plan: Plan, lang: Lang) -> str:
    default = f" {t('cli.plan_default', lang)}" if plan.id == plans.default.id else ""
    return f"{plans.key(plan)} ({plan.id}){default}"


def _plans(plans: PlanSet, as_json: bool, lang: Lang) -> int:
    """python -m tracker plans: the plans, their periods, how many targets, the default."""
    if as_json:
        listed = [
            {
                "id": plan.id,
                "key": plans.key(plan),
                "title": plan.title.in_(lang),
                "start": plan.period.start.isoformat(),
                "end": plan.period.end.isoformat(),
                "targets": len(plan.targets),
                "default": plan.id == plans.default.id,
            }
            for plan in plans
        ]
        print(json.dumps({"plans": listed}, ensure_ascii=False, indent=2))
        return EXIT_OK
    for plan in plans:
        period = t("app.period", lang, start=format_date(plan.period.start), end=format_date(plan.period.end))
        print(f"{_plan_label(plans, plan, lang)}: {plan.title.in_(lang)}")
        print(f"  {period} · {t('cli.plan_counts', lang, **_plan_counts(plan))}")
    return EXIT_OK


def _compare(plans: PlanSet, ledger: Ledger, args: argparse.Namespace, lang: Lang) -> int:
    """python -m tracker compare: every chain of linked targets, one line per year."""
    from tracker.service.years import MonthDay, compare_years, comparison_as_json

    try:
        day = MonthDay.parse(args.as_of_day) if args.as_of_day else None
    except ValueError:
        return _fail([t("cli.bad_as_of_day", lang, value=args.as_of_day)])
    day, comparisons = compare_years(plans, ledger, day)
    if args.json:
        print(json.dumps(comparison_as_json(day, comparisons, lang), ensure_ascii=False, indent=2))
        return EXIT_OK
    if not comparisons:
        print(t("cli.compare_none", lang))
        return EXIT_OK
    print(t("cli.compare_title", lang, day=f"{day.day:02d}/{day.month:02d}"))
    for comparison in comparisons:
        print(f"- {comparison.chain.latest.target.title.in_(lang)}")
        for year in comparison.years:
            p = year.progress
            line = t(
                "cli.compare_year",
                lang,
                year=plans.key(year.plan),
                goal=goal_text(year.target, lang),
                unit=year.target.unit.in_(lang),
                at_day=format_number(year.at_day.achieved, lang),
                status_at_day=t("status." + year.status_at_day.value, lang),
                achieved=format_number(p.achieved, lang),
                percent=format_percent(p.percent_of_min, lang),
                status=t("status." + p.status.value, lang),
            )
            print(f"    {line}")
            if year.link is not None and year.link.change_note is not None:
                print(f"      {t('cli.compare_change', lang, note=year.link.change_note.in_(lang))}")
    return EXIT_OK


def _summary_text(plan: Plan, ledger: Ledger, as_of: dt.date, lang: Lang) -> str:
    overview = build_overview(plan, ledger, as_of)
    lines = [t("cli.summary_title", lang, as_of=format_date(as_of), entries=format_number(overview.entry_count, lang))]
    for target, p in overview.targets:
        goal = goal_text(target, lang)
        lines.append(
            f"- {target.title.in_(lang)}: {format_number(p.achieved, lang)} / {goal} {target.unit.in_(lang)}"
            f" ({format_percent(p.percent_of_min, lang)});"
            f" {t('cli.expected', lang)} {format_number(p.expected, lang, 0)};"
            f" {t('status.' + p.status.value, lang)}"
        )
    return "\n".join(lines)


def _write_atomically(path: Path, write: Callable[[BinaryIO], str]) -> str:
    """Write into a temporary file beside ``path``, moved into place only once complete:
    a failed export leaves no file behind, and an existing file untouched."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # mkstemp makes it private; give it a new file's usual mode
        with os.fdopen(descriptor, "wb") as out:
            result = write(out)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return result


def _export(plan: Plan, ledger: Ledger, args: argparse.Namespace, lang: Lang) -> int:
    """Check the filters and dates, then write the file; one line says what was written."""
    # imported here: the export's modules are this command's business alone
    from tracker.present.export import (
        FilterError,
        export_entries_csv,
        export_overview_csv,
        export_xlsx,
        resolve_filters,
    )

    heading = t("cli.export.not_exported", lang)
    try:
        filters = resolve_filters(plan, target_id=args.target, districts=args.district, start=args.start, end=args.end)
    except FilterError as error:
        return _fail([heading, *("  " + line for line in error.render(lang))])
    try:
        as_of = parse_date(args.as_of) if args.as_of else plan_as_of(plan)
    except ValueError:
        return _fail([heading, "  " + t("cli.bad_as_of", lang, value=args.as_of)])
    path: Path = args.out

    def write(file: BinaryIO) -> str:
        bar = Bar(lang)  # bytes written, on a terminal: a million entries take a while
        bar.begin("write", 0, in_bytes=True)
        out: Any = CountedWrites(file, bar)
        try:
            return written(out)
        finally:
            bar.end()

    def written(out: BinaryIO) -> str:
        if args.format == "xlsx":
            counts = export_xlsx(plan, ledger, build_overview(plan, ledger, as_of), filters, lang, out)
            entries = format_number(counts.entries, lang)
            return t("cli.export.wrote_xlsx", lang, entries=entries, targets=counts.targets, path=path)
        if args.table == "overview":
            rows = export_overview_csv(build_overview(plan, ledger, as_of), lang, out)
        else:
            rows = export_entries_csv(plan, ledger, filters, lang, out)
        table = t(f"export.sheet.{args.table}", lang)
        return t("cli.export.wrote_csv", lang, rows=format_number(rows, lang), table=table, path=path)

    return _write_file(path, write, heading, lang)


def _write_file(path: Path, write: Callable[[BinaryIO], str], heading: str, lang: Lang) -> int:
    """Write through ``write`` all at once (never half a file); print what it says."""
    try:
        message = _write_atomically(path, write)
    except OSError as error:
        detail = error.strerror or str(error)
        return _fail([heading, "  " + t("cli.export.cannot_write", lang, path=path, detail=detail)])
    print(message)
    return EXIT_OK


def _report(plan: Plan, ledger: Ledger, args: argparse.Namespace, lang: Lang) -> int:
    """Check the date, then write the report; one line says where and how large."""
    # imported here: inlining plotly.js is only this command's business
    from tracker.present.report import report_bytes

    heading = t("report.cli.not_written", lang)
    try:
        as_of = parse_date(args.as_of) if args.as_of else plan_as_of(plan)
    except ValueError:
        return _fail([heading, "  " + t("report.cli.bad_as_of", lang, value=args.as_of)])
    if not plan.period.contains(as_of):
        start, end = format_date(plan.period.start), format_date(plan.period.end)
        outside = t("report.cli.outside_period", lang, date=format_date(as_of), start=start, end=end)
        return _fail([heading, "  " + outside])
    path: Path = args.out

    def write(out: BinaryIO) -> str:
        data = report_bytes(plan, ledger, as_of, lang)
        out.write(data)
        size = f"{format_number(len(data) / 1_000_000, lang, 1)} MB"
        return t("report.cli.wrote", lang, size=size, path=path)

    return _write_file(path, write, heading, lang)


def _open_ledger(lang: Lang, bulk: bool = False) -> Ledger | int:
    """The ledger of TRACKER_DATABASE_URL, or the exit code after saying, in one line,
    why it cannot be opened (a wrong setting, a database that does not answer, or one
    that can only be read here and needs a write to be opened). ``bulk``: for an import,
    whose statements may run longer than the app's (it waits no longer for a lock)."""
    waits = settings.database_waits()
    try:
        return Ledger(open_database(settings.database_url(), waits.without_statement_limit() if bulk else waits))
    except DatabaseSettingError as error:
        return _fail([error.message(lang)], EXIT_UNAVAILABLE)
    except DatabaseOpenError as error:
        if error.cannot_write is not None:
            return _fail([error.cannot_write.message(lang)], EXIT_UNAVAILABLE)
        key = "cli.database_error" if error.answered else "cli.database_unavailable"
        return _fail([t(key, lang, detail=error.detail)], EXIT_UNAVAILABLE)
    except SchemaError as error:  # behind (PostgreSQL), newer than the code, not ours, or an upgrade undone
        return _fail([error.message(lang)], EXIT_UNAVAILABLE)
    except OSError as error:  # a folder on the way that this user may not look into
        return _fail([t("cli.database_unavailable", lang, detail=str(error).splitlines()[0])], EXIT_UNAVAILABLE)


def _database_failure(database: Database, error: BaseException, lang: Lang) -> str:
    """Why a query failed, in one line: the database cannot be written here, it is down,
    or it answers and refused that query (a lock held too long, a permission)."""
    refused = database.refused_write(error)
    if refused is not None:
        return refused.message(lang)
    key = "cli.database_error" if database.answers() else "cli.database_unavailable"
    return t(key, lang, detail=str(error).splitlines()[0] if str(error) else type(error).__name__)


def _database_failed(database: Database, error: BaseException, lang: Lang) -> int:
    return _fail([_database_failure(database, error, lang)], EXIT_UNAVAILABLE)


def _db(args: argparse.Namespace, lang: Lang) -> int:
    """python -m tracker db ...: the schema, without opening the ledger (which upgrades an
    SQLite file by itself, and refuses a PostgreSQL database that is behind)."""
    try:
        database = Database(settings.database_url())
    except DatabaseSettingError as error:
        return _fail([error.message(lang)], EXIT_UNAVAILABLE)
    except CannotWriteError as error:  # the default data/ folder cannot be made
        return _fail([error.message(lang)], EXIT_UNAVAILABLE)
    if args.db_command != "upgrade" and database.path is not None and not database.path.exists():
        database.dispose()  # looking must not make an empty file where the operator expects data
        print(t("db.cli.no_file", lang, path=database.path, command=UPGRADE_COMMAND))
        if args.db_command == "history":
            _print_history(database, current=None)
        return EXIT_OK
    try:
        if args.db_command == "history":
            _print_history(database, current=database.schema().current)
            return EXIT_OK
        state = database.schema()
        if args.db_command == "current":
            print(t("db.cli.current", lang, current=_revision_text(state, lang)))
            return EXIT_OK
        if args.db_command == "check":
            if not state.up_to_date:
                return _fail([t("db.cli.check.behind", lang, current=_revision_text(state, lang))])
            return _check_report_days(database, args.json, args.repair, lang)
        copy = database.upgrade()
        if state.up_to_date:
            print(t("db.cli.up_to_date", lang, head=state.head))
        else:
            print(t("db.cli.upgraded", lang, head=state.head))
            if copy is not None:
                print(t("db.cli.copy", lang, copy=copy))
        return EXIT_OK
    except SchemaError as error:
        return _fail([error.message(lang)], EXIT_PROBLEM if error.code != "failed" else EXIT_UNAVAILABLE)
    except SQLAlchemyError as error:
        return _database_failed(database, error, lang)
    finally:
        database.dispose()


def _check_report_days(database: Database, as_json: bool, repair: bool, lang: Lang) -> int:
    """python -m tracker db check: report_days (the figures the pages read) recounted from
    the entries; every day that differs, said; with --repair, counted again whole in one
    transaction (which moves the revision: every page reads the figures again)."""
    with database.snapshot() as connection:  # a save between the two reads is no difference
        found = find_differences(connection)
        days = int(connection.execute(select(func.count()).select_from(report_days)).scalar_one())
    repaired = None
    if found and repair:
        with database.writing() as connection:
            repaired = rebuild(connection)
    if as_json:
        print(json.dumps({"agree": not found, "days": days, "differences": [_difference_json(d) for d in found],
                          "repaired": repaired is not None}, ensure_ascii=False, indent=2))  # fmt: skip
    elif not found:
        print(t("db.cli.check.agree", lang, days=days))
    else:
        print(t("db.cli.check.differ", lang, count=len(found), days=days))
        for difference in found:
            print(_difference_line(difference, lang))
        if repaired is not None:
            print(t("db.cli.check.repaired", lang, days=repaired))
        else:
            print(t("db.cli.check.repair_hint", lang))
    return EXIT_OK if not found or repaired is not None else EXIT_PROBLEM


def _difference_json(difference: Difference) -> dict[str, Any]:
    def plain(values: dict[str, Any] | None) -> dict[str, Any] | None:
        return None if values is None else {name: _plain(value) for name, value in values.items()}

    return {
        "plan_id": difference.plan_id,
        "target_id": difference.target_id,
        "district": difference.place or None,  # "*": the places added up (target_days)
        "ref_date": difference.ref_date.isoformat(),
        "columns": difference.columns(),
        "kept": plain(difference.kept),
        "counted": plain(difference.counted),
    }


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


def _difference_line(difference: Difference, lang: Lang) -> str:
    def shown(values: dict[str, Any] | None, name: str) -> str:
        return t("db.cli.check.no_row", lang) if values is None else str(_plain(values.get(name)))

    detail = "; ".join(
        t("db.cli.check.column", lang, column=name, kept=shown(difference.kept, name),
          counted=shown(difference.counted, name))
        for name in difference.columns()
    )  # fmt: skip
    place = t("db.cli.check.all_places", lang) if difference.place == ALL_PLACES else difference.place
    place = place or t("db.cli.check.city", lang)
    return t("db.cli.check.line", lang, plan=difference.plan_id, target=difference.target_id, place=place,
             day=difference.ref_date.isoformat(), detail=detail)  # fmt: skip


def _print_history(database: Database, current: str | None) -> None:
    for revision, doc in database.history():
        mark = "*" if revision == current else " "
        print(f"{mark} {revision}  {doc.splitlines()[0] if doc else ''}".rstrip())


def _revision_text(state: SchemaState, lang: Lang) -> str:
    if state.current is None:
        return t("db.cli.current.unversioned" if state.has_tables else "db.cli.current.empty", lang)
    if state.up_to_date:
        return f"{state.current} {t('db.cli.current.head', lang)}"
    if state.newer:
        return state.current
    return f"{state.current} {t('db.cli.current.behind', lang, head=state.head, command=UPGRADE_COMMAND)}"


def _user(args: argparse.Namespace, lang: Lang) -> int:
    """python -m tracker user ...: accounts need the database only, not the plan."""
    ledger = _open_ledger(lang)
    if isinstance(ledger, int):
        return ledger
    try:
        return _user_command(Accounts(ledger.database), args, lang)
    except AccountError as error:
        return _fail([t("accounts.cli.not_done", lang), "  " + error.message(lang)])
    except (KeyboardInterrupt, EOFError):  # Ctrl-C or Ctrl-D at a password prompt
        return _fail([t("accounts.cli.cancelled", lang)])
    except SchemaError as error:
        return _fail([t("cli.database_unavailable", lang, detail=str(error).splitlines()[0])], EXIT_UNAVAILABLE)
    except ledger.database.failures() as error:
        return _database_failed(ledger.database, error, lang)
    finally:
        ledger.dispose()


def _user_command(accounts: Accounts, args: argparse.Namespace, lang: Lang) -> int:
    command = args.user_command
    if command == "list":
        users = accounts.list_users()
        print(json.dumps(_users_json(users), ensure_ascii=False, indent=2) if args.json else _users_table(users, lang))
        return EXIT_OK
    if command == "districts":
        return _user_districts(accounts, args, lang)
    if command == "add":
        # Refuse a wrong name, role or district before anyone types a password twice.
        username = normalise_username(args.username)
        username, name, role = check_user_fields(username, args.name or username, args.role)
        districts = cli_reporting.scope_districts(args.district, lang)
        if isinstance(districts, str):
            return _fail([t("accounts.cli.not_done", lang), "  " + districts])
        if any(user.username == username for user in accounts.list_users()):
            raise AccountError("username_taken", username=username)
        password = _new_password(args.password_stdin, lang, _password_rules(accounts, username))
        identity = accounts.add_user(username, name, role, password, districts=districts)
        print(
            t(
                "accounts.cli.added",
                lang,
                username=identity.username,
                name=identity.display_name,
                role=role_label(role, lang),
            )
        )
        if identity.districts:
            print(t("reporting.cli.scope_added", lang, districts=", ".join(identity.districts)))
    elif command == "passwd":
        username = normalise_username(args.username)
        if not any(user.username == username for user in accounts.list_users()):
            raise AccountError("unknown_user", username=username)
        accounts.set_password(username, _new_password(args.password_stdin, lang, _password_rules(accounts, username)))
        print(t("accounts.cli.password_set", lang, username=username))
    elif command == "role":
        accounts.set_role(args.username, args.role)
        username, role = normalise_username(args.username), args.role.strip().lower()
        print(t("accounts.cli.role_set", lang, username=username, role=role_label(role, lang)))
    else:
        accounts.remove_user(args.username)
        print(t("accounts.cli.removed", lang, username=normalise_username(args.username)))
    return EXIT_OK


def _user_districts(accounts: Accounts, args: argparse.Namespace, lang: Lang) -> int:
    """user districts NAME --district A --district B, or --all: the districts the account
    may write from now on."""
    username = normalise_username(args.username)
    districts = () if args.all else cli_reporting.scope_districts(args.district, lang)
    if isinstance(districts, str):
        return _fail([t("accounts.cli.not_done", lang), "  " + districts])
    scope = accounts.set_districts(username, districts)
    if scope:
        print(t("reporting.cli.districts_set", lang, username=username, districts=", ".join(scope)))
    else:
        print(t("reporting.cli.districts_cleared", lang, username=username))
    return EXIT_OK


def _password_rules(accounts: Accounts, username: str) -> Callable[[str], None]:
    """The rules the store applies to ``username``'s new password (AccountError if one is
    broken), to be told before the password is typed a second time. The store checks them
    again when it writes."""
    return lambda password: accounts.check_password(username, password)


def _new_password(from_stdin: bool, lang: Lang, check: Callable[[str], None]) -> str:
    """From one line of stdin (scripts), or asked twice without echo; never from argv,
    where other users of the machine could read it in the process list. A password that
    ``check`` refuses is refused at once, before it is asked again."""
    if from_stdin:
        return sys.stdin.readline().removesuffix("\n").removesuffix("\r")
    first = getpass.getpass(t("accounts.cli.password", lang))
    check(first)
    if first != getpass.getpass(t("accounts.cli.password_again", lang)):
        raise AccountError("passwords_differ")
    return first


def _users_table(users: Sequence[UserRow], lang: Lang) -> str:
    if not users:
        return t("accounts.cli.no_users", lang)
    header = [t(f"accounts.cli.col.{column}", lang) for column in ("username", "name", "role", "created", "sessions")]
    header.append(t("reporting.cli.col.districts", lang))
    rows = [
        [
            user.username,
            user.display_name,
            role_label(user.role, lang),
            format_date(user.created_at.astimezone(HANOI_TIME).date()),
            str(user.active_sessions),
            cli_reporting.scope_text(user.districts, lang),
        ]
        for user in users
    ]
    return cli_reporting.aligned([header, *rows])


def _users_json(users: Sequence[UserRow]) -> dict[str, Any]:
    """user list --json; ``districts`` empty: not limited to any."""
    return {
        "users": [
            {
                "username": user.username,
                "name": user.display_name,
                "role": user.role.value,
                "created": user.created_at.isoformat(),
                "sessions": user.active_sessions,
                "districts": list(user.districts),
            }
            for user in users
        ]
    }


def run(prog: str = "tracker") -> int:
    """The installed `tracker` command, and `python -m tracker` under its own name: main,
    where a reader that left early (`tracker summary | head`) is not an error."""
    try:
        return main(prog=prog)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing left to flush to
        return EXIT_OK


def main(argv: Sequence[str] | None = None, prog: str = PROG) -> int:
    settings.current.cache_clear()  # a command reads the settings as they are when it starts
    argv = sys.argv[1:] if argv is None else argv
    asked = lang_of(argv)  # before parsing: the help and argparse's refusals are written while parsing
    with argparse_speaking(asked):
        args = _parser(asked, prog).parse_args(argv)
    lang: Lang = args.lang
    if args.command == "check":
        return _check(args.path, lang)
    if args.command == "user":
        return _user(args, lang)
    if args.command == "db":
        return cli_database.copy_command(args, lang) if args.db_command == "copy" else _db(args, lang)
    if args.command == "backup":
        return cli_database.backup_command(args, lang)
    if args.command == "restore":
        return cli_database.restore_command(args, lang)
    if args.command == "doctor":
        return cli_database.doctor_command(lang)
    try:
        plans = read_plans(settings.targets_path())
    except PlanError as error:
        return _fail(error.render(lang))
    if args.command == "plans":
        return _plans(plans, args.json, lang)
    chosen = getattr(args, "plan", None)
    if args.command == "import":  # the file may name its plan: read it before choosing one
        importer = _import_writer(args.by, lang)
        if isinstance(importer, int):
            return importer
        by, username = importer

        def open_as_importer(lang: Lang) -> Ledger | int:
            opened = _open_ledger(lang, bulk=True)
            return opened if isinstance(opened, int) else opened.written_by(username)

        opening = cli_imports.Opening(open_as_importer, _database_failure)
        return cli_imports.import_command(plans, chosen, opening, args, by, lang)
    plan = plans.default if chosen is None else plans.find(chosen)
    if plan is None:
        known = ", ".join(f"{plans.key(item)} ({item.id})" for item in plans)
        return _fail([t("cli.unknown_plan", lang, plan=shown_text(chosen), known=known)])
    opened = _open_ledger(lang)
    if isinstance(opened, int):
        return opened
    ledger = opened.with_plan(plan)
    try:
        if args.command == "compare":
            return _compare(plans, ledger, args, lang)
        if args.command == "summary":
            try:
                as_of = parse_date(args.as_of) if args.as_of else plan_as_of(plan)
            except ValueError:
                return _fail([t("cli.bad_as_of", lang, value=args.as_of)])
            if args.json:
                shown = {"plan": plan.id, **overview_as_json(build_overview(plan, ledger, as_of))}
                print(json.dumps(shown, ensure_ascii=False, indent=2))
            else:
                print(_summary_text(plan, ledger, as_of, lang))
            return EXIT_OK
        if args.command == "export":
            return _export(plan, ledger, args, lang)
        if args.command == "report":
            return _report(plan, ledger, args, lang)
        if args.command == "template":
            return cli_imports.template_command(plan, ledger, args, lang)
        if args.command == "completeness":
            return cli_reporting.completeness_command(plan, ledger, args, lang)
        # The reporting cycle's writes, as the account --by names, else the operator's:
        # under --by (default: the login name).
        if args.command == "period":
            permission = PERIOD_PERMISSIONS.get(args.period_command, Permission.edit)
            heading = t("reporting.cli.not_changed", lang)
            writer = _writer(ledger, getattr(args, "by", None), permission, heading, lang)
            if isinstance(writer, int):
                return writer
            return cli_reporting.period_command(plan, writer[1], args, writer[0], lang)
        if args.command == "nil-report":
            writer = _writer(ledger, args.by, Permission.edit, t("cli.not_recorded", lang), lang)
            if isinstance(writer, int):
                return writer
            return cli_reporting.nil_report_command(plan, writer[1], args, writer[0], lang)
        # The command line is the server operator's: it writes under the name given
        # (default: the login name), like someone with the database file in hand could;
        # a name that is an account's writes as that account (its districts, its name).
        # A figure identical to one recorded is refused unless --allow-repeat: the same
        # rule as the record form's question (tracker.domain.repeats).
        writer = _writer(ledger, args.by, Permission.edit, t("cli.not_recorded", lang), lang)
        if isinstance(writer, int):
            return writer
        by, writing = writer
        try:
            entry = validate_entry(
                plan,
                target_id=args.target_id,
                quantity=args.quantity,
                ref_date=args.date or dt.date.today(),
                district=args.district,
                village=args.village,
                note=args.note,
                entered_by=by,
                lang=lang,  # 1.200 is read as the person's language writes it
            )
            entry_id = writing.record(entry, allow_repeat=getattr(args, "allow_repeat", False))
        except EntryError as error:
            return _fail([t("cli.not_recorded", lang), *("  " + line for line in error.render(lang))])
        except cli_reporting.REFUSALS as error:  # a locked period: said in one line, never a traceback
            return cli_reporting.refused_write(error, t("cli.not_recorded", lang), lang)
        except RepeatedEntryError as repeat:
            entry = repeat.entry
            item = plan.recordable_by_id()[entry.target_id]
            what = t(
                "repeat.cli_what",
                lang,
                quantity=format_number(entry.quantity, lang, 3),
                unit=item.unit.in_(lang),
                target=item.title.in_(lang),
                date=format_date(entry.ref_date),
                district=entry.district or t("district.city_wide", lang),
            )
            override = t("repeat.cli_override", lang)
            return _fail([t("cli.not_recorded", lang), f"  {repeat.message(lang)}", f"  {what}", f"  {override}"])
        name = plan.recordable_by_id()[entry.target_id].title.in_(lang)  # people know a target by its name
        quantity, day = format_number(entry.quantity, lang, 3), format_date(entry.ref_date)
        print(t("cli.recorded", lang, id=entry_id, quantity=quantity, target=f"«{name}»", date=day))
        return EXIT_OK
    except ledger.database.failures() as error:
        return _database_failed(ledger.database, error, lang)
    finally:
        ledger.dispose()
