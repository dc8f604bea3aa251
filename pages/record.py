"""Record progress: add an entry for a target, then see the target's entries."""

import streamlit as st

from tracker.i18n import t
from tracker.present import tables
from tracker.service import plan_as_of, recent_entries
from tracker.ui import display, frame, reads, record_parts, sign_in, widgets, writes

page = frame.page()
lang, plan, ledger, person = page.lang, page.plan, page.ledger, page.person

st.title(t("record.title", lang))
frame.show_flash()
item = widgets.target_picker(plan)
display.item_caption(item, reads.overview(plan, ledger, plan_as_of(plan)))

if not sign_in.read_only_notice(person):
    districts = writes.writable_districts(ledger, person.credential)  # a district office's only
    pressed = widgets.entry_form(item, plan.period_of(item), districts, record_parts.nil_cadence(plan, item))
    # right under the buttons: the entry saved, a refusal, or the question about a repeat or a nil report
    record_parts.under_the_form(plan, ledger, person, item, pressed)

st.subheader(t("record.entries.title", lang))
rows, total = recent_entries(ledger, item.id)
if rows:
    st.caption(t("record.entries.count", lang, shown=len(rows), total=total))
    display.table(tables.entries_table(rows, lang), names_first=False)
else:
    st.info(t("record.entries.empty", lang))
