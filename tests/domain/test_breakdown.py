"""The district breakdown of a target, from a real ledger (SQLite and PostgreSQL): every
district is on the table and the chart, the biggest contribution first, the silent ones
marked, the city-wide row apart, numbers written the reader's way."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd
import plotly.graph_objects as go

from tracker.domain.breakdown import DistrictBreakdown, district_breakdown, reporting_summary
from tracker.domain.districts import district_names
from tracker.domain.entries import ValidEntry
from tracker.domain.plan import Plan, Target
from tracker.i18n import Lang
from tracker.present.charts import district_figure
from tracker.present.tables import district_table
from tracker.storage.ledger import Ledger, Removal

WORKERS = "workers-trained"
YEAR_END = dt.date(2017, 12, 31)
CITY_WIDE = {"vi": "Toàn thành phố (không gắn quận, huyện)", "en": "City-wide (no district)"}
NOT_REPORTED = {"vi": "chưa báo cáo", "en": "nothing reported"}


def record(
    ledger: Ledger, district: str | None, quantity: Decimal | int | str, day: dt.date = dt.date(2017, 3, 1)
) -> int:
    return ledger.record(ValidEntry(WORKERS, day, Decimal(quantity), district, None, None, "Nguyễn Thị Hoa"))


def breakdown_of(ledger: Ledger, as_of: dt.date = YEAR_END) -> DistrictBreakdown:
    return district_breakdown(ledger.totals_by_district(WORKERS, as_of))


def workers(plan: Plan) -> Target:
    return plan.target(WORKERS)


def column(table: pd.DataFrame, index: int) -> list[str]:
    return table.iloc[:, index].tolist()


def by_district(table: pd.DataFrame) -> dict[str, list[str]]:
    return {row[0]: list(row[1:]) for row in table.itertuples(index=False)}


def percent_value(cell: str, lang: Lang) -> float:
    text = cell.rstrip("%")
    return float(text.replace(".", "").replace(",", ".") if lang == "vi" else text.replace(",", ""))


def hover_texts(figure: go.Figure) -> dict[str, str]:
    return {label: text for trace in figure.data for label, text in zip(trace.y, trace.hovertext, strict=True)}


# --- who is on the table, in which order ---------------------------------------------------


def test_all_30_districts_and_the_city_wide_row_ordered_by_contribution(ledger: Ledger, plan: Plan) -> None:
    record(ledger, "Chương Mỹ", 450)
    record(ledger, "Chương Mỹ", 300)
    record(ledger, "Thường Tín", 1200)
    record(ledger, "Ứng Hòa", 30)
    record(ledger, None, 5000)  # the city's own training course: no district

    table = district_table(workers(plan), breakdown_of(ledger), "vi")

    names = column(table, 0)
    assert len(names) == 31
    assert set(names[:-1]) == set(district_names())
    assert names[:3] == ["Thường Tín", "Chương Mỹ", "Ứng Hòa"]  # largest first
    assert names[-1] == CITY_WIDE["vi"]  # apart, last, although it is the largest
    assert by_district(table)[CITY_WIDE["vi"]] == ["–", "5.000", "71,6%"]
    assert by_district(table)["Chương Mỹ"][:2] == ["huyện", "750"]
    assert by_district(table)["Hoàn Kiếm"][0] == "quận"
    assert by_district(table)["Sơn Tây"][0] == "thị xã"

    figure = district_figure(workers(plan), breakdown_of(ledger), "vi")
    assert list(figure.layout.yaxis.categoryarray) == names  # the chart ranks as the table does
    assert figure.layout.yaxis.autorange == "reversed"  # largest at the top


def test_districts_without_entries_are_marked_not_reported(ledger: Ledger, plan: Plan) -> None:
    record(ledger, "Chương Mỹ", 450)
    record(ledger, "Thạch Thất", 20)
    breakdown = breakdown_of(ledger)

    for lang in ("vi", "en"):
        rows = by_district(district_table(workers(plan), breakdown, lang))
        silent = [name for name, cells in rows.items() if cells[1] == NOT_REPORTED[lang]]
        assert len(silent) == 29  # 28 districts and the city-wide row
        assert "Chương Mỹ" not in silent and "Ba Vì" in silent
        assert all(rows[name][2] == "–" for name in silent)  # no share for what was not reported

        figure = district_figure(workers(plan), breakdown, lang)
        greyed = next(trace for trace in figure.data if trace.name == NOT_REPORTED[lang].capitalize())
        assert "Ba Vì" in greyed.y and "Chương Mỹ" not in greyed.y
        assert set(greyed.text) == {NOT_REPORTED[lang]}  # written beside each silent district
        reported = next(trace for trace in figure.data if isinstance(trace, go.Bar))
        assert greyed.marker.color != reported.marker.color


def test_a_district_whose_entries_net_to_zero_has_reported(ledger: Ledger, plan: Plan) -> None:
    record(ledger, "Mỹ Đức", 40)
    record(ledger, "Mỹ Đức", -40)  # a correction cancelling the first report

    breakdown = breakdown_of(ledger)
    assert by_district(district_table(workers(plan), breakdown, "vi"))["Mỹ Đức"][1] == "0"
    assert reporting_summary(breakdown, "vi") == "1 / 30 quận, huyện, thị xã có báo cáo"


# --- shares ---------------------------------------------------------------------------------


def test_shares_sum_to_100_percent_when_every_figure_is_positive(ledger: Ledger, plan: Plan) -> None:
    for district, quantity in [("Chương Mỹ", 450), ("Thường Tín", 1200), ("Ứng Hòa", 330), (None, 20)]:
        record(ledger, district, quantity)
    breakdown = breakdown_of(ledger)

    assert breakdown.total == Decimal(2000)
    for lang in ("vi", "en"):
        table = district_table(workers(plan), breakdown, lang)
        shares = [percent_value(cell, lang) for cell in column(table, 3) if cell != "–"]
        assert len(shares) == 4
        assert abs(sum(shares) - 100) <= 0.1 * len(shares)  # each cell is rounded to 0.1 %
    assert by_district(district_table(workers(plan), breakdown, "vi"))["Thường Tín"][2] == "60%"
    assert by_district(district_table(workers(plan), breakdown, "en"))["Ứng Hòa"][2] == "16.5%"


def test_a_negative_city_wide_adjustment_keeps_shares_of_the_real_total(ledger: Ledger, plan: Plan) -> None:
    record(ledger, "Chương Mỹ", 600)
    record(ledger, "Thường Tín", 400)
    # the committee's audited figure is 900: the ledger writes a city-wide adjustment of -100
    ledger.set_total(ValidEntry(WORKERS, dt.date(2017, 6, 30), Decimal(900), None, None, None, "Trần Văn Nam"))

    rows = by_district(district_table(workers(plan), breakdown_of(ledger), "vi"))
    assert rows[CITY_WIDE["vi"]][1:] == ["-100", "-11,1%"]
    assert rows["Chương Mỹ"][1:] == ["600", "66,7%"]


def test_a_total_of_zero_gives_no_shares_and_no_crash(ledger: Ledger, plan: Plan) -> None:
    record(ledger, "Chương Mỹ", 600)
    ledger.set_total(ValidEntry(WORKERS, dt.date(2017, 6, 30), Decimal(0), None, None, None, "Trần Văn Nam"))
    breakdown = breakdown_of(ledger)

    assert breakdown.total == 0
    rows = by_district(district_table(workers(plan), breakdown, "en"))
    assert rows["Chương Mỹ"][1:] == ["600", "–"]
    assert rows[CITY_WIDE["en"]][1:] == ["-600", "–"]
    hover = hover_texts(district_figure(workers(plan), breakdown, "en"))
    assert "Share: –" in hover["Chương Mỹ"]


# --- numbers the reader's way ------------------------------------------------------------------


def test_table_cells_use_vietnamese_or_english_separators(ledger: Ledger, plan: Plan) -> None:
    record(ledger, "Chương Mỹ", 30000)
    record(ledger, "Thường Tín", "1234.5")

    breakdown = breakdown_of(ledger)
    vi = district_table(workers(plan), breakdown, "vi")
    en = district_table(workers(plan), breakdown, "en")

    assert list(vi.columns) == ["Quận, huyện, thị xã", "Loại", "Đã đạt (lao động)", "Tỷ trọng trong tổng đã đạt"]
    assert list(en.columns) == ["District", "Kind", "Achieved (workers)", "Share of the achieved total"]
    assert by_district(vi)["Chương Mỹ"][1:] == ["30.000", "96%"]
    assert by_district(vi)["Thường Tín"][1:] == ["1.234,5", "4%"]
    assert by_district(en)["Chương Mỹ"] == ["rural district", "30,000", "96%"]
    assert by_district(en)["Thường Tín"][1] == "1,234.5"


def test_chart_hover_texts_and_axes_use_the_readers_separators(ledger: Ledger, plan: Plan) -> None:
    record(ledger, "Chương Mỹ", 30000)
    record(ledger, "Thường Tín", "1234.5")
    record(ledger, None, "-34.5")
    breakdown = breakdown_of(ledger)

    vi = district_figure(workers(plan), breakdown, "vi")
    assert vi.layout.separators == ",."  # axis ticks read 30.000
    assert vi.layout.xaxis.tickformat == ",~f"  # grouped digits, not "30k"
    assert vi.layout.xaxis.title.text == "Đã đạt (lao động)"
    hover = hover_texts(vi)
    assert "Đã đạt: 30.000 lao động" in hover["Chương Mỹ"]
    assert "Đã đạt: 1.234,5 lao động<br>Tỷ trọng: 4%" in hover["Thường Tín"]
    assert "(huyện)" in hover["Thường Tín"]
    assert "chưa báo cáo" in hover["Ba Đình"]
    assert "-34,5" in hover[CITY_WIDE["vi"]]
    bars = {
        label: text
        for trace in vi.data
        if isinstance(trace, go.Bar)
        for label, text in zip(trace.y, trace.text, strict=True)
    }
    assert bars["Chương Mỹ"] == "30.000"

    en = district_figure(workers(plan), breakdown, "en")
    assert en.layout.separators == ".,"
    hover = hover_texts(en)
    assert "Achieved: 30,000 workers" in hover["Chương Mỹ"]
    assert "Achieved: 1,234.5 workers<br>Share: 4%" in hover["Thường Tín"]
    assert "nothing reported" in hover["Ba Đình"]


# --- how many districts reported -------------------------------------------------------------


def test_summary_counts_districts_that_reported_by_the_date(ledger: Ledger) -> None:
    record(ledger, "Chương Mỹ", 450)
    record(ledger, "Chương Mỹ", 50)  # the same district twice: counted once
    record(ledger, "Thường Tín", 1200)
    record(ledger, None, 90)  # city-wide is not a district
    record(ledger, "Ba Vì", 10, day=dt.date(2017, 11, 1))  # after the date looked at
    mistake = record(ledger, "Mê Linh", 70)
    ledger.apply(removals=[Removal(mistake, 1)], by="Trần Văn Nam")  # deleted: not a report

    june = breakdown_of(ledger, dt.date(2017, 6, 30))
    assert reporting_summary(june, "vi") == "2 / 30 quận, huyện, thị xã có báo cáo"
    assert reporting_summary(june, "en") == "2 of 30 districts reported"
    assert reporting_summary(breakdown_of(ledger), "en") == "3 of 30 districts reported"


# --- nothing recorded yet ------------------------------------------------------------------------


def test_an_empty_ledger_lists_every_district_as_not_reported(ledger: Ledger, plan: Plan) -> None:
    breakdown = breakdown_of(ledger)

    for lang in ("vi", "en"):
        table = district_table(workers(plan), breakdown, lang)
        assert len(table) == 31
        assert column(table, 2) == [NOT_REPORTED[lang]] * 31
        assert column(table, 3) == ["–"] * 31
        assert column(table, 0)[-1] == CITY_WIDE[lang]

        figure = district_figure(workers(plan), breakdown, lang)
        assert len(figure.layout.yaxis.categoryarray) == 31
        assert sum(len(trace.y) for trace in figure.data) == 31  # every row drawn, none as a bar
        assert not any(isinstance(trace, go.Bar) for trace in figure.data)
        assert figure.layout.xaxis.showticklabels is False  # no meaningless 0,2 0,4 ticks
        figure.to_json()  # renders without error

    assert reporting_summary(breakdown, "vi") == "0 / 30 quận, huyện, thị xã có báo cáo"
