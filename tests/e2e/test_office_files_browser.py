"""A district's report saved as an old Excel 97-2003 workbook (.xls) or by LibreOffice (.ods),
uploaded in Chromium to the real `streamlit run dashboard.py`: the uploader takes it, the
preview is the one the same report gets as .xlsx (tests/e2e/test_imports_browser.py), and
it is saved. LibreOffice writes the files (tests/service/test_office_files.py says how).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from tests.e2e.test_imports_browser import (
    DISTRICT,
    PERSON,
    SEEDED,
    batches,
    filled_template,
    live_entries,
    metric,
    open_imports,
    upload,
)
from tests.e2e.test_plans_browser import main
from tests.e2e.waiting import after_run, settled
from tests.helpers import record
from tests.service.test_office_files import save_with_libreoffice
from tracker.domain.plan import Plan

Page = Any  # playwright.sync_api.Page


def test_a_report_saved_as_xls_or_ods_is_previewed_as_the_xlsx_and_saved(
    page: Page, dashboard_url: str, database_url: str, plan: Plan, tmp_path: Path
) -> None:
    record(database_url, plan, *SEEDED, by="Nguyễn An")
    source = filled_template(plan, tmp_path / "chuong-my.xlsx")
    copies = save_with_libreoffice({"chuong-my": source.read_bytes()}, tmp_path / "libreoffice", ("xls", "ods"))
    open_imports(page, dashboard_url)
    chooser = main(page).locator("input[type='file']")  # the browser offers these files, and the uploader takes them
    expect(chooser).to_have_attribute("accept", re.compile(r"(^|,)\.xls(,|$)"))
    expect(chooser).to_have_attribute("accept", re.compile(r"(^|,)\.ods(,|$)"))
    for kind in ("xls", "ods"):
        path = tmp_path / f"chuong-my.{kind}"
        path.write_bytes(copies["chuong-my"][kind])
        upload(page, path)
        expect(main(page).get_by_text(f"chuong-my.{kind} ·")).to_be_visible()  # the file's caption
        for label, count in (("Lỗi", "0"), ("Mới", "3"), ("Thay đổi", "1"), ("Không đổi", "1"), ("Để trống", "13")):
            expect(metric(page, label)).to_have_text(count)

    after_run(page, main(page).get_by_role("button", name="Lưu 4 thay đổi").click)
    expect(main(page).get_by_text("Đã lưu lần nhập số 1: 3 bản ghi mới, 1 bản ghi sửa.")).to_be_visible()
    settled(page)
    assert live_entries(database_url) == [
        ("managers-trained", "2017-01-31", DISTRICT, "7"),
        ("managers-trained", "2017-02-28", DISTRICT, "5"),
        ("workers-trained", "2017-01-31", DISTRICT, "40"),
        ("workers-trained", "2017-02-28", DISTRICT, "60"),
        ("workers-trained", "2017-03-31", DISTRICT, "120"),
    ]
    [batch] = batches(database_url)
    assert (batch.file_name, batch.imported_by) == ("chuong-my.ods", PERSON)
