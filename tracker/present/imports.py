"""An import as people read it: the preview's rows and counts, the targets before and
after, the batches in the history, and the template pre-filled with what is recorded."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from tracker.domain.plan import Plan
from tracker.domain.reports import Field
from tracker.domain.text import visible_text
from tracker.i18n import Lang, format_date, format_moment, format_number, t
from tracker.service.imports import ImportPreview, Outcome, RowOutcome
from tracker.storage.ledger import BatchRow, EntryRow, Ledger

# pandas, openpyxl (the template) and the grid are imported where the page needs them: the
# command line's import prints lines, and a second of imports is a fifth of its budget.
if TYPE_CHECKING:
    import pandas as pd

    from tracker.present.template import TemplateRow

# How many rows the command line prints of each kind before it says how many more.
CLI_ROWS_SHOWN = 50


def district_text(district: str | None, lang: Lang) -> str:
    return district if district is not None else t("district.city_wide", lang)


def _number(value: Decimal | None, lang: Lang) -> str:
    return "" if value is None else format_number(value, lang, 3)


def outcome_label(outcome: Outcome, lang: Lang) -> str:
    return t(f"import.outcome.{outcome.value}", lang)


def reading_text(row: RowOutcome, lang: Lang) -> str | None:
    """How a quantity the file wrote as text was read, when the text is not the plain
    number: "«1.200» đọc là 1200". The number is written without grouping, so that it reads
    the same whatever rule the reader follows; None for a number cell or a plain text."""
    if row.figure is None or row.figure.typed_quantity is None:
        return None
    typed = row.figure.typed_quantity
    if typed.isascii() and typed.isdigit() and (typed == "0" or typed[0] != "0"):
        return None  # a whole number written plainly (120) is its own plain writing
    from tracker.service.grid import plain_number

    plain = plain_number(row.figure.entry.quantity, lang)
    if typed == plain:
        return None
    return t("number.read_as", lang, typed=visible_text(typed), number=plain)


def nil_text(row: RowOutcome, lang: Lang) -> str | None:
    """What a row's 0 says when it is a nil report: «0: không có số liệu kỳ này (Quý 1/2017)»."""
    if row.nil is None:
        return None
    return t("import.nil_quantity", lang, period=row.nil.label(lang))


def _quantity_text(row: RowOutcome, lang: Lang) -> str:
    if row.figure is None:
        return ""
    said = nil_text(row, lang)
    if said is not None:
        return said
    new = reading_text(row, lang) or _number(row.figure.entry.quantity, lang)
    if row.outcome == Outcome.changed and row.current is not None and "quantity" in row.changed_fields:
        return f"{_number(row.current.quantity, lang)} → {new}"
    return new


def _note_text(row: RowOutcome) -> str:
    if row.figure is None:
        return ""
    note = row.figure.entry.note or ""
    if row.outcome == Outcome.changed and row.current is not None and "note" in row.changed_fields:
        return f"{row.current.note or '∅'} → {note}"
    return note


def problems_text(row: RowOutcome, lang: Lang) -> str:
    return "; ".join(
        (f"{t('import.field.' + p.column.value, lang)}: " if p.column is not None else "") + p.message(lang)
        for p in row.problems
    )


# The preview's columns: (header key, width in pixels, numbers). 904 px is what a laptop
# leaves the page; the target goes by its short name (the full title is on the target page).
_PREVIEW_COLUMNS: tuple[tuple[str, int, bool], ...] = (
    ("import.col.row", 52, True),
    ("import.col.outcome", 86, False),
    ("import.col.problems", 260, False),
    ("import.field.district", 100, False),
    ("import.field.target", 160, False),
    ("import.col.day", 86, False),
    ("import.field.quantity", 130, True),  # room for "«1.200» đọc là 1200"
    ("import.field.village", 90, False),
    ("import.field.note", 120, False),
)


