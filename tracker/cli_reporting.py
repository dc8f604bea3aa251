"""python -m tracker completeness / period / nil-report: the reporting cycle from the
command line.

The command line is the server operator's: it has no session, and writes under the name
given with --by (default: the login name), as ``record`` does. So it calls the period
book and the ledger directly, with that name; the locks are checked inside each write's
transaction all the same (tracker.storage.periods.WriteGuard), and a refusal is told in
one line, exit code 1, nothing written. A --by that names an account (its user name or
its display name) writes as that account (``writing_as``): under its display name,
within its districts and its role, as it would in the app.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from tracker.domain.access import Permission, allows, role_label
from tracker.domain.clock import hanoi_today
from tracker.domain.completeness import CellState, Completeness, PeriodSummary, as_json
from tracker.domain.districts import UnknownDistrictError, canonical_district
from tracker.domain.entries import MAX_AUTHOR, EntryError, EntryKind, EntryProblem, parse_date, validate_entry
from tracker.domain.errors import CodedError
from tracker.domain.periods import ALL_DISTRICTS, CITY, ReportingPeriod
from tracker.domain.plan import Plan
from tracker.domain.text import TypedTextError, typed_text, visible_text
from tracker.i18n import Lang, format_date, format_moment, t
from tracker.service.reporting import period_of_plan, record_nil_entry, reporting_of
from tracker.storage.accounts import AccountError, Accounts, UserRow, normalise_username
from tracker.storage.database import Database
from tracker.storage.ledger import Ledger
from tracker.storage.periods import (
    EventRow,
    OutsideScopeError,
    PeriodBook,
    PeriodError,
    PeriodLockedError,
    StatusRow,
    checked_reason,
    period_label,
    place_name,
)

EXIT_OK, EXIT_PROBLEM = 0, 1
PERIOD_ACTIONS = ("submit", "approve", "lock", "reopen")
# A write the reporting cycle refuses (a lock, a district outside the writer's scope, a
# status that cannot move, a nil report that contradicts what was sent): each says why.
REFUSALS = (PeriodLockedError, OutsideScopeError, PeriodError)

Command = Callable[[Any, str, str], argparse.ArgumentParser]


def add_commands(commands: Any, command: Command, commands_of: Callable[..., Any], lang: Lang) -> None:
    """completeness, period and nil-report among ``commands``; ``command(commands, name,
    key)`` adds one with its help in ``lang``, ``commands_of(parser, dest)`` a group."""

    def say(key: str) -> str:
        return t(key, lang)

    plan = {"metavar": say("cli.metavar.plan"), "help": say("cli.help.plan")}
    period_metavar, name = say("cli.metavar.period"), say("cli.metavar.name")

    shown = command(commands, "completeness", "cli.help.completeness")
    shown.add_argument("--plan", **plan)
    shown.add_argument("--period", metavar=period_metavar, help=say("cli.help.completeness.period"))
    shown.add_argument("--target", metavar=say("cli.metavar.target_id"), help=say("cli.help.completeness.target"))
    shown.add_argument("--today", metavar=say("cli.metavar.date"), help=say("cli.help.completeness.today"))
    shown.add_argument("--json", action="store_true", help=say("cli.help.json"))

    periods = commands_of(command(commands, "period", "cli.help.period"), "period_command")
    for action in PERIOD_ACTIONS:
        acting = command(periods, action, f"cli.help.period.{action}")
        acting.add_argument("period", metavar=period_metavar, help=say("cli.help.period.period"))
        acting.add_argument("--plan", **plan)
        acting.add_argument(
            "--district", metavar=say("cli.metavar.district"), help=say(f"cli.help.period.{action}.district")
        )
        if action != "submit":  # "these are our figures" needs no reason
            reason_help = say(f"cli.help.period.{action}.reason")
            acting.add_argument("--reason", metavar=say("cli.metavar.reason"), help=reason_help)
        acting.add_argument("--by", metavar=name, help=say("cli.help.period.by"))
    status = command(periods, "status", "cli.help.period.status")
    status.add_argument("--plan", **plan)
    status.add_argument("--json", action="store_true", help=say("cli.help.json"))

    nil = command(commands, "nil-report", "cli.help.nil_report")
    nil.add_argument("target_id", metavar=say("cli.metavar.target_id"), help=say("cli.help.record.target_id"))
    nil.add_argument("period", metavar=period_metavar, help=say("cli.help.period.period"))
    nil.add_argument("--plan", **plan)
    nil.add_argument("--district", metavar=say("cli.metavar.district"), help=say("cli.help.record.district"))
    nil.add_argument("--note", metavar=say("cli.metavar.note"), help=say("cli.help.record.note"))
    nil.add_argument("--by", metavar=name, help=say("cli.help.record.by"))


def _fail(lines: Sequence[str], code: int = EXIT_PROBLEM) -> int:
    for line in lines:  # what an argument brings is written out, never obeyed by the terminal
        print(visible_text(line, multiline=True), file=sys.stderr)
    return code


def _json(value: object) -> None:
    """JSON escapes the C0 controls itself; DEL and the C1 controls, which it leaves as they
    are and some terminals obey, are written as escapes too (as import --json does)."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    print(re.sub("[\x7f-\x9f]", lambda found: f"\\u{ord(found.group()):04x}", text))


