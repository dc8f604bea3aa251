"""The names district offices give their district column (issue 18.9): each is proposed as
the district; "Đơn vị" alone is the unit, as the template itself heads that column, unless
its cells name districts and no other column does (a district office's "reporting unit")."""

from __future__ import annotations

import pytest

from tracker.domain.report_rows import propose_mapping
from tracker.domain.reports import Field
from tracker.i18n import t


@pytest.mark.parametrize(
    "header",
    ["Quận/huyện", "Huyện/thị xã", "Quận/Thị xã", "Địa phương", "Tên địa phương", "Đơn vị báo cáo", "Tên đơn vị"],
)
def test_a_district_column_is_known_by_the_names_offices_give_it(header: str) -> None:
    mapping = propose_mapping((header, "Chỉ tiêu", "Tháng", "Kết quả"))
    assert mapping.get(Field.district) == 0
    assert (mapping[Field.target], mapping[Field.period], mapping[Field.quantity]) == (1, 2, 3)


def test_the_template_s_own_header_reads_back_with_one_district_and_its_unit() -> None:
    """The template heads the unit column "Đơn vị": were that the district, every
    template would show two district columns, and the district would not be proposed."""
    template = [t(f"template.col.{field}", "vi") for field in ("district", "target", "unit", "period", "quantity")]
    assert template[2] == "Đơn vị"
    mapping = propose_mapping(template)
    assert (mapping[Field.district], mapping[Field.unit]) == (0, 2)


def test_a_don_vi_column_whose_cells_name_districts_is_the_district() -> None:
    headers = ("Đơn vị", "Nội dung", "Tháng", "Kết quả")
    rows = [("Thường Tín", "x", "2017-03", 5), ("H. Chương Mỹ", "x", "2017-03", 7), (None, None, None, None)]
    mapping = propose_mapping(headers, rows)
    assert mapping.get(Field.district) == 0 and Field.unit not in mapping


@pytest.mark.parametrize(
    "cells",
    [
        ["lao động", "làng nghề"],  # units
        ["Thường Tín", "lao động", "lao động"],  # not nearly all districts
        [],  # nothing to tell by
    ],
)
def test_a_don_vi_column_of_units_stays_the_unit(cells: list[str]) -> None:
    headers = ("Đơn vị", "Nội dung", "Tháng", "Kết quả")
    mapping = propose_mapping(headers, [(cell, "x", "2017-03", 5) for cell in cells])
    assert mapping.get(Field.unit) == 0 and Field.district not in mapping


def test_a_don_vi_column_is_not_taken_when_another_column_names_the_district() -> None:
    headers = ("Quận/huyện", "Đơn vị", "Nội dung", "Tháng", "Kết quả")
    mapping = propose_mapping(headers, [("Ba Vì", "Ba Vì", "x", "2017-03", 5)])
    assert (mapping[Field.district], mapping[Field.unit]) == (0, 1)
