"""The one page for a database the app cannot use, whatever part of the page found it."""

from __future__ import annotations

from typing import NoReturn

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from tracker.i18n import t
from tracker.storage.database import DatabaseOpenError, DatabaseSettingError, SchemaError
from tracker.storage.ledger import Ledger
from tracker.ui.language import lang
from tracker.ui.text import md_escape

# What a read or the opening of the database may raise, each said by database_stop.
DATABASE_ERRORS = (DatabaseSettingError, SchemaError, DatabaseOpenError, SQLAlchemyError)


def database_stop(error: Exception, store: Ledger | None = None) -> NoReturn:
    """Say why the page cannot be drawn, then stop it: the setting is wrong, the schema
    does not fit this code, the database cannot be written here and needs to be, the
    database is down, or (it still answers) it refused the query (a lock held longer than
    TRACKER_DB_LOCK_WAIT_SECONDS, a query longer than TRACKER_DB_STATEMENT_SECONDS, a
    permission), each a different problem for a different person to fix."""
    language = lang()
    if isinstance(error, DatabaseSettingError | SchemaError):
        title = "app.db_setting_error.title" if isinstance(error, DatabaseSettingError) else "app.db_schema_error.title"
        st.title(t(title, language))
        st.error(md_escape(error.message(language)))
        st.stop()
    cannot_write = error.cannot_write if isinstance(error, DatabaseOpenError) else None
    if cannot_write is None and store is not None and not isinstance(error, DatabaseOpenError):
        cannot_write = store.database.refused_write(error)
    if cannot_write is not None:
        st.title(t("app.db_read_only.title", language))
        st.error(md_escape(cannot_write.message(language)))
        st.stop()
    detail = md_escape(str(error).splitlines()[0])
    if isinstance(error, DatabaseOpenError):
        answered = error.answered
    else:
        answered = store is not None and store.database.answers()
    if answered:
        st.title(t("app.db_query_error.title", language))
        st.error(t("app.db_query_error.intro", language, detail=detail))
    else:
        st.title(t("app.db_error.title", language))
        st.error(t("app.db_error.intro", language, detail=detail))
    st.stop()
    raise AssertionError("st.stop() ends the run")
