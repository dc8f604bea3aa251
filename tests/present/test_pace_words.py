"""The pace still needed, in words (tracker.present.pace_words): never rounded so that it
hides the gap (issue 18: 9 projects in 184 days, 1,49 a month, was written «khoảng 1»)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tracker.domain.pace import NeededRate
from tracker.i18n import Lang
from tracker.present.pace_words import needed_pace_text, rate_text


@pytest.mark.parametrize(
    ("remaining", "days_left", "vi", "en"),
    [
        pytest.param(9, 184, "1,5 mỗi tháng", "1.5 a month", id="1,49-a-month"),
        pytest.param(60, 153, "12 mỗi tháng", "12 a month", id="11,9-a-month"),
        pytest.param(62, 184, "11 mỗi tháng", "11 a month", id="10,2-a-month"),
        pytest.param(3, 184, "1 mỗi 2 tháng", "1 every 2 months", id="0,5-a-month"),
        pytest.param(4, 184, "2 mỗi 3 tháng", "2 every 3 months", id="0,66-a-month"),
        pytest.param(1, 365, "1 mỗi 12 tháng", "1 every 12 months", id="1-in-a-year"),
        pytest.param(18_000, 184, "2.976 mỗi tháng", "2,976 a month", id="thousands"),
    ],
)
def test_the_pace_needed_of_a_count(remaining: int, days_left: int, vi: str, en: str) -> None:
    assert needed_pace_text(remaining, days_left, True, "vi") == vi
    assert needed_pace_text(remaining, days_left, True, "en") == en


def test_an_amount_keeps_its_decimals_rounded_up() -> None:
    assert needed_pace_text(0.9, 184, False, "vi") == "0,15 mỗi tháng"  # 0,1488 tỷ đồng
    assert needed_pace_text(9, 184, False, "en") == "1.5 a month"


@pytest.mark.parametrize(
    ("rate", "lang", "text"),
    [
        (NeededRate(Decimal("1.5"), 1), "vi", "1,5 mỗi tháng"),
        (NeededRate(Decimal("1"), 2), "vi", "1 mỗi 2 tháng"),
        (NeededRate(Decimal("3"), 2), "vi", "3 mỗi 2 tháng"),
        (NeededRate(Decimal("1234"), 1), "vi", "1.234 mỗi tháng"),
        (NeededRate(Decimal("1234"), 1), "en", "1,234 a month"),
        (NeededRate(Decimal("2"), 3), "en", "2 every 3 months"),
    ],
)
def test_a_rate_in_words(rate: NeededRate, lang: Lang, text: str) -> None:
    assert rate_text(rate, lang) == text