def aligned(rows: Sequence[Sequence[str]]) -> str:
    """Rows as columns padded to their widest cell, two spaces apart."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in rows)
    return "\n".join(line.rstrip() for line in lines)


# --- districts as typed ------------------------------------------------------------------


def district_problem(raw: str, lang: Lang) -> str | None:
    """Why ``raw`` names no district (with the closest names), or None when it names one
    or the city (any spelling the district list forgives)."""
    try:
        canonical_district(raw)
    except UnknownDistrictError as error:
        close = ", ".join(error.suggestions)
        return "--district: " + EntryProblem("district", error.code, {"district": raw, "close": close}).message(lang)
    return None


def scope_districts(raws: Iterable[str], lang: Lang) -> tuple[str, ...] | str:
    """The districts an account is limited to, as the list writes them; or why one of
    them cannot be (no such district, or the city, which is no district)."""
    found: list[str] = []
    for raw in raws:
        problem = district_problem(raw, lang)
        if problem is not None:
            return problem
        name = canonical_district(raw)
        if name is None:
            return t("reporting.cli.city_not_a_scope", lang, district=raw)
        if name not in found:
            found.append(name)
    return tuple(found)


def scope_text(districts: Sequence[str], lang: Lang) -> str:
    """An account's districts as user list shows them: «mọi quận, huyện» when unlimited."""
    return ", ".join(districts) if districts else t("periods.all_districts", lang)


# --- completeness --------------------------------------------------------------------


def completeness_command(plan: Plan, ledger: Ledger, args: argparse.Namespace, lang: Lang) -> int:
    """Who has reported which period, as of --today: one line per period, or JSON."""
    try:
        today = parse_date(args.today) if args.today else hanoi_today()
    except ValueError:
        return _fail([t("reporting.cli.bad_today", lang, value=args.today)])
    chosen = _period(plan, args.period, lang) if args.period else None
    if isinstance(chosen, list):
        return _fail(chosen)
    if args.target is not None and args.target not in {target.id for target in plan.targets}:
        known = ", ".join(target.id for target in plan.targets)
        return _fail([t("reporting.cli.unknown_target", lang, target=args.target, plan=plan.id, known=known)])
    result = reporting_of(plan, ledger, today, args.target)
    summaries = [s for s in result.by_period if chosen is None or s.period.name == chosen.name]
    if args.json:
        shown = as_json(result)
        shown["periods"] = [item for item in shown["periods"] if chosen is None or item["period"] == chosen.name]
        _json(shown)
        return EXIT_OK
    print(_completeness_heading(plan, result, lang))
    for summary in summaries:
        print(completeness_line(result, summary, lang))
    return EXIT_OK


def _completeness_heading(plan: Plan, result: Completeness, lang: Lang) -> str:
    if result.target_id is None:
        what = t("reporting.cli.every_target", lang)
    else:
        what = next(target.short.in_(lang) for target in plan.targets if target.id == result.target_id)
    return t("reporting.cli.heading", lang, plan=plan.id, today=format_date(result.today), targets=what)


