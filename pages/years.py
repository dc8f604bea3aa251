"""Year on year: for every chain of targets linked across the yearly plans, each year's
goal and achieved figure, and where each year stood on the same day of its own year."""

import streamlit as st

from tracker.i18n import t
from tracker.present import years
from tracker.ui import display, frame, reads, widgets
from tracker.ui.display import years_parts
from tracker.ui.text import md_escape

page = frame.page()
lang, plans, ledger = page.lang, page.plans, page.ledger

st.title(t("years.title", lang))
st.caption(t("years.intro", lang))
with st.columns([2, 3])[0]:
    day = widgets.day_of_year_picker(plans)
day, comparisons = reads.years(plans, ledger, day)

if not comparisons:
    st.info(t("years.none", lang))
    st.stop()

# Drawn once per reading of the ledger (kept until the next write), day and language.
table, figures = reads.drawn(years_parts, comparisons, day, lang)
st.subheader(t("years.table.title", lang))
display.table(table)
for line in years.measure_change_notes(comparisons, lang):
    st.caption(md_escape(line))

st.subheader(t("years.charts.title", lang))
for comparison, figure in zip(comparisons, figures, strict=True):
    notes = [year.link.change_note.in_(lang) for year in comparison.years if year.link and year.link.change_note]
    st.plotly_chart(figure, config={"displaylogo": False})
    for note in notes:
        st.caption(t("years.change_note", lang, note=md_escape(note)))
