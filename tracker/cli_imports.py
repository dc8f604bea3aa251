"""python -m tracker template / import: the district report's template, and reading a
report back with the same preview the app shows, as text or JSON.

Exit codes of import: 0 saved (or a dry run that found no error), 1 the file has errors
or a period it touches is locked, and nothing was written, 2 the file cannot be read, or
the database failed (it is down, refused the query, held a lock too long, cannot be
written here): nothing was written.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tracker.cli_progress import Bar
from tracker.domain.districts import UnmatchedDistrictError, district_names, district_of_report
from tracker.domain.entries import MAX_AUTHOR, EntryProblem
from tracker.domain.plan import Plan, PlanSet
from tracker.domain.report_rows import bare, find_header, propose_mapping
from tracker.domain.reports import Field, PeriodKind, ReportPeriod, parse_report_period, periods_of
from tracker.domain.text import TypedTextError, shown_text, typed_text, visible_text
from tracker.i18n import Lang, format_number, t
from tracker.storage.database import Database
from tracker.storage.ledger import Ledger
from tracker.storage.periods import OutsideScopeError, PeriodError, PeriodLockedError

EXIT_OK, EXIT_PROBLEM, EXIT_UNREADABLE = 0, 1, 2
# A save the reporting cycle refuses (a locked period, a district outside the writer's scope).
REFUSALS = (PeriodLockedError, OutsideScopeError, PeriodError)


def add_commands(commands: Any, command: Callable[[Any, str, str], argparse.ArgumentParser], lang: Lang) -> None:
    """template and import, among ``commands``; ``command(commands, name, key)`` adds one
    with its help in ``lang``."""

    def say(key: str) -> str:
        return t(key, lang)

    plan, file = say("cli.metavar.plan"), say("cli.metavar.file")
    template = command(commands, "template", "cli.help.template")
    template.add_argument("--plan", metavar=plan, help=say("cli.help.plan"))
    template.add_argument("--district", metavar=say("cli.metavar.district"), help=say("cli.help.template.district"))
    template.add_argument("--period", metavar=say("cli.metavar.period"), help=say("cli.help.template.period"))
    template.add_argument("--prefilled", action="store_true", help=say("cli.help.template.prefilled"))
    template.add_argument("--out", type=Path, required=True, metavar=file, help=say("cli.help.template.out"))

    imports = command(commands, "import", "cli.help.import")
    imports.add_argument("file", type=Path, metavar=file, help=say("cli.help.import.file"))
    imports.add_argument("--plan", metavar=plan, help=say("cli.help.import.plan"))
    imports.add_argument("--by", metavar=say("cli.metavar.name"), help=say("cli.help.import.by"))
    imports.add_argument("--dry-run", action="store_true", help=say("cli.help.import.dry_run"))
    imports.add_argument("--json", action="store_true", help=say("cli.help.json"))
    imports.add_argument(
        "--map", action="append", default=[], metavar=say("cli.metavar.map"), help=say("cli.help.import.map")
    )


def _json(value: object) -> str:
    """JSON as the other commands print it; DEL and the C1 controls, which JSON leaves as
    they are and some terminals obey, written as escapes."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return re.sub("[\x7f-\x9f]", lambda found: f"\\u{ord(found.group()):04x}", text)


def _say(lines: list[str], errors: bool = False) -> None:
    for line in lines:
        # what a file or an argument brings (an escape sequence that would clear the screen,
        # a direction override) is written out, as ⟨U+001B⟩: the typed-text rule's echo
        print(visible_text(line, multiline=True), file=sys.stderr if errors else sys.stdout)


