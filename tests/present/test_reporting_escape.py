"""The reporting page's places table is drawn by st.table, which reads every cell (the
Styler's display value) as Markdown: a display name such as «[Bấm vào đây](https://
example.com) **Đậm**» was drawn as a link and bold text in the «Trạng thái kỳ» column.
Every stored or outside text in a cell (who set a status, the plan's short names) is
shown as written; the frame itself keeps the text, and the hover boxes, which read no
Markdown, show it as it is. On SQLite and PostgreSQL.

What a cell draws is read as Streamlit hands it to the browser (its Styler marshalling),
then as Markdown reads it: a backslash makes the mark after it literal.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest
from streamlit import dataframe_util
from streamlit.elements.lib.pandas_styler_utils import marshall_styler
from streamlit.proto.ArrowData_pb2 import ArrowData

from tracker.domain.periods import Reporter
from tracker.domain.plan import Plan, Text
from tracker.present import reporting
from tracker.service.reporting import reporting_of, statuses_of
from tracker.storage.ledger import Ledger
from tracker.storage.periods import PeriodBook
from tracker.ui.text import md_escape

AS_OF = dt.date(2017, 8, 1)
LINKED = "[Bấm vào đây](https://example.com) **Đậm**"
MARKED = "Nhãn *tập thể* [2]"  # the plan's own short name, as a plan file may write it
# A Markdown special character that no backslash makes literal: what a reader would see
# drawn as markup (a link, emphasis, code, a formula, a tag) rather than written. The
# cells' own parentheses («đã duyệt (bởi …)») open nothing without a "]" before them.
BARE_SPECIAL = re.compile(r"(?<!\\)[\[\]*_`$<>!~|]")


def read_as_written(cell: str) -> str:
    """What Markdown shows of a cell once its escapes are read: the text as written."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", cell).replace("\u2060", "")


@pytest.fixture
def marked_plan(plan: Plan) -> Plan:
    """Two targets of the 2017 plan, owed by every district; one's short name holds Markdown."""
    kept = []
    for target in plan.targets:
        if target.id == "collective-trademarks":
            kept.append(
                target.model_copy(update={"short": Text(vi=MARKED, en=MARKED), "reported_by": Reporter.districts})
            )
        elif target.id == "workers-trained":
            kept.append(target)
    return plan.model_copy(update={"targets": tuple(kept), "context_figures": (), "tasks": ()})


def drawn(frame: pd.DataFrame) -> pd.DataFrame:
    """The places table's cells as st.table sends them to be drawn (as Markdown)."""
    proto = ArrowData()
    marshall_styler(proto, reporting.places_styled(frame, "vi"), "T_places")
    return dataframe_util.convert_arrow_bytes_to_pandas_df(proto.styler.display_values)


def places(marked_plan: Plan, store: Ledger, period: str, shown: bool = True) -> dict[str, dict[str, str]]:
    """Each place's row: as drawn, or (``shown`` False) as the frame holds it."""
    result = reporting_of(marked_plan, store, AS_OF)
    chosen = marked_plan.reporting_period(period)
    assert chosen is not None
    table = reporting.places_table(marked_plan, result, chosen, statuses_of(marked_plan, store), "vi")
    rows = drawn(table) if shown else table
    return {read_as_written(row["Quận, huyện"]): row for row in rows.to_dict("records")}


def test_who_approved_is_shown_as_written_never_as_a_link(marked_plan: Plan, ledger: Ledger) -> None:
    store = ledger.for_plan(marked_plan.id)
    book = PeriodBook(store.database, marked_plan.id)
    book.approve(marked_plan.reporting_period("2017-Q1"), "Chương Mỹ", LINKED, "đã duyệt")  # type: ignore[arg-type]
    book.lock_all(marked_plan.reporting_period("2017-Q2"), "_Ban_ <b>Chỉ đạo</b>", "họp quý 2")  # type: ignore[arg-type]

    cell = places(marked_plan, store, "2017-Q1")["Chương Mỹ"]["Trạng thái kỳ"]
    assert BARE_SPECIAL.search(cell) is None, cell
    assert "https:" not in cell  # a bare address is no link either
    assert re.fullmatch(rf"đã duyệt \(bởi {re.escape(LINKED)}, \d\d/\d\d/\d{{4}} \d\d:\d\d\)", read_as_written(cell))
    assert md_escape(LINKED) in cell  # as the page's other Markdown escapes it

    whole = places(marked_plan, store, "2017-Q2")["Ba Vì"]["Trạng thái kỳ"]  # the whole period's lock, for each place
    assert BARE_SPECIAL.search(whole) is None, whole
    assert read_as_written(whole).startswith("đã khoá (bởi _Ban_ <b>Chỉ đạo</b>, ")

    kept = places(marked_plan, store, "2017-Q1", shown=False)["Chương Mỹ"]["Trạng thái kỳ"]
    assert kept == read_as_written(cell)  # the frame holds the name itself; only the drawing escapes it


def test_the_plans_short_names_are_shown_as_written_in_the_table_and_the_hover(
    marked_plan: Plan, ledger: Ledger
) -> None:
    store = ledger.for_plan(marked_plan.id)
    from tracker.domain.entries import validate_entry

    entry = validate_entry(marked_plan, target_id="workers-trained", quantity=5, ref_date="2017-02-01",
                           district="Chương Mỹ", entered_by="An")  # fmt: skip
    store.record(entry)
    cell = places(marked_plan, store, "2017-Q1")["Chương Mỹ"]["Chỉ tiêu còn thiếu"]
    assert BARE_SPECIAL.search(cell) is None, cell
    assert read_as_written(cell) == f"1/2: {MARKED}"

    result = reporting_of(marked_plan, store, AS_OF)
    hover = reporting.cell_hover(marked_plan, result.cell("Chương Mỹ", "2017-Q1"), "vi")
    assert f"Còn thiếu 1/2 chỉ tiêu: {MARKED}" in hover.split("\n")  # a hover box reads no Markdown
