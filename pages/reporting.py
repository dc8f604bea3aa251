"""Who has reported which period (being built)."""

import streamlit as st

from tracker.i18n import t
from tracker.ui import frame

page = frame.page()
st.title(t("nav.reporting", page.lang))
