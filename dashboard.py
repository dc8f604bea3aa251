"""Entry point: `streamlit run dashboard.py`. Page set-up, language, plan, navigation."""

import streamlit as st

from tracker import ui
from tracker.i18n import t

st.set_page_config(page_title="Làng nghề Hà Nội 2017 · Craft villages", page_icon="🏺", layout="wide")

lang = ui.lang()

navigation = st.navigation(
    [
        st.Page(
            "pages/overview.py",
            title=t("nav.overview", lang),
            icon=":material/monitoring:",
            url_path="overview",
            default=True,
        ),
        st.Page("pages/record.py", title=t("nav.record", lang), icon=":material/edit_note:", url_path="record"),
        st.Page("pages/target.py", title=t("nav.target", lang), icon=":material/table_edit:", url_path="target"),
        st.Page("pages/history.py", title=t("nav.history", lang), icon=":material/history:", url_path="history"),
    ]
)
ui.plan()  # a plan file with mistakes shows its error page here and stops
navigation.run()
