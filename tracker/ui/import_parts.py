"""The import page's parts: the template to download, the upload, the columns, the
preview, the save, and the imports with their undo.

Nothing the browser sends is trusted: the file is read again from its bytes, the column
choices are checked against the header, and the save is checked by the write itself
(role, stale figures) whatever the page showed.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import streamlit as st

from tracker.domain.districts import district_names
from tracker.domain.plan import Plan
from tracker.domain.reports import Field, PeriodKind, periods_of
from tracker.domain.text import shown_text
from tracker.i18n import format_number, t
from tracker.present.history import history_table
from tracker.present.imports import (
    batch_title,
    outcome_label,
    prefilled,
    preview_table,
    problems_text,
    totals_table,
)
from tracker.present.tables import titles_on_hover
from tracker.present.template import TemplateRow, template_csv, template_file_name, template_rows, template_xlsx
from tracker.service.imports import (
    OUTCOME_ORDER,
    Importer,
    ImportPreview,
    ImportResult,
    Outcome,
    importer_of,
    preview_import,
    revert_import,
    save_import,
    template_districts,
)
from tracker.service.spreadsheets import APP_LIMITS, SheetTable, UnreadableFileError, human_size, read_spreadsheet
from tracker.storage.ledger import BatchRow, Ledger
from tracker.storage.periods import OutsideScopeError, PeriodLockedError
from tracker.ui import reads
from tracker.ui.display import table
from tracker.ui.frame import flash
from tracker.ui.language import lang
from tracker.ui.sign_in import Visitor
from tracker.ui.text import md_escape
from tracker.ui.upload_gate import permit_uploads
from tracker.ui.writes import Refused, attempt

UPLOAD_KEY = "import_upload"
UPLOAD_ROUND = "import_upload_round"  # a new key empties the uploader after a save
TABLE_KEY = "import_table"  # the file as read, kept while it is the one uploaded
PREVIEW_KEY = "import_preview"  # the previews made of this file, by what they were made from
SAVE_KEY = "import_save"
STALE_KEY = "import_stale"  # why the last save was refused, said above the preview made again
REFUSED_KEY = "import_refused"  # the write's lock or district check refused the last save: why
MAPPING_PREFIX = "import_column_"
UNDO_ASKED_KEY = "import_undo_asked"  # the import whose undo the person is asked to confirm
UNDONE_KEY = "import_undone"  # (import id, what its undo did), said in its place after the rerun
NOT_IN_FILE = -1
MIME_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BATCHES_SHOWN = 20
ERRORS_LISTED = 20  # above the table, in words; all of them are in the table
# Reading a file and making its preview hold the server's Python for up to a few seconds
# (the file's bounds: service/spreadsheets.py, APP_LIMITS). One at a time per server, so
# that the others' pages stay quick; whoever comes next waits, told so, and gives up after
# READ_WAIT_SECONDS, keeping the file to try again.
READERS_AT_ONCE = 1
READ_WAIT_SECONDS = 60.0
_readers = threading.BoundedSemaphore(READERS_AT_ONCE)
_waiting = 0  # runs waiting for a slot now
_waiting_changed = threading.Condition()
_Made = TypeVar("_Made")


class BusyError(Exception):
    """The server went on reading other files for longer than READ_WAIT_SECONDS."""


def wait_until_someone_waits(timeout: float) -> bool:
    """Whether some run began waiting for a reading slot within ``timeout`` seconds (for
    whoever holds a slot and wants to know a page is queued behind it)."""
    with _waiting_changed:
        return _waiting_changed.wait_for(lambda: _waiting > 0, timeout)


def _count_waiting(change: int) -> None:
    global _waiting
    with _waiting_changed:
        _waiting += change
        _waiting_changed.notify_all()


@contextmanager
def _reading_slot() -> Iterator[None]:
    """Hold one of the server's reading slots, waiting for it with a notice when all are taken."""
    if not _readers.acquire(blocking=False):
        notice = st.empty()
        notice.info(t("import.upload.waiting", lang()), icon=":material/hourglass_top:")
        _count_waiting(+1)
        try:
            acquired = _readers.acquire(timeout=READ_WAIT_SECONDS)
        finally:
            _count_waiting(-1)
        notice.empty()
        if not acquired:
            raise BusyError
    try:
        yield
    finally:
        _readers.release()


def _in_turn(make: Callable[[], _Made]) -> _Made:
    """``make()`` in a reading slot."""
    with _reading_slot():
        return make()