def completeness_line(result: Completeness, summary: PeriodSummary, lang: Lang) -> str:
    """«Quý 2/2017 (hạn 10/07/2017): 24/30 quận, huyện đã báo cáo, 19 đúng hạn, 3 muộn,
    1 không có số liệu; báo cáo chưa đủ chỉ tiêu: …; chưa báo cáo: Ba Vì, …», the places
    in the district list's order, where people look for a name."""
    period = summary.period
    row = [cell for (_, name), cell in result.cells.items() if name == period.name and cell.owed]
    owing = {cell.place for cell in row}
    places_key = "reporting.cli.places.districts"
    if CITY in owing:
        places_key = "reporting.cli.places.mixed" if len(owing) > 1 else "reporting.cli.places.city"
    due_key = "reporting.cli.due" if summary.is_due else "reporting.cli.not_due"
    line = t(
        "reporting.cli.line",
        lang,
        period=period.label(lang),
        due=t(due_key, lang, due=format_date(period.due)),
        reported=summary.reported,
        owed=summary.owed,
        places=t(places_key, lang),
        on_time=summary.on_time,
        late=summary.late,
        nil=summary.nil,
    )
    partial = [cell.place for cell in row if cell.state == CellState.partial]
    if partial:
        line += "; " + t("reporting.cli.partial", lang, places=_places(partial, lang))
    if not summary.missing:
        return line + "; " + t("reporting.cli.none_missing", lang)
    if len(summary.missing) == summary.owed:
        return line + "; " + t("reporting.cli.all_missing", lang, count=summary.owed)
    return line + "; " + t("reporting.cli.missing", lang, places=_places(summary.missing, lang))


def _places(places: Iterable[str], lang: Lang) -> str:
    return ", ".join(place_name(place, lang) for place in places)


# --- the period, its author and reason --------------------------------------------------


def _period(plan: Plan, name: str, lang: Lang) -> ReportingPeriod | list[str]:
    """The plan's period named ``name``, or the lines that say it has none, and which it has."""
    try:
        return period_of_plan(plan, name)
    except PeriodError as error:
        if error.code != "unknown_period":  # a period's name, but not the plan's: it says which are
            return [error.message(lang)]
        known = ", ".join(period.name for period in plan.reporting_periods())
        return [error.message(lang), t("reporting.cli.known_periods", lang, periods=known)]


def _author(by: str | None, lang: Lang) -> str | list[str]:
    """The name a status change is recorded under, or the lines that say why it cannot be."""
    try:
        name = typed_text(by, limit=MAX_AUTHOR)
    except TypedTextError as error:
        params = {"limit": error.limit} if error.code == "too_long" else {"character": error.character}
        return [EntryProblem("entered_by", error.code, params).render(lang)]
    if name is None:
        return [EntryProblem("entered_by", "missing_author").render(lang) + " (--by)"]
    return name


def _reason(raw: str | None, lang: Lang) -> str | list[str] | None:
    """--reason as the period book stores it (its one rule), or the line that says why not."""
    try:
        return checked_reason(raw, required=False)
    except PeriodError as error:
        return ["--reason: " + error.message(lang)]


def _place(raw: str | None, lang: Lang) -> str | list[str]:
    """A district as typed, or the city (empty, «Toàn thành phố», "(city)")."""
    text = (raw or "").strip()
    if not text or text == CITY:
        return CITY
    problem = district_problem(text, lang)
    if problem is not None:
        return [problem]
    return canonical_district(text) or CITY


# --- --by that names an account --------------------------------------------------------


def account_named(database: Database, by: str) -> UserRow | None:
    """The account ``by`` names: its user name (as sign-in compares it), else its display
    name (which no two accounts share, whatever the case); None when it names none."""
    users = Accounts(database).list_users()
    try:
        username = normalise_username(by)
    except AccountError:
        username = None
    found = next((user for user in users if user.username == username), None)
    if found is not None:
        return found
    try:
        name = typed_text(by, limit=MAX_AUTHOR)
    except TypedTextError:
        return None
    wanted = (name or "").casefold()
    return next((user for user in users if wanted and user.display_name.casefold() == wanted), None)


