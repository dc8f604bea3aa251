"""The one way a button writes: the service does the write and its checks; this says,
plainly and in the reader's language, why a write was refused. Nothing of a refused write
was kept: every write is one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from tracker.domain.access import AccessDeniedError
from tracker.domain.entries import EntryError
from tracker.domain.errors import CodedError
from tracker.i18n import t
from tracker.storage.database import CannotWriteError, read_only_failure
from tracker.ui.language import lang
from tracker.ui.text import md_escape

T = TypeVar("T")


class Refused:
    """What ``attempt`` gives back for a write that was refused (its reason already said)."""

    def __repr__(self) -> str:
        return "Refused()"


Say = Callable[[str], object]


def attempt(write: Callable[[], T], say: Say | None = None, problem_key: str = "write.not_saved") -> T | Refused:
    """``write()``'s result, or Refused() after saying why, through ``say`` (an st.error of
    this page by default): the database failed, the person may not write (checked by the
    write itself, against the database), an entry's fields are wrong (each one listed), or
    another reason the write knows by its code (said with ``problem_key``). Other outcomes a page must draw itself (a
    conflict with someone else's save) are the caller's to catch."""
    tell = say or st.error
    language = lang()
    try:
        return write()
    except SQLAlchemyError as error:
        if isinstance(error, CannotWriteError):  # known before anything was tried: it says where
            tell(t("write.not_saved", language, problem=md_escape(error.message(language))))
        elif read_only_failure(error):  # the database can be read here, not written
            tell(t("app.db_read_only_write", language, detail=md_escape(str(error).splitlines()[0])))
        else:
            tell(t("app.db_write_error", language, detail=md_escape(str(error).splitlines()[0])))
    except AccessDeniedError as denied:
        tell(denied.message(language))
    except EntryError as error:
        lines = "\n".join(f"- {md_escape(line)}" for line in error.render(language))
        tell(f"{t('record.not_saved', language)}\n\n{lines}")
    except CodedError as error:
        tell(t(problem_key, language, problem=md_escape(error.message(language))))
    return Refused()
