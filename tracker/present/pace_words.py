"""The pace still needed, in words: «1,5 mỗi tháng», «1 mỗi 2 tháng», «about 12 a month».

One wording for the target page, the meeting report and wherever the pace needed is
said; the rounding is the domain's (tracker.domain.pace.needed_rate): always up.
"""

from __future__ import annotations

from decimal import Decimal

from tracker.domain.pace import NeededRate, needed_rate
from tracker.i18n import Lang, format_number, t


def _decimals(amount: Decimal) -> int:
    exponent = amount.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def rate_text(rate: NeededRate, lang: Lang) -> str:
    """«1,5 mỗi tháng» / «1.5 a month»; «1 mỗi 2 tháng» / «1 every 2 months»."""
    amount = format_number(rate.amount, lang, _decimals(rate.amount))
    if rate.months == 1:
        return t("pace.rate.month", lang, amount=amount)
    return t("pace.rate.months", lang, amount=amount, months=format_number(rate.months, lang, 0))


def needed_pace_text(remaining: float, days_left: int, whole_units: bool, lang: Lang) -> str:
    """``remaining`` more in ``days_left`` days, as the pace a person is told to keep."""
    return rate_text(needed_rate(remaining, days_left, whole_units), lang)
