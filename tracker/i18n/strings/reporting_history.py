"""Strings of the reporting cycle (reporting_history): the history's period rows and
filters, «changed after approval», the meeting report's reporting section, and the
districts of an account on the users page."""

# key: (Vietnamese, English)
STRINGS: dict[str, tuple[str, str]] = {
    # a period's actions, as rows of the history
    "history.action.submit": ("Gửi báo cáo", "Submitted"),
    "history.action.approve": ("Duyệt", "Approved"),
    "history.action.lock": ("Khoá cả kỳ", "Locked the period"),
    "history.action.reopen": ("Mở lại", "Reopened"),
    "history.col.period": ("Kỳ báo cáo", "Period"),
    "history.col.place": ("Quận, huyện", "District"),
    "history.col.reason": ("Lý do", "Reason"),
    "history.col.what": ("Đã đổi (trước → sau)", "What changed (before → after)"),
    "history.col.approved_at": ("Đã duyệt lúc", "Approved at"),
    "history.cycle.every_target": ("Mọi chỉ tiêu", "Every target"),
    "history.filter.action": ("Thao tác", "Action"),
    "history.filter.every_action": ("Mọi thao tác", "Every action"),
    "history.filter.period": ("Kỳ báo cáo", "Period"),
    "history.filter.every_period": ("Mọi kỳ", "Every period"),
    "history.scan_limited": (
        "Bộ lọc thao tác, kỳ chỉ tìm trong {limit} thay đổi gần nhất của sổ; chọn thêm ngày hoặc chỉ tiêu để tìm xa hơn.",
        "The action and period filters look among the ledger's latest {limit} changes only; choose dates or a target to reach further back.",
    ),
    "history.tab.all": ("Mọi thay đổi", "Every change"),
    "history.tab.late": ("Thay đổi sau khi duyệt ({count})", "Changed after approval ({count})"),
    "history.late.intro": (
        "Mọi thay đổi số liệu của một kỳ sau lần duyệt đầu tiên của kỳ đó: những con số đã khác so với lúc Ban Chỉ đạo xem.",
        "Every change to a period's figures after the period was first approved: the numbers that moved since the committee last saw them.",
    ),
    "history.late.none_approved": (
        "Chưa kỳ nào được duyệt hoặc khoá, nên chưa có số liệu nào để so với lúc duyệt.",
        "No period has been approved or locked yet, so there is nothing to compare with an approval.",
    ),
    "history.late.none": (
        "Không có thay đổi nào sau khi duyệt: số liệu của mọi kỳ đã duyệt vẫn như lúc duyệt.",
        "No change after approval: every approved period's figures are as they were when approved.",
    ),
    # the meeting report
    "report.reporting.title": ("Tình hình báo cáo", "Reporting"),
    "report.reporting.line": (
        "{period} (hạn {due}): {reported}/{owed} nơi đã báo cáo ({rate}), {on_time} đúng hạn; {late} đủ nhưng muộn, {partial} còn thiếu chỉ tiêu, {missing} chưa báo cáo.",
        "{period} (due {due}): {reported} of {owed} reported ({rate}), {on_time} on time; {late} complete but late, {partial} incomplete, {missing} not reported.",
    ),
    "report.reporting.places": (
        "Nơi phải báo cáo: các quận, huyện, thị xã và, với chỉ tiêu của cấp thành phố, thành phố. Tính đến {as_of}.",
        "Who owes reports: the districts and, for the city's own targets, the city. As of {as_of}.",
    ),
    "report.reporting.missing": ("Chưa báo cáo {period}: {places}.", "Not reported for {period}: {places}."),
    "report.reporting.none_due": (
        "Chưa kỳ báo cáo nào đến hạn tính đến {as_of}.",
        "No reporting period was due by {as_of}.",
    ),
    "report.late.title": ("Thay đổi sau khi duyệt", "Changed after approval"),
    "report.late.intro": (
        "Những con số của các kỳ đã duyệt đã thay đổi sau lần duyệt đầu tiên: {count} thay đổi.",
        "Figures of approved periods that changed after their first approval: {count} changes.",
    ),
    "report.late.none": (
        "Không có: số liệu của mọi kỳ đã duyệt vẫn như lúc duyệt.",
        "None: every approved period's figures are as they were when approved.",
    ),
    "report.late.none_approved": ("Chưa kỳ nào được duyệt.", "No period has been approved yet."),
    # the users page: the districts an account may write
    "users.col.districts": ("Quận, huyện được ghi", "Districts it may write"),
    "users.every_district": ("mọi quận, huyện", "every district"),
    "users.districts": ("Quận, huyện được ghi số liệu", "Districts it may write"),
    "users.districts_placeholder": ("Mọi quận, huyện", "Every district"),
    "users.districts_help": (
        "Để trống: ghi được số liệu của mọi quận, huyện và toàn thành phố. Chọn một hoặc vài quận, huyện: tài khoản chỉ ghi, sửa, nhập, gửi số liệu của các nơi đó (vẫn xem được mọi số liệu).",
        "Empty: may write figures of every district and the whole city. Choose one or more districts: the account only records, edits, imports and submits figures of those (it may still view everything).",
    ),
    "users.districts.button": ("Lưu quận, huyện", "Save districts"),
    "users.districts.saved": (
        "Đã lưu: {username} ghi được số liệu của {districts}.",
        "Saved: {username} may write figures of {districts}.",
    ),
    "users.districts.unchanged": (
        "{username} đã được ghi số liệu của {districts}; không có gì thay đổi.",
        "{username} may already write figures of {districts}; nothing changed.",
    ),
}
