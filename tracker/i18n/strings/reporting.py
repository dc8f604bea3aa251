"""The reporting cycle's core words: periods, the statuses of a district's period, nil
reports, and why a write is refused (a lock, a district outside a person's scope)."""

# key: (Vietnamese, English)
STRINGS: dict[str, tuple[str, str]] = {
    "periods.quarter": ("Quý {quarter}/{year}", "Q{quarter} {year}"),
    "periods.month": ("Tháng {month}/{year}", "{month} {year}"),
    # a month as periods.month writes it: its number in Vietnamese, its name in English
    "periods.month_name.1": ("1", "January"),
    "periods.month_name.2": ("2", "February"),
    "periods.month_name.3": ("3", "March"),
    "periods.month_name.4": ("4", "April"),
    "periods.month_name.5": ("5", "May"),
    "periods.month_name.6": ("6", "June"),
    "periods.month_name.7": ("7", "July"),
    "periods.month_name.8": ("8", "August"),
    "periods.month_name.9": ("9", "September"),
    "periods.month_name.10": ("10", "October"),
    "periods.month_name.11": ("11", "November"),
    "periods.month_name.12": ("12", "December"),
    "periods.city": ("Toàn thành phố", "Whole city"),
    "periods.all_districts": ("mọi quận, huyện", "every district"),
    "periods.status.open": ("đang mở", "open"),
    "periods.status.submitted": ("đã gửi", "submitted"),
    "periods.status.approved": ("đã duyệt", "approved"),
    "periods.status.locked": ("đã khoá", "locked"),
    "periods.action.submit": ("gửi báo cáo", "submitted"),
    "periods.action.approve": ("duyệt", "approved"),
    "periods.action.lock": ("khoá", "locked"),
    "periods.action.reopen": ("mở lại", "reopened"),
    # why a write was refused; nothing was written
    "periods.refused.locked": (
        "{place}, {period} đã khoá từ {at} bởi {by}: {reason}. Không ghi gì; quản trị viên có thể mở lại kỳ này.",
        "{place}, {period} has been locked since {at} by {by}: {reason}. Nothing was written; an administrator can reopen the period.",
    ),
    "periods.refused.locked_no_reason": (
        "{place}, {period} đã khoá từ {at} bởi {by} ({status}). Không ghi gì; quản trị viên có thể mở lại kỳ này.",
        "{place}, {period} has been locked since {at} by {by} ({status}). Nothing was written; an administrator can reopen the period.",
    ),
    "periods.refused.outside_scope": (
        "Tài khoản của bạn chỉ được ghi số liệu của {districts}; dòng này thuộc {place}. Không ghi gì.",
        "Your account may only write figures of {districts}; this row belongs to {place}. Nothing was written.",
    ),
    "periods.refused.unknown_period": (
        "Không có kỳ báo cáo «{period}» trong kế hoạch này (viết như 2017-Q2 hoặc 2017-03).",
        "The plan has no reporting period «{period}» (write it as 2017-Q2 or 2017-03).",
    ),
    "periods.refused.period_not_in_plan": (
        "Kế hoạch này không có kỳ báo cáo {period}: các kỳ của nó từ {first} đến {last}.",
        "The plan has no reporting period {period}: its periods run from {first} to {last}.",
    ),
    "periods.refused.reason_required": ("Cần ghi lý do.", "A reason is required."),
    "periods.refused.reason_too_long": (
        "Lý do quá dài (tối đa {limit} ký tự): hãy viết ngắn lại. Không thay đổi gì.",
        "The reason is too long (at most {limit} characters): shorten it. Nothing was changed.",
    ),
    "periods.refused.reason_hidden_character": (
        "Lý do chứa ký tự ẩn {character} (ký tự điều khiển, đảo chiều hoặc không độ rộng); "
        "hãy gõ lại thay vì dán. Không thay đổi gì.",
        "The reason contains the hidden character {character} (a control, direction or zero-width character); "
        "type it instead of pasting. Nothing was changed.",
    ),
    "periods.refused.whole_locked": (
        "{period} đang khoá cho mọi quận, huyện từ {at} bởi {by}: {reason}. "
        "Không thể mở lại riêng {place}: hãy mở lại cả kỳ (cho mọi quận, huyện). Không thay đổi gì.",
        "{period} is locked for every district since {at} by {by}: {reason}. "
        "{place} cannot be reopened alone: reopen the whole period (for every district). Nothing was changed.",
    ),
    "periods.refused.not_submittable": (
        "{place}, {period} đang ở trạng thái «{status}»: chỉ kỳ đang mở mới gửi được.",
        "{place}, {period} is «{status}»: only an open period can be submitted.",
    ),
    "periods.refused.not_approvable": (
        "{place}, {period} đang ở trạng thái «{status}»: chỉ kỳ đã gửi hoặc đang mở mới duyệt được.",
        "{place}, {period} is «{status}»: only a submitted or open period can be approved.",
    ),
    "periods.refused.not_locked": (
        "{place}, {period} không bị khoá: không có gì để mở lại.",
        "{place}, {period} is not locked: there is nothing to reopen.",
    ),
    "periods.refused.already_locked": (
        "{period} đã khoá cho mọi quận, huyện.",
        "{period} is already locked for every district.",
    ),
    "periods.refused.admin_only": (
        "Chỉ quản trị viên mới được duyệt, khoá hoặc mở lại một kỳ.",
        "Only an administrator may approve, lock or reopen a period.",
    ),
    "periods.refused.unknown_district": (
        "«{district}» không phải một quận, huyện của Hà Nội.",
        "«{district}» is not a district of Hanoi.",
    ),
    "periods.refused.unknown_district_close": (
        "«{district}» không phải một quận, huyện của Hà Nội; có phải là {suggestions}?",
        "«{district}» is not a district of Hanoi; did you mean {suggestions}?",
    ),
    "periods.refused.nil_with_entries": (
        "{place} đã có {count} bản ghi cho «{target}» trong {period}: không thể báo cáo «không có số liệu».",
        "{place} already has {count} entries for «{target}» in {period}: it cannot report «nothing this period».",
    ),
    "periods.refused.entries_after_nil": (
        "{place} đã báo cáo «không có số liệu» cho «{target}» trong {period}: hãy xoá báo cáo đó "
        "(ở bảng bản ghi của chỉ tiêu hoặc trang Lịch sử) trước khi ghi số liệu. Không ghi gì.",
        "{place} has reported «nothing this period» for «{target}» in {period}: delete that report "
        "(in the target's table of entries or on the History page) before recording figures. Nothing was written.",
    ),
    "periods.refused.nil_twice": (
        "{place} đã báo cáo «không có số liệu» cho «{target}» trong {period}.",
        "{place} has already reported «nothing this period» for «{target}» in {period}.",
    ),
    "entry.problem.nil_not_zero": (
        "báo cáo «không có số liệu» có số lượng 0",
        "a «nothing this period» report has the quantity 0",
    ),
    "periods.nil_report": ("không có số liệu kỳ này", "nothing this period"),
    # the plan file's reporting: block (tracker.domain.plan.Reporting; MAX_DUE_DAYS is 90)
    "plan.problem.due_days_not_whole": (
        "phải là một số ngày nguyên, ví dụ 10",
        "must be a whole number of days, such as 10",
    ),
    "plan.problem.due_days_too_large": (
        "tối đa 90 ngày sau khi kỳ báo cáo kết thúc",
        "at most 90 days after the period ends",
    ),
    "entry.kind.nil": ("Không có số liệu", "Nil report"),
}
