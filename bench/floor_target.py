"""The target page's floor: a bare Streamlit script that draws what pages/target.py draws
for one target, from precomputed numbers.

Same widgets and figures as the target page (sidebar menu and language switch, title,
the target picker and its title, the as-of date, the goal captions, the status badge and
three metrics, the projection in words, the cumulative pace chart in the first of two
tabs (the per-period chart, its switch and table wait behind the second), what the plan
says, the district chart and table in two tabs, the grid's filters and its rows as a
table, three download buttons), but no plan, no database, no cache lookups and no
styling: the numbers are read once from the pickle named by BENCH_FLOOR_DATA (written by
bench/floor_data.py from the real page's computations on the same ledger) and kept with
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
as_of: dt.date = data["as_of"]

st.set_page_config(page_title="floor", layout="wide")
for label in ("Tổng quan", "Báo cáo", "Ghi nhận kết quả", "Chỉ tiêu và bản ghi", "Lịch sử thay đổi"):
    st.sidebar.page_link("https://example.invalid/" + str(len(label)), label=label)
st.sidebar.divider()
st.sidebar.radio("Ngôn ngữ", options=["vi", "en"], horizontal=True, key="lang")

st.title("Chỉ tiêu và bản ghi")
picker, date = st.columns([3, 1])
picker.selectbox("Chỉ tiêu", options=[data["target"]], key="target")
picker.markdown(f"**{data['title']}**")
date.date_input("Tính đến ngày", value=as_of, format="DD/MM/YYYY", key="as_of")
st.caption("Mục tiêu · đã đạt")
st.caption("Cộng dồn các bản ghi")

status, *numbers = st.columns(4)
status.caption("Trạng thái")
status.badge("Cần đẩy nhanh", color="orange")
for column, (label, value) in zip(numbers, [*data["metrics"], ("Dự kiến cuối kỳ", 0)], strict=True):
    column.metric(label, f"{float(value):,.0f}")
st.markdown(f"**{data['projection']}**")

st.subheader("Tiến độ theo thời gian")
# the cumulative tab open, as the page opens: the per-period chart, its switch and its
# table are drawn only once their tab is chosen
cumulative, by_period = st.tabs(["Cộng dồn", "Theo kỳ"])
pace = go.Figure()
pace.add_trace(go.Scatter(x=data["planned"][0], y=data["planned"][1], mode="lines", name="planned"))
pace.add_trace(go.Scatter(x=data["actual"][0], y=data["actual"][1], mode="lines+markers", name="achieved"))
cumulative.plotly_chart(pace, width="stretch", config={"displaylogo": False})

st.subheader("Kế hoạch nói gì")
with st.container(border=True):
    st.text(data["source"])
    for label, value in (("Cơ quan", "UBND"), ("Kinh phí", "–"), ("Nhóm", "–")):
        left, right = st.columns([1, 4])
        left.caption(label)
        right.text(value)

if data["district_table"] is not None:
    st.subheader("Theo quận, huyện")
    st.caption(data["district_summary"])
    chart_tab, table_tab = st.tabs(["Biểu đồ", "Bảng"])
    chart_tab.plotly_chart(go.Figure(go.Bar(x=data["districts"][1], y=data["districts"][0], orientation="h")))
    table_tab.dataframe(data["district_table"], hide_index=True, width="stretch")

st.subheader("Bản ghi")
left, middle, right = st.columns([2, 1, 1])
left.multiselect("Quận, huyện", options=["a", "b"], key="districts")
middle.date_input("Từ ngày", value=dt.date(as_of.year, 1, 1), format="DD/MM/YYYY", key="from")
right.date_input("Đến ngày", value=dt.date(as_of.year, 12, 31), format="DD/MM/YYYY", key="to")
st.dataframe(data["entries"], hide_index=True, width="stretch")

st.subheader("Tải về")
for column, name in zip(st.columns(3), ("workbook.xlsx", "entries.csv", "overview.csv"), strict=True):
    column.download_button(name, data=lambda: b"", file_name=name)
