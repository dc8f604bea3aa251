"""Days as the staff live them: in Hanoi, whatever the server's clock says."""

from __future__ import annotations

import datetime as dt

from tracker.i18n import HANOI_TIME


def hanoi_today() -> dt.date:
    """Today where the staff are: a server on UTC is still on yesterday until 07:00 in Hanoi."""
    return dt.datetime.now(HANOI_TIME).date()


def day_start(day: dt.date) -> dt.datetime:
    """Midnight in Hanoi, where staff live their days, as a UTC moment."""
    return dt.datetime.combine(day, dt.time(), tzinfo=HANOI_TIME).astimezone(dt.UTC)
