"""Record progress: add an entry for a target, then see the target's entries."""

import streamlit as st

from tracker.i18n import format_date, format_number, t
from tracker.present import tables
from tracker.service import plan_as_of, recent_entries, record_entry
from tracker.ui import display, frame, reads, sign_in, widgets
from tracker.ui.text import md_escape
from tracker.ui.writes import Refused, attempt

page = frame.page()
lang, plan, ledger, person = page.lang, page.plan, page.ledger, page.person

st.title(t("record.title", lang))
frame.show_flash()
item = widgets.target_picker(plan)
display.item_caption(item, reads.overview(plan, ledger, plan_as_of(plan)))

typed = None if sign_in.read_only_notice(person) else widgets.entry_form(item, plan.period_of(item))
if typed is not None:
    recorded = attempt(lambda: record_entry(plan, ledger, person.credential, target_id=item.id, **typed))
    if not isinstance(recorded, Refused):
        entry_id, entry = recorded
        quantity, date = format_number(entry.quantity, lang, 3), format_date(entry.ref_date)
        unit = md_escape(item.unit.in_(lang))
        frame.flash(t("record.saved", lang, id=entry_id, quantity=quantity, unit=unit, date=date))
        st.rerun()  # redraw the totals above the form with the new entry in them

st.subheader(t("record.entries.title", lang))
rows, total = recent_entries(ledger, item.id)
if rows:
    st.caption(t("record.entries.count", lang, shown=len(rows), total=total))
    display.table(tables.entries_table(rows, lang), names_first=False)
else:
    st.info(t("record.entries.empty", lang))