def who_imports(ledger: Ledger, person: Visitor) -> Importer:
    """The account importing, and the districts it may write, said above the template
    when it is a district office's."""
    importer = importer_of(ledger, person.credential)
    if importer.districts:
        names = ", ".join(name for name in district_names() if name in importer.districts)
        st.info(t("import.scope.note", lang(), districts=md_escape(names)), icon=":material/location_on:")
    return importer


def template_download(plan: Plan, ledger: Ledger, importer: Importer | None = None) -> None:
    """The template for the plan: every district or one, every month or one period,
    empty or filled with what is recorded. A district office's account gets its own
    districts only, to choose from and in the file."""
    language = lang()
    st.subheader(t("import.template.title", language))
    st.caption(t("import.template.intro", language))
    scope = importer.districts if importer is not None else frozenset()
    names = template_districts(importer or Importer())
    everything = "import.template.all_mine" if scope else "import.template.all_districts"
    # The choices are plain values ("" for all), their words drawn by format_func: a
    # choice made in one language stays chosen when the person switches to the other.
    place, when, filled = st.columns([2, 2, 1.4], vertical_alignment="bottom")
    district = place.selectbox(
        t("import.field.district", language),
        ["", *names] if len(names) > 1 else names,
        format_func=lambda name: name or t(everything, language),
        key="import_template_district" + ("_mine" if scope else ""),
    )
    months = periods_of(plan.period, PeriodKind.month)
    by_label = {p.label: p for p in (*periods_of(plan.period, PeriodKind.quarter), *months)}
    label = when.selectbox(
        t("import.field.period", language),
        ["", *by_label],
        format_func=lambda chosen: by_label[chosen].label if chosen else t("import.template.all_months", language),
        key="import_template_period",
    )
    with_figures = filled.checkbox(t("import.template.prefilled", language), key="import_template_prefilled")
    chosen = str(district) if district in names else None
    places: list[str | None] = list(names) if chosen is None else [chosen]
    named = chosen or (names[0] if len(names) == 1 else None)  # the file's name says whose it is
    period = by_label.get(str(label)) if label else None
    periods = months if period is None else [period]

    def rows() -> list[TemplateRow]:  # built when a button is pressed, not on every run
        made = template_rows(plan, places, periods)
        return prefilled(plan, ledger, made) if with_figures else made

    workbook, text, _ = st.columns([1.3, 1.1, 1.6])
    workbook.download_button(
        t("import.template.xlsx", language),
        data=lambda: template_xlsx(plan, rows(), language, names if scope else None),
        file_name=template_file_name(plan, named, period, "xlsx"),
        mime=MIME_XLSX,
        icon=":material/table_view:",
        on_click="ignore",
    )
    text.download_button(
        t("import.template.csv", language),
        data=lambda: template_csv(plan, rows(), language),
        file_name=template_file_name(plan, named, period, "csv"),
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
    )


def uploaded_table(person: Visitor) -> SheetTable | None:
    """The file uploaded, read (once per file); None when there is none or it cannot be
    read, after saying why. Only a person who may import gets the uploader: anyone else's
    session may not even send the server a file (tracker/ui/upload_gate.py)."""
    language = lang()
    st.subheader(t("import.upload.title", language))
    permit_uploads(person.can_edit)
    if not person.can_edit:
        st.session_state.pop(TABLE_KEY, None)
        st.session_state.pop(PREVIEW_KEY, None)
        st.info(t("import.upload.editors_only", language))
        return None
    round_number = st.session_state.get(UPLOAD_ROUND, 0)
    upload = st.file_uploader(
        t("import.upload.label", language),
        type=["xlsx", "xls", "ods", "csv"],
        key=f"{UPLOAD_KEY}_{round_number}",
        help=t(
            "import.upload.help",
            language,
            limit=APP_LIMITS.max_bytes // (1024 * 1024),
            rows=format_number(APP_LIMITS.max_rows, language, 0),
        ),
    )
    if upload is None:
        st.session_state.pop(TABLE_KEY, None)
        st.info(t("import.upload.empty", language))
        return None
    data = upload.getvalue()
    digest = hashlib.sha256(data).hexdigest()
    kept = st.session_state.get(TABLE_KEY)
    if isinstance(kept, tuple) and kept[0] == (upload.name, digest):
        found = kept[1]
    else:
        try:
            found = _in_turn(lambda: read_spreadsheet(upload.name, data, limits=APP_LIMITS))
        except UnreadableFileError as error:
            found = error
        except BusyError:
            _say_busy()
            return None
        st.session_state[TABLE_KEY] = ((upload.name, digest), found)
        for key in [key for key in st.session_state if str(key).startswith(MAPPING_PREFIX)]:
            del st.session_state[key]  # another file: its columns are proposed afresh
    if isinstance(found, UnreadableFileError):
        st.error(t("import.upload.unreadable", language, reason=md_escape(found.message(language))))
        return None
    return found


