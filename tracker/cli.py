"""python -m tracker: check the plan, print the overview, record an entry."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from tracker import config
from tracker.entries import EntryError, parse_date
from tracker.i18n import LANGS, Lang, format_date, format_number, format_percent, t
from tracker.ledger import Ledger
from tracker.plan import Plan, PlanError, load_plan
from tracker.service import build_overview, overview_as_json, plan_as_of, record_entry

EXIT_OK, EXIT_PROBLEM, EXIT_UNAVAILABLE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m tracker", description=t("cli.description", "en"))
    parser.add_argument(
        "--lang",
        choices=LANGS,
        default=os.environ.get("TRACKER_LANG", "vi"),
        help="vi (default) or en; also TRACKER_LANG",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="validate a targets file (default: TRACKER_TARGETS or targets.yaml)")
    check.add_argument("path", nargs="?", type=Path)

    summary = commands.add_parser("summary", help="the overview as text or JSON")
    summary.add_argument("--as-of", help="YYYY-MM-DD (default: today, or the period's end once passed)")
    summary.add_argument("--json", action="store_true", help="print JSON")

    record = commands.add_parser("record", help="add an entry to the ledger")
    record.add_argument("target_id")
    record.add_argument("quantity")
    record.add_argument("--date", help="the date the figure refers to, YYYY-MM-DD or DD/MM/YYYY (default: today)")
    record.add_argument("--district", help="one of Hanoi's 30 districts of 2017 (default: city-wide)")
    record.add_argument("--village")
    record.add_argument("--note")
    record.add_argument("--by", help="who enters it (default: the login name)")
    return parser


def _fail(lines: Sequence[str], code: int = EXIT_PROBLEM) -> int:
    for line in lines:
        print(line, file=sys.stderr)
    return code


def _login_name() -> str | None:
    """The login name, or None (then the entry asks for --by) where the system has none."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # a container user without a passwd entry or LOGNAME
        return None


def _check(path: Path | None, lang: Lang) -> int:
    path = path or config.targets_path()
    try:
        plan = load_plan(path)
    except PlanError as error:
        return _fail(error.render(lang))
    print(
        t(
            "cli.check_ok",
            lang,
            path=path,
            targets=len(plan.targets),
            figures=len(plan.context_figures),
            tasks=len(plan.tasks),
        )
    )
    return EXIT_OK


def _summary_text(plan: Plan, ledger: Ledger, as_of: dt.date, lang: Lang) -> str:
    overview = build_overview(plan, ledger, as_of)
    lines = [t("cli.summary_title", lang, as_of=format_date(as_of), entries=format_number(overview.entry_count, lang))]
    for target, p in overview.targets:
        goal = (
            format_number(p.goal_min, lang)
            if p.goal_min == p.goal_max
            else t("goal.range", lang, min=format_number(p.goal_min, lang), max=format_number(p.goal_max, lang))
        )
        lines.append(
            f"- {target.title.in_(lang)}: {format_number(p.achieved, lang)} / {goal} {target.unit.in_(lang)}"
            f" ({format_percent(p.percent_of_min, lang)});"
            f" {t('cli.expected', lang)} {format_number(p.expected, lang, 0)};"
            f" {t('status.' + p.status.value, lang)}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    lang: Lang = args.lang
    if args.command == "check":
        return _check(args.path, lang)
    try:
        plan = load_plan(config.targets_path())
    except PlanError as error:
        return _fail(error.render(lang))
    try:
        ledger = Ledger(config.database_url())
    except (SQLAlchemyError, OSError) as error:  # OSError: the SQLite file's folder cannot be made
        return _fail([t("cli.database_unavailable", lang, detail=str(error).splitlines()[0])], EXIT_UNAVAILABLE)
    try:
        if args.command == "summary":
            try:
                as_of = parse_date(args.as_of) if args.as_of else plan_as_of(plan)
            except ValueError:
                return _fail([t("cli.bad_as_of", lang, value=args.as_of)])
            if args.json:
                print(json.dumps(overview_as_json(build_overview(plan, ledger, as_of)), ensure_ascii=False, indent=2))
            else:
                print(_summary_text(plan, ledger, as_of, lang))
            return EXIT_OK
        try:
            entry_id, entry = record_entry(
                plan,
                ledger,
                target_id=args.target_id,
                quantity=args.quantity,
                ref_date=args.date or dt.date.today(),
                district=args.district,
                village=args.village,
                note=args.note,
                entered_by=args.by or _login_name(),
            )
        except EntryError as error:
            return _fail([t("cli.not_recorded", lang), *("  " + line for line in error.render(lang))])
        print(
            t(
                "cli.recorded",
                lang,
                id=entry_id,
                quantity=format_number(entry.quantity, lang, 3),
                target=entry.target_id,
                date=format_date(entry.ref_date),
            )
        )
        return EXIT_OK
    except SQLAlchemyError as error:
        return _fail([t("cli.database_unavailable", lang, detail=str(error).splitlines()[0])], EXIT_UNAVAILABLE)
    finally:
        ledger.dispose()
