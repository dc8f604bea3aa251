"""The floor: a bare Streamlit script that draws what the overview draws, from precomputed numbers.

Same widgets and figures as pages/overview.py (sidebar menu and language switch, title,
captions, the as-of date input, one metric per status shown, one plotly bar figure with
one row per target, the overview/figures/tasks tables with the same shapes, three
download buttons), but no plan, no database, no cache lookups and no styling: the frames
are read once from the pickle named by BENCH_FLOOR_DATA (written by bench/floor_data.py from
the real overview's computations on the same ledger, for bench/run.py) and kept with
st.cache_resource.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
from typing import Any

import plotly.graph_objects as go
import streamlit as st


@st.cache_resource(show_spinner=False)
def _data(path: str) -> dict[str, Any]:
    with open(path, "rb") as source:
        return pickle.load(source)  # our own file, written by bench/floor_data.py


data = _data(os.environ["BENCH_FLOOR_DATA"])

st.set_page_config(page_title="floor", layout="wide")
for label in ("Tổng quan", "Ghi nhận kết quả", "Chỉ tiêu và bản ghi", "Lịch sử thay đổi"):
    st.sidebar.page_link("https://example.invalid/" + str(len(label)), label=label)
st.sidebar.divider()
st.sidebar.radio("Ngôn ngữ", options=["vi", "en"], horizontal=True, key="lang")

st.title("Tổng quan")
st.caption("Kế hoạch · 01/01/2017 – 31/12/2017")
with st.columns([1, 3])[0]:
    st.date_input("Tính đến ngày", value=dt.date(2017, 12, 31), format="DD/MM/YYYY", key="as_of")
st.caption("Số liệu tính đến 31/12/2017")

metrics: list[tuple[str, int]] = data["metrics"]
for column, (label, value) in zip(st.columns(len(metrics)), metrics, strict=True):
    column.metric(label, value)

st.subheader("Kế hoạch và thực hiện")
labels: list[str] = data["labels"]
figure = go.Figure()
figure.add_trace(go.Bar(y=labels, x=data["percent"], orientation="h", name="achieved"))
figure.add_trace(go.Scatter(y=labels, x=data["expected"], mode="markers", name="expected"))
st.plotly_chart(figure, width="stretch", config={"displaylogo": False})

st.subheader("Chỉ tiêu")
st.dataframe(data["overview"], hide_index=True, width="stretch")
st.subheader("Số liệu tham chiếu")
st.dataframe(data["figures"], hide_index=True, width="stretch")
st.subheader("Nhiệm vụ")
st.dataframe(data["tasks"], hide_index=True, width="stretch")

st.subheader("Tải về")
for column, name in zip(st.columns(3), ("workbook.xlsx", "entries.csv", "overview.csv"), strict=True):
    column.download_button(name, data=lambda: b"", file_name=name)
