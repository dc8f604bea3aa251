"""Every string the product shows, in Vietnamese and English, and number and date formats.

Vietnamese comes first. Pages never type a visible string inline: they call ``t``. The
strings live by area in tracker/i18n/strings/ (one file per part of the product), so that
two features do not edit one long dictionary; ``STRINGS`` is all of them.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal
from zoneinfo import ZoneInfo

from babel.numbers import format_decimal

from tracker.i18n.strings import (
    access,
    app,
    cli_help,
    database,
    editing,
    entries,
    exports,
    files,
    imports,
    overview,
    plan,
    progress,
    repeats,
    reporting,
    reporting_cli,
    reporting_entry,
    reporting_history,
    reporting_imports,
    reporting_page,
    tasks,
    template,
    years,
)

HANOI_TIME = ZoneInfo("Asia/Ho_Chi_Minh")  # times are stored in UTC and shown in Hanoi time
Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = ("vi", "en")
_LOCALES = {"vi": "vi_VN", "en": "en_US"}


def _merged(*areas: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """One catalogue from the areas' own; a key that two areas both define is a mistake."""
    merged: dict[str, tuple[str, str]] = {}
    for area in areas:
        twice = merged.keys() & area.keys()
        if twice:
            raise ValueError(f"strings defined twice: {sorted(twice)}")
        merged |= area
    return merged


# key: (Vietnamese, English), kept by area in tracker/i18n/strings/, one pair per line.
STRINGS: dict[str, tuple[str, str]] = _merged(
    access.STRINGS,
    app.STRINGS,
    cli_help.STRINGS,
    database.STRINGS,
    editing.STRINGS,
    entries.STRINGS,
    exports.STRINGS,
    files.STRINGS,
    imports.STRINGS,
    overview.STRINGS,
    plan.STRINGS,
    progress.STRINGS,
    repeats.STRINGS,
    reporting.STRINGS,
    reporting_cli.STRINGS,
    reporting_entry.STRINGS,
    reporting_history.STRINGS,
    reporting_imports.STRINGS,
    reporting_page.STRINGS,
    tasks.STRINGS,
    template.STRINGS,
    years.STRINGS,
)


def t(key: str, lang: Lang = "vi", /, **params: object) -> str:
    """The string ``key`` in ``lang``, with ``{params}`` filled in."""
    vi, en = STRINGS[key]
    template = vi if lang == "vi" else en
    return template.format(**params) if params else template


def format_number(value: float | int | None, lang: Lang = "vi", decimals: int = 1) -> str:
    """30.000 and 1.234,5 in Vietnamese; 30,000 and 1,234.5 in English."""
    if value is None:
        return "–"
    pattern = "#,##0" + ("." + "#" * decimals if decimals > 0 else "")
    return format_decimal(value, format=pattern, locale=_LOCALES[lang])


def format_percent(share: float | None, lang: Lang = "vi") -> str:
    """A share (0.92) as a percent with Vietnamese or English separators: 92%, 92,5%."""
    if share is None:
        return "–"
    return format_number(round(share * 100, 1), lang, decimals=1) + "%"


def format_date(day: dt.date | None) -> str:
    """Dates are written dd/mm/yyyy in both languages, as the Department writes them."""
    return day.strftime("%d/%m/%Y") if day is not None else "–"


def format_moment(moment: dt.datetime | None) -> str:
    """A moment (stored in UTC) as Hanoi time, dd/mm/yyyy HH:MM, in both languages."""
    return moment.astimezone(HANOI_TIME).strftime("%d/%m/%Y %H:%M") if moment is not None else "–"
