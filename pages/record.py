"""Record progress: add an entry for a target, then see the target's entries."""

import streamlit as st

from tracker import charts, tables, ui
from tracker.entries import EntryError
from tracker.i18n import format_date, format_number, t
from tracker.plan import Aggregation, Measure, Target
from tracker.service import plan_as_of, recent_entries, record_entry

lang = ui.lang()
plan = ui.plan()
ledger = ui.ledger()
items = plan.recordable_by_id()

st.title(t("record.title", lang))
item_id = st.selectbox(t("record.target", lang), options=list(items), format_func=lambda i: items[i].title.in_(lang))
item = items[item_id]
period = plan.period_of(item)
achieved = ui.overview(plan, ledger, plan_as_of(plan))
if isinstance(item, Target):
    progress = achieved.progress_of(item.id)
    st.caption(
        t(
            "record.goal_line",
            lang,
            goal=charts.goal_text(item, lang),
            unit=item.unit.in_(lang),
            achieved=format_number(progress.achieved, lang),
        )
    )
st.caption(t("record.intro_latest" if item.aggregation == Aggregation.latest else "record.intro", lang))

with st.form("record_entry", clear_on_submit=False):
    whole = item.measure == Measure.count
    quantity = st.number_input(
        t("record.quantity", lang, unit=item.unit.in_(lang)),
        min_value=0 if whole else 0.0,
        step=1 if whole else 0.1,
        value=None,
        format="%d" if whole else "%.3f",
    )
    ref_date = st.date_input(
        t("record.date", lang),
        value=plan_as_of(plan),
        min_value=period.start,
        max_value=period.end,
        format="DD/MM/YYYY",
    )
    district = st.selectbox(
        t("record.district", lang),
        options=tables.district_options(),
        format_func=lambda d: d or t("district.city_wide", lang),
    )
    village = st.text_input(t("record.village", lang), max_chars=200)
    note = st.text_area(t("record.note", lang), max_chars=2000)
    author = st.text_input(
        t("record.entered_by", lang), key=ui.AUTHOR_KEY, max_chars=120, help=t("record.entered_by_help", lang)
    )
    submitted = st.form_submit_button(t("record.save", lang), type="primary")

if submitted:
    try:
        entry_id, entry = record_entry(
            plan,
            ledger,
            target_id=item_id,
            quantity=quantity,
            ref_date=ref_date,
            district=district,
            village=village,
            note=note,
            entered_by=author,
        )
        st.success(
            t(
                "record.saved",
                lang,
                id=entry_id,
                quantity=format_number(entry.quantity, lang, 3),
                unit=item.unit.in_(lang),
                date=format_date(entry.ref_date),
            )
        )
        st.page_link("pages/overview.py", label=t("record.see_overview", lang), icon=":material/monitoring:")
    except EntryError as error:
        st.error(t("record.not_saved", lang) + "\n\n" + "\n".join(f"- {line}" for line in error.render(lang)))

st.subheader(t("record.entries.title", lang))
rows, total = recent_entries(ledger, item_id)
if rows:
    st.caption(t("record.entries.count", lang, shown=len(rows), total=total))
    st.dataframe(tables.entries_table(rows, lang), hide_index=True, width="stretch")
else:
    st.info(t("record.entries.empty", lang))