def template_command(plan: Plan, ledger: Ledger, args: argparse.Namespace, lang: Lang) -> int:
    from tracker.present.imports import prefilled
    from tracker.present.template import template_csv, template_rows, template_xlsx

    heading = t("cli.export.not_exported", lang)
    path: Path = args.out
    kind = path.suffix.lower().lstrip(".")
    if kind not in ("xlsx", "csv"):
        _say([heading, "  " + t("template.cli.bad_format", lang, path=path)], errors=True)
        return EXIT_PROBLEM
    districts: list[str | None] = list(district_names())
    if args.district:
        try:
            districts = [district_of_report(args.district)]
        except UnmatchedDistrictError as error:
            close = ", ".join(error.suggestions)
            message = t("import.problem.unknown_district_close" if close else "import.problem.unknown_district", lang)
            _say([heading, "  " + message.format(value=args.district, close=close)], errors=True)
            return EXIT_PROBLEM
    periods = periods_of(plan.period, PeriodKind.month)
    chosen: ReportPeriod | None = None
    if args.period:
        try:
            chosen = parse_report_period(args.period)
        except ValueError:
            chosen = None
        if chosen is None or chosen.report_day(plan.period) is None:
            _say([heading, "  " + t("template.cli.bad_period", lang, value=args.period)], errors=True)
            return EXIT_PROBLEM
        periods = [chosen]
    rows = template_rows(plan, districts, periods)
    if args.prefilled:
        rows = prefilled(plan, ledger, rows)
    data = template_xlsx(plan, rows, lang) if kind == "xlsx" else template_csv(plan, rows, lang)
    try:
        path.write_bytes(data)
    except OSError as error:
        detail = error.strerror or str(error)
        _say([heading, "  " + t("cli.export.cannot_write", lang, path=path, detail=detail)], errors=True)
        return EXIT_UNREADABLE
    print(t("template.cli.written", lang, path=path, rows=format_number(len(rows), lang, 0)))
    return EXIT_OK


def plan_named_in_file(plans: PlanSet, table: Any) -> Plan | None:
    """The plan a template names in its hidden plan id column, if the file is one."""
    cells = [(row.number, row.cells) for row in table.rows]
    position = find_header(cells)
    if position is None:
        return None
    column = propose_mapping(cells[position][1]).get(Field.plan_id)
    if column is None:
        return None
    for _, row in cells[position + 1 :]:
        if column < len(row) and row[column] not in (None, ""):
            return plans.find(str(row[column]).strip())
    return None


def mapping_from(args_map: list[str], table: Any, lang: Lang) -> dict[Field, int] | str | None:
    """The columns named with --map, laid over those the header names propose; or what is
    wrong with them."""
    if not args_map:
        return None
    cells = [(row.number, row.cells) for row in table.rows]
    position = find_header(cells) or 0
    headers = [bare(cell) if cell is not None else "" for cell in (cells[position][1] if cells else ())]
    mapping = propose_mapping(cells[position][1], [row for _, row in cells[position + 1 :]]) if cells else {}
    fields = ", ".join(f.value for f in Field)
    for item in args_map:
        name, _, column = item.partition("=")
        if not column or name.strip() not in {f.value for f in Field}:
            return t("import.cli.bad_map", lang, value=item, fields=fields)
        if bare(column) not in headers:
            return t("import.cli.no_column", lang, column=column)
        mapping[Field(name.strip())] = headers.index(bare(column))
    return mapping


@dataclass(frozen=True)
class Opening:
    """How the import reaches the database, as the other commands do: ``ledger`` opens it
    (or says why not and gives the exit code), ``failure`` says in one line why a query
    failed."""

    ledger: Callable[[Lang], Ledger | int]
    failure: Callable[[Database, BaseException, Lang], str]


