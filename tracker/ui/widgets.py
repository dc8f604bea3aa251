"""The controls pages share: the target and date pickers that follow the address, the
entry form and its quantity box, and the name asked before any user exists."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import streamlit as st
from babel.dates import get_month_names

from tracker.domain.clock import hanoi_today
from tracker.domain.districts import district_names
from tracker.domain.entries import MAX_AUTHOR, MAX_NOTE, MAX_VILLAGE, NOT_CHOSEN
from tracker.domain.plan import ContextFigure, Measure, Period, Plan, PlanSet, Target
from tracker.domain.progress import default_as_of
from tracker.i18n import Lang, t
from tracker.service.years import MonthDay, default_day
from tracker.ui.language import lang
from tracker.ui.text import md_escape

AUTHOR_KEY = "author_name"  # who is working, kept across pages
PERSON_WIDGET_KEY = "person"
AS_OF_KEY = "as_of"
AS_OF_PARAM = "as_of"
AS_OF_DRAWN_KEY = "as_of_drawn"  # which picker the kept date was chosen in
TARGET_KEY = "target"
ENTRY_ROUND_KEY = "entry_form_round"  # grows with each save: the entry form's boxes of one figure start empty
TARGET_PARAM = "target"
DAY_KEY = "compare_day"
DAY_PARAM = "day"


def _remember_person() -> None:
    st.session_state[AUTHOR_KEY] = st.session_state[PERSON_WIDGET_KEY].strip()


def person() -> str:
    """Before any user exists, who is making changes at the server's own computer: asked
    once per browser session, in the sidebar, and stored with every change."""
    st.session_state[PERSON_WIDGET_KEY] = st.session_state.get(AUTHOR_KEY, "")
    st.sidebar.text_input(
        t("app.person", lang()),
        key=PERSON_WIDGET_KEY,
        max_chars=MAX_AUTHOR,
        on_change=_remember_person,
        help=t("app.person_help", lang()),
        placeholder=t("app.person_placeholder", lang()),
    )
    return str(st.session_state.get(AUTHOR_KEY, "")).strip()


def district_options() -> list[str]:
    """The whole city ("") first, then the 30 districts."""
    return ["", *district_names()]


def quantity_input(item: Target | ContextFigure, label_key: str, container: object = st, key: str | None = None) -> str:
    """The quantity as typed, under the label ``label_key`` (which names the unit). A text
    box, not a number box: a browser's number box turns a Vietnamese "30.000" into 30
    before anyone can check it; the server parses the text and refuses what could mean
    two things. A new ``key`` is a new, empty box."""
    language = lang()
    label = t(label_key, language, unit=md_escape(item.unit.in_(language)))  # a label reads Markdown
    example = "30000" if item.measure == Measure.count else ("175,25" if language == "vi" else "175.25")
    placeholder = t("record.quantity_placeholder", language, example=example)
    return str(container.text_input(label, placeholder=placeholder, key=key))  # type: ignore[attr-defined]


def clear_entry_form() -> None:
    """After a save, the next run draws the entry form with its quantity empty, so that it
    does not invite pressing Save again on the same figure. Everything else stays: staff
    record a district's report figure after figure, and a quantity typed again over the
    same date, place and note is then the very entry just saved, which the write asks about
    (tracker.domain.repeats) instead of taking it for another report with an emptied note."""
    st.session_state[ENTRY_ROUND_KEY] = int(st.session_state.get(ENTRY_ROUND_KEY, 0)) + 1


@dataclass(frozen=True)
class FormPress:
    """A press of one of the entry form's buttons, with the values as typed: Save
    ("save"), or «nothing this period» ("nil") for the district and the date's period."""

    action: Literal["save", "nil"]
    typed: dict[str, object]


