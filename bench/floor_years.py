"""The year-on-year page's floor: a bare Streamlit script that draws what pages/years.py
draws, from precomputed numbers.

Same widgets and figures as the page (sidebar menu and language switch, title and
introduction, the day and month pickers, the years table, the notes on changed
measures, one line chart per chain of linked targets with one line per year), but no
plan, no database, no cache lookups and no styling: the numbers are read once from the
pickle named by BENCH_FLOOR_DATA (written by bench/floor_data.py from the real page's
computations on the same ledger) and kept with st.cache_resource.
"""

from __future__ import annotations

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
for label in ("Tổng quan", "Báo cáo", "Ghi nhận kết quả", "Chỉ tiêu và bản ghi", "So sánh các năm"):
    st.sidebar.page_link("https://example.invalid/" + str(len(label)), label=label)
st.sidebar.divider()
st.sidebar.radio("Ngôn ngữ", options=["vi", "en"], horizontal=True, key="lang")

st.title("So sánh các năm")
st.caption("Mỗi chuỗi chỉ tiêu nối qua các năm")
with st.columns([2, 3])[0]:
    day, month = st.columns(2)
    day.selectbox("Ngày", options=list(range(1, 32)), index=30, key="day")
    month.selectbox("Tháng", options=list(range(1, 13)), index=11, key="month")

st.subheader("Từng năm")
st.dataframe(data["table"], hide_index=True, width="stretch")
for line in data["notes"]:
    st.caption(line)

st.subheader("Theo thời gian")
for title, years in zip(data["titles"], data["curves"], strict=True):
    figure = go.Figure()
    for year, days, values in years:
        figure.add_trace(go.Scatter(x=days, y=values, mode="lines", name=str(year)))
    figure.update_layout(title=title)
    st.plotly_chart(figure, config={"displaylogo": False})