def import_command(
    plans: PlanSet, chosen: str | None, opening: Opening, args: argparse.Namespace, by: str | None, lang: Lang
) -> int:
    from tracker.service.spreadsheets import CLI_LIMITS, UnreadableFileError, read_spreadsheet

    path: Path = args.file
    bar = Bar(lang)  # each step's name on a terminal: a file of 100.000 rows takes seconds
    try:
        bar.begin("read", 0)
        data = path.read_bytes()
        table = read_spreadsheet(path.name, data, limits=CLI_LIMITS)
    except (OSError, UnreadableFileError) as error:
        reason = error.message(lang) if isinstance(error, UnreadableFileError) else (error.strerror or str(error))
        if args.json:
            print(_json({"file": path.name, "error": reason, "saved": False}))
        else:
            _say([t("import.cli.unreadable", lang, file=path, reason=reason)], errors=True)
        return EXIT_UNREADABLE
    finally:
        bar.end()
    plan = plans.find(chosen) if chosen else (plan_named_in_file(plans, table) or plans.default)
    if plan is None:
        known = ", ".join(f"{plans.key(item)} ({item.id})" for item in plans)
        _say([t("cli.unknown_plan", lang, plan=shown_text(chosen), known=known)], errors=True)
        return EXIT_PROBLEM
    mapping = mapping_from(args.map, table, lang)
    if isinstance(mapping, str):
        _say([mapping], errors=True)
        return EXIT_PROBLEM
    try:
        author = typed_text(by, limit=MAX_AUTHOR) or "-"  # the name as every write stores it
    except TypedTextError as error:
        params = {"limit": error.limit} if error.code == "too_long" else {"character": error.character}
        problem = EntryProblem("entered_by", error.code, params)
        _say([t("cli.not_recorded", lang), "  " + problem.render(lang)], errors=True)
        return EXIT_PROBLEM
    ledger = opening.ledger(lang)
    if isinstance(ledger, int):
        return ledger
    ledger = ledger.with_plan(plan)
    try:
        return _preview_and_save(plan, ledger, table, mapping, author, args, lang, bar)
    except ledger.database.failures() as error:  # a lock held too long, a full disk, a read-only file...
        reason = opening.failure(ledger.database, error, lang)
        if args.json:
            print(_json({"file": path.name, "error": reason, "saved": False}))
        else:
            _say([reason], errors=True)
        return EXIT_UNREADABLE
    finally:
        bar.end()
        ledger.dispose()


def _preview_and_save(
    plan: Plan, ledger: Ledger, table: Any, mapping: Any, author: str, args: argparse.Namespace, lang: Lang, bar: Bar
) -> int:
    """The preview, and the save unless it finds errors or this is a dry run; printed once
    all is done (a save the database refuses prints only why)."""
    from tracker.present.imports import preview_lines
    from tracker.service.imports import Outcome, preview_as_json, preview_import, write_import

    # a quantity written as text is read as --lang writes numbers (1.200 is 1200 in vi)
    bar.begin("preview", 0)
    preview = preview_import(plan, ledger, table, mapping, entered_by=author, lang=lang)
    bar.end()
    errors = bool(preview.file_problems or preview.errors)
    saved = False
    tail: list[str] = []
    code = EXIT_OK
    if errors:
        tail, code = [t("import.cli.not_saved", lang)], EXIT_PROBLEM
    elif args.dry_run:
        tail = [t("import.cli.dry_run", lang)]
    elif not preview.has_changes:
        tail = [t("import.cli.nothing", lang)]
    else:
        try:
            bar.begin("save", 0)
            result = write_import(plan, ledger, preview, author)
        except REFUSALS as refused:  # a lock that landed after the preview: the save is refused whole
            if args.json:
                print(_json({**preview_as_json(preview, False, lang), "error": refused.message(lang)}))
            else:
                refusal = [t("reporting.cli.import_refused", lang), "  " + refused.message(lang)]
                _say([*preview_lines(plan, preview, lang), *refusal])
            return EXIT_PROBLEM
        finally:
            bar.end()
        if result.status == "saved":
            saved = True
            tail = [
                t(
                    "import.cli.saved",
                    lang,
                    id=result.batch_id,
                    new=format_number(preview.count(Outcome.new), lang, 0),
                    changed=format_number(preview.count(Outcome.changed), lang, 0),
                )
            ]
        else:
            tail, code = [t("import.cli.stale", lang, count=len(result.stale_rows))], EXIT_PROBLEM
    if args.json:
        print(_json(preview_as_json(preview, saved, lang)))
    else:
        _say([*preview_lines(plan, preview, lang), *tail])
    return code