def entry_form(
    item: Target | ContextFigure,
    period: Period,
    districts: Sequence[str] = (),
    nil_cadence: str | None = None,
) -> FormPress | None:
    """The entry form; the values as typed once one of its buttons is pressed, else None.

    The date and the district must be chosen (a forgotten field must not save quietly
    as 31/12 or as the whole city); the server checks everything again before writing.
    The quantity box is a new one after each save (``clear_entry_form``). For an account
    limited to ``districts``, only those are offered (the only one chosen already). With
    ``nil_cadence`` (the plan's "quarterly" or "monthly"), a second, secondary button
    reports nothing for the chosen district in the period of the chosen date.
    """
    language = lang()
    fresh = int(st.session_state.get(ENTRY_ROUND_KEY, 0))
    scoped = list(districts)
    with st.form("record_entry"):
        left, right = st.columns(2)
        quantity = quantity_input(item, "record.quantity", left, key=f"entry.quantity.{item.id}.{fresh}")
        ref_date = right.date_input(
            t("record.date", language),
            value=None,
            min_value=period.start,
            max_value=period.end,
            format="DD/MM/YYYY",
        )
        district = left.selectbox(
            t("record.district", language),
            options=scoped or district_options(),
            index=0 if len(scoped) == 1 else None,
            format_func=lambda d: d or t("district.city_wide", language),
            placeholder=t("record.district_placeholder", language),
            # the write checks the account's districts anyway; this says it before
            help=t("record.district_scoped", language, districts=", ".join(scoped)) if scoped else None,
        )
        village = right.text_input(t("record.village", language), max_chars=MAX_VILLAGE, key="entry_village")
        note = st.text_area(t("record.note", language), max_chars=MAX_NOTE, height=80, key="entry_note")
        save_column, nil_column = st.columns([1, 2])
        saved = save_column.form_submit_button(t("record.save", language), type="primary")
        nil = nil_cadence is not None and nil_column.form_submit_button(
            t("record.nil.button", language),
            type="secondary",
            help=t("record.nil.help", language, cadence=t(f"record.nil.cadence.{nil_cadence}", language)),
        )
        if not (saved or nil):
            return None
    typed: dict[str, object] = {
        "quantity": quantity,
        "ref_date": ref_date,
        "district": NOT_CHOSEN if district is None else district,
        "village": village,
        "note": note,
        "lang": language,
    }
    return FormPress("save" if saved else "nil", typed)


def linked_choice(label: str, labels: dict[str, str], key: str, param: str) -> str:
    """A choice among ids that the address carries: ``?param=ID`` opens it directly, and
    the address follows the choice, so a link can be shared. Returns the chosen id.

    The choice is kept under ``key``; the widget has a key per language, because a
    browser keeps showing the chosen option's label in the language it was drawn in."""
    linked = st.query_params.get(param)
    if linked in labels and st.session_state.get(key) != linked:
        st.session_state[key] = linked
    if st.session_state.get(key) not in labels:
        st.session_state[key] = next(iter(labels))
    widget = f"{key}.{lang()}"
    st.session_state[widget] = st.session_state[key]

    def to_link() -> None:
        st.session_state[key] = st.session_state[widget]
        st.query_params[param] = st.session_state[widget]

    chosen = st.selectbox(label, options=list(labels), format_func=labels.__getitem__, key=widget, on_change=to_link)
    st.query_params[param] = chosen
    return str(chosen)


def target_picker(current_plan: Plan) -> Target | ContextFigure:
    """Which target (or context figure) the page is about, by ``?target=ID``: named by
    short names, which the picker shows uncut and tells apart (the page heads with the title)."""
    items = current_plan.recordable_by_id()
    language = lang()
    labels = {item_id: item.short.in_(language) for item_id, item in items.items()}
    chosen = items[linked_choice(t("record.target", language), labels, TARGET_KEY, TARGET_PARAM)]
    st.markdown(f"**{md_escape(chosen.title.in_(language))}**")  # the plan's full title, under its short name
    return chosen


def _as_of_from_link(period: Period) -> dt.date | None:
    """``?as_of=2017-06-30`` in the address: a link that opens the overview at that date."""
    raw = st.query_params.get(AS_OF_PARAM)
    if raw and not str(raw).isascii():  # only 0-9 make a date ("２０１７-06-30" is no date here)
        return None
    try:
        day = dt.date.fromisoformat(str(raw)) if raw else None
    except ValueError:
        return None
    return min(max(day, period.start), period.end) if day else None


def _as_of_to_link() -> None:
    chosen = st.session_state.get(AS_OF_KEY)
    if isinstance(chosen, dt.date):
        st.query_params[AS_OF_PARAM] = chosen.isoformat()