def _say_busy() -> None:
    """Nothing was read: say so, and offer to try again (the file stays chosen)."""
    language = lang()
    st.warning(t("import.upload.busy", language, seconds=format_number(READ_WAIT_SECONDS, language, 0)))
    st.button(t("import.upload.retry", language), icon=":material/refresh:", key="import_retry")


def column_key(sha256: str, column: Field) -> str:
    """The key of a column's choice for one file: a new file's choices start afresh (the
    browser keeps a widget's value for as long as its key lives)."""
    return f"{MAPPING_PREFIX}{sha256[:16]}_{column.value}"


def column_choice(
    proposed: dict[Field, int], headers: tuple[str, ...], needs_choice: bool, sha256: str
) -> dict[Field, int] | None:
    """The columns as proposed from the header names, which the person may correct; None
    while they keep the proposal. Choices are indices into the header, checked here."""
    language = lang()
    fields = [f for f in Field if f not in (Field.unit, Field.plan_id)]
    options = [NOT_IN_FILE, *range(len(headers))]

    def label(index: int) -> str:
        if not 0 <= index < len(headers):
            return t("import.mapping.none", language)
        # a header as the file wrote it, its hidden characters written out
        return shown_text(headers[index]) or t("import.mapping.unnamed", language, column=index + 1)

    with st.expander(t("import.mapping.title", language), expanded=needs_choice):
        st.caption(t("import.mapping.intro", language))
        chosen: dict[Field, int] = {}
        columns = st.columns(4)
        for position, column in enumerate(fields):
            default = proposed.get(column, NOT_IN_FILE)
            key = column_key(sha256, column)
            if key in st.session_state and st.session_state[key] not in options:
                del st.session_state[key]  # a choice no column of this file answers to: forged, or of another file
            picked = columns[position % 4].selectbox(
                t(f"import.field.{column.value}", language),
                options,
                index=options.index(default) if default in options else 0,
                format_func=label,
                key=key,
            )
            if isinstance(picked, int) and 0 <= picked < len(headers):
                chosen[column] = picked
        unit = proposed.get(Field.unit)
        if Field.district not in chosen and unit is not None:  # "Đơn vị" may be the reporting district
            st.info(t("import.mapping.unit_as_district", language, header=md_escape(shown_text(headers[unit]))))
    chosen |= {f: i for f, i in proposed.items() if f not in fields}  # the unit and plan id are not chosen
    return None if chosen == proposed else chosen


def preview(plan: Plan, ledger: Ledger, found: SheetTable, importer: Importer | None = None) -> ImportPreview | None:
    """The preview of the file with the columns chosen; None when the server stayed busy
    with other files (said so). Kept for the session while the file, the columns and the
    recorded figures (the revision) stay as they are, so that filtering the rows does not
    read a large file's figures again. In the run a press of Save starts, the preview kept
    is the one the person saw, whatever was recorded since: the save then finds what moved
    and refuses, rather than saving a preview nobody saw. The rows are checked against
    ``importer``'s districts and the locks, as the save checks them."""
    revision = ledger.revision()
    saving = st.session_state.get(SAVE_KEY) is True
    who = importer or Importer()
    try:
        first = _kept_preview(plan, ledger, found, None, revision, saving, who)
        mapping = column_choice(first.mapping, first.headers, bool(first.file_problems), found.sha256)
        return first if mapping is None else _kept_preview(plan, ledger, found, mapping, revision, saving, who)
    except BusyError:
        _say_busy()
        return None