def writing_as(ledger: Ledger, by: str, permission: Permission, lang: Lang) -> tuple[str, Ledger] | list[str]:
    """The name a command given ``--by`` writes under and the ledger it writes through.
    An account's: its display name, and its writes checked against its districts inside
    each write's transaction, as the app checks them; else ``by`` as typed, the operator's
    (no district limit). The lines that say why not when the account's role may not do
    what ``permission`` names."""
    account = account_named(ledger.database, by)
    if account is None:
        return by, ledger
    if not allows(account.role, permission):
        key = (
            "reporting.cli.by_account_not_admin"
            if permission == Permission.approve
            else "reporting.cli.by_account_viewer"
        )
        role = role_label(account.role, lang)
        return [t(key, lang, name=by, username=account.username, role=role)]
    return account.display_name, ledger.written_by(account.username)


# --- submit, approve, lock, reopen ----------------------------------------------------


def period_command(plan: Plan, ledger: Ledger, args: argparse.Namespace, by: str | None, lang: Lang) -> int:
    """python -m tracker period ...: the statuses, or one change of them under ``by``; a
    submit is checked against the districts of the account ``ledger`` writes as, if any."""
    book = PeriodBook(ledger.database, plan.id)
    if args.period_command == "status":
        return _status(plan, book, args.json, lang)
    heading = t("reporting.cli.not_changed", lang)
    period = _period(plan, args.period, lang)
    if isinstance(period, list):
        return _fail([heading, *("  " + line for line in period)])
    action: str = args.period_command
    author = _author(by, lang)
    reason = _reason(getattr(args, "reason", None), lang)
    for problem in (author, reason):
        if isinstance(problem, list):
            return _fail([heading, *("  " + line for line in problem)])
    assert isinstance(author, str) and not isinstance(reason, list)
    if action in ("lock", "reopen") and reason is None:
        return _fail([heading, "  " + t("reporting.cli.reason_required", lang, action=action)])
    if action == "lock" and args.district:
        return _fail([heading, "  " + t("reporting.cli.lock_whole", lang)])
    if action in ("submit", "approve") and not args.district:
        return _fail([heading, "  " + t("reporting.cli.district_required", lang, action=action)])
    place: str | list[str] = ALL_DISTRICTS
    if args.district and not (action == "reopen" and args.district.strip() == ALL_DISTRICTS):
        place = _place(args.district, lang)
    if isinstance(place, list):
        return _fail([heading, *("  " + line for line in place)])
    try:
        count = 1
        if action == "submit":
            book.submit(period, place, author, ledger.writer)  # None: the operator's, no district limit
        elif action == "approve":
            book.approve(period, place, author, reason)
        elif action == "lock":
            assert reason is not None
            book.lock_all(period, author, reason)
        else:
            assert reason is not None
            count = book.reopen(period, place, author, reason)
    except REFUSALS as error:
        return _fail([heading, "  " + error.message(lang)])
    key = "reopen_all" if action == "reopen" and place == ALL_DISTRICTS else action
    done = t(
        f"reporting.cli.done.{key}",
        lang,
        place=place_name(place, lang),
        period=period.label(lang),
        reason=reason or "",
        count=count,
    )
    print(done)
    return EXIT_OK


def _status(plan: Plan, book: PeriodBook, as_json: bool, lang: Lang) -> int:
    """Every status row of the plan (its period, place, status, who, when, why), then
    the history of the changes, the newest first."""
    rows = sorted(book.statuses(), key=lambda row: (row.start, row.district != ALL_DISTRICTS, row.district))
    events = book.events()
    if as_json:
        statuses, changes = [_status_json(row) for row in rows], [_event_json(event) for event in events]
        _json({"plan": plan.id, "statuses": statuses, "events": changes})
        return EXIT_OK
    if not rows and not events:
        print(t("reporting.cli.status.none", lang, plan=plan.id))
        return EXIT_OK
    print(t("reporting.cli.status.heading", lang, plan=plan.id))
    columns = ("period", "place", "status", "by", "at", "reason")
    header = [t(f"reporting.cli.status.col.{column}", lang) for column in columns]
    table = [
        [
            period_label(row.period, lang),
            visible_text(place_name(row.district, lang)),
            t(f"periods.status.{row.status.value}", lang),
            visible_text(row.changed_by),
            format_moment(row.changed_at),
            visible_text(row.reason or ""),
        ]
        for row in rows
    ]  # stored text is written out (⟨U+001B⟩), never obeyed by the terminal
    print(aligned([header, *table]))
    if events:
        print()
        print(t("reporting.cli.status.events", lang))
        for event in events:
            print(_event_line(event, lang))
    return EXIT_OK


