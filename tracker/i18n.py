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
    "entry.problem.missing_quantity": ("hãy nhập số lượng", "enter a quantity"),
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
    # --- app shell ---
    "app.title": ("Theo dõi kế hoạch phát triển nghề và làng nghề", "Craft-village plan tracker"),
    "app.language": ("Ngôn ngữ", "Language"),
    "app.lang.vi": ("Tiếng Việt", "Tiếng Việt"),
    "app.lang.en": ("English", "English"),
    "nav.overview": ("Tổng quan", "Overview"),
    "nav.record": ("Ghi nhận kết quả", "Record progress"),
    "app.plan_error.title": ("Không đọc được tệp kế hoạch", "The plan file cannot be used"),
    "app.plan_error.intro": (
        "Ứng dụng chưa thể hiển thị vì tệp kế hoạch {path} có lỗi. Hãy sửa từng dòng dưới đây rồi tải lại trang.",
        "The app cannot start because the plan file {path} has mistakes. Fix each line below, then reload the page.",
    ),
    "app.plan_error.hint": (
        "Kiểm tra lại từ dòng lệnh: `python -m tracker check {path}`",
        "Check it again from the command line: `python -m tracker check {path}`",
    ),
    "app.db_error.title": ("Không kết nối được cơ sở dữ liệu", "The database cannot be reached"),
    "app.db_error.intro": (
        "Kiểm tra biến môi trường TRACKER_DATABASE_URL và máy chủ cơ sở dữ liệu, rồi tải lại trang. Chi tiết: {detail}",
        "Check TRACKER_DATABASE_URL and the database server, then reload the page. Detail: {detail}",
    ),
    "app.source": ("Nguồn: {source}", "Source: {source}"),
    "app.period": ("Thời kỳ kế hoạch: {start} – {end}", "Plan period: {start} – {end}"),
    # --- overview ---
    "overview.title": ("Tổng quan tiến độ", "Progress overview"),
    "overview.as_of": ("Tính đến ngày", "As of"),
    "overview.as_of_help": (
        "Mặc định là hôm nay, hoặc ngày cuối kỳ kế hoạch nếu kỳ đã kết thúc. Chọn ngày khác để xem tình hình tại thời điểm đó.",
        "Today by default, or the last day of the plan once it has ended. Pick another date to see the situation then.",
    ),
    "overview.as_of_caption": ("Số liệu tính đến hết ngày {as_of}.", "Figures up to and including {as_of}."),
    "overview.empty.title": ("Chưa có kết quả nào được ghi nhận", "No progress has been recorded yet"),
    "overview.empty.body": (
        "Kế hoạch có {targets} chỉ tiêu, nhưng sổ theo dõi còn trống. Bắt đầu bằng cách ghi nhận kết quả đầu tiên ở trang «Ghi nhận kết quả» — ví dụ «Chương Mỹ đào tạo 450 lao động trong tháng 3». Biểu đồ kế hoạch so với thực hiện sẽ xuất hiện ngay sau đó.",
        "The plan has {targets} targets, but the ledger is empty. Start by recording the first figure on the «Record progress» page — for example «Chương Mỹ trained 450 workers in March». The chart of planned against achieved appears right after.",
    ),
    "overview.empty.goals": ("Các chỉ tiêu của kế hoạch", "The plan's targets"),
    "overview.go_record": ("Ghi nhận kết quả đầu tiên", "Record the first figure"),
    "overview.chart.title": ("Kế hoạch so với thực hiện (% chỉ tiêu)", "Planned against achieved (% of goal)"),
    "overview.table.title": ("Chi tiết từng chỉ tiêu", "Each target in detail"),
    "overview.figures.title": ("Số liệu bối cảnh", "Context figures"),
    "overview.tasks.title": ("Nhiệm vụ định tính", "Qualitative tasks"),
    "overview.status_counts": ("Số chỉ tiêu theo tình trạng", "Targets by status"),
    "col.target": ("Chỉ tiêu", "Target"),
    "col.goal": ("Mục tiêu", "Goal"),
    "col.unit": ("Đơn vị", "Unit"),
    "col.achieved": ("Đã đạt", "Achieved"),
    "col.percent": ("% mục tiêu (tối thiểu)", "% of goal (minimum)"),
    "col.percent_of_max": ("% mức tối đa", "% of maximum"),
    "col.expected": ("Cần đạt đến nay", "Expected by now"),
    "col.projected": ("Dự kiến cuối kỳ", "Projected at period end"),
    "col.status": ("Tình trạng", "Status"),
    "col.figure": ("Số liệu", "Figure"),
    "col.baseline": ("Mức nền (theo kế hoạch)", "Baseline (in the plan)"),
    "col.latest": ("Số mới nhất đã ghi", "Latest recorded"),
    "col.task": ("Nhiệm vụ", "Task"),
    "col.owner": ("Đơn vị chủ trì", "Owner"),
    "chart.achieved": ("Đã đạt", "Achieved"),
    "chart.expected": ("Cần đạt đến ngày {as_of}", "Expected by {as_of}"),
    "chart.goal": ("Mục tiêu (100%)", "Goal (100%)"),
    "chart.range_band": ("Khoảng mục tiêu (tối thiểu – tối đa)", "Goal range (minimum – maximum)"),
    "chart.approx_band": ("Mục tiêu xấp xỉ (± dung sai)", "Approximate goal (± tolerance)"),
    "chart.axis": ("% so với mục tiêu (tối thiểu nếu là khoảng)", "% of goal (the minimum for a range)"),
    "chart.hover": (
        "Đã đạt: {achieved} / {goal} {unit} ({percent})<br>Cần đạt đến nay: {expected}<br>Tình trạng: {status}",
        "Achieved: {achieved} / {goal} {unit} ({percent})<br>Expected by now: {expected}<br>Status: {status}",
    ),
    "chart.percent_of_range": (
        "{min_pct} mức tối thiểu, {max_pct} mức tối đa",
        "{min_pct} of the minimum, {max_pct} of the maximum",
    ),
    "figure.none_recorded": ("chưa ghi", "not recorded"),
    # --- record ---
    "record.title": ("Ghi nhận kết quả", "Record progress"),
    "record.intro": (
        "Mỗi lần ghi là một bản ghi trong sổ: số lượng đạt được (phần tăng thêm) tại một quận/huyện vào một ngày. Tổng đã đạt được tính từ các bản ghi.",
        "Each entry adds to the ledger: the quantity achieved (the increment) in a district on a date. The achieved total is computed from the entries.",
    ),
    "record.intro_latest": (
        "Số liệu này ghi theo mức mới nhất: mỗi bản ghi là giá trị tại ngày đó, không cộng dồn.",
        "This figure is recorded as a level: each entry is the value on that date, not an increment.",
    ),
    "record.target": ("Chỉ tiêu hoặc số liệu", "Target or figure"),
    "record.goal_line": (
        "Mục tiêu: {goal} {unit} · đã đạt đến nay: {achieved}",
        "Goal: {goal} {unit} · achieved so far: {achieved}",
    ),
    "record.quantity": ("Số lượng ({unit})", "Quantity ({unit})"),
    "record.date": ("Ngày của số liệu", "Date the figure refers to"),
    "record.district": ("Quận/huyện/thị xã", "District"),
    "record.village": ("Làng nghề (không bắt buộc)", "Village (optional)"),
    "record.note": ("Ghi chú (không bắt buộc)", "Note (optional)"),
    "record.entered_by": ("Người nhập", "Entered by"),
    "record.entered_by_help": (
        "Tên của bạn được lưu cùng mỗi bản ghi và được nhớ trong phiên làm việc này.",
        "Your name is stored with every entry and remembered for this session.",
    ),
    "record.save": ("Lưu bản ghi", "Save entry"),
    "record.saved": (
        "Đã lưu bản ghi #{id}: {quantity} {unit} ngày {date}.",
        "Saved entry #{id}: {quantity} {unit} on {date}.",
    ),
    "record.not_saved": ("Chưa lưu — hãy sửa các lỗi sau:", "Not saved — please fix the following:"),
    "record.entries.title": ("Các bản ghi của chỉ tiêu này", "Entries of this target"),
    "record.entries.empty": ("Chưa có bản ghi nào cho chỉ tiêu này.", "No entries for this target yet."),
    "record.entries.count": ("{shown} bản ghi gần nhất trên tổng số {total}", "The latest {shown} of {total} entries"),
    "record.see_overview": ("Xem tổng quan", "See the overview"),
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
