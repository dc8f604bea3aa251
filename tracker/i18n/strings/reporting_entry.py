"""Strings of the reporting cycle (reporting_entry): the record form's nil report, a
district account's choices, and the grid's read-only rows."""

# key: (Vietnamese, English)
STRINGS: dict[str, tuple[str, str]] = {
    # the record form: "nothing this period"
    "record.nil.button": ("Báo cáo kỳ này không có số liệu", "Report nothing for this period"),
    "record.nil.help": (
        "Khi một quận, huyện không có gì để báo cáo cho chỉ tiêu này trong một kỳ: chọn quận, huyện và một ngày "
        "bất kỳ của kỳ đó, để trống số lượng, rồi bấm nút này. Kỳ báo cáo của kế hoạch tính theo {cadence}; "
        "bạn sẽ được hỏi lại, có tên kỳ, trước khi ghi.",
        "When a district has nothing to report for this target in a period: choose the district and any day "
        "of that period, leave the quantity empty, then press this button. The plan's reporting periods are "
        "{cadence}; you are asked again, with the period named, before anything is recorded.",
    ),
    "record.nil.cadence.quarterly": ("quý", "quarters"),
    "record.nil.cadence.monthly": ("tháng", "months"),
    "record.nil.problems": (
        "Chưa ghi «không có số liệu» — hãy sửa các lỗi sau:",
        "«Nothing this period» not recorded — please fix the following:",
    ),
    "record.nil.no_date": (
        "ngày: chọn một ngày bất kỳ trong kỳ không có số liệu (ví dụ 30/06 cho quý 2)",
        "date: choose any day of the period with nothing to report (30/06 for the second quarter, say)",
    ),
    "record.nil.no_district": (
        "quận/huyện: chọn nơi không có số liệu (hoặc «Toàn thành phố»)",
        "district: choose the place with nothing to report (or the whole city)",
    ),
    "record.nil.has_quantity": (
        "số lượng: báo cáo «không có số liệu» không có số lượng; xoá số đã gõ, hoặc bấm «Lưu bản ghi» để lưu số đó",
        "quantity: a «nothing this period» report has no quantity; clear it, or press «Save entry» to save that figure",
    ),
    "record.nil.question": (
        "Ghi rằng **{place}** không có số liệu «{target}» trong **{period}** ({start}–{end})? "
        "Một bản ghi số lượng 0, loại «Không có số liệu», ngày {day}; hoàn tác được ở trang Lịch sử.",
        "Record that **{place}** has nothing for «{target}» in **{period}** ({start}–{end})? "
        "One entry of quantity 0, of the kind «Nil report», dated {day}; it can be reverted on the History page.",
    ),
    "record.nil.confirm": ("Ghi «không có số liệu»", "Record «nothing this period»"),
    "record.nil.cancel": ("Không ghi", "Don't record"),
    "record.nil.cancelled": (
        "Đã bỏ, không ghi báo cáo «không có số liệu».",
        "Cancelled: no «nothing this period» report was recorded.",
    ),
    "record.nil.saved": (
        "Đã ghi báo cáo «không có số liệu» #{id}: {place}, {period}, «{target}».",
        "Recorded «nothing this period» #{id}: {place}, {period}, «{target}».",
    ),
    # a district account
    "record.district_scoped": (
        "Tài khoản của bạn ghi số liệu của {districts}.",
        "Your account writes the figures of {districts}.",
    ),
    # the grid's rows a person may not edit, said before anyone types
    "grid.read_only.locked": (
        "Các dòng của kỳ đã khoá ({period}, {place}) chỉ xem được: đã khoá từ {at} bởi {by}{why}.",
        "The rows of a locked period ({period}, {place}) are read-only: locked since {at} by {by}{why}.",
    ),
    "grid.read_only.scope": (
        "Các dòng của quận, huyện khác và của toàn thành phố chỉ xem được: tài khoản của bạn chỉ ghi số liệu "
        "của {districts}.",
        "The rows of other districts and of the whole city are read-only: your account only writes the "
        "figures of {districts}.",
    ),
    "grid.read_only.new_rows": (
        "Một dòng mới trong kỳ đã khoá hoặc của nơi khác sẽ bị từ chối khi lưu, và không có gì được ghi.",
        "A new row in a locked period or of another place is refused on saving, and nothing is written.",
    ),
    "grid.read_only.title": ("Chỉ xem được: {count} dòng", "Read-only: {count} rows"),
    "grid.read_only.col.why": ("Vì sao chỉ xem", "Why read-only"),
    "grid.read_only.why.locked": ("{period} đã khoá", "{period} locked"),
    "grid.read_only.why.scope": ("nơi khác", "another place"),
    # stating a total: a city-wide adjustment
    "total.scoped": (
        "Điều chỉnh tổng là số liệu của toàn thành phố; tài khoản chỉ ghi số liệu của {districts} không ghi được.",
        "A total adjustment is a city-wide figure; an account that only writes the figures of {districts} "
        "cannot record one.",
    ),
}
