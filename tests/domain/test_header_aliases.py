"""The names district offices give their district column (issue 18.9): each is proposed as
the district; "Đơn vị" alone stays the unit, as the template itself heads that column."""

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
