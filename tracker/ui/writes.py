"""The one way a button writes: the service does the write and its checks; this says,
plainly and in the reader's language, why a write was refused. Nothing of a refused write
was kept: every write is one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from tracker.domain.access import AccessDeniedError, Credential
from tracker.domain.entries import EntryError
from tracker.domain.errors import CodedError
from tracker.i18n import t
from tracker.storage.accounts import Accounts
from tracker.storage.database import CannotWriteError, read_only_failure
from tracker.storage.ledger import Ledger
from tracker.storage.periods import OutsideScopeError, PeriodLockedError
from tracker.ui import reads
from tracker.ui.language import lang
from tracker.ui.text import md_escape

T = TypeVar("T")


def writable_districts(store: Ledger, credential: Credential) -> tuple[str, ...]:
    """The only districts this person's account may write, as the database says now; ()
    for every district and the city (or no account: the write decides). Pages use it to
    offer and show what the write would allow; every write checks it again itself."""
    if not credential.token:
        return ()
    try:
        return Accounts(store.database).identity(credential.token).districts
    except AccessDeniedError:  # the session ended: the write will say so
        return ()


class Refused:
    """What ``attempt`` gives back for a write that was refused (its reason already said)."""

    def __repr__(self) -> str:
        return "Refused()"


Say = Callable[[str], object]


def attempt(write: Callable[[], T], say: Say | None = None, problem_key: str = "write.not_saved") -> T | Refused:
    """``write()``'s result, or Refused() after saying why, through ``say`` (an st.error of
    this page by default): the database failed, the person may not write (checked by the
    write itself, against the database), an entry's fields are wrong (each one listed), the
    row is in a locked period or outside the person's districts (said as the lock or the
    scope says it), or another reason the write knows by its code (said with
    ``problem_key``). Other outcomes a page must draw itself (a conflict with someone
    else's save) are the caller's to catch."""
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
    except (PeriodLockedError, OutsideScopeError) as refused:
        # the person's situation, not a fault: the message names the place, the period or
        # the lock, and says itself that nothing was written
        tell(md_escape(refused.message(language)))
    except CodedError as error:  # a nil report twice, a period that cannot move, ...
        tell(t(problem_key, language, problem=md_escape(error.message(language))))
    finally:
        reads.forget_revision()  # what this run reads next is read after its write
    return Refused()