def as_of_picker(current_plan: Plan, label_key: str = "overview.as_of", period: Period | None = None) -> dt.date:
    """The as-of date, visible and changeable; default today or the period's end, or the
    date in the page's address, which follows the picker so the view can be shared."""
    language = lang()
    period = period or current_plan.period  # a target may run on a period of its own
    default = _as_of_from_link(period) or default_as_of(period, hanoi_today())
    kept = st.session_state.get(AS_OF_KEY)
    drawn_for = (label_key, period.start, period.end)  # the page's picker, on this period
    if st.session_state.get(AS_OF_DRAWN_KEY) != drawn_for or not (isinstance(kept, dt.date) and period.contains(kept)):
        # Another page's picker, or another plan's year: start from the address or the
        # default. Set, not left to the widget's default: after a change of plan the
        # browser would go on showing the other year's date.
        st.session_state[AS_OF_KEY] = default
        st.session_state[AS_OF_DRAWN_KEY] = drawn_for
    chosen = st.date_input(
        t(label_key, language),
        min_value=period.start,
        max_value=period.end,
        format="DD/MM/YYYY",
        help=t("overview.as_of_help", language),
        key=AS_OF_KEY,
        on_change=_as_of_to_link,
    )
    return chosen if isinstance(chosen, dt.date) else default


def _days_in(month: int) -> int:
    return calendar.monthrange(2000, month)[1]  # 2000: 29/02 is a day to compare at (28/02 in other years)


def day_of_year_picker(plans: PlanSet) -> MonthDay:
    """The day of the year the years are compared at: a day and a month, no year (each
    plan is read at that day of its own year), following ``?day=MM-DD`` in the address."""
    language = lang()
    day_key, month_key = f"{DAY_KEY}.day", f"{DAY_KEY}.month"  # the choice, in any language
    # the widgets' own keys, the month's per language: a browser keeps showing the chosen
    # option's label in the language it was drawn in
    day_widget, month_widget = f"{day_key}.widget", f"{month_key}.{language}"
    try:
        linked: MonthDay | None = MonthDay.parse(str(st.query_params.get(DAY_PARAM, "")))
    except ValueError:
        linked = None
    kept = (st.session_state.get(month_key), st.session_state.get(day_key))
    if linked is not None and kept != (linked.month, linked.day):  # a link opened: it wins
        st.session_state[month_key], st.session_state[day_key] = linked.month, linked.day
    elif not _a_day_of_the_year(*kept):  # nothing kept yet, or a kept value a hostile page sent
        start = default_day(plans)
        st.session_state[month_key], st.session_state[day_key] = start.month, start.day
    month, day = int(st.session_state[month_key]), int(st.session_state[day_key])
    st.session_state[month_widget], st.session_state[day_widget] = month, day

    def to_link() -> None:
        # a selectbox hands its callback whatever the browser sent, before checking it
        sent_month, sent_day = st.session_state.get(month_widget), st.session_state.get(day_widget)
        if not _a_day_of_the_year(sent_month, sent_day):
            return  # not a day and a month: the kept choice stands
        chosen_month = int(sent_month)  # type: ignore[arg-type]
        chosen_day = min(int(sent_day), _days_in(chosen_month))  # type: ignore[arg-type]  # 31 → 30 for April
        st.session_state[month_key], st.session_state[day_key] = chosen_month, chosen_day
        st.query_params[DAY_PARAM] = str(MonthDay(chosen_month, chosen_day))

    day_column, month_column = st.columns(2)
    day_column.selectbox(
        t("years.day", language),
        options=list(range(1, _days_in(month) + 1)),
        format_func=lambda number: f"{number:02d}",
        help=t("years.day_help", language),
        key=day_widget,
        on_change=to_link,
    )
    month_column.selectbox(
        t("years.month", language),
        options=list(range(1, 13)),
        format_func=lambda number: t("years.month_option", language, month=_month_name(number, language)),
        key=month_widget,
        on_change=to_link,
    )
    return MonthDay(month, day)


def _a_day_of_the_year(month: object, day: object) -> bool:
    """Whether ``month`` and ``day`` are whole numbers naming a month and a day it may have
    (29 for February, as MonthDay allows)."""
    if not (isinstance(month, int) and isinstance(day, int)) or isinstance(month, bool) or isinstance(day, bool):
        return False
    return 1 <= month <= 12 and 1 <= day <= 31


def _month_name(number: int, language: Lang) -> str:
    """«6» in Vietnamese (written «tháng 6»), «June» in English."""
    return str(number) if language == "vi" else str(get_month_names("wide", locale="en_US")[number])
