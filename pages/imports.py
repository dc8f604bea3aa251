"""Import a district's report: the template to fill, the upload, the preview of every
change, one save for all of it, and the imports that can be undone as one."""

import streamlit as st

from tracker.i18n import t
from tracker.ui import frame, import_parts, sign_in

page = frame.page()
lang, plan, ledger, person = page.lang, page.plan, page.ledger, page.person

st.title(t("import.title", lang))
st.caption(t("import.intro", lang))
frame.show_flash()
importer = import_parts.who_imports(ledger, person)  # a district office's account: its districts only
import_parts.template_download(plan, ledger, importer)

sign_in.read_only_notice(person)
uploaded = import_parts.uploaded_table(person)
preview = import_parts.preview(plan, ledger, uploaded, importer) if uploaded is not None else None
if preview is not None:
    import_parts.show_preview(plan, preview)
    import_parts.save_button(plan, ledger, preview, person)

import_parts.batches(plan, ledger, person)
