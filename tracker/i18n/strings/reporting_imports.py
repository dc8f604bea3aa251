"""Strings of the reporting cycle (reporting_imports): nil reports in a report file, the
rows an account may not import, locked periods, and the template of a district office."""

# key: (Vietnamese, English)
STRINGS: dict[str, tuple[str, str]] = {
    # A row whose 0 is the place's only word for the period: a nil report.
    "import.outcome.nil": ("Không có số liệu", "Nil report"),
    "import.nil_quantity": ("0: không có số liệu kỳ này ({period})", "0: nothing this period ({period})"),
    "import.counts_nil": (
        "{rows} dòng: {new} mới, {changed} thay đổi, {nil} không có số liệu kỳ này, {unchanged} không đổi, "
        "{errors} lỗi, {blank} để trống",
        "{rows} rows: {new} new, {changed} changed, {nil} nothing this period, {unchanged} unchanged, "
        "{errors} errors, {blank} left empty",
    ),
    "import.cli.nil_row": ("dòng {row}: {what}: {said}", "row {row}: {what}: {said}"),
    # Rows the importing account may not write, and rows of a locked period.
    "import.problem.outside_scope": (
        "dòng này thuộc {place}; tài khoản của bạn chỉ được ghi số liệu của {districts}",
        "this row belongs to {place}; your account may only write figures of {districts}",
    ),
    "import.problem.locked": (
        "{place}, {period} đã khoá từ {at} bởi {by}: {reason}; quản trị viên phải mở lại kỳ này trước khi nhập",
        "{place}, {period} has been locked since {at} by {by}: {reason}; an administrator must reopen the period "
        "before it can be imported",
    ),
    "import.problem.locked_no_reason": (
        "{place}, {period} đã khoá từ {at} bởi {by} ({status}); quản trị viên phải mở lại kỳ này trước khi nhập",
        "{place}, {period} has been locked since {at} by {by} ({status}); an administrator must reopen the period "
        "before it can be imported",
    ),
    # The page.
    "import.scope.note": (
        "Tài khoản của bạn nhập số liệu của {districts}: mẫu báo cáo chỉ có các dòng đó, và dòng của nơi khác trong "
        "tệp là lỗi.",
        "Your account imports the figures of {districts}: the template holds only their rows, and a row of "
        "anywhere else in a file is an error.",
    ),
    "import.template.all_mine": ("Tất cả quận, huyện của bạn", "All your districts"),
    "import.saved_nil": (
        "Đã lưu lần nhập số {id}: {new} bản ghi mới, {changed} bản ghi sửa, {nil} báo cáo «không có số liệu kỳ này». "
        "Có thể hoàn tác ở mục «Các lần nhập».",
        "Saved as import number {id}: {new} new entries, {changed} changed, {nil} «nothing this period» reports. It "
        "can be undone under «Imports».",
    ),
    "import.refused": (
        "Chưa lưu gì: {problem} Bản xem trước đã được làm lại theo tình hình hiện nay.",
        "Nothing was saved: {problem} The preview has been made again as things stand now.",
    ),
    # The template's drop-down, for a template narrowed to an account's districts.
    "template.validation.district_error_mine": (
        "Hãy chọn một quận, huyện trong danh sách thả xuống: tài khoản của bạn chỉ nhập được số liệu của các nơi đó.",
        "Pick a district from the drop-down list: your account can import figures of those places only.",
    ),
    # The plan's reporting periods, named in the template's instructions.
    "template.cadence.quarterly": ("quý", "quarter"),
    "template.cadence.monthly": ("tháng", "month"),
}
