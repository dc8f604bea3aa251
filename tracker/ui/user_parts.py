"""The users page's pieces: the list of accounts and the forms an administrator uses.
Every form calls a service function that checks, against the database, that the person
may manage users; the forms are only drawn for those who may."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from tracker import service
from tracker.domain.access import Role, role_label
from tracker.domain.districts import district_names
from tracker.domain.entries import MAX_AUTHOR
from tracker.i18n import HANOI_TIME, Lang, format_date, t
from tracker.service import users_scope
from tracker.storage.accounts import Accounts, UserRow
from tracker.storage.ledger import Ledger
from tracker.ui.display import table
from tracker.ui.frame import flash
from tracker.ui.language import lang
from tracker.ui.sign_in import Visitor
from tracker.ui.text import md_escape
from tracker.ui.writes import Refused, attempt


def _role_label(role: str) -> str:
    return role_label(role, lang())


def _districts_text(districts: tuple[str, ...] | list[str], language: Lang) -> str:
    """«Chương Mỹ, Ba Vì», or «mọi quận, huyện» for an account not limited to any."""
    return ", ".join(districts) if districts else t("users.every_district", language)


def _districts_input(default: tuple[str, ...], key: str, disabled: bool = False) -> list[str]:
    """The 30 districts to choose from; none chosen: every district and the city."""
    language = lang()
    return st.multiselect(
        t("users.districts", language),
        options=list(district_names()),
        default=list(default),
        placeholder=t("users.districts_placeholder", language),
        help=t("users.districts_help", language),
        key=key,
        disabled=disabled,
    )


def user_list(store: Ledger) -> list[UserRow]:
    """Every account with its role and the districts it may write; the password hashes
    never leave the database."""
    language = lang()
    users = Accounts(store.database).list_users()
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
                    t("users.col.districts", language): _districts_text(user.districts, language),
                    t("users.col.created", language): format_date(user.created_at.astimezone(HANOI_TIME).date()),
                    t("users.col.sessions", language): user.active_sessions,
                }
                for user in users
            ]
        ),
        names_first=False,
    )
    return users


def add_form(store: Ledger, person: Visitor) -> None:
    """A new account. The very first one, made at the server itself, is an administrator."""
    language = lang()
    first = not person.signed_in
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
            options=[Role.admin.value] if first else [r.value for r in Role],
            index=0 if first else 1,
            format_func=_role_label,
            disabled=first,
        )
        password = right.text_input(
            t("users.password", language), type="password", max_chars=256, key="add_user_password"
        )
        again = right.text_input(
            t("users.password_again", language), type="password", max_chars=256, key="add_user_again"
        )
        # the first account is the administrator of everything: no districts to choose
        districts = _districts_input((), "add_user_districts", disabled=first)
        if not st.form_submit_button(t("users.add.button", language), icon=":material/person_add:"):
            return
    if password != again:
        st.error(t("users.password_mismatch", language))
        return
    identity = attempt(
        lambda: users_scope.add_user(store, person.credential, username, name, role, password, districts)
    )
    if isinstance(identity, Refused):
        return
    for key in ("add_user_username", "add_user_name", "add_user_password", "add_user_again", "add_user_districts"):
        st.session_state.pop(key, None)  # saved: the form is empty again, the password gone
    added = t("users.added", language, username=md_escape(identity.username), role=_role_label(identity.role.value))
    flash(added)
    st.rerun()


def change_forms(store: Ledger, person: Visitor, accounts: list[UserRow]) -> None:
    """Role, password, districts and removal for one chosen account; the role and the
    districts shown are its own."""
    language = lang()
    if not accounts:
        return
    roles = {user.username: user.role.value for user in accounts}
    chosen = st.selectbox(
        t("users.choose", language),
        options=list(roles),
        format_func=lambda name: f"{name} · {_role_label(roles[name])}",
        key="users_chosen",
    )
    role_column, password_column, remove_column = st.columns(3)
    with role_column.form(f"user_role_{chosen}"):
        options = [r.value for r in Role]
        role = st.selectbox(
            t("users.col.role", language),
            options=options,
            index=options.index(roles[chosen]),
            format_func=_role_label,
        )
        if st.form_submit_button(t("users.role.button", language)):
            changed = attempt(lambda: service.set_user_role(store, person.credential, chosen, role))
            if changed is False:  # the account has that role already: nothing was written
                st.info(t("users.role.unchanged", language, username=md_escape(chosen), role=_role_label(role)))
            elif changed is True:
                flash(t("users.role.saved", language, username=md_escape(chosen)))
                st.rerun()
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
        sure = st.checkbox(t("users.remove.confirm", language, username=md_escape(chosen)))
        if st.form_submit_button(t("users.remove.button", language)):
            if sure:
                _apply(lambda: service.remove_user(store, person.credential, chosen), "users.removed", chosen)
            else:
                st.warning(t("users.remove.tick_first", language))
    scopes = {user.username: user.districts for user in accounts}
    districts_form(store, person, chosen, scopes[chosen])


def districts_form(store: Ledger, person: Visitor, username: str, current: tuple[str, ...]) -> None:
    """The districts ``username`` may write; the write checks that the person may manage
    users, and refuses a name that is no district."""
    language = lang()
    with st.form(f"user_districts_{username}"):
        chosen = _districts_input(current, f"user_districts_{username}_choice")
        if not st.form_submit_button(t("users.districts.button", language)):
            return
    changed = attempt(lambda: users_scope.set_user_districts(store, person.credential, username, chosen))
    shown = md_escape(_districts_text(chosen, language))
    if changed is False:  # the account has those already: nothing was written
        st.info(t("users.districts.unchanged", language, username=md_escape(username), districts=shown))
    elif changed is True:
        flash(t("users.districts.saved", language, username=md_escape(username), districts=shown))
        st.rerun()


def _apply(action: Callable[[], None], done_key: str, username: str) -> None:
    if isinstance(attempt(action), Refused):
        return
    flash(t(done_key, lang(), username=md_escape(username)))
    st.rerun()
