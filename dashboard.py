"""Entry point: `streamlit run dashboard.py`. Page set-up, the plan, navigation."""

import streamlit as st

from tracker import ui
from tracker.i18n import t

st.set_page_config(**ui.PAGE_CONFIG)

lang = ui.lang()
pages = [
    st.Page(script, title=t(title, lang), icon=icon, url_path=address, default=index == 0)
    for index, (script, title, icon, address) in enumerate(ui.PAGES)
]
navigation = st.navigation(pages, position="hidden")  # each page draws the menu (ui.PAGES)
ui.plan()  # a plan file with mistakes shows its error page here and stops
navigation.run()
