"""The meeting report's download button on the overview page (streamlit side of
tracker.present.report)."""

from __future__ import annotations

import streamlit as st

from tracker.domain.plan import Plan
from tracker.i18n import t
from tracker.present.report import MIME_TYPE, report_filename
from tracker.service import Overview
from tracker.storage.ledger import Ledger
from tracker.ui import reads
from tracker.ui.language import lang


def report_button(plan: Plan, ledger: Ledger, overview: Overview) -> None:
    """ "Tải báo cáo họp (HTML)". The file is built when the button is pressed, not on every
    rerun (``data`` is a callable), and pressing it does not rerun the page."""
    language = lang()
    st.download_button(
        t("report.button", language),
        data=lambda: reads.report(plan, ledger, overview.as_of, language),
        file_name=report_filename(plan, overview.as_of, language),
        mime=MIME_TYPE,
        icon=":material/print:",
        help=t("report.button_help", language),
        on_click="ignore",
    )
