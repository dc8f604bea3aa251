"""The record page's save: what Save does with the form, the question asked about an entry
identical to one already recorded, and every outcome said right under the form's button,
scrolled into view, and as a toast: where the eye is, not at the top of the page nor below
the fold of a 768 px screen, where the Save button sits at the bottom.

A repeat (tracker.domain.repeats) is refused by the write itself; the page then asks
"Đã có một bản ghi giống hệt (số 12, do Lan nhập lúc 20/06/2017 10:00). Vẫn lưu?". The
question carries the checked entry it is about, kept in the session, never re-read from
the widgets (which the browser can send anything in): «Vẫn lưu» saves exactly that entry,
once. Its buttons are keyed by a token of their own, and the question is dropped before
the write, so a second click, or a click on an earlier question's button, finds nothing
to confirm.

«Báo cáo kỳ này không có số liệu» (a nil report) asks too, naming the district and the
period the chosen date falls in («Quý 2/2017»): a form cannot change its words while a
person types, so the period is said in the question, before anything is written. A lock
or a district outside the person's account is said at once, with the write's own words;
the write checks both again, with a second nil report for the same period.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping
from dataclasses import dataclass

import streamlit as st

from tracker.domain.entries import NOT_CHOSEN, ValidEntry
from tracker.domain.periods import ReportingPeriod
from tracker.domain.plan import ContextFigure, Plan, Target
from tracker.i18n import Lang, format_date, format_number, t
from tracker.service import of_plan, record_entry
from tracker.service.reporting import is_locked, locked_at, record_nil
from tracker.storage.ledger import EntryRow, Ledger, NilReportError, RepeatedEntryError
from tracker.storage.periods import OutsideScopeError, PeriodLockedError, place_name
from tracker.ui.language import lang
from tracker.ui.sign_in import Visitor
from tracker.ui.text import md_escape
from tracker.ui.widgets import FormPress, clear_entry_form
from tracker.ui.writes import Refused, attempt, writable_districts

QUESTION_KEY = "record_repeat_question"
NIL_QUESTION_KEY = "record_nil_question"
NIL_CANCELLED_KEY = "record_nil_cancelled"
SAVED_KEY = "record_saved"
CANCELLED_KEY = "record_repeat_cancelled"
OUTCOME_KEY = "record_outcome"  # the container under the form; Streamlit gives it the class st-key-record_outcome
# Scrolls the least that shows the whole outcome: with the Save button at the bottom of the
# screen, the page moves up just enough. A fixed text (the nonce only makes each run's
# element new, so that it runs again): nothing typed by anyone reaches it.
_INTO_VIEW = (
    "<script>/* {nonce} */ document.querySelector('.st-key-" + OUTCOME_KEY + "')"
    "?.scrollIntoView({{block: 'nearest'}});</script>"
)


@dataclass(frozen=True)
class RepeatQuestion:
    """ "Save it anyway?" about ``entry``, of one plan's target, identical to ``earlier``."""

    token: str
    plan_id: str
    entry: ValidEntry
    earlier: EntryRow
    message: str  # the refusal in the language it was asked in


@dataclass(frozen=True)
class NilQuestion:
    """ "Nothing this period?" for one plan's target, a place (None: the city) and a period,
    as checked when asked: «Ghi» records exactly this, once."""

    token: str
    plan_id: str
    target_id: str
    district: str | None
    period: ReportingPeriod
    note: str


def nil_cadence(plan: Plan, item: Target | ContextFigure) -> str | None:
    """The plan's cadence when the form offers a nil report for ``item``: targets are
    owed per period; a context figure is not."""
    return plan.reporting.cadence.value if isinstance(item, Target) else None


def under_the_form(
    plan: Plan, ledger: Ledger, person: Visitor, item: Target | ContextFigure, pressed: FormPress | None
) -> None:
    """Right under the form's buttons: do what was pressed (Save, or «nothing this
    period»), then say the outcome there: the entry saved, a refusal, or the open question
    about a repeat or a nil report with its two buttons. Whatever is said is scrolled
    into view."""
    with st.container(key=OUTCOME_KEY):
        said = False
        if pressed is not None and pressed.action == "save":
            st.session_state.pop(NIL_QUESTION_KEY, None)
            said = _save(plan, ledger, person, item, pressed.typed)
        elif pressed is not None:
            st.session_state.pop(QUESTION_KEY, None)
            said = _ask_nil(plan, ledger, person, item, pressed.typed)
        said = _said_saved() or said
        said = _question(plan, ledger, person, item) or said
        said = _nil_question(plan, ledger, person, item) or said
        if said:
            st.html(_INTO_VIEW.format(nonce=secrets.token_hex(4)), unsafe_allow_javascript=True)


