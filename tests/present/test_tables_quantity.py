"""The entries table writes each quantity as every other place of the app writes it
(tracker.i18n.format_number), though it makes the text without babel, for speed."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from tracker.i18n import Lang, format_number
from tracker.present.tables import quantity_text


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_quantity_reads_as_the_app_writes_numbers_everywhere(lang: Lang) -> None:
    draw = random.Random(20)
    stored = [Decimal(draw.randint(-(10**12), 10**12)) / 1000 for _ in range(3000)]  # three decimals, as stored
    whole = [Decimal(draw.randint(-(10**7), 10**7)) for _ in range(1000)]
    edges = ["0", "-0.000", "0.001", "-0.001", "1.000", "999.999", "1000", "1E+3", "-1234567.5", "30000", "175.25"]
    for quantity in [*stored, *whole, *map(Decimal, edges)]:
        assert quantity_text(quantity, lang) == format_number(quantity, lang, 3), quantity


def test_thousands_and_decimals_follow_the_language() -> None:
    assert quantity_text(Decimal("1234567.125"), "vi") == "1.234.567,125"
    assert quantity_text(Decimal("1234567.125"), "en") == "1,234,567.125"
    assert quantity_text(Decimal("30000.000"), "vi") == "30.000"
