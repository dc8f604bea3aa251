"""Users: who may look, who may change figures, who may manage users (administrators)."""

import streamlit as st

from tracker import ui, ui_access, ui_users
from tracker.i18n import t

lang = ui.language_switch()
plan = ui.plan()
ledger = ui.ledger()
person = ui_access.visitor(ledger)

st.title(t("users.title", lang))
st.caption(t("users.intro", lang))
ui.show_flash()
if not person.can_manage:
    st.info(t("users.first_admin_at_server" if person.before_first_user else "users.admins_only", lang))
    st.stop()
if not person.signed_in:
    st.warning(t("users.first_admin", lang))

accounts = ui_users.user_list(ledger)
ui_users.add_form(ledger, person)
if accounts and person.signed_in:
    st.subheader(t("users.change.title", lang))
    ui_users.change_forms(ledger, person, accounts)