def _save(
    plan: Plan, ledger: Ledger, person: Visitor, item: Target | ContextFigure, typed: Mapping[str, object]
) -> bool:
    """Record the form's values; whether a refusal was said. An earlier question is
    dropped (the person moved on); a repeat opens a new one."""
    st.session_state.pop(QUESTION_KEY, None)

    def write() -> tuple[int, ValidEntry] | RepeatedEntryError:
        try:
            return record_entry(plan, ledger, person.credential, target_id=item.id, **typed)
        except RepeatedEntryError as repeat:
            return repeat

    outcome = attempt(write, say=_refused)
    if isinstance(outcome, Refused):
        return True
    if isinstance(outcome, RepeatedEntryError):
        token = secrets.token_hex(8)
        message = outcome.message(lang())
        st.session_state[QUESTION_KEY] = RepeatQuestion(token, plan.id, outcome.entry, outcome.earlier, message)
        st.toast(t("repeat.toast", lang()), icon=":material/content_copy:")
        return False  # the question itself is drawn next
    _saved(item, *outcome)
    return False  # not reached: the page runs again


def _said_saved() -> bool:
    """The last save, said after the rerun that put it in the totals above the form."""
    message = st.session_state.pop(SAVED_KEY, None)
    if isinstance(message, str):
        st.success(message)
        st.toast(message, icon=":material/check_circle:")
        return True
    if st.session_state.pop(CANCELLED_KEY, False):
        st.info(t("repeat.cancelled", lang()))
        return True
    if st.session_state.pop(NIL_CANCELLED_KEY, False):
        st.info(t("record.nil.cancelled", lang()))
        return True
    return False


def _question(plan: Plan, ledger: Ledger, person: Visitor, item: Target | ContextFigure) -> bool:
    """The open question about a repeat, and what its buttons do; whether it was drawn."""
    language = lang()
    question = st.session_state.get(QUESTION_KEY)
    if not isinstance(question, RepeatQuestion):
        return False
    if (question.plan_id, question.entry.target_id) != (plan.id, item.id):
        st.session_state.pop(QUESTION_KEY, None)  # another target is on the form now: the question is moot
        return False
    entry = question.entry
    what = t(
        "repeat.what",
        language,
        quantity=format_number(entry.quantity, language, 3),
        unit=md_escape(item.unit.in_(language)),
        date=format_date(entry.ref_date),
        district=md_escape(entry.district or t("district.city_wide", language)),
    )
    st.warning(f"{md_escape(question.message)} {t('repeat.question', language)}\n\n{what}")
    confirm_column, cancel_column, _ = st.columns([1, 1, 2])
    confirmed = confirm_column.button(
        t("repeat.confirm", language), key=f"repeat.confirm.{question.token}", type="primary", width="stretch"
    )
    cancelled = cancel_column.button(
        t("repeat.cancel", language), key=f"repeat.cancel.{question.token}", width="stretch"
    )
    if not (confirmed or cancelled):
        return True
    del st.session_state[QUESTION_KEY]  # before the write: a second click finds no question, no button
    if cancelled:
        st.session_state[CANCELLED_KEY] = True
        st.rerun()
    recorded = attempt(
        lambda: record_entry(
            plan,
            ledger,
            person.credential,
            allow_repeat=True,
            target_id=entry.target_id,
            quantity=entry.quantity,
            ref_date=entry.ref_date,
            district=entry.district,
            village=entry.village,
            note=entry.note,
        ),
        say=_refused,
    )
    if not isinstance(recorded, Refused):
        _saved(item, *recorded)
    return True


def _saved(item: Target | ContextFigure, entry_id: int, entry: ValidEntry) -> None:
    """Keep the message for the rerun that redraws the totals above the form with the new
    entry in them; the form comes back with the figure's own boxes empty."""
    language = lang()
    quantity, date = format_number(entry.quantity, language, 3), format_date(entry.ref_date)
    unit = md_escape(item.unit.in_(language))
    st.session_state[SAVED_KEY] = t("record.saved", language, id=entry_id, quantity=quantity, unit=unit, date=date)
    clear_entry_form()
    st.rerun()


# --- nothing this period ----------------------------------------------------------------


