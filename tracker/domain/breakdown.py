"""A summed target's achieved figure district by district: the rows a chart and a table show.

Pure data shaping, no streamlit, no database: the input is what
``Ledger.totals_by_district`` returns (None: entries recorded for the whole city).
Targets recorded as a latest level are out of scope; their districts do not add up.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import cache
from pathlib import Path

import yaml

from tracker.domain.districts import district_names
from tracker.i18n import Lang, t

_REFERENCE = Path(__file__).parent / "data" / "hanoi-districts-2017.yaml"


class DistrictKind(StrEnum):
    quan = "quan"  # urban district
    huyen = "huyen"  # rural district
    thi_xa = "thi_xa"  # town (Sơn Tây)


@cache
def district_kinds() -> dict[str, DistrictKind]:
    """Each of the 30 official names with its kind, from the 2017 reference."""
    data = yaml.safe_load(_REFERENCE.read_text(encoding="utf-8"))
    return {unicodedata.normalize("NFC", d["name"]): DistrictKind(d["kind"]) for d in data["districts"]}


@dataclass(frozen=True)
class DistrictRow:
    """One line of the breakdown."""

    district: str | None  # None: city-wide (entries with no district)
    kind: DistrictKind | None  # None: city-wide, or a name outside the 30 of 2017
    quantity: Decimal
    share: float | None  # of the target's achieved total; None when that total is 0 or less
    reported: bool  # some entry was recorded for it (its quantity may still net to 0)

    @property
    def is_city_wide(self) -> bool:
        return self.district is None


@dataclass(frozen=True)
class DistrictBreakdown:
    """Every district, the largest contribution first, then the city-wide row last."""

    rows: tuple[DistrictRow, ...]
    total: Decimal  # the target's achieved total: districts and city-wide together

    @property
    def districts(self) -> tuple[DistrictRow, ...]:
        return tuple(row for row in self.rows if not row.is_city_wide)

    @property
    def city_wide(self) -> DistrictRow:
        return self.rows[-1]

    @property
    def reporting_count(self) -> int:
        """How many of Hanoi's 30 districts have at least one entry."""
        official = set(district_names())
        return sum(1 for row in self.districts if row.reported and row.district in official)

    @property
    def district_count(self) -> int:
        return len(district_names())


def district_breakdown(totals: Mapping[str | None, Decimal]) -> DistrictBreakdown:
    """All 30 districts (those without entries at 0, marked not reported), ordered by
    contribution, largest first, ties in the official order (urban districts first); a
    name outside the 30 still counts and is ranked with them; the city-wide row comes last.

    Shares are of the achieved total. A negative city-wide adjustment can bring that
    total to 0 or below: then no share is given (None), rather than a meaningless one.
    """
    named: dict[str, Decimal] = {}
    city_wide: Decimal | None = None
    for district, quantity in totals.items():
        if district is None:
            city_wide = Decimal(quantity)
        else:
            name = unicodedata.normalize("NFC", district)
            named[name] = named.get(name, Decimal(0)) + Decimal(quantity)
    total = sum(named.values(), Decimal(0)) + (city_wide or Decimal(0))

    def share(quantity: Decimal) -> float | None:
        return float(quantity / total) if total > 0 else None

    kinds = district_kinds()
    order = {name: index for index, name in enumerate(district_names())}
    names = list(district_names()) + sorted(name for name in named if name not in order)
    ranked = sorted(
        names,
        key=lambda name: (-named.get(name, Decimal(0)), name not in named, order.get(name, len(order)), name),
    )
    rows = [
        DistrictRow(
            district=name,
            kind=kinds.get(name),
            quantity=named.get(name, Decimal(0)),
            share=share(named.get(name, Decimal(0))),
            reported=name in named,
        )
        for name in ranked
    ]
    city_quantity = city_wide or Decimal(0)
    rows.append(DistrictRow(None, None, city_quantity, share(city_quantity), reported=city_wide is not None))
    return DistrictBreakdown(rows=tuple(rows), total=total)


def district_label(row: DistrictRow, lang: Lang) -> str:
    """The row's name as shown: the district's official name, or the city-wide label."""
    return t("breakdown.city_wide", lang) if row.district is None else row.district


def kind_label(row: DistrictRow, lang: Lang) -> str:
    """quận / huyện / thị xã; "–" for the city-wide row."""
    return t(f"breakdown.kind.{row.kind.value}", lang) if row.kind is not None else "–"


def reporting_summary(breakdown: DistrictBreakdown, lang: Lang) -> str:
    """ "12 / 30 quận, huyện, thị xã có báo cáo" — how many districts reported."""
    return t(
        "breakdown.summary",
        lang,
        reported=breakdown.reporting_count,
        total=breakdown.district_count,
    )
