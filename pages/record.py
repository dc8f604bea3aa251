"""Record progress: add an entry for a target, then see the target's entries."""

import streamlit as st

from tracker import ui
from tracker.domain.entries import EntryError
from tracker.i18n import format_date, format_number, t
from tracker.present import tables
from tracker.service import plan_as_of, recent_entries, record_entry
from tracker.ui import sign_in

lang = ui.language_switch()
plan = ui.plan()
ledger = ui.ledger()
person = sign_in.visitor(ledger)

st.title(t("record.title", lang))
ui.show_flash()
item = ui.target_picker(plan)
item_id = item.id
ui.item_caption(item, ui.overview(plan, ledger, plan_as_of(plan)))

typed = None if sign_in.read_only_notice(person) else ui.entry_form(item, plan.period_of(item))
if typed is not None:
    try:
        with ui.database_guard():
            entry_id, entry = record_entry(plan, ledger, person.credential, target_id=item_id, **typed)
        quantity = format_number(entry.quantity, lang, 3)
        date, unit = format_date(entry.ref_date), ui.md_escape(item.unit.in_(lang))
        ui.flash("success", t("record.saved", lang, id=entry_id, quantity=quantity, unit=unit, date=date))
        st.rerun()  # redraw the totals above the form with the new entry in them
    except EntryError as error:
        st.error(
            t("record.not_saved", lang) + "\n\n" + "\n".join(f"- {ui.md_escape(line)}" for line in error.render(lang))
        )

st.subheader(t("record.entries.title", lang))
rows, total = recent_entries(ledger, item_id)
if rows:
    st.caption(t("record.entries.count", lang, shown=len(rows), total=total))
    ui.table(tables.entries_table(rows, lang), names_first=False)
else:
    st.info(t("record.entries.empty", lang))
