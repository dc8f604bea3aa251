"""Record progress: add an entry for a target, then see the target's entries."""

import streamlit as st

from tracker import charts, tables, ui
from tracker.entries import EntryError
from tracker.i18n import format_date, format_number, t
from tracker.plan import Aggregation, Target
from tracker.service import plan_as_of, recent_entries, record_entry

lang = ui.language_switch()
plan = ui.plan()
ledger = ui.ledger()
items = plan.recordable_by_id()

st.title(t("record.title", lang))
ui.show_flash()
item_id = st.selectbox(t("record.target", lang), options=list(items), format_func=lambda i: items[i].title.in_(lang))
item = items[item_id]
if isinstance(item, Target):
    achieved = ui.overview(plan, ledger, plan_as_of(plan)).progress_of(item.id).achieved
    goal = charts.goal_text(item, lang)
    st.caption(t("record.goal_line", lang, goal=goal, unit=item.unit.in_(lang), achieved=format_number(achieved, lang)))
st.caption(t("record.intro_latest" if item.aggregation == Aggregation.latest else "record.intro", lang))

typed = ui.entry_form(item, plan.period_of(item), default_date=plan_as_of(plan))
if typed is not None:
    try:
        entry_id, entry = record_entry(plan, ledger, target_id=item_id, **typed)
        quantity = format_number(entry.quantity, lang, 3)
        date = format_date(entry.ref_date)
        ui.flash(
            "success", t("record.saved", lang, id=entry_id, quantity=quantity, unit=item.unit.in_(lang), date=date)
        )
        st.rerun()  # redraw the totals above the form with the new entry in them
    except EntryError as error:
        st.error(t("record.not_saved", lang) + "\n\n" + "\n".join(f"- {line}" for line in error.render(lang)))

st.subheader(t("record.entries.title", lang))
rows, total = recent_entries(ledger, item_id)
if rows:
    st.caption(t("record.entries.count", lang, shown=len(rows), total=total))
    ui.table(tables.entries_table(rows, lang), names_first=False)
else:
    st.info(t("record.entries.empty", lang))
