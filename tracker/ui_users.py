"""The users page's pieces: the list of accounts and the forms an administrator uses.
Every form calls a service function that checks, against the database, that the person
may manage users; the forms are only drawn for those who may."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tracker import service
from tracker.access import Role, role_label
from tracker.accounts import AccountError, Accounts
from tracker.entries import MAX_AUTHOR
from tracker.i18n import format_date, t
from tracker.ledger import HANOI_TIME, Ledger
from tracker.ui import database_guard, flash, lang, md_escape, table
from tracker.ui_access import Visitor


def _role_label(role: str) -> str:
    return role_label(role, lang())


def user_list(store: Ledger) -> list[str]:
    """Every account with its role; the password hashes never leave the database."""
    language = lang()
    users = Accounts(store).list_users()
    if not users:
        st.info(t("users.none", language))
        return []
    table(
        pd.DataFrame(
            [
                {
                    t("users.col.username", language): user.username,
                    t("users.col.name", language): user.display_name,
                    t("users.col.role", language): _role_label(user.role.value),
                    t("users.col.created", language): format_date(user.created_at.astimezone(HANOI_TIME).date()),
                    t("users.col.sessions", language): user.active_sessions,
                }
                for user in users
            ]
        ),
        names_first=False,
    )
    return [user.username for user in users]


def _refused(error: AccountError) -> None:
    st.error(t("users.not_saved", lang(), problem=md_escape(error.message(lang()))))


def add_form(store: Ledger, person: Visitor) -> None:
    language = lang()
    with st.form("add_user", clear_on_submit=False):
        st.markdown(f"**{t('users.add.title', language)}**")
        left, right = st.columns(2)
        username = left.text_input(
            t("users.col.username", language),
            max_chars=40,
            help=t("users.username_help", language),
            key="add_user_username",
        )
        name = right.text_input(t("users.col.name", language), max_chars=MAX_AUTHOR, key="add_user_name")
        role = left.selectbox(
            t("users.col.role", language),
            options=[r.value for r in Role],
            index=1,
            format_func=_role_label,
        )
        password = right.text_input(
            t("users.password", language), type="password", max_chars=256, key="add_user_password"
        )
        again = right.text_input(
            t("users.password_again", language), type="password", max_chars=256, key="add_user_again"
        )
        if not st.form_submit_button(t("users.add.button", language), icon=":material/person_add:"):
            return
    if password != again:
        st.error(t("users.password_mismatch", language))
        return
    try:
        with database_guard():
            identity = service.add_user(store, person.credential, username, name, role, password)
    except AccountError as error:
        _refused(error)
        return
    flash("success", t("users.added", language, username=identity.username, role=_role_label(identity.role.value)))
    st.rerun()


def change_forms(store: Ledger, person: Visitor, usernames: list[str]) -> None:
    """Role, password and removal for one chosen account."""
    language = lang()
    if not usernames:
        return
    chosen = st.selectbox(t("users.choose", language), options=usernames, key="users_chosen")
    role_column, password_column, remove_column = st.columns(3)
    with role_column.form("user_role"):
        role = st.selectbox(t("users.col.role", language), options=[r.value for r in Role], format_func=_role_label)
        if st.form_submit_button(t("users.role.button", language)):
            _apply(lambda: service.set_user_role(store, person.credential, chosen, role), "users.role.saved", chosen)
    with password_column.form("user_password", clear_on_submit=True):
        password = st.text_input(t("users.password", language), type="password", max_chars=256)
        again = st.text_input(t("users.password_again", language), type="password", max_chars=256)
        if st.form_submit_button(t("users.password.button", language)):
            if password != again:
                st.error(t("users.password_mismatch", language))
            else:
                _apply(
                    lambda: service.set_user_password(store, person.credential, chosen, password),
                    "users.password.saved",
                    chosen,
                )
    with remove_column.form("user_remove"):
        st.caption(t("users.remove.help", language))
        sure = st.checkbox(t("users.remove.confirm", language, username=chosen))
        if st.form_submit_button(t("users.remove.button", language)) and sure:
            _apply(lambda: service.remove_user(store, person.credential, chosen), "users.removed", chosen)


def _apply(action: object, done_key: str, username: str) -> None:
    try:
        with database_guard():
            action()  # type: ignore[operator]
    except AccountError as error:
        _refused(error)
        return
    flash("success", t(done_key, lang(), username=username))
    st.rerun()
