"""Users: who may look, who may change figures, who may manage users (administrators)."""

import streamlit as st

from tracker import ui
from tracker.i18n import t
from tracker.ui import sign_in, user_parts

lang = ui.language_switch()
plan = ui.plan()
ledger = ui.ledger()
person = sign_in.visitor(ledger)

st.title(t("users.title", lang))
st.caption(t("users.intro", lang))
ui.show_flash()
if not person.can_manage:
    st.info(t("users.first_admin_at_server" if person.before_first_user else "users.admins_only", lang))
    st.stop()
if not person.signed_in:
    st.warning(t("users.first_admin", lang))

accounts = user_parts.user_list(ledger)
user_parts.add_form(ledger, person)
if accounts and person.signed_in:
    st.subheader(t("users.change.title", lang))
    user_parts.change_forms(ledger, person, accounts)