def _kept_preview(
    plan: Plan,
    ledger: Ledger,
    found: SheetTable,
    mapping: dict[Field, int] | None,
    revision: int,
    saving: bool,
    importer: Importer,
) -> ImportPreview:
    language = lang()  # text numbers are read as the page's language writes them: part of the key
    columns = None if mapping is None else tuple(sorted(mapping.items()))
    # and who imports: another account's preview is checked against its own districts
    key = (plan.id, found.file_name, found.sha256, columns, language, importer)
    kept = st.session_state.get(PREVIEW_KEY)
    kept = kept if isinstance(kept, dict) else {}
    earlier = kept.get(key)
    if isinstance(earlier, ImportPreview) and (saving or earlier.revision == revision):
        return earlier
    made = _in_turn(lambda: preview_import(plan, ledger, found, mapping, lang=language, writer=importer.username))
    # the proposal's preview and the chosen columns' one: the two a run draws from
    st.session_state[PREVIEW_KEY] = {**{k: v for k, v in kept.items() if k[:3] == key[:3] and k[3] is None}, key: made}
    return made


def show_preview(plan: Plan, shown: ImportPreview) -> None:
    """Counts, what is wrong with the file, the targets before and after, the rows."""
    language = lang()
    st.subheader(t("import.preview.title", language))
    found = shown.table
    about = {"file": md_escape(found.file_name), "size": human_size(found.size, language), "sha": found.sha256[:16]}
    if shown.file_problems:  # no row was read: count the file's rows, and say what stops the reading
        under_header = sum(1 for row in found.rows if shown.header_row is None or row.number > shown.header_row)
        fields = [name for problem in shown.file_problems for name in problem.params.get("fields", ())]
        names = ", ".join(t(f"import.field.{name}", language) for name in fields)
        missing = (
            t("import.preview.missing_columns", language, fields=names)
            if fields
            else md_escape(shown.file_problems[0].message(language))
        )
        rows = format_number(under_header, language, 0)
        st.caption(t("import.preview.file_unread", language, **about, rows=rows, missing=missing))
    else:
        st.caption(t("import.preview.file", language, **about, rows=format_number(len(shown.rows), language, 0)))
    stale = st.session_state.pop(STALE_KEY, None)
    if isinstance(stale, str):
        st.warning(stale)
    refused = st.session_state.pop(REFUSED_KEY, None)
    if isinstance(refused, str):
        st.error(refused)
    for problem in shown.file_problems:
        st.error(md_escape(problem.message(language)))
    if shown.file_problems:
        return
    counts = shown.counts()
    # nil reports are counted where a file has some: most files have none
    outcomes = [o for o in OUTCOME_ORDER if o != Outcome.nil or counts[o]]
    for column, outcome in zip(st.columns(len(outcomes)), outcomes, strict=True):
        column.metric(outcome_label(outcome, language), format_number(counts[outcome], language, 0))
    if counts[Outcome.error]:
        errors = shown.in_order(Outcome.error)
        listed = "\n".join(
            f"- {md_escape(t('import.cli.row', language, row=row.row, text=problems_text(row, language)))}"
            for row in errors[:ERRORS_LISTED]
        )
        more = len(errors) - ERRORS_LISTED
        tail = f"\n\n{t('import.cli.more', language, count=more)}" if more > 0 else ""
        count = format_number(counts[Outcome.error], language, 0)
        st.error(f"{t('import.preview.has_errors', language, count=count)}\n\n{listed}{tail}")
    elif not shown.has_changes:
        st.success(t("import.preview.nothing", language))
    if shown.totals:
        st.markdown(f"**{t('import.preview.totals', language)}**")
        totals = totals_table(shown, language)  # short names; their full titles on the column's hover
        targets = [change.item for change in shown.totals]
        table(titles_on_hover(totals, targets, language, md_escape, header_key="import.field.target"))
    everything = t("import.preview.all", language)
    chosen = st.segmented_control(
        t("import.preview.filter", language),
        [everything, *[outcome_label(o, language) for o in OUTCOME_ORDER if counts[o]]],
        default=everything,
        key="import_filter",
    )
    only = next((o for o in OUTCOME_ORDER if outcome_label(o, language) == chosen), None)
    table(preview_table(plan, shown, language, only), names_first=False)


