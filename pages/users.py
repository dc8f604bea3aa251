"""Users: who may look, who may change figures, who may manage users (administrators)."""

import streamlit as st

from tracker.i18n import t
from tracker.ui import frame, user_parts

page = frame.page()
lang, ledger, person = page.lang, page.ledger, page.person

st.title(t("users.title", lang))
st.caption(t("users.intro", lang))
frame.show_flash()
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
