"""The meeting report's download button on the overview page (streamlit side of tracker.report)."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from tracker.domain.plan import Plan
from tracker.i18n import Lang, t
from tracker.present.report import MIME_TYPE, report_bytes, report_filename
from tracker.service import Overview
from tracker.storage.ledger import Ledger


# A report is about 5 MB (plotly.js is inlined): a few are kept, one per plan version,
# ledger revision, date and language, so a second press or a colleague's is immediate.
@st.cache_data(show_spinner=False, max_entries=8)
def _report_cached(
    _plan: Plan, plan_key: str, _ledger: Ledger, url: str, revision: int, as_of: dt.date, lang: Lang
) -> bytes:
    return report_bytes(_plan, _ledger, as_of, lang)


def report_button(plan: Plan, ledger: Ledger, overview: Overview, lang: Lang) -> None:
    """ "Tải báo cáo họp (HTML)". The file is built when the button is pressed, not on every
    rerun (``data`` is a callable), and pressing it does not rerun the page."""
    as_of = overview.as_of
    revision = ledger.revision()  # the figures the person is looking at
    st.download_button(
        t("report.button", lang),
        data=lambda: _report_cached(plan, str(hash(plan)), ledger, ledger.url, revision, as_of, lang),
        file_name=report_filename(plan, as_of, lang),
        mime=MIME_TYPE,
        icon=":material/print:",
        help=t("report.button_help", lang),
        on_click="ignore",
    )
