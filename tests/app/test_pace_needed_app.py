"""The target page says the pace still needed without rounding it down (issue 18: 9
projects in the 184 days left, 1,49 a month, was said «khoảng 1 mỗi tháng»)."""

from __future__ import annotations

import pytest

from tests.helpers import TARGETS_FILE, as_read, open_page, record
from tracker.domain.plan import Plan, load_plan


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(TARGETS_FILE)


@pytest.mark.parametrize(
    ("recorded", "needed"),
    [
        (1, "Để đạt mục tiêu còn cần 9 dự án trong 184 ngày còn lại (khoảng 1,5 mỗi tháng)."),
        (7, "Để đạt mục tiêu còn cần 3 dự án trong 184 ngày còn lại (khoảng 1 mỗi 2 tháng)."),
    ],
)
def test_the_target_page_says_the_pace_needed_rounded_up(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan, recorded: int, needed: str
) -> None:
    record(sqlite_url, plan, ("machinery-projects", recorded, "2017-06-20", None))
    app = open_page(
        monkeypatch, sqlite_url, "pages/target.py", query={"target": "machinery-projects", "as_of": "2017-06-30"}
    )
    assert needed in [as_read(caption.value) for caption in app.caption]
