"""Every string the product shows, in Vietnamese and English, and number and date formats.

Vietnamese comes first. Pages never type a visible string inline: they call ``t``.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from babel.numbers import format_decimal

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = ("vi", "en")
_LOCALES = {"vi": "vi_VN", "en": "en_US"}

# key: (Vietnamese, English)
STRINGS: dict[str, tuple[str, str]] = {
    # --- plan file problems ---
    "plan.problem.empty_file": ("tệp rỗng, chưa có kế hoạch nào", "the file is empty; it holds no plan"),
    "plan.problem.not_utf8": (
        "tệp không phải UTF-8 (byte {byte}); hãy lưu lại với mã hoá UTF-8",
        "the file is not UTF-8 (byte {byte}); save it again as UTF-8",
    ),
    "plan.problem.yaml_syntax": ("lỗi cú pháp YAML: {detail}", "YAML syntax error: {detail}"),
    "plan.problem.not_a_plan": (
        "tệp phải là một bảng (mapping) có các mục id, title, period, targets...",
        "the file must be a mapping with id, title, period, targets...",
    ),
    "plan.problem.file_not_found": ("không tìm thấy tệp", "file not found"),
    "plan.problem.file_unreadable": ("không đọc được tệp: {detail}", "cannot read the file: {detail}"),
    "plan.problem.duplicate_key": ("khoá '{key}' bị lặp lại", "key '{key}' appears twice"),
    "plan.problem.missing": ("thiếu trường bắt buộc", "required field is missing"),
    "plan.problem.unknown_field": ("trường không được biết đến", "unknown field"),
    "plan.problem.not_a_number": ("phải là một số", "must be a number"),
    "plan.problem.not_text": ("phải là chuỗi văn bản", "must be text"),
    "plan.problem.not_boolean": ("phải là true hoặc false", "must be true or false"),
    "plan.problem.not_a_date": ("phải là ngày dạng YYYY-MM-DD", "must be a date as YYYY-MM-DD"),
    "plan.problem.must_be_positive": ("phải lớn hơn 0", "must be greater than 0"),
    "plan.problem.must_not_be_negative": ("không được âm", "must not be negative"),
    "plan.problem.too_large": ("phải nhỏ hơn {limit}", "must be below {limit}"),
    "plan.problem.bad_id": (
        "chỉ dùng chữ thường không dấu, số, '-' và '_'",
        "use only lower-case letters without accents, digits, '-' and '_'",
    ),
    "plan.problem.empty": ("không được để trống", "must not be empty"),
    "plan.problem.not_a_list": ("phải là một danh sách", "must be a list"),
    "plan.problem.not_a_mapping": ("phải là một bảng (mapping)", "must be a mapping"),
    "plan.problem.not_one_of": ("phải là một trong: {allowed}", "must be one of: {allowed}"),
    "plan.problem.missing_shape": (
        "thiếu 'shape' (exact, approximate hoặc range)",
        "'shape' is missing (exact, approximate or range)",
    ),
    "plan.problem.invalid": ("giá trị không hợp lệ ({detail})", "invalid value ({detail})"),
    "plan.problem.period_end_before_start": (
        "ngày kết thúc trước ngày bắt đầu",
        "the end date is before the start date",
    ),
    "plan.problem.range_min_above_max": (
        "giá trị tối thiểu (min) lớn hơn tối đa (max)",
        "the minimum (min) is above the maximum (max)",
    ),
    "plan.problem.thresholds_out_of_order": (
        "ngưỡng needs_acceleration phải nhỏ hơn on_track",
        "needs_acceleration must be below on_track",
    ),
    "plan.problem.duplicate_id": (
        "id '{id}' đã dùng ở dòng {first_line}",
        "id '{id}' is already used on line {first_line}",
    ),
    "plan.problem.unknown_category": (
        "nhóm '{category}' không có trong categories",
        "category '{category}' is not listed in categories",
    ),
    "plan.problem.milestone_outside_period": (
        "mốc nằm ngoài thời kỳ của chỉ tiêu",
        "the milestone lies outside the target's period",
    ),
    "plan.problem.milestones_not_increasing": (
        "các mốc phải theo thứ tự ngày tăng dần và giá trị không giảm",
        "milestones must have increasing dates and non-decreasing values",
    ),
    "plan.problem.fraction_for_count": (
        "chỉ tiêu đếm (count) phải là số nguyên",
        "a count target needs a whole number",
    ),
    # --- entry problems ---
    "entry.problem.unknown_target": ("không có chỉ tiêu '{target}' trong kế hoạch", "no target '{target}' in the plan"),
    "entry.problem.not_a_number": ("'{value}' không phải là một số", "'{value}' is not a number"),
    "entry.problem.ambiguous_separator": (
        "'{value}': không rõ dấu chấm/phẩy là phân cách hàng nghìn hay thập phân; hãy viết liền, ví dụ 30000 hoặc 1234,5",
        "'{value}': the separator could mean thousands or decimals; write the number plainly, e.g. 30000 or 1234.5",
    ),
    "entry.problem.negative": ("số lượng không được âm", "the quantity must not be negative"),
    "entry.problem.fraction_for_count": (
        "chỉ tiêu này đếm số {unit} nên số lượng phải là số nguyên",
        "this target counts whole {unit}, so the quantity must be a whole number",
    ),
    "entry.problem.too_many_decimals": ("tối đa 3 chữ số thập phân", "at most 3 decimal places"),
    "entry.problem.too_large": (
        "số lượng quá lớn (tối đa {limit})",
        "the quantity is too large (at most {limit})",
    ),
    "entry.problem.bad_date": (
        "'{value}' không phải là ngày hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd)",
        "'{value}' is not a valid date (dd/mm/yyyy or yyyy-mm-dd)",
    ),
    "entry.problem.date_outside_period": (
        "ngày {date} nằm ngoài thời kỳ của kế hoạch ({start}–{end})",
        "the date {date} lies outside the plan period ({start}–{end})",
    ),
    "entry.problem.unknown_district": (
        "'{district}' không phải quận, huyện, thị xã của Hà Nội năm 2017",
        "'{district}' is not one of Hanoi's districts in 2017",
    ),
    "entry.problem.too_long": ("quá dài (tối đa {limit} ký tự)", "too long (at most {limit} characters)"),
    "entry.problem.missing_author": ("cần ghi tên người nhập", "the name of who enters it is required"),
    "entry.problem.control_chars": ("chứa ký tự điều khiển không hợp lệ", "contains invalid control characters"),
    "entry.field.target": ("Chỉ tiêu", "Target"),
    "entry.field.quantity": ("Số lượng", "Quantity"),
    "entry.field.date": ("Ngày", "Date"),
    "entry.field.district": ("Quận/huyện", "District"),
    "entry.field.village": ("Làng nghề", "Village"),
    "entry.field.note": ("Ghi chú", "Note"),
    "entry.field.entered_by": ("Người nhập", "Entered by"),
    "entry.field.entered_at": ("Thời điểm nhập", "Entered at"),
    # --- statuses ---
    "status.achieved": ("Đã đạt", "Achieved"),
    "status.on_track": ("Đúng tiến độ", "On track"),
    "status.needs_acceleration": ("Cần đẩy nhanh", "Needs acceleration"),
    "status.off_track": ("Chậm tiến độ", "Off track"),
    "status.not_started": ("Chưa có kết quả", "Not started"),
    "status.missed": ("Không đạt", "Missed"),
    "task_status.not_started": ("Chưa bắt đầu", "Not started"),
    "task_status.in_progress": ("Đang thực hiện", "In progress"),
    "task_status.done": ("Hoàn thành", "Done"),
    "task_status.blocked": ("Vướng mắc", "Blocked"),
    "cli.description": ("Theo dõi kế hoạch phát triển nghề và làng nghề", "Craft-village plan tracker"),
    "cli.check_ok": (
        "{path}: hợp lệ — {targets} chỉ tiêu, {figures} số liệu bối cảnh, {tasks} nhiệm vụ",
        "{path}: valid — {targets} targets, {figures} context figures, {tasks} tasks",
    ),
    "cli.summary_title": (
        "Tiến độ đến ngày {as_of} · số bản ghi trong sổ: {entries}",
        "Progress as of {as_of} · entries in the ledger: {entries}",
    ),
    "cli.expected": ("cần đạt đến nay", "expected by now"),
    "cli.bad_as_of": ("--as-of '{value}' không phải là ngày YYYY-MM-DD", "--as-of '{value}' is not a date YYYY-MM-DD"),
    "cli.database_unavailable": ("Không kết nối được cơ sở dữ liệu: {detail}", "Cannot reach the database: {detail}"),
    "cli.not_recorded": ("Chưa ghi gì vào sổ:", "Nothing was recorded:"),
    "cli.recorded": (
        "Đã ghi bản ghi #{id}: {quantity} cho {target} ngày {date}",
        "Recorded entry #{id}: {quantity} for {target} on {date}",
    ),
    "district.city_wide": ("Toàn thành phố", "City-wide"),
    "goal.approx": ("khoảng {value}", "about {value}"),
    "goal.range": ("{min}–{max}", "{min}–{max}"),
}


def t(key: str, lang: Lang = "vi", /, **params: object) -> str:
    """The string ``key`` in ``lang``, with ``{params}`` filled in."""
    vi, en = STRINGS[key]
    template = vi if lang == "vi" else en
    return template.format(**params) if params else template


def format_number(value: float | int | None, lang: Lang = "vi", decimals: int = 1) -> str:
    """30.000 and 1.234,5 in Vietnamese; 30,000 and 1,234.5 in English."""
    if value is None:
        return "–"
    pattern = "#,##0" + ("." + "#" * decimals if decimals > 0 else "")
    return format_decimal(value, format=pattern, locale=_LOCALES[lang])


def format_percent(share: float | None, lang: Lang = "vi") -> str:
    """A share (0.92) as a percent with Vietnamese or English separators: 92%, 92,5%."""
    if share is None:
        return "–"
    return format_number(round(share * 100, 1), lang, decimals=1) + "%"


def format_date(day: dt.date | None) -> str:
    """Dates are written dd/mm/yyyy in both languages, as the Department writes them."""
    return day.strftime("%d/%m/%Y") if day is not None else "–"


def d3_number_format(lang: Lang) -> dict[str, str]:
    """Plotly layout ``separators``: decimal point then thousands separator."""
    return {"separators": ",." if lang == "vi" else ".,"}
