"""Strings of the reporting cycle (reporting_page): the page *Tình hình báo cáo*, its
matrix of places × periods, the chosen period's actions, and the overview's one line."""

# key: (Vietnamese, English)
STRINGS: dict[str, tuple[str, str]] = {
    "nav.reporting": ("Tình hình báo cáo", "Reporting"),
    "reporting.intro": (
        "Ai đã báo cáo kỳ nào: mỗi dòng là một quận, huyện (và Toàn thành phố, với chỉ tiêu do thành phố báo cáo), "
        "mỗi cột là một kỳ báo cáo của kế hoạch. Màu và chữ trong ô cho biết tình hình; rê chuột lên ô để xem số "
        "bản ghi, ngày nhập bản ghi cuối, chỉ tiêu còn thiếu và trạng thái của kỳ. Nơi chậm nhất đứng đầu.",
        "Who has reported which period: a row per district (and the whole city, for the targets the city reports), "
        "a column per reporting period of the plan. A cell's colour and word say its state; hover over it for the "
        "number of entries, the day of the last one, the targets still missing and the period's status. The worst "
        "come first.",
    ),
    "reporting.empty": (
        "Chưa có số liệu nào cho kế hoạch này: mọi nơi đều «Chưa báo cáo» (kỳ đã quá hạn nộp) hoặc «Chưa đến hạn». "
        "Khi các quận, huyện gửi số liệu (nhập tay, nhập từ tệp, hoặc báo cáo không phát sinh), bảng sẽ đổi màu "
        "theo từng kỳ.",
        "Nothing has been reported for this plan yet: every place is «Missing» (the period's due day has passed) "
        "or «Not yet due». As the districts send figures (typed, imported from a file, or nil reports), the table "
        "fills in period by period.",
    ),
    # the choices
    "reporting.target": ("Chỉ tiêu", "Target"),
    "reporting.all_targets": ("Tất cả chỉ tiêu", "All targets"),
    "reporting.period": ("Kỳ báo cáo", "Reporting period"),
    "reporting.as_of": ("Tính đến ngày", "As of"),
    "reporting.as_of_help": (
        "Kỳ mà một nơi chưa gửi gì là «Chưa báo cáo» sau hạn nộp, «Chưa đến hạn» trước đó.",
        "A period a place has sent nothing for is «Missing» after its due day, «Not yet due» before.",
    ),
    # the matrix
    "reporting.matrix.title": ("Các kỳ báo cáo", "Reporting periods"),
    "reporting.matrix.caption": (
        "{places} nơi phải báo cáo × {periods} kỳ, tính đến {as_of}; {period} được đóng khung.",
        "{places} places that owe reports × {periods} periods, as of {as_of}; {period} is framed.",
    ),
    "reporting.matrix.target": ("Chỉ tính chỉ tiêu: {target}.", "Counting one target only: {target}."),
    "reporting.legend": ("Chú giải", "Legend"),
    "reporting.how_to_read": ("Cách đọc bảng", "How to read the table"),
    "reporting.rates_note": (
        "Tỉ lệ báo cáo: trong các kỳ đã đến hạn nộp, số kỳ nơi đó đã gửi số liệu (kể cả báo cáo không phát sinh). "
        "Tỉ lệ đúng hạn: số kỳ nơi đó đã báo cáo đủ mọi chỉ tiêu trước hoặc đúng hạn nộp.",
        "Reporting rate: of the periods past their due day, those the place sent figures for (nil reports too). "
        "On-time rate: those it covered every target it owes for by the due day.",
    ),
    "reporting.state.on_time": ("Đúng hạn", "On time"),
    "reporting.state.nil": ("Không phát sinh", "Nil report"),
    "reporting.state.late": ("Trễ hạn", "Late"),
    "reporting.state.partial": ("Một phần", "Partly"),
    "reporting.state.missing": ("Chưa báo cáo", "Missing"),
    "reporting.state.not_due": ("Chưa đến hạn", "Not yet due"),
    "reporting.state_help.on_time": (
        "đã báo cáo đủ mọi chỉ tiêu phải báo cáo, trước hoặc đúng hạn nộp.",
        "reported every target it owes by the due day.",
    ),
    "reporting.state_help.nil": (
        "đã báo cáo đủ, nhưng chỉ bằng báo cáo «không có số liệu kỳ này».",
        "covered every target it owes, only with «nothing this period» reports.",
    ),
    "reporting.state_help.late": (
        "đã báo cáo đủ mọi chỉ tiêu, nhưng đủ sau hạn nộp.",
        "reported every target it owes, but the last of them after the due day.",
    ),
    "reporting.state_help.partial": (
        "đã gửi số liệu, nhưng chưa đủ mọi chỉ tiêu phải báo cáo.",
        "sent figures, but not for every target it owes.",
    ),
    "reporting.state_help.missing": ("chưa gửi gì, đã quá hạn nộp.", "sent nothing, and the due day has passed."),
    "reporting.state_help.not_due": (
        "chưa gửi gì, nhưng chưa đến hạn nộp.",
        "sent nothing yet, and the due day has not passed.",
    ),
    # a cell's hover
    "reporting.hover.state": ("Tình hình: {state}", "State: {state}"),
    "reporting.hover.entries": (
        "{count} bản ghi, trong đó {nil} báo cáo không phát sinh",
        "{count} entries, {nil} of them nil reports",
    ),
    "reporting.hover.entries_plain": ("{count} bản ghi", "{count} entries"),
    "reporting.hover.no_entries": ("Chưa có bản ghi nào", "No entries"),
    "reporting.hover.missing_all": (
        "Chưa gửi chỉ tiêu nào trong {of} chỉ tiêu phải báo cáo",
        "Nothing sent yet for any of the {of} targets owed",
    ),
    "reporting.missing_targets": ("{count}/{of}: {targets}", "{count} of {of}: {targets}"),
    "reporting.missing_targets_all": ("tất cả ({of})", "all ({of})"),
    "reporting.hover.last": ("Bản ghi cuối nhập ngày: {day}", "Last entry entered on: {day}"),
    "reporting.hover.missing": (
        "Còn thiếu {count}/{of} chỉ tiêu: {targets}",
        "Missing {count} of {of} targets: {targets}",
    ),
    "reporting.hover.due": ("Hạn nộp: {day}", "Due: {day}"),
    "reporting.hover.status": ("Trạng thái kỳ: {status}", "Period status: {status}"),
    "reporting.hover.place_rate": (
        "Đã báo cáo {reported} trong {due} kỳ đã đến hạn",
        "Reported in {reported} of the {due} periods due",
    ),
    "reporting.hover.place_on_time": (
        "Đủ và đúng hạn {on_time} trong {due} kỳ đã đến hạn",
        "Complete on time in {on_time} of the {due} periods due",
    ),
    # columns
    "reporting.col.place": ("Quận, huyện", "District"),
    "reporting.col.rate": ("Tỉ lệ báo cáo", "Reporting rate"),
    "reporting.col.on_time_rate": ("Tỉ lệ đúng hạn", "On-time rate"),
    "reporting.col.period": ("Kỳ", "Period"),
    "reporting.col.due": ("Hạn nộp", "Due"),
    "reporting.col.reported": ("Đã báo cáo", "Reported"),
    "reporting.col.on_time": ("Đúng hạn", "On time"),
    "reporting.col.complete": ("Đủ chỉ tiêu", "Complete"),
    "reporting.col.late": ("Trễ hạn", "Late"),
    "reporting.col.missing_count": ("Chưa gửi gì", "Sent nothing"),
    "reporting.col.state": ("Tình hình", "State"),
    "reporting.col.entries": ("Bản ghi", "Entries"),
    "reporting.col.last": ("Bản ghi cuối", "Last entry"),
    "reporting.col.targets_missing": ("Chỉ tiêu còn thiếu", "Targets missing"),
    "reporting.col.status": ("Trạng thái kỳ", "Period status"),
    "reporting.col.help.period": ("Kỳ báo cáo của kế hoạch", "The plan's reporting period"),
    "reporting.col.help.due": (
        "Ngày cuối cùng một báo cáo được tính là đúng hạn",
        "The last day a report counts as on time",
    ),
    "reporting.col.help.reported": (
        "Số nơi đã gửi số liệu (kể cả báo cáo không phát sinh) trên số nơi phải báo cáo",
        "Places that sent figures (nil reports too) of the places that owe them",
    ),
    "reporting.col.help.on_time": (
        "Số nơi đã báo cáo đủ mọi chỉ tiêu trước hoặc đúng hạn nộp, trên số nơi phải báo cáo",
        "Places that covered every target they owe by the due day, of the places that owe",
    ),
    "reporting.col.help.complete": (
        "Số nơi đã báo cáo đủ mọi chỉ tiêu phải báo cáo",
        "Places that covered every target they owe",
    ),
    "reporting.col.help.late": ("Số nơi báo cáo đủ nhưng sau hạn nộp", "Places that became complete after the due day"),
    "reporting.col.help.missing_count": ("Số nơi chưa gửi gì", "Places that have sent nothing"),
    "reporting.period_not_due": ("{period} (chưa đến hạn)", "{period} (not yet due)"),
    "reporting.periods.title": ("Theo kỳ", "By period"),
    # the chosen period
    "reporting.chosen.title": ("Chi tiết {period}", "{period} in detail"),
    "reporting.chosen.due": (
        "Từ {start} đến {end}; hạn nộp {due}.",
        "From {start} to {end}; due {due}.",
    ),
    "reporting.chosen.whole_locked": (
        "Cả kỳ đã khoá cho mọi quận, huyện từ {at} bởi {by}: {reason}",
        "The whole period has been locked for every district since {at} by {by}: {reason}",
    ),
    "reporting.status_by": ("{status} (bởi {by}, {at})", "{status} (by {by}, {at})"),
    "reporting.missing.none": (
        "{period}: mọi nơi phải báo cáo đều đã gửi số liệu.",
        "{period}: every place that owes a report has sent one.",
    ),
    "reporting.missing.list": (
        "{period}: {count}/{owed} nơi chưa gửi gì (hạn nộp {due} đã qua): {places}",
        "{period}: {count} of {owed} places have sent nothing (due {due}, passed): {places}",
    ),
    "reporting.missing.list_not_due": (
        "{period}: chưa đến hạn nộp ({due}); {count}/{owed} nơi chưa gửi gì: {places}",
        "{period}: not yet due ({due}); {count} of {owed} places have sent nothing yet: {places}",
    ),
    # submit, approve, lock, reopen
    "reporting.actions.title": ("Gửi, duyệt, khoá kỳ", "Submit, approve, lock"),
    "reporting.actions.sign_in": (
        "Đăng nhập để gửi báo cáo kỳ này (cán bộ quận, huyện) hoặc duyệt, khoá kỳ (quản trị viên).",
        "Sign in to submit this period (district staff) or to approve and lock it (administrators).",
    ),
    "reporting.actions.viewer": (
        "Tài khoản của bạn chỉ được xem: việc gửi, duyệt và khoá kỳ do cán bộ quận, huyện và quản trị viên làm.",
        "Your account may only look: district staff submit periods, administrators approve and lock them.",
    ),
    "reporting.actions.need_name": (
        "Nhập tên của bạn ở thanh bên trước khi gửi hoặc duyệt.",
        "Type your name in the sidebar before submitting or approving.",
    ),
    "reporting.submit": ("Gửi báo cáo kỳ này", "Submit this period"),
    "reporting.submit_one": ("Gửi báo cáo kỳ này: {place}", "Submit this period: {place}"),
    "reporting.submit_help": (
        "«Đây là số liệu của chúng tôi»: kỳ chuyển sang «đã gửi», chờ quản trị viên duyệt.",
        "«These are our figures»: the period becomes «submitted», waiting for an administrator's approval.",
    ),
    "reporting.submit_place": ("Quận, huyện gửi báo cáo", "District submitting"),
    "reporting.place_status": ("{place}: {status}", "{place}: {status}"),
    "reporting.submitted": ("Đã gửi báo cáo {period} của {place}.", "Submitted {period} for {place}."),
    "reporting.waiting": ("Chờ duyệt ({count})", "Waiting for approval ({count})"),
    "reporting.waiting_none": (
        "Không có quận, huyện nào đang chờ duyệt kỳ này.",
        "No district is waiting for approval.",
    ),
    "reporting.approve_one": ("Duyệt: {place}", "Approve: {place}"),
    "reporting.one_place": ("Một quận, huyện", "One district"),
    "reporting.whole_period": ("Cả kỳ", "The whole period"),
    "reporting.choose_place": ("Quận, huyện", "District"),
    "reporting.reason": ("Lý do", "Reason"),
    "reporting.reason_required": ("Lý do (bắt buộc)", "Reason (required)"),
    "reporting.reason_help": (
        "Lưu trong lịch sử cùng người và thời điểm; bắt buộc khi khoá hoặc mở lại.",
        "Kept in the history with who and when; required to lock or reopen.",
    ),
    "reporting.approve": ("Duyệt", "Approve"),
    "reporting.approve_help": (
        "Duyệt số liệu của quận, huyện trong kỳ này: từ đó số liệu bị khoá cho đến khi được mở lại.",
        "Approve the district's figures of this period: they are locked from then until reopened.",
    ),
    "reporting.reopen": ("Mở lại", "Reopen"),
    "reporting.lock": ("Khoá cả kỳ", "Lock the whole period"),
    "reporting.lock_help": (
        "Khoá kỳ này cho mọi quận, huyện (sau cuộc họp của Ban Chỉ đạo).",
        "Lock this period for every district (after the committee's meeting).",
    ),
    "reporting.reopen_all": ("Mở lại cả kỳ", "Reopen the whole period"),
    "reporting.approved": (
        "Đã duyệt {period} của {place}: số liệu của kỳ này đã khoá.",
        "Approved {period} for {place}: its figures are now locked.",
    ),
    "reporting.locked": ("Đã khoá cả {period} cho mọi quận, huyện.", "Locked all of {period} for every district."),
    "reporting.reopened": ("Đã mở lại {period} của {place}.", "Reopened {period} for {place}."),
    "reporting.reopened_all": (
        "Đã mở lại cả {period}: gỡ {count} khoá.",
        "Reopened the whole of {period}: {count} locks lifted.",
    ),
    "reporting.refused": ("Không thực hiện được: {problem}", "Not done: {problem}"),
    # the overview's line
    "reporting.overview_line": (
        "{period}: {reported}/{owed} quận, huyện đã báo cáo, {on_time} đúng hạn",
        "{period}: {reported} of {owed} districts have reported, {on_time} on time",
    ),
    "reporting.overview_city_reported": ("; cấp thành phố đã báo cáo", "; the city has reported"),
    "reporting.overview_city_missing": ("; cấp thành phố chưa báo cáo", "; the city has not reported"),
}
