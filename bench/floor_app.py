"""The floor: a bare Streamlit script that draws what the overview draws, from precomputed numbers.

Element for element what pages/overview.py shows under AppTest (no account yet, a
session from no known address), with the same arguments: in the sidebar the sign-in's
empty place, the plan switch (when the file has more than one plan), the language
switch, the nine page links with their icons and the plan in their address, the banner
of an app without accounts; on the page the title, the plan's caption, the reporting
line's link, the as-of date input, its caption, one metric per status shown, the same
finished plotly figure with points that can be chosen, the overview table coloured by
status (a Styler painting the status column, its rows choosable, the same column
config), the figures and tasks tables with theirs, and the four download buttons. No
plan, no database, no cache lookups, no figure or table built: every text, frame and
figure is read once from the pickle named by BENCH_FLOOR_DATA (written by
bench/floor_data.py from the real overview's computations on the same ledger, for
bench/run.py) and kept with st.cache_resource. What remains is what Streamlit itself
costs to draw the page; the links lead out of the app (a single script has no pages to
link to).
"""

from __future__ import annotations

import os
import pickle
from typing import Any

import plotly.graph_objects as go
import streamlit as st
from pandas.io.formats.style import Styler


class _Figure(go.Figure):
    """The figure in its plain form, given to Streamlit as the page gives its finished
    figures (tracker.present.charts.finished): no deep copy of the traces on each run."""

    _plain: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return self._plain


@st.cache_resource(show_spinner=False)
def _data(path: str) -> dict[str, Any]:
    with open(path, "rb") as source:
        data: dict[str, Any] = pickle.load(source)  # our own file, written by bench/floor_data.py
    figure = _Figure(data["figure"])
    figure._plain = data["figure"]
    return {**data, "figure": figure}


def _config(spec: dict[str, tuple[str, dict[str, Any]]]) -> dict[str, Any] | None:
    """The column config, made on every run as tracker.ui.display makes it."""
    made = {
        header: st.column_config.LinkColumn(**arguments) if kind == "link" else st.column_config.TextColumn(**arguments)
        for header, (kind, arguments) in spec.items()
    }
    return made or None


data = _data(os.environ["BENCH_FLOOR_DATA"])

st.set_page_config(page_title="floor", layout="wide")
st.sidebar.container()  # where the sign-in form or the signed-in person would be
plans: dict[str, str] = data["plans"]
if len(plans) > 1:  # as the page: a file of one plan has no switch
    st.session_state["plan"] = data["plan_id"]
    st.sidebar.selectbox(
        data["plan_label"], options=list(plans), format_func=plans.__getitem__, key="plan", help=data["plan_help"]
    )
languages: dict[str, str] = data["languages"]
st.session_state["lang"] = "vi"
st.sidebar.radio(
    data["language_label"], options=list(languages), format_func=languages.__getitem__, key="lang", horizontal=True
)
for address, label, icon in data["menu"]:
    st.sidebar.page_link(address, label=label, icon=icon)
st.sidebar.warning(data["banner"])

st.title(data["title"])
st.caption(data["caption"])
if data["reporting_line"] is not None:
    address, label = data["reporting_line"]
    st.page_link(address, label=label, icon=":material/fact_check:")
with st.columns([1, 3])[0]:
    start, end = data["period"]
    if "as_of" not in st.session_state:
        st.session_state["as_of"] = data["as_of"]
    st.date_input(
        data["as_of_label"], min_value=start, max_value=end, format="DD/MM/YYYY", help=data["as_of_help"], key="as_of"
    )
st.caption(data["as_of_caption"])

metrics: list[tuple[str, int]] = data["metrics"]
for column, (label, value) in zip(st.columns(len(metrics)), metrics, strict=True):
    column.metric(label, value)

st.subheader(data["chart_title"])
st.plotly_chart(
    data["figure"],
    width="stretch",
    config={"displaylogo": False},
    on_select="rerun",
    selection_mode="points",
    key="overview_chart",
)

st.subheader(data["table_title"])
st.caption(data["table_help"])
colours: dict[str, str] = data["colours"]


def paint(value: object) -> str:
    colour = colours.get(str(value))
    return f"background-color: {colour}; color: white; font-weight: 600" if colour else ""


bare = data["overview"].copy(deep=False)
bare.attrs = {}
st.dataframe(
    Styler(bare, cell_ids=False).map(paint, subset=[data["status_column"]]),
    hide_index=True,
    width="stretch",
    column_config=_config(data["overview_config"]),
    on_select="rerun",
    selection_mode="single-row",
    key="overview_table",
)
if data["figures_title"]:
    st.subheader(data["figures_title"])
    st.dataframe(data["figures"], hide_index=True, width="stretch", column_config=_config(data["figures_config"]))
if data["tasks_title"]:
    st.subheader(data["tasks_title"])
    st.dataframe(data["tasks"], hide_index=True, width="stretch", column_config=_config(data["tasks_config"]))

st.subheader(data["downloads_title"])
for column, (label, file_name, mime, icon) in zip(st.columns(3), data["downloads"], strict=True):
    column.download_button(label, data=lambda: b"", file_name=file_name, mime=mime, icon=icon)
label, file_name, mime, help_text = data["report"]
st.download_button(
    label, data=lambda: b"", file_name=file_name, mime=mime, icon=":material/print:", help=help_text, on_click="ignore"
)