def _status_json(row: StatusRow) -> dict[str, Any]:
    return {
        "plan": row.plan_id,
        "period": row.period,
        "district": row.district,
        "status": row.status.value,
        "by": row.changed_by,
        "at": row.changed_at.isoformat(),
        "reason": row.reason,
        "start": row.start.isoformat(),
        "end": row.end.isoformat(),
        "first_approved_at": None if row.first_approved_at is None else row.first_approved_at.isoformat(),
    }


def _event_json(event: EventRow) -> dict[str, Any]:
    return {
        "id": event.id,
        "plan": event.plan_id,
        "period": event.period,
        "district": event.district,
        "action": event.action.value,
        "before": event.status_before.value,
        "after": event.status_after.value,
        "by": event.changed_by,
        "at": event.changed_at.isoformat(),
        "reason": event.reason,
    }


def _event_line(event: EventRow, lang: Lang) -> str:
    """«#3 05/07/2017 14:30 Nguyễn Văn An: mở lại Chương Mỹ, Quý 2/2017 (đã duyệt → đang
    mở): lý do»."""
    line = t(
        "reporting.cli.status.event",
        lang,
        id=event.id,
        at=format_moment(event.changed_at),
        by=visible_text(event.changed_by),
        action=t(f"periods.action.{event.action.value}", lang),
        place=visible_text(place_name(event.district, lang)),
        period=period_label(event.period, lang),
        before=t(f"periods.status.{event.status_before.value}", lang),
        after=t(f"periods.status.{event.status_after.value}", lang),
    )
    return f"{line}: {visible_text(event.reason)}" if event.reason else line


# --- nil reports -----------------------------------------------------------------------


def nil_report_command(plan: Plan, ledger: Ledger, args: argparse.Namespace, by: str | None, lang: Lang) -> int:
    """«Nothing this period» for a target, a district (default: the city) and a period:
    a nil entry on the period's last day, refused when the place already sent something."""
    heading = t("cli.not_recorded", lang)
    period = _period(plan, args.period, lang)
    if isinstance(period, list):
        return _fail([heading, *("  " + line for line in period)])
    try:
        entry = validate_entry(
            plan,
            target_id=args.target_id,
            quantity=0,
            ref_date=plan.nil_day(args.target_id, period) or min(period.end, plan.period.end),  # as record_nil
            district=args.district,
            note=args.note,
            entered_by=by,
            kind=EntryKind.nil,
            lang=lang,
        )
        entry_id = record_nil_entry(plan, ledger, entry, period)
    except EntryError as error:
        return _fail([heading, *("  " + line for line in error.render(lang))])
    except REFUSALS as error:
        return _fail([heading, "  " + error.message(lang)])
    target = plan.recordable_by_id()[entry.target_id].short.in_(lang)  # as the refusals name it
    place = place_name(entry.district, lang)
    print(t("reporting.cli.nil_recorded", lang, id=entry_id, target=target, place=place, period=period.label(lang)))
    return EXIT_OK


def refused_write(error: CodedError, heading: str, lang: Lang) -> int:
    """A write the reporting cycle refused (REFUSALS): the heading and why, exit 1."""
    return _fail([heading, "  " + error.message(lang)])


__all__ = [
    "REFUSALS",
    "add_commands",
    "aligned",
    "completeness_command",
    "completeness_line",
    "nil_report_command",
    "period_command",
    "refused_write",
    "scope_districts",
    "scope_text",
    "writing_as",
]