def preview_table(plan: Plan, preview: ImportPreview, lang: Lang, only: Outcome | None = None) -> pd.DataFrame:
    """One line per row of the file: errors first, each with its reason and the row as
    the file wrote it; a change shows the recorded figure and the file's."""
    import pandas as pd

    from tracker.present.tables import LOOKS, ColumnLook

    items = plan.recordable_by_id()
    shown = preview.in_order(only)
    with_problems = any(row.problems for row in shown)
    lines = []
    for row in shown:
        entry = row.figure.entry if row.figure is not None else None
        item = items.get(entry.target_id) if entry is not None else None
        # a row that could not be read is shown as the file wrote it, nothing hidden
        raw = {column: visible_text(text, multiline=column == Field.note) for column, text in row.raw.items()}
        cells = {
            "import.col.row": row.row,
            "import.col.outcome": outcome_label(row.outcome, lang),
            "import.col.problems": problems_text(row, lang),
            "import.field.district": district_text(entry.district, lang) if entry else raw.get(Field.district, ""),
            "import.field.target": item.short.in_(lang) if item is not None else raw.get(Field.target, ""),
            "import.col.day": format_date(entry.ref_date) if entry else raw.get(Field.period, raw.get(Field.date, "")),
            "import.field.quantity": _quantity_text(row, lang) if entry else raw.get(Field.quantity, ""),
            "import.field.village": (entry.village or "") if entry else raw.get(Field.village, ""),
            "import.field.note": _note_text(row) if entry else raw.get(Field.note, ""),
        }
        lines.append({t(key, lang): value for key, value in cells.items()})
    keys = [key for key, _, _ in _PREVIEW_COLUMNS if with_problems or key != "import.col.problems"]
    frame = pd.DataFrame(lines, columns=[t(key, lang) for key in keys])
    frame.attrs[LOOKS] = {
        t(key, lang): ColumnLook(
            label=t(key, lang), help=t(key, lang), width=width, alignment="right" if numbers else "left"
        )
        for key, width, numbers in _PREVIEW_COLUMNS
        if key in keys
    }
    return frame


def totals_table(preview: ImportPreview, lang: Lang) -> pd.DataFrame:
    """Each target the import touches: achieved now, after the import, and the difference."""
    import pandas as pd

    from tracker.present.tables import LOOKS, ColumnLook

    keys = (
        "import.field.target",
        "import.col.before",
        "import.col.after",
        "import.col.difference",
        "import.field.unit",
    )
    lines = [
        dict(
            zip(
                [t(key, lang) for key in keys],
                (
                    change.item.short.in_(lang),
                    format_number(change.before, lang, 3),
                    format_number(change.after, lang, 3),
                    _signed(change.after - change.before, lang),
                    change.item.unit.in_(lang),
                ),
                strict=True,
            )
        )
        for change in preview.totals
    ]
    frame = pd.DataFrame(lines, columns=[t(key, lang) for key in keys])
    widths = (380, 120, 120, 100, 120)
    numbers = (False, True, True, True, False)
    frame.attrs[LOOKS] = {
        t(key, lang): ColumnLook(
            label=t(key, lang), help=t(key, lang), width=width, alignment="right" if right else "left"
        )
        for key, width, right in zip(keys, widths, numbers, strict=True)
    }
    return frame


def _signed(value: Decimal, lang: Lang) -> str:
    text = format_number(abs(value), lang, 3)
    return f"+{text}" if value > 0 else f"−{text}" if value < 0 else "0"


def counts_line(preview: ImportPreview, lang: Lang) -> str:
    """The rows by outcome; the nil reports named only in a file that has some."""
    counts = preview.counts()
    return t(
        "import.counts_nil" if counts[Outcome.nil] else "import.counts",
        lang,
        nil=format_number(counts[Outcome.nil], lang, 0),
        rows=format_number(len(preview.rows), lang, 0),
        new=format_number(counts[Outcome.new], lang, 0),
        changed=format_number(counts[Outcome.changed], lang, 0),
        unchanged=format_number(counts[Outcome.unchanged], lang, 0),
        errors=format_number(counts[Outcome.error], lang, 0),
        blank=format_number(counts[Outcome.blank], lang, 0),
    )


def preview_lines(plan: Plan, preview: ImportPreview, lang: Lang) -> list[str]:
    """The preview as the command line prints it: the file, the counts, every error (up
    to a limit), the changes, and each target before and after."""
    table = preview.table
    lines = [
        t("import.cli.file", lang, file=table.file_name, sha256=table.sha256[:16], plan=preview.plan_id),
        counts_line(preview, lang),
    ]
    lines += ["  " + problem.message(lang) for problem in preview.file_problems]
    errors = preview.in_order(Outcome.error)
    for row in errors[:CLI_ROWS_SHOWN]:
        lines.append("  " + t("import.cli.row", lang, row=row.row, text=problems_text(row, lang)))
    if len(errors) > CLI_ROWS_SHOWN:
        lines.append("  " + t("import.cli.more", lang, count=len(errors) - CLI_ROWS_SHOWN))
    changed = preview.in_order(Outcome.changed)
    items = plan.recordable_by_id()
    for row in changed[:CLI_ROWS_SHOWN]:
        assert row.figure is not None
        entry = row.figure.entry
        place = district_text(entry.district, lang)
        what = f"{items[entry.target_id].title.in_(lang)} · {place} · {format_date(entry.ref_date)}"
        change = ", ".join(
            x for x in (_quantity_text(row, lang), _note_text(row) if "note" in row.changed_fields else "") if x
        )
        lines.append("  " + t("import.cli.changed_row", lang, row=row.row, what=what, change=change))
    if len(changed) > CLI_ROWS_SHOWN:
        lines.append("  " + t("import.cli.more", lang, count=len(changed) - CLI_ROWS_SHOWN))
    nils = preview.in_order(Outcome.nil)
    for row in nils[:CLI_ROWS_SHOWN]:
        assert row.figure is not None
        entry = row.figure.entry
        what = f"{items[entry.target_id].title.in_(lang)} · {district_text(entry.district, lang)}"
        lines.append("  " + t("import.cli.nil_row", lang, row=row.row, what=what, said=nil_text(row, lang)))
    if len(nils) > CLI_ROWS_SHOWN:
        lines.append("  " + t("import.cli.more", lang, count=len(nils) - CLI_ROWS_SHOWN))
    # the numbers written as text, each as it was read (a changed row said so above)
    read = [(row, reading_text(row, lang)) for row in preview.in_order(Outcome.new)]
    read = [(row, reading) for row, reading in read if reading is not None]
    for row, reading in read[:CLI_ROWS_SHOWN]:
        lines.append("  " + t("number.cli_read_row", lang, row=row.row, reading=reading))
    if len(read) > CLI_ROWS_SHOWN:
        lines.append("  " + t("import.cli.more", lang, count=len(read) - CLI_ROWS_SHOWN))
    for change in preview.totals:
        lines.append(
            "  "
            + t(
                "import.cli.total",
                lang,
                target=change.item.title.in_(lang),
                before=format_number(change.before, lang, 3),
                after=format_number(change.after, lang, 3),
                unit=change.item.unit.in_(lang),
            )
        )
    return lines


