"""Strings of the reporting cycle (reporting_cli): completeness, period, nil-report and the
districts of user add / user list / user districts on the command line."""

# key: (Vietnamese, English)
STRINGS: dict[str, tuple[str, str]] = {
    # completeness
    "reporting.cli.heading": (
        "Tình hình báo cáo, kế hoạch {plan}, ngày {today} ({targets}):",
        "Reporting, plan {plan}, as of {today} ({targets}):",
    ),
    "reporting.cli.every_target": ("mọi chỉ tiêu", "every target"),
    "reporting.cli.line": (
        "{period} ({due}): {reported}/{owed} {places} đã báo cáo, {on_time} đúng hạn, {late} muộn, {nil} không có số liệu",
        "{period} ({due}): {reported}/{owed} {places} have reported, {on_time} on time, {late} late, {nil} with nothing this period",
    ),
    "reporting.cli.places.districts": ("quận, huyện", "districts"),
    "reporting.cli.places.mixed": ("quận, huyện và thành phố", "districts and the city"),
    "reporting.cli.places.city": ("thành phố", "city"),
    "reporting.cli.due": ("hạn {due}", "due {due}"),
    "reporting.cli.not_due": ("hạn {due}, chưa đến hạn", "due {due}, not yet due"),
    "reporting.cli.partial": ("báo cáo chưa đủ chỉ tiêu: {places}", "partly reported: {places}"),
    "reporting.cli.missing": ("chưa báo cáo: {places}", "not reported: {places}"),
    "reporting.cli.all_missing": ("chưa báo cáo: cả {count}", "not reported: all {count}"),
    "reporting.cli.none_missing": ("không thiếu nơi nào", "none missing"),
    "reporting.cli.bad_today": (
        "--today '{value}' không phải là ngày YYYY-MM-DD hoặc DD/MM/YYYY",
        "--today '{value}' is not a date YYYY-MM-DD or DD/MM/YYYY",
    ),
    "reporting.cli.known_periods": ("Các kỳ của kế hoạch: {periods}", "The plan's periods: {periods}"),
    "reporting.cli.unknown_target": (
        "Không có chỉ tiêu '{target}' trong kế hoạch {plan}. Các chỉ tiêu: {known}",
        "There is no target '{target}' in the plan {plan}. The targets: {known}",
    ),
    # period submit | approve | lock | reopen | status
    "reporting.cli.not_changed": ("Chưa thay đổi gì:", "Nothing was changed:"),
    "reporting.cli.reason_required": (
        '«period {action}» cần lý do: thêm --reason "…"',
        '«period {action}» needs a reason: add --reason "…"',
    ),
    "reporting.cli.lock_whole": (
        "«period lock» khoá cả kỳ cho mọi quận, huyện; để khoá một quận, huyện, hãy duyệt kỳ của nó (period approve --district …)",
        "«period lock» locks the whole period for every district; to lock one district, approve its period (period approve --district …)",
    ),
    "reporting.cli.district_required": (
        "«period {action}» cần --district: quận, huyện nào (hoặc «Toàn thành phố» cho số liệu chung toàn thành phố)",
        "«period {action}» needs --district: which district (or «Toàn thành phố» for the city-wide figures)",
    ),
    "reporting.cli.done.submit": ("Đã gửi báo cáo {place}, {period}.", "Submitted {place}, {period}."),
    "reporting.cli.done.approve": (
        "Đã duyệt {place}, {period}: số liệu của kỳ này đã khoá.",
        "Approved {place}, {period}: its figures are now locked.",
    ),
    "reporting.cli.done.lock": (
        "Đã khoá {period} cho mọi quận, huyện: {reason}.",
        "Locked {period} for every district: {reason}.",
    ),
    "reporting.cli.done.reopen": ("Đã mở lại {place}, {period}: {reason}.", "Reopened {place}, {period}: {reason}."),
    "reporting.cli.done.reopen_all": (
        "Đã mở lại {period} cho mọi quận, huyện ({count} khoá được gỡ): {reason}.",
        "Reopened {period} for every district ({count} locks lifted): {reason}.",
    ),
    "reporting.cli.status.none": (
        "Kế hoạch {plan} chưa có kỳ nào được gửi, duyệt hay khoá: mọi kỳ đang mở.",
        "No period of the plan {plan} has been submitted, approved or locked: every period is open.",
    ),
    "reporting.cli.status.heading": ("Trạng thái các kỳ báo cáo, kế hoạch {plan}:", "Reporting periods, plan {plan}:"),
    "reporting.cli.status.col.period": ("Kỳ", "Period"),
    "reporting.cli.status.col.place": ("Quận, huyện", "District"),
    "reporting.cli.status.col.status": ("Trạng thái", "Status"),
    "reporting.cli.status.col.by": ("Người", "By"),
    "reporting.cli.status.col.at": ("Lúc", "At"),
    "reporting.cli.status.col.reason": ("Lý do", "Reason"),
    "reporting.cli.status.events": ("Lịch sử (mới nhất trước):", "History (newest first):"),
    "reporting.cli.status.event": (
        "#{id} {at} {by}: {action} {place}, {period} ({before} → {after})",
        "#{id} {at} {by}: {action} {place}, {period} ({before} → {after})",
    ),
    # --by naming an account whose role may not do what the command does
    "reporting.cli.by_account_viewer": (
        "--by {name}: tài khoản {username} ({role}) chỉ được xem, không được ghi hay gửi số liệu.",
        "--by {name}: the account {username} ({role}) may only look, not write or submit figures.",
    ),
    "reporting.cli.by_account_not_admin": (
        "--by {name}: tài khoản {username} ({role}) không được duyệt, khoá hay mở lại kỳ báo cáo: "
        "chỉ quản trị viên mới được.",
        "--by {name}: the account {username} ({role}) may not approve, lock or reopen a period: "
        "only an administrator may.",
    ),
    # import: a save refused whole by a lock that landed after the preview
    "reporting.cli.import_refused": ("Chưa ghi gì:", "Nothing was written:"),
    # nil-report
    "reporting.cli.nil_recorded": (
        "Đã ghi bản ghi #{id}: {place} không có số liệu «{target}» trong {period}",
        "Recorded entry #{id}: {place} has nothing this period for «{target}» in {period}",
    ),
    # user add / list / districts
    "reporting.cli.col.districts": ("Quận, huyện được ghi", "Districts"),
    "reporting.cli.city_not_a_scope": (
        "--district: «{district}» là toàn thành phố, không phải một quận, huyện; bỏ --district để tài khoản ghi được mọi nơi",
        "--district: «{district}» is the whole city, not a district; leave out --district for an account that may write everywhere",
    ),
    "reporting.cli.scope_added": (
        "Chỉ ghi được số liệu của: {districts}.",
        "May only write the figures of: {districts}.",
    ),
    "reporting.cli.districts_set": (
        "Từ nay {username} chỉ ghi được số liệu của: {districts}.",
        "From now on {username} may only write the figures of: {districts}.",
    ),
    "reporting.cli.districts_cleared": (
        "Từ nay {username} ghi được số liệu của mọi quận, huyện và toàn thành phố.",
        "From now on {username} may write the figures of every district and the whole city.",
    ),
    "reporting.cli.districts_needed": (
        "hãy ghi --district (một hoặc nhiều lần) hoặc --all",
        "give --district (once or more) or --all",
    ),
}