def _ask_nil(
    plan: Plan, ledger: Ledger, person: Visitor, item: Target | ContextFigure, typed: Mapping[str, object]
) -> bool:
    """Check what the form holds for a nil report and open the question naming the
    period; or say at once why not (a field, a lock, a district not the person's).
    Whether a refusal was said."""
    language = lang()
    st.session_state.pop(NIL_QUESTION_KEY, None)
    problems = []
    if str(typed.get("quantity") or "").strip():
        problems.append(t("record.nil.has_quantity", language))
    day = typed.get("ref_date")
    if not isinstance(day, dt.date):
        problems.append(t("record.nil.no_date", language))
    chosen = typed.get("district")
    if chosen is NOT_CHOSEN or chosen is None:
        problems.append(t("record.nil.no_district", language))
    if problems or not isinstance(day, dt.date):
        lines = "\n".join(f"- {md_escape(line)}" for line in problems)
        _refused(f"{t('record.nil.problems', language)}\n\n{lines}")
        return True
    district = str(chosen) or None
    period = plan.reporting_period_at(day)
    refusal = _nil_refusal(plan, ledger, person, item, district, day, period, language)
    if refusal is not None:
        _refused(md_escape(refusal))
        return True
    note = str(typed.get("note") or "")
    st.session_state[NIL_QUESTION_KEY] = NilQuestion(secrets.token_hex(8), plan.id, item.id, district, period, note)
    return False  # the question itself is drawn next


def _nil_refusal(
    plan: Plan,
    ledger: Ledger,
    person: Visitor,
    item: Target | ContextFigure,
    district: str | None,
    day: dt.date,
    period: ReportingPeriod,
    language: Lang,
) -> str | None:
    """What the write would say, said at once, before asking: a district outside the
    person's account, a lock, or what the place already sent for the period (a nil report
    or entries). The write checks all of it again, in its own transaction."""
    scope = writable_districts(ledger, person.credential)
    if scope and (district is None or district not in scope):
        return OutsideScopeError(district, scope).message(language)
    lock = is_locked(locked_at(plan, ledger), district, day)
    if lock is not None:
        return PeriodLockedError(lock, district).message(language)
    sent = [
        receipt
        for receipt in of_plan(plan, ledger).receipts([(period.name, period.start, period.end)], [item.id])
        if receipt.district == district
    ]
    if not sent:
        return None
    named = {"district": district, "target": item.short.vi, "target_en": item.short.en, "period": period.name}
    if sum(receipt.nil for receipt in sent):
        return NilReportError("nil_twice", **named).message(language)
    return NilReportError("nil_with_entries", count=sum(r.entries for r in sent), **named).message(language)


def _nil_question(plan: Plan, ledger: Ledger, person: Visitor, item: Target | ContextFigure) -> bool:
    """The open question about a nil report, and what its buttons do; whether it was drawn."""
    language = lang()
    question = st.session_state.get(NIL_QUESTION_KEY)
    if not isinstance(question, NilQuestion):
        return False
    if (question.plan_id, question.target_id) != (plan.id, item.id):
        st.session_state.pop(NIL_QUESTION_KEY, None)  # another target is on the form now
        return False
    period = question.period
    st.warning(
        t(
            "record.nil.question",
            language,
            place=md_escape(place_name(question.district, language)),
            target=md_escape(item.short.in_(language)),
            period=period.label(language),
            start=format_date(period.start),
            end=format_date(period.end),
            day=format_date(min(period.end, plan.period.end)),
        )
    )
    confirm_column, cancel_column, _ = st.columns([1, 1, 2])
    confirmed = confirm_column.button(
        t("record.nil.confirm", language), key=f"nil.confirm.{question.token}", type="primary", width="stretch"
    )
    cancelled = cancel_column.button(t("record.nil.cancel", language), key=f"nil.cancel.{question.token}",
                                     width="stretch")  # fmt: skip
    if not (confirmed or cancelled):
        return True
    del st.session_state[NIL_QUESTION_KEY]  # before the write: a second click finds no question
    if cancelled:
        st.session_state[NIL_CANCELLED_KEY] = True
        st.rerun()
    recorded = attempt(
        lambda: record_nil(
            plan,
            ledger,
            person.credential,
            target_id=question.target_id,
            district=question.district,
            period=period,
            note=question.note or None,
        ),
        say=_refused,
    )
    if isinstance(recorded, Refused):
        return True
    place, label = md_escape(place_name(question.district, language)), period.label(language)
    target = md_escape(item.short.in_(language))
    st.session_state[SAVED_KEY] = t("record.nil.saved", language, id=recorded, place=place, period=label, target=target)
    st.rerun()
    return True  # not reached: the page runs again


def _refused(message: str) -> None:
    """A refusal under the button, and as a toast, seen wherever the page is scrolled."""
    st.error(message)
    st.toast(message, icon=":material/error:")