def save_button(plan: Plan, ledger: Ledger, shown: ImportPreview, person: Visitor) -> None:
    """One click saves every new and changed figure, or nothing."""
    language = lang()
    if shown.file_problems or not shown.rows:
        return
    changes = shown.count(Outcome.new) + shown.count(Outcome.changed) + shown.nil_reports()
    label = t("import.save", language, count=format_number(changes, language, 0))
    allowed = person.can_edit and shown.can_save
    if not st.button(label, type="primary", disabled=not allowed, key=SAVE_KEY):
        if not person.can_edit:
            st.caption(t("import.save.read_only", language))
        return

    def save() -> ImportResult | OutsideScopeError | PeriodLockedError:
        try:
            return save_import(plan, ledger, shown, person.credential)
        except (OutsideScopeError, PeriodLockedError) as refused:
            return refused

    result = attempt(save)
    if isinstance(result, Refused):
        return
    if isinstance(result, (OutsideScopeError, PeriodLockedError)):
        # a lock, or a change of the account's districts, since the preview: the whole
        # import refused, said above the preview made again (its rows now say which)
        st.session_state[REFUSED_KEY] = t("import.refused", language, problem=md_escape(result.message(language)))
        st.rerun()
    if result.status == "saved":
        nil = shown.nil_reports()
        flash(
            t(
                "import.saved_nil" if nil else "import.saved",
                language,
                id=result.batch_id,
                new=format_number(shown.count(Outcome.new), language, 0),
                changed=format_number(shown.count(Outcome.changed), language, 0),
                nil=format_number(nil, language, 0),
            )
        )
        st.session_state[UPLOAD_ROUND] = st.session_state.get(UPLOAD_ROUND, 0) + 1
        st.session_state.pop(TABLE_KEY, None)
        st.rerun()
    elif result.status == "stale":
        st.session_state[STALE_KEY] = t("import.stale", language, count=len(result.stale_rows))
        st.rerun()  # the preview is made again from the figures as they are now
    elif result.status == "nothing":
        st.info(t("import.preview.nothing", language))
    else:
        st.error(t("import.preview.has_errors", language, count=shown.count(Outcome.error)))


def batches(plan: Plan, ledger: Ledger, person: Visitor) -> None:
    """The imports of this plan, newest first: each with its changes and its undo."""
    language = lang()
    st.subheader(t("import.batches.title", language))
    found = reads.imports(plan, ledger, BATCHES_SHOWN)
    if not found:
        st.info(t("import.batches.empty", language))
        return
    undone = st.session_state.pop(UNDONE_KEY, None)
    asked = st.session_state.get(UNDO_ASKED_KEY)
    for batch, changes in found:
        said = undone[1] if isinstance(undone, tuple) and undone[0] == batch.id else None
        # Open where the person is deciding, or has just decided: the answer is in it. The
        # file's name is anyone's text.
        with st.expander(md_escape(batch_title(batch, language)), expanded=said is not None or asked == batch.id):
            st.caption(t("import.batches.sha", language, sha=batch.sha256))
            if said is not None:
                st.success(said)
                st.toast(said, icon=":material/undo:")
            # The undo above the list of changes: the list draws a moment later and would
            # move a button below it under the pointer.
            if batch.reverted_at is None and person.can_edit:
                _undo_button(plan, ledger, batch, person, asked == batch.id)
            if changes:
                table(history_table(changes, plan, language), names_first=False)


def _undo_button(plan: Plan, ledger: Ledger, batch: BatchRow, person: Visitor, asked: bool) -> None:
    """Undo, asked first with what it will do: the entries the import added are deleted,
    those it changed get their earlier figures back. The yes names its batch and undoes
    that one only; the write checks the person and the entries again."""
    language = lang()
    if not asked:
        if st.button(t("import.batches.undo", language, id=batch.id), key=f"import_undo_{batch.id}"):
            st.session_state[UNDO_ASKED_KEY] = batch.id
            st.rerun()
        return
    deleted, restored = format_number(batch.new, language, 0), format_number(batch.changed, language, 0)
    st.warning(t("import.batches.undo_confirm", language, deleted=deleted, restored=restored))
    yes, no = st.columns(2)
    if no.button(t("import.batches.undo_no", language), key=f"import_undo_no_{batch.id}"):
        st.session_state.pop(UNDO_ASKED_KEY, None)
        st.rerun()
    label = t("import.batches.undo_yes", language, id=batch.id)
    if not yes.button(label, type="primary", key=f"import_undo_yes_{batch.id}"):
        return
    st.session_state.pop(UNDO_ASKED_KEY, None)
    moved = attempt(
        lambda: revert_import(plan, ledger, batch.id, person.credential), problem_key="import.batches.not_undone"
    )
    if isinstance(moved, Refused):
        return
    said = t("import.batches.undone", language, id=batch.id, count=format_number(moved, language, 0))
    st.session_state[UNDONE_KEY] = (batch.id, said)
    st.rerun()