def batch_title(batch: BatchRow, lang: Lang) -> str:
    """One line for an import in the history: number, file, who, when, what it did."""
    title = t(
        "import.batch.title",
        lang,
        id=batch.id,
        file=batch.file_name,
        by=batch.imported_by,
        at=format_moment(batch.imported_at),
        new=format_number(batch.new, lang, 0),
        changed=format_number(batch.changed, lang, 0),
        unchanged=format_number(batch.unchanged, lang, 0),
    )
    if batch.reverted_at is not None:
        title += " · " + t("import.batch.reverted", lang, by=batch.reverted_by, at=format_moment(batch.reverted_at))
    return title


def _nil_only(plan: Plan, ledger: Ledger, rows: Sequence[TemplateRow]) -> set[tuple[str, str | None, str]]:
    """(target, district, template period) of the rows whose reporting period holds a nil
    report of the district and nothing else, the row's period lying within it."""
    periods = {p.name: p for p in plan.reporting_periods()}
    receipts = ledger.for_plan(plan.id).receipts(
        [(p.name, p.start, p.end) for p in periods.values()], {row.target.id for row in rows}
    )
    nil_only = {(r.target_id, r.district, r.period) for r in receipts if r.nil and r.entries == r.nil}
    found: set[tuple[str, str | None, str]] = set()
    for row in rows:
        period = plan.reporting_period_at(row.period.last_day)
        inside = period.start <= row.period.first_day and row.period.last_day <= period.end
        if inside and (row.target.id, row.district, period.name) in nil_only:
            found.add((row.target.id, row.district, row.period.label))
    return found


def prefilled(plan: Plan, ledger: Ledger, rows: Sequence[TemplateRow]) -> list[TemplateRow]:
    """The template's rows with the figures already recorded for them, and a row more for
    each figure recorded with a village on such a row's day, so that a district corrects
    what is there rather than types it again."""
    from tracker.present.template import TemplateRow

    if not rows:
        return []
    days = {(row.target.id, row.period.label): row.period.report_day(plan.period_of(row.target)) for row in rows}
    wanted = [(row.target.id, row.district, day) for row in rows if (day := days[(row.target.id, row.period.label)])]
    recorded = ledger.for_plan(plan.id).live_matching(wanted)
    by_place: dict[tuple[str, str | None, object], list[EntryRow]] = {}
    for (target_id, district, _village, day), found in recorded.items():
        by_place.setdefault((target_id, district, day), []).extend(found)
    said_nil = _nil_only(plan, ledger, rows)
    result: list[TemplateRow] = []
    for row in rows:
        day = days[(row.target.id, row.period.label)]
        here = sorted(by_place.get((row.target.id, row.district, day), []), key=lambda e: (e.village or "", e.id))
        plain = [entry for entry in here if entry.village is None]
        first = plain[0] if len(plain) == 1 else None
        quantity = first.quantity if first else None
        if quantity is None and not here and (row.target.id, row.district, row.period.label) in said_nil:
            quantity = Decimal(0)  # the nil report recorded, as the file says one: it reads back unchanged
        result.append(
            TemplateRow(
                row.district,
                row.target,
                row.period,
                quantity,
                None,
                first.note if first else None,
            )
        )
        for entry in here:
            if entry.village is not None:
                result.append(
                    TemplateRow(row.district, row.target, row.period, entry.quantity, entry.village, entry.note)
                )
    return result
