"""Year on year: for every chain of targets linked across the yearly plans, each year's
goal and achieved figure, and where each year stood on the same day of its own year."""

import streamlit as st

from tracker.i18n import t
from tracker.present import years
from tracker.ui import display, frame, reads, widgets
from tracker.ui.display import years_parts
from tracker.ui.text import md_escape

CHAIN_KEY = "years_chain"  # the chain whose charts are shown

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

# The table holds every chain's figures; the charts show one chain at a time, picked
# below the table: a browser draws one chart in a tenth of the time of ten.
chosen = st.session_state.get(CHAIN_KEY) or 0
chosen = chosen if chosen < len(comparisons) else 0
# Drawn once per reading of the ledger (kept until the next write), day, language and chain.
table, figure = reads.drawn(years_parts, comparisons, day, lang, chosen)
st.subheader(t("years.table.title", lang))
display.table(table)
for line in years.measure_change_notes(comparisons, lang):
    st.caption(md_escape(line))  # the years marked (1), (2)… in the table and on the chart's bars

st.subheader(t("years.charts.title", lang))
st.radio(
    t("years.chain.pick", lang),
    options=range(len(comparisons)),
    format_func=lambda index: years.chain_label(comparisons[index], lang),
    horizontal=True,
    key=CHAIN_KEY,
)
st.plotly_chart(figure, config={"displaylogo": False})
