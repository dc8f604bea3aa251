"""The meeting report and the reporting cycle: one line per due period of who has reported
(and on time), who has sent nothing for the latest one, and «changed after approval» (or
a line saying there is none), in Vietnamese and English. Read back as text, as in
test_report.py. SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import html
import re

from tests.conftest import at_server
from tests.present.test_history_cycle import AN, LAN, edit, record, tell_the_story
from tracker.domain.plan import Plan
from tracker.present.report import report_html
from tracker.service import reporting
from tracker.storage.ledger import Ledger

AS_OF = dt.date(2017, 6, 30)
GENERATED = dt.datetime(2017, 7, 1, 1, 30, tzinfo=dt.UTC)
HOSTILE_AUTHOR = "Trần <b>Lan</b>"


def section(page: str, title: str) -> str:
    """The text of the report's section headed ``title``, its markup taken out."""
    start = page.index(f"<h2>{html.escape(title)}</h2>")
    end = page.index("</section>", start)
    return html.unescape(re.sub(r"<[^>]+>", " ", page[start:end]))


def words(text: str) -> str:
    return " ".join(text.split())


def test_the_report_says_who_has_reported_each_due_period(plan: Plan, ledger: Ledger) -> None:
    tell_the_story(plan, ledger)
    q1 = reporting.reporting_of(plan, ledger, AS_OF).by_period[0]
    owed, partial = q1.owed, q1.reported - q1.complete  # the districts (and the city if it owes)
    vi = words(section(report_html(plan, ledger, AS_OF, "vi", GENERATED), "Tình hình báo cáo"))
    # Chương Mỹ and Ba Vì sent Q1's figures, entered after 10/04/2017 (today): none on time
    assert (
        f"Quý 1/2017 (hạn 10/04/2017): 2/{owed} nơi đã báo cáo (6,7%), 0 đúng hạn; {q1.late} đủ nhưng muộn, "
        f"{partial} còn thiếu chỉ tiêu, {owed - 2} chưa báo cáo." in vi
    )
    assert "Quý 2/2017" not in vi  # due on 10/07/2017, after the as-of date
    assert "Chưa báo cáo Quý 1/2017: Ba Đình, Hoàn Kiếm" in vi
    assert "Chương Mỹ," not in vi.split("Chưa báo cáo Quý 1/2017:")[1]
    year_end = words(section(report_html(plan, ledger, dt.date(2017, 12, 31), "vi", GENERATED), "Tình hình báo cáo"))
    assert "Quý 1/2017 (hạn 10/04/2017)" in year_end and "Quý 3/2017 (hạn 10/10/2017)" in year_end
    assert f"Quý 2/2017 (hạn 10/07/2017): 1/{owed} nơi đã báo cáo" in year_end
    assert "Quý 4/2017" not in year_end  # due in January 2018
    en = words(section(report_html(plan, ledger, AS_OF, "en", GENERATED), "Reporting"))
    assert (
        f"Q1 2017 (due 10/04/2017): 2 of {owed} reported (6.7%), 0 on time; {q1.late} complete but late, "
        f"{partial} incomplete, {owed - 2} not reported." in en
    )
    assert "Not reported for Q1 2017: Ba Đình" in en


def test_before_any_period_is_due_the_report_says_so(plan: Plan, ledger: Ledger) -> None:
    page = report_html(plan, ledger, dt.date(2017, 3, 31), "vi", GENERATED)
    assert "Chưa kỳ báo cáo nào đến hạn tính đến 31/03/2017." in words(section(page, "Tình hình báo cáo"))


def test_the_report_lists_what_changed_after_approval_in_both_languages(plan: Plan, ledger: Ledger) -> None:
    tell_the_story(plan, ledger)
    vi = words(section(report_html(plan, ledger, AS_OF, "vi", GENERATED), "Thay đổi sau khi duyệt"))
    assert "Những con số của các kỳ đã duyệt đã thay đổi sau lần duyệt đầu tiên: 1 thay đổi." in vi
    assert "Quý 1/2017 Chương Mỹ" in vi
    assert "Số lượng: 500 → 520" in vi
    assert LAN in vi
    assert "Số lượng: 450 → 500" not in vi  # the correction made before the approval
    en = words(section(report_html(plan, ledger, AS_OF, "en", GENERATED), "Changed after approval"))
    assert "Figures of approved periods that changed after their first approval: 1 changes." in en
    assert "Q1 2017 Chương Mỹ" in en and "Quantity: 500 → 520" in en


def test_with_nothing_changed_since_the_approval_the_report_says_none(plan: Plan, ledger: Ledger) -> None:
    vi = words(section(report_html(plan, ledger, AS_OF, "vi", GENERATED), "Thay đổi sau khi duyệt"))
    assert "Chưa kỳ nào được duyệt." in vi
    record(plan, ledger, 450, "2017-03-31", "Chương Mỹ", LAN)
    reporting.approve_period(plan, ledger, at_server(AN), "2017-Q1", "Chương Mỹ", "đã duyệt quý 1")
    vi = words(section(report_html(plan, ledger, AS_OF, "vi", GENERATED), "Thay đổi sau khi duyệt"))
    assert "Không có: số liệu của mọi kỳ đã duyệt vẫn như lúc duyệt." in vi
    en = words(section(report_html(plan, ledger, AS_OF, "en", GENERATED), "Changed after approval"))
    assert "None: every approved period's figures are as they were when approved." in en


def test_a_name_that_looks_like_markup_stays_text(plan: Plan, ledger: Ledger) -> None:
    entry_id = record(plan, ledger, 450, "2017-03-31", "Chương Mỹ", LAN)
    reporting.approve_period(plan, ledger, at_server(AN), "2017-Q1", "Chương Mỹ")
    reporting.reopen_period(plan, ledger, at_server(AN), "2017-Q1", "Chương Mỹ", "sửa")
    edit(plan, ledger, entry_id, 460, HOSTILE_AUTHOR)
    page = report_html(plan, ledger, AS_OF, "vi", GENERATED)
    assert "<b>Lan</b>" not in page
    assert html.escape(HOSTILE_AUTHOR) in page
