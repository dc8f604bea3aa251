"""Every string the product shows, in Vietnamese and English, and number and date formats.

Vietnamese comes first. Pages never type a visible string inline: they call ``t``.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal
from zoneinfo import ZoneInfo

from babel.numbers import format_decimal

HANOI_TIME = ZoneInfo("Asia/Ho_Chi_Minh")  # times are stored in UTC and shown in Hanoi time
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
    "plan.problem.milestone_above_goal": (
        "mốc lớn hơn mục tiêu (tối đa) của chỉ tiêu",
        "the milestone is above the target's goal (its maximum)",
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
    "entry.problem.missing_date": ("hãy chọn ngày của số liệu", "choose the date the figure refers to"),
    "entry.problem.missing_district": (
        "hãy chọn quận/huyện, hoặc «Toàn thành phố»",
        "choose a district, or «City-wide»",
    ),
    "entry.problem.negative": ("số lượng không được âm", "the quantity must not be negative"),
    "entry.problem.fraction_for_count": (
        "chỉ tiêu này đếm số {unit} nên số lượng phải là số nguyên",
        "this target counts whole {unit}, so the quantity must be a whole number",
    ),
    "entry.problem.too_many_decimals": ("tối đa 3 chữ số thập phân", "at most 3 decimal places"),
    "entry.problem.too_large": (
        "số lượng quá lớn: một bản ghi tối đa {limit} (một trăm triệu), hơn mọi con số một kế hoạch có thể cần",
        "the quantity is too large: one entry holds at most {limit} (a hundred million), more than any plan could need",
    ),
    "entry.problem.adjustment_too_large": (
        "tổng này khác số đã ghi nhiều đến mức cơ sở dữ liệu không lưu được phần chênh lệch; hãy kiểm tra các bản ghi",
        "this total differs from the recorded one by more than the database can store; check the entries",
    ),
    "entry.problem.foreign_digit": (
        "'{value}' có chữ số không phải 0–9 (ví dụ chữ số Ả Rập hay chữ số toàn khổ); hãy gõ lại bằng các phím 0–9",
        "'{value}' holds a digit other than 0–9 (such as an Arabic-Indic or full-width digit); type it again with the keys 0–9",
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
    "entry.problem.hidden_character": (
        "chứa ký tự ẩn {character} (ký tự điều khiển, đảo chiều hoặc không độ rộng); hãy gõ lại thay vì dán",
        "contains the hidden character {character} (a control, direction or zero-width character); type it instead of pasting",
    ),
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
    "database.setting.not_a_url": (
        "{setting} không phải là địa chỉ của một cơ sở dữ liệu. Hãy viết, ví dụ, "
        "sqlite:////srv/tracker/tracker.db hoặc postgresql+psycopg://tracker@db.office.local/tracker. "
        "Chưa có gì được tạo hay ghi.",
        "{setting} is not the address of a database. Write, for example, "
        "sqlite:////srv/tracker/tracker.db or postgresql+psycopg://tracker@db.office.local/tracker. "
        "Nothing was created or written.",
    ),
    "database.setting.bad_port": (
        "{setting}: cổng phải là một số từ 1 đến 65535 (ví dụ :5432). Chưa có gì được tạo hay ghi.",
        "{setting}: the port must be a number from 1 to 65535 (for example :5432). Nothing was created or written.",
    ),
    "database.setting.unsupported": (
        "{setting}: loại cơ sở dữ liệu '{kind}' không được hỗ trợ; dùng sqlite:/// (tệp trên máy chủ) hoặc "
        "postgresql+psycopg:// (PostgreSQL). Chưa có gì được tạo hay ghi.",
        "{setting}: the database kind '{kind}' is not supported; use sqlite:/// (a file on the server) or "
        "postgresql+psycopg:// (PostgreSQL). Nothing was created or written.",
    ),
    "database.setting.in_memory": (
        "{setting}: một cơ sở dữ liệu trong bộ nhớ không giữ được gì; hãy chỉ tới một tệp hoặc máy chủ PostgreSQL. "
        "Chưa có gì được tạo hay ghi.",
        "{setting}: a database in memory keeps nothing; point it at a file or a PostgreSQL server. "
        "Nothing was created or written.",
    ),
    "database.setting.sqlite_options": (
        "{setting}: địa chỉ của một tệp SQLite không nhận tuỳ chọn sau dấu ? ({options}); ứng dụng tự đặt những gì "
        "SQLite cần. Hãy bỏ phần đó đi. Chưa có gì được tạo hay ghi.",
        "{setting}: the address of an SQLite file takes no options after the ? ({options}); the app sets what SQLite "
        "needs itself. Remove that part. Nothing was created or written.",
    ),
    "database.setting.folder_missing": (
        "{setting}: thư mục {folder} không tồn tại. Ứng dụng không tự tạo thư mục này (một đường dẫn gõ sai sẽ trông "
        "như một cơ sở dữ liệu trống). Hãy sửa đường dẫn, hoặc tạo thư mục nếu đúng là muốn dùng nó. "
        "Chưa có gì được tạo hay ghi.",
        "{setting}: the folder {folder} does not exist. The app does not create it (a mistyped path would look like "
        "an empty database). Correct the path, or create the folder if it is the one you mean. "
        "Nothing was created or written.",
    ),
    "app.db_setting_error.title": ("Cài đặt cơ sở dữ liệu chưa đúng", "The database setting is wrong"),
    "app.db_schema_error.title": (
        "Cơ sở dữ liệu chưa dùng được với phiên bản này của ứng dụng",
        "The database does not fit this version of the app",
    ),
    "database.schema.behind": (
        "Cơ sở dữ liệu PostgreSQL đang ở phiên bản lược đồ {current}, còn ứng dụng cần {head}. Ứng dụng không tự nâng "
        "cấp PostgreSQL: người quản trị máy chủ hãy sao lưu cơ sở dữ liệu rồi chạy `{command}` với cùng "
        "TRACKER_DATABASE_URL, sau đó tải lại trang. Chưa có gì được ghi.",
        "The PostgreSQL database is at schema revision {current} and the app needs {head}. The app never upgrades "
        "PostgreSQL itself: whoever runs the server, back the database up, then run `{command}` with the same "
        "TRACKER_DATABASE_URL, and reload the page. Nothing was written.",
    ),
    "database.schema.newer": (
        "Cơ sở dữ liệu do một phiên bản mới hơn của ứng dụng tạo ra (lược đồ {current}; phiên bản này chỉ biết đến "
        "{head}). Hãy dùng phiên bản mới hơn; phiên bản này không ghi gì vào đó.",
        "The database was made by a newer version of the app (schema {current}; this version knows up to {head}). "
        "Use the newer version; this one writes nothing to it.",
    ),
    "database.schema.foreign": (
        "Cơ sở dữ liệu có bảng nhưng không phải của ứng dụng này (thiếu {missing}). Hãy chỉ TRACKER_DATABASE_URL tới "
        "cơ sở dữ liệu của ứng dụng. Không có gì được ghi.",
        "The database has tables, but not this app's (it lacks {missing}). Point TRACKER_DATABASE_URL at the app's "
        "database. Nothing was written.",
    ),
    "database.schema.failed": (
        "Nâng cấp cơ sở dữ liệu không thành công và đã được hoàn lại: cơ sở dữ liệu vẫn như trước. Bản sao lưu "
        "trước khi nâng cấp: {copy}. Chi tiết: {detail}",
        "Upgrading the database failed and was undone: the database is as it was. The copy saved before the "
        "upgrade: {copy}. Detail: {detail}",
    ),
    "db.cli.upgraded": (
        "Đã nâng cấp cơ sở dữ liệu lên phiên bản lược đồ {head}.",
        "Upgraded the database to schema revision {head}.",
    ),
    "db.cli.copy": ("Bản sao trước khi nâng cấp: {copy}", "The copy saved before the upgrade: {copy}"),
    "db.cli.up_to_date": (
        "Cơ sở dữ liệu đã ở phiên bản lược đồ {head}; không có gì phải làm.",
        "The database is already at schema revision {head}; nothing to do.",
    ),
    "db.cli.current": ("Phiên bản lược đồ: {current}", "Schema revision: {current}"),
    "db.cli.current.head": ("(mới nhất)", "(the latest)"),
    "db.cli.current.behind": (
        "(cần nâng cấp lên {head}: {command})",
        "(to be upgraded to {head}: {command})",
    ),
    "db.cli.current.unversioned": (
        "chưa có (cơ sở dữ liệu của một bản phát hành trước khi có phiên bản lược đồ)",
        "none (a database of a release from before schema revisions)",
    ),
    "db.cli.current.empty": ("chưa có (cơ sở dữ liệu trống)", "none (an empty database)"),
    "app.db_query_error.title": ("Cơ sở dữ liệu báo lỗi", "The database reported an error"),
    "app.db_query_error.intro": (
        "Cơ sở dữ liệu vẫn trả lời nhưng từ chối câu truy vấn này; số liệu đã lưu không bị thay đổi. "
        "Hãy báo cho người quản trị máy chủ. Chi tiết: {detail}",
        "The database answers but refused this query; the stored figures are unchanged. "
        "Tell the server's administrator. Detail: {detail}",
    ),
    "cli.database_error": (
        "Cơ sở dữ liệu báo lỗi (vẫn kết nối được; số liệu đã lưu không bị thay đổi): {detail}",
        "The database reported an error (it answers; the stored figures are unchanged): {detail}",
    ),
    "app.db_error.title": ("Không kết nối được cơ sở dữ liệu", "The database cannot be reached"),
    "app.db_error.intro": (
        "Kiểm tra biến môi trường TRACKER_DATABASE_URL và máy chủ cơ sở dữ liệu, rồi tải lại trang. Chi tiết: {detail}",
        "Check TRACKER_DATABASE_URL and the database server, then reload the page. Detail: {detail}",
    ),
    "app.person": ("Người nhập (tên của bạn)", "Entered by (your name)"),
    "app.person_help": (
        "Tên của bạn được lưu cùng mỗi thay đổi và được nhớ trong phiên làm việc này.",
        "Your name is stored with every change and remembered for this browser session.",
    ),
    "app.person_placeholder": ("Ví dụ: Trần Thị Lan", "For example: Trần Thị Lan"),
    "app.db_write_error": (
        "Chưa lưu: cơ sở dữ liệu không trả lời ({detail}). Không có gì bị ghi dở; hãy thử lại sau ít phút.",
        "Not saved: the database did not answer ({detail}). Nothing was half-written; try again in a few minutes.",
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
    "col.details": ("Chi tiết", "Details"),
    "col.details_link": ("Xem chỉ tiêu ›", "Open target ›"),
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
    "record.quantity_placeholder": (
        "Ví dụ: {example} (không dùng dấu phân cách hàng nghìn)",
        "For example: {example} (no thousands separator)",
    ),
    "record.district_placeholder": ("Chọn quận/huyện, hoặc «Toàn thành phố»", "Choose a district, or «City-wide»"),
    "record.district": ("Quận/huyện/thị xã", "District"),
    "record.village": ("Làng nghề (không bắt buộc)", "Village (optional)"),
    "record.note": ("Ghi chú (không bắt buộc)", "Note (optional)"),
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
    # --- editing, history ---
    "entry.kind.report": ("Báo cáo", "Report"),
    "entry.kind.adjustment": ("Điều chỉnh tổng", "Total adjustment"),
    "entry.problem.total_needs_sum": (
        "chỉ đặt được tổng cho chỉ tiêu cộng dồn; số liệu này ghi theo mức mới nhất",
        "a total can only be set for a summed target; this figure is recorded as levels",
    ),
    "nav.target": ("Chỉ tiêu và bản ghi", "Targets and entries"),
    "nav.history": ("Lịch sử thay đổi", "Change history"),
    "record.baseline_line": ("Mức nền theo kế hoạch: {baseline} {unit}", "Baseline in the plan: {baseline} {unit}"),
    "entry.field.kind": ("Loại", "Kind"),
    "target.title": ("Chỉ tiêu và bản ghi", "Targets and entries"),
    "target.source": ("Câu gốc trong kế hoạch", "The plan's own words"),
    "target.entries": ("Sửa các bản ghi", "Edit the entries"),
    "target.entries_help": (
        "Sửa trực tiếp trong bảng (ngày, số lượng, quận/huyện, làng nghề, ghi chú), thêm dòng ở cuối bảng, chọn dòng rồi bấm biểu tượng thùng rác để xoá. Không có gì được ghi cho đến khi bấm «Lưu tất cả thay đổi»; khi đó mọi thay đổi được lưu cùng lúc, hoặc không thay đổi nào được lưu.",
        "Edit in the table (date, quantity, district, village, note), add rows at the bottom, select rows and press the bin to delete. Nothing is written until «Save all changes»; then every change is saved together, or none is.",
    ),
    "grid.filter.districts": ("Lọc theo quận/huyện", "Filter by district"),
    "grid.filter.all_districts": ("Tất cả quận/huyện", "All districts"),
    "grid.filter.from": ("Từ ngày", "From"),
    "grid.filter.to": ("Đến ngày", "To"),
    "grid.limited": (
        "Chỉ hiện {limit} bản ghi đầu tiên; hãy lọc theo quận/huyện hoặc ngày để xem các bản ghi khác.",
        "Only the first {limit} entries are shown; filter by district or date to see the others.",
    ),
    "grid.quantity_help": (
        "Viết số liền, không dấu phân cách hàng nghìn (30000); số thập phân dùng dấu phẩy hoặc chấm (175,25).",
        "Write the number plainly, without a thousands separator (30000); decimals with a point or a comma (175.25).",
    ),
    "grid.filters_wait": (
        "Bộ lọc mới chỉ áp dụng sau khi lưu hoặc tải lại: bảng đang có thay đổi chưa lưu, và chúng được giữ nguyên.",
        "The new filters apply once you save or reload: the table has unsaved changes, and they are kept.",
    ),
    "grid.keep_mine_help": (
        "«Áp dụng thay đổi của tôi» chỉ ghi các ô bạn đã sửa lên giá trị hiện tại; các ô khác giữ thay đổi của người kia. Bản ghi người khác đã xoá không sửa được nữa — hãy thêm lại thành dòng mới nếu cần.",
        "«Apply my changes» writes only the cells you edited over the current values; the other cells keep the other person's changes. An entry someone else deleted can no longer be edited — add it again as a new row if needed.",
    ),
    "grid.save": ("Lưu tất cả thay đổi", "Save all changes"),
    "grid.reload": ("Tải lại (bỏ các thay đổi chưa lưu)", "Reload (discard unsaved changes)"),
    "grid.saved": (
        "Đã lưu: {added} bản ghi mới, {edited} bản ghi sửa, {deleted} bản ghi xoá.",
        "Saved: {added} new, {edited} edited, {deleted} deleted entries.",
    ),
    "grid.nothing": ("Chưa có thay đổi nào để lưu.", "There are no changes to save."),
    "grid.invalid": (
        "Chưa lưu gì: {count} ô cần sửa. Sửa các ô dưới đây rồi bấm lưu lại; các thay đổi khác của bạn vẫn còn trong bảng.",
        "Nothing was saved: {count} cells need fixing. Fix the cells below and save again; your other changes are still in the table.",
    ),
    "grid.unreadable": (
        "Không đọc được các thay đổi gửi từ bảng (một cột, một dòng hoặc một ngày không có thật). "
        "Chưa có gì được lưu; bảng đã được tải lại, hãy sửa lại.",
        "The changes sent from the grid could not be read (a column, row or date that does not exist). "
        "Nothing was saved; the grid was reloaded, make the changes again.",
    ),
    "grid.col.row": ("Dòng", "Row"),
    "grid.col.column": ("Cột", "Column"),
    "grid.col.problem": ("Vấn đề", "Problem"),
    "grid.col.seen_version": ("Phiên bản bạn đã xem", "Version you saw"),
    "grid.col.current_version": ("Phiên bản hiện tại", "Current version"),
    "grid.col.now": ("Giá trị hiện tại", "Current values"),
    "grid.col.yours": ("Thay đổi của bạn", "Your change"),
    "grid.confirm": (
        "Một số giá trị có vẻ bất thường. Kiểm tra lại rồi xác nhận để lưu:",
        "Some values look unusual. Check them, then confirm to save:",
    ),
    "grid.confirm_save": ("Xác nhận và lưu", "Confirm and save"),
    "grid.back_to_edit": ("Quay lại sửa", "Back to editing"),
    "grid.conflict": (
        "Chưa lưu gì: {count} bản ghi đã được người khác thay đổi sau khi bạn mở bảng. Dưới đây là giá trị hiện tại và thay đổi của bạn; không có gì bị mất.",
        "Nothing was saved: {count} entries were changed by someone else after you opened the table. Below are their current values and your changes; nothing has been lost.",
    ),
    "grid.keep_mine": (
        "Áp dụng thay đổi của tôi lên giá trị hiện tại",
        "Apply my changes on top of the current values",
    ),
    "grid.take_theirs": ("Bỏ thay đổi của tôi, tải lại bảng", "Discard my changes and reload"),
    "total.title": ("Cập nhật tổng số đã đạt", "State the total reached"),
    "total.intro": (
        "Khi báo cáo cho biết tổng số (ví dụ «đã đào tạo 12.400 lao động đến 30/06»), nhập tổng và ngày: phần chênh lệch với sổ được ghi thành một bản ghi điều chỉnh, nên sổ vẫn cộng đúng.",
        "When a report gives a total (e.g. «12,400 workers trained by 30/06»), enter the total and the date: the difference from the ledger is recorded as an adjustment entry, so the ledger still adds up.",
    ),
    "total.value": ("Tổng số đã đạt ({unit})", "Total reached ({unit})"),
    "total.as_of": ("Tính đến ngày", "As of"),
    "total.save": ("Ghi điều chỉnh", "Record the adjustment"),
    "total.saved": (
        "Đã ghi bản ghi điều chỉnh #{id}: tổng đến {date} nay là {total}.",
        "Recorded adjustment entry #{id}: the total up to {date} is now {total}.",
    ),
    "total.unchanged": (
        "Sổ đã ghi đúng tổng {total} đến ngày {date}; không cần điều chỉnh.",
        "The ledger already totals {total} up to {date}; no adjustment needed.",
    ),
    "history.title": ("Lịch sử thay đổi", "Change history"),
    "history.intro": (
        "Mọi thay đổi trong sổ: ai, lúc nào, trước và sau. Có thể hoàn tác thay đổi mới nhất của một bản ghi; việc hoàn tác cũng được ghi lại.",
        "Every change to the ledger: who, when, before and after. An entry's latest change can be reverted; the revert is recorded too.",
    ),
    "history.filter.target": ("Chỉ tiêu", "Target"),
    "history.filter.person": ("Người thay đổi", "Changed by"),
    "history.filter.since": ("Từ ngày", "From"),
    "history.filter.until": ("Đến ngày", "To"),
    "history.all": ("Tất cả chỉ tiêu", "All targets"),
    "history.everyone": ("Mọi người", "Everyone"),
    "history.empty": ("Chưa có thay đổi nào khớp với bộ lọc.", "No change matches the filters."),
    "history.limited": (
        "Chỉ hiện {limit} thay đổi gần nhất; dùng bộ lọc để xem các thay đổi cũ hơn.",
        "Only the latest {limit} changes are listed; use the filters to reach older ones.",
    ),
    "history.choose": ("Xem chi tiết thay đổi", "Show the change"),
    "history.change_label": (
        "#{id} · {action} · bản ghi #{entry} · {who}",
        "#{id} · {action} · entry #{entry} · {who}",
    ),
    "history.revert": ("Hoàn tác thay đổi #{id}", "Revert change #{id}"),
    "history.reverted": (
        "Đã hoàn tác thay đổi #{id} (thay đổi mới #{new}).",
        "Reverted change #{id} (new change #{new}).",
    ),
    "history.revert_error.changed_since": (
        "Không hoàn tác được #{id}: bản ghi đã thay đổi sau đó. Hãy hoàn tác các thay đổi mới hơn trước.",
        "Cannot revert #{id}: the entry changed after it. Revert the newer changes first.",
    ),
    "history.revert_error.unknown_change": ("Không có thay đổi #{id}.", "There is no change #{id}."),
    "history.absent": ("(không có / đã xoá)", "(absent / deleted)"),
    "history.action.create": ("Thêm", "Added"),
    "history.action.update": ("Sửa", "Edited"),
    "history.action.delete": ("Xoá", "Deleted"),
    "history.action.revert": ("Hoàn tác", "Reverted"),
    "history.action.revert_of": ("Hoàn tác #{id}", "Revert of #{id}"),
    "history.col.change": ("Thay đổi #", "Change #"),
    "history.col.when": ("Thời điểm", "When"),
    "history.col.who": ("Người thay đổi", "By"),
    "history.col.action": ("Thao tác", "Action"),
    "history.col.entry": ("Bản ghi #", "Entry #"),
    "history.col.before": ("Trước", "Before"),
    "history.col.after": ("Sau", "After"),
    "history.col.field": ("Trường", "Field"),
    "history.col.changed": ("Đổi", "Changed"),
    "download.title": ("Tải xuống", "Download"),
    "download.xlsx": ("Excel (.xlsx): tổng quan và bản ghi", "Excel (.xlsx): overview and entries"),
    "download.entries_csv": ("CSV: bản ghi", "CSV: entries"),
    "download.overview_csv": ("CSV: tổng quan", "CSV: overview"),
    "download.filtered": (
        "Bản ghi được xuất theo bộ lọc đang chọn ở trên.",
        "Entries are exported as filtered above.",
    ),
    "target.breakdown": ("Theo quận, huyện, thị xã", "By district"),
    "target.breakdown_chart": ("Biểu đồ", "Chart"),
    "target.breakdown_table": ("Bảng", "Table"),
    "grid.row_entry": ("Bản ghi #{id}", "Entry #{id}"),
    "grid.row_new": ("Dòng mới {n}", "New row {n}"),
    "grid.warn.duplicate": (
        "trùng với một bản ghi đã có (cùng ngày, số lượng, quận/huyện, làng nghề)",
        "repeats an existing entry (same date, quantity, district and village)",
    ),
    "grid.warn.above_goal": (
        "một bản ghi {quantity} lớn hơn cả mục tiêu ({goal})",
        "a single entry of {quantity} is larger than the whole goal ({goal})",
    ),
    "grid.warn.far_date": (
        "ngày {date} cách mọi bản ghi khác của chỉ tiêu hơn {days} ngày",
        "the date {date} is more than {days} days from every other entry of this target",
    ),
    "district.city_wide": ("Toàn thành phố", "City-wide"),
    "goal.approx": ("khoảng {value}", "about {value}"),
    "goal.range": ("{min}–{max}", "{min}–{max}"),
    # --- report ---
    "report.button": ("Tải báo cáo họp (HTML)", "Download meeting report (HTML)"),
    "report.button_help": (
        "Một tệp HTML mở được không cần mạng, in khổ A4 từ trình duyệt (Ctrl+P).",
        "One HTML file that opens without a network; print it on A4 from the browser (Ctrl+P).",
    ),
    "report.heading": ("Báo cáo tiến độ phục vụ họp Ban Chỉ đạo", "Progress report for the Steering Committee meeting"),
    "report.as_of": ("Số liệu tính đến hết ngày {as_of}", "Figures up to and including {as_of}"),
    "report.generated": ("Lập lúc {when} (giờ Hà Nội)", "Generated {when} (Hanoi time)"),
    "report.running_head": ("Báo cáo tiến độ · số liệu đến {as_of}", "Progress report · figures to {as_of}"),
    "report.page": ("Trang", "Page"),
    "report.summary.total": ("Tổng số: {count} chỉ tiêu", "{count} targets in all"),
    "report.targets.title": ("Từng chỉ tiêu (chậm nhất trước)", "Each target (the furthest behind first)"),
    "report.field.goal": ("Mục tiêu", "Goal"),
    "report.field.achieved": ("Đã đạt", "Achieved"),
    "report.field.expected": ("Cần đạt đến {as_of}", "Expected by {as_of}"),
    "report.field.percent": ("Tỷ lệ so với mục tiêu", "Share of the goal"),
    "report.field.projection": ("Dự báo cuối kỳ", "Projection"),
    "report.field.agency": ("Đơn vị chủ trì", "Lead agency"),
    "report.field.funding": ("Nguồn kinh phí", "Funding"),
    "report.field.category": ("Nhóm", "Category"),
    "report.field.source": ("Nguyên văn kế hoạch", "The plan's own words (Vietnamese)"),
    "report.field.needed": ("Còn cần", "Still needed"),
    "report.districts.title": ("Quận, huyện, thị xã đóng góp nhiều nhất", "Districts contributing most"),
    "report.districts.none": ("Chưa quận, huyện, thị xã nào báo cáo.", "No district has reported yet."),
    "report.districts.more": ("và {count} quận, huyện, thị xã khác có báo cáo", "and {count} more districts reported"),
    "report.tasks.notes": ("Ghi chú mới nhất", "Latest notes"),
    "report.tasks.no_notes": ("chưa có ghi chú", "no notes yet"),
    "report.tasks.as_now": (
        "Tình trạng nhiệm vụ là tình trạng lúc lập báo cáo; ghi chú tính đến hết ngày {as_of}.",
        "Task statuses are as they stand when the report is made; notes up to and including {as_of}.",
    ),
    "report.tasks.updated": ("cập nhật {date}, {by}", "updated {date} by {by}"),
    "report.footer": (
        "Số liệu lấy từ sổ theo dõi đến hết ngày {as_of}; mục tiêu và nguyên văn theo {source}.",
        "Figures from the ledger up to and including {as_of}; goals and wording from {source}.",
    ),
    "report.cli.not_written": ("Chưa lập báo cáo:", "No report was written:"),
    "report.cli.bad_as_of": (
        "--as-of '{value}' không phải là ngày hợp lệ (YYYY-MM-DD hoặc DD/MM/YYYY)",
        "--as-of '{value}' is not a valid date (YYYY-MM-DD or DD/MM/YYYY)",
    ),
    "report.cli.outside_period": (
        "--as-of {date} nằm ngoài thời kỳ của kế hoạch ({start}–{end})",
        "--as-of {date} lies outside the plan period ({start}–{end})",
    ),
    "report.cli.wrote": ("Đã lập báo cáo họp ({size}) tại {path}", "Wrote the meeting report ({size}) to {path}"),
    # --- export ---
    "export.sheet.overview": ("Tổng quan", "Overview"),
    "export.sheet.entries": ("Bản ghi", "Entries"),
    "export.sheet.about": ("Thông tin", "About"),
    "export.col.entry_id": ("Mã bản ghi", "Entry id"),
    "export.col.target_id": ("Mã chỉ tiêu", "Target id"),
    "export.col.kind": ("Loại bản ghi", "Entry kind"),
    "export.col.entered_at": ("Thời điểm nhập (giờ Hà Nội)", "Entered at (Hanoi time)"),
    "export.col.version": ("Phiên bản", "Version"),
    "export.col.goal_min": ("Mục tiêu tối thiểu", "Goal minimum"),
    "export.col.goal_max": ("Mục tiêu tối đa", "Goal maximum"),
    "export.col.as_of": ("Tính đến ngày", "As of"),
    "export.field.start": ("Từ ngày", "From"),
    "export.field.end": ("Đến ngày", "To"),
    "export.problem.end_before_start": (
        "ngày kết thúc {end} trước ngày bắt đầu {start}",
        "the end date {end} is before the start date {start}",
    ),
    "export.about.item": ("Mục", "Item"),
    "export.about.value": ("Giá trị", "Value"),
    "export.about.plan": ("Kế hoạch", "Plan"),
    "export.about.source": ("Nguồn", "Source"),
    "export.about.exported_at": ("Thời điểm xuất (giờ Hà Nội)", "Exported at (Hanoi time)"),
    "export.about.filter_target": ("Lọc theo chỉ tiêu", "Target filter"),
    "export.about.filter_districts": ("Lọc theo quận/huyện", "District filter"),
    "export.about.all": ("Tất cả", "All"),
    "export.about.entries": ("Số bản ghi đã xuất", "Entries exported"),
    "export.about.note_label": ("Ghi chú", "Note"),
    "export.about.note": (
        "Bộ lọc chỉ áp dụng cho trang «Bản ghi»; trang «Tổng quan» tính mọi chỉ tiêu trên toàn thành phố đến hết ngày {as_of}.",
        "The filters apply to the «Entries» sheet only; the «Overview» sheet covers every target city-wide up to and including {as_of}.",
    ),
    "cli.export.not_exported": ("Chưa xuất tệp nào:", "Nothing was exported:"),
    "cli.export.cannot_write": ("Không ghi được tệp {path}: {detail}", "Cannot write {path}: {detail}"),
    "cli.export.wrote_csv": (
        "Đã xuất {rows} dòng ({table}) vào {path}",
        "Wrote {rows} rows ({table}) to {path}",
    ),
    "cli.export.wrote_xlsx": (
        "Đã xuất {entries} bản ghi và {targets} chỉ tiêu vào {path}",
        "Wrote {entries} entries and {targets} targets to {path}",
    ),
    # --- a target over time ---
    "pace.title": ("Tiến độ theo thời gian", "Progress over time"),
    "pace.cumulative": ("Luỹ kế so với tiến độ cần đạt", "Cumulative against the pace needed"),
    "pace.by_period": ("Theo từng kỳ", "Per period"),
    "pace.step": ("Chia theo", "Split by"),
    "pace.step.month": ("Tháng", "Month"),
    "pace.step.quarter": ("Quý", "Quarter"),
    "pace.achieved": ("Đã đạt (luỹ kế)", "Achieved (cumulative)"),
    "pace.level": ("Mức đã báo cáo", "Level reported"),
    "pace.planned": ("Tiến độ cần đạt", "Pace needed"),
    "pace.projected": ("Dự kiến theo tốc độ hiện nay", "Projected at the pace so far"),
    "pace.goal": ("Mục tiêu", "Goal"),
    "pace.as_of": ("Tính đến {as_of}", "As of {as_of}"),
    "pace.projection": (
        "Theo tốc độ hiện nay, dự kiến đạt {projected} / {goal} ({percent}) vào {end}.",
        "At the pace so far, projected to reach {projected} / {goal} ({percent}) by {end}.",
    ),
    "pace.final": (
        "Kỳ kế hoạch đã kết thúc ngày {end}: đạt {achieved} / {goal} ({percent}).",
        "The plan's period ended on {end}: {achieved} / {goal} ({percent}) reached.",
    ),
    "pace.no_projection": (
        "Chưa thể dự báo: kỳ kế hoạch bắt đầu ngày {start}.",
        "No projection yet: the plan's period starts on {start}.",
    ),
    "pace.too_early": (
        "Còn quá sớm để dự báo: vài tuần đầu của kỳ chưa cho thấy tốc độ thực hiện.",
        "Too early to project: the first weeks of the period do not show a pace yet.",
    ),
    "pace.nothing_yet": (
        "Chưa có số liệu nào đến ngày {as_of}, nên chưa thể dự báo.",
        "Nothing recorded by {as_of}, so there is nothing to project from yet.",
    ),
    "pace.needed": (
        "Để đạt mục tiêu còn cần {remaining} {unit} trong {days} ngày còn lại (khoảng {per_month} mỗi tháng).",
        "To meet the goal, {remaining} more {unit} are needed in the {days} days left (about {per_month} a month).",
    ),
    "pace.period_achieved": ("Đã đạt trong kỳ", "Achieved in the period"),
    "pace.period_level": ("Mức cuối kỳ", "Level at the period's end"),
    "pace.period_planned": ("Cần đạt trong kỳ", "Needed in the period"),
    "pace.running": ("Kỳ đang diễn ra: số liệu đến ngày tính", "Period under way: figures up to the as-of date"),
    "pace.empty": (
        "Chưa có bản ghi nào cho chỉ tiêu này đến ngày {as_of}. Đường chấm là tiến độ cần đạt; "
        "hãy ghi kết quả ở mục «Sửa các bản ghi» bên dưới hoặc trang «Ghi nhận kết quả».",
        "Nothing is recorded for this target up to {as_of}. The dotted line is the pace needed; "
        "record results under «Edit the entries» below or on the «Record progress» page.",
    ),
    "period.month": ("T{number}/{year}", "{number}/{year}"),
    "period.quarter": ("Quý {number}/{year}", "Q{number} {year}"),
    "period.month_short": ("T{number}", "{number}"),
    "period.quarter_short": ("Quý {number}", "Q{number}"),
    "period.col.period": ("Kỳ", "Period"),
    "period.col.achieved": ("Đã đạt trong kỳ", "Achieved in the period"),
    "period.col.level": ("Mức cuối kỳ", "Level at the period's end"),
    "period.col.planned": ("Cần đạt trong kỳ", "Needed in the period"),
    "period.col.cumulative": ("Luỹ kế đã đạt", "Achieved so far"),
    "period.col.planned_cumulative": ("Luỹ kế cần đạt", "Needed so far"),
    "period.col.percent": ("% so với tiến độ", "% of the pace"),
    "period.running": ("{label} (đến {as_of})", "{label} (to {as_of})"),
    "target.about": ("Kế hoạch nói gì", "What the plan says"),
    "target.agency": ("Cơ quan chủ trì", "Responsible agency"),
    "target.funding": ("Nguồn kinh phí", "Funding"),
    "target.category": ("Lĩnh vực", "Category"),
    "overview.table.help": (
        "Chọn một dòng (ô đầu dòng) hoặc bấm vào một thanh trên biểu đồ để mở trang của chỉ tiêu đó.",
        "Select a row (the box at its start) or click a bar in the chart to open that target's page.",
    ),
    "target.as_of": ("Xem tiến độ tính đến ngày", "Progress as of"),
    "target.achieved_in": ("Đã đạt ({unit})", "Achieved ({unit})"),
    "target.source_file": ("Nguồn: {source}", "Source: {source}"),
    "goal.of": ("Mục tiêu: {goal} · đã đạt {percent}", "Goal: {goal} · {percent} reached"),
    "target.not_given": ("(kế hoạch không nêu)", "(not stated in the plan)"),
    "target.figure_no_pace": (
        "Đây là số liệu bối cảnh, không phải chỉ tiêu: không có tiến độ cần đạt.",
        "This is a context figure, not a target: it has no pace to follow.",
    ),
    # --- access ---
    "access.denied.not_signed_in": (
        "Cần đăng nhập bằng tài khoản biên tập viên để thay đổi số liệu. Chưa có gì được lưu.",
        "Sign in with an editor's account to change figures. Nothing was saved.",
    ),
    "access.denied.expired": (
        "Phiên đăng nhập đã hết hạn hoặc đã đăng xuất; hãy đăng nhập lại. Chưa có gì được lưu.",
        "The session has expired or was signed out; sign in again. Nothing was saved.",
    ),
    "access.denied.no_permission": (
        "Tài khoản của bạn chỉ được xem, không được thay đổi. Chưa có gì được lưu.",
        "Your account may look but not change anything. Nothing was saved.",
    ),
    "access.denied.no_manage": (
        "Chỉ quản trị viên mới được quản lý người dùng. Chưa có gì được lưu.",
        "Only an administrator may manage users. Nothing was saved.",
    ),
    "access.denied.no_name": (
        "Hãy nhập tên của bạn ở thanh bên trái trước khi lưu. Chưa có gì được lưu.",
        "Type your name in the sidebar before saving. Nothing was saved.",
    ),
    "access.denied.not_this_computer": (
        "Chưa có tài khoản người dùng nào, nên chỉ trình duyệt trên chính máy chủ (mở bằng localhost hoặc 127.0.0.1) "
        "mới được thay đổi số liệu và tạo quản trị viên đầu tiên. Chưa có gì được lưu.",
        "There are no user accounts yet, so only a browser on the server itself (opened at localhost or 127.0.0.1) "
        "may change figures and create the first administrator. Nothing was saved.",
    ),
    "access.denied.bad_name": (
        "Tên ở thanh bên trái có ký tự ẩn (ký tự điều khiển, đảo chiều hoặc không độ rộng) hoặc quá dài; "
        "hãy gõ lại tên. Chưa có gì được lưu.",
        "The name in the sidebar holds a hidden character (a control, direction or zero-width character) or is "
        "too long; type it again. Nothing was saved.",
    ),
    "access.denied.local_closed": (
        "Ứng dụng đã có tài khoản người dùng: hãy đăng nhập để thay đổi số liệu. Chưa có gì được lưu.",
        "The app has user accounts now: sign in to change figures. Nothing was saved.",
    ),
    "access.open_banner": (
        "Chưa có tài khoản người dùng nào: ai dùng máy tính này cũng ghi và sửa được số liệu. "
        "Tạo quản trị viên đầu tiên bằng lệnh `python -m tracker user add admin --role admin` "
        "hoặc ở trang «Người dùng».",
        "There are no user accounts yet: anyone at this computer can record and change figures. "
        "Create the first administrator with `python -m tracker user add admin --role admin` "
        "or on the «Users» page.",
    ),
    "access.open_banner_remote": (
        "Ứng dụng chưa có tài khoản người dùng, nên từ máy khác chỉ xem được. Người quản lý máy chủ hãy tạo "
        "quản trị viên đầu tiên ngay trên máy chủ: `python -m tracker user add admin --role admin`.",
        "The app has no user accounts yet, so from another computer it can only be viewed. Whoever runs the "
        "server: create the first administrator on the server itself: `python -m tracker user add admin --role admin`.",
    ),
    "access.signed_in_as": ("Đã đăng nhập", "Signed in as"),
    "access.sign_out": ("Đăng xuất", "Sign out"),
    "access.sign_in.title": ("Đăng nhập", "Sign in"),
    "access.sign_in.username": ("Tên đăng nhập", "User name"),
    "access.sign_in.password": ("Mật khẩu", "Password"),
    "access.sign_in.button": ("Đăng nhập", "Sign in"),
    "access.sign_in_to_view": (
        "Cần đăng nhập để xem bảng theo dõi này (mục đăng nhập ở thanh bên trái).",
        "Sign in to see this dashboard (the sign-in is in the sidebar).",
    ),
    "access.role.viewer": ("người xem", "viewer"),
    "access.role.editor": ("biên tập viên", "editor"),
    "access.role.admin": ("quản trị viên", "administrator"),
    "access.session_ended_keep": (
        "Phiên đăng nhập đã kết thúc. Những gì bạn đã nhập vẫn còn trên trang: hãy đăng nhập lại (thanh bên trái) rồi bấm Lưu.",
        "Your session has ended. What you typed is still on the page: sign in again (in the sidebar), then press Save.",
    ),
    "access.read_only.viewer": (
        "Tài khoản của bạn chỉ được xem, xuất và in; việc ghi và sửa số liệu cần quyền biên tập viên.",
        "Your account may look, export and print; recording and changing figures needs an editor.",
    ),
    "access.read_only.sign_in": (
        "Bạn đang xem mà chưa đăng nhập. Đăng nhập bằng tài khoản biên tập viên (thanh bên trái) để ghi và sửa số liệu.",
        "You are looking without signing in. Sign in with an editor's account (in the sidebar) to record and change figures.",
    ),
    # --- users page ---
    "nav.users": ("Người dùng", "Users"),
    "users.title": ("Người dùng và quyền", "Users and roles"),
    "users.intro": (
        "Người xem: xem, xuất và in. Biên tập viên: thêm ghi, sửa, xoá, hoàn tác số liệu và cập nhật nhiệm vụ. "
        "Quản trị viên: thêm quản lý người dùng.",
        "Viewer: look, export and print. Editor: also record, edit, delete and revert figures and update tasks. "
        "Administrator: also manage users.",
    ),
    "users.first_admin_at_server": (
        "Chưa có tài khoản nào. Quản trị viên đầu tiên chỉ được tạo ngay trên máy chủ: mở ứng dụng tại "
        "http://localhost:8501 trên chính máy đó, hoặc chạy `python -m tracker user add admin --role admin`.",
        "There are no accounts yet. The first administrator can only be created at the server itself: open the app "
        "at http://localhost:8501 on that computer, or run `python -m tracker user add admin --role admin`.",
    ),
    "users.admins_only": (
        "Chỉ quản trị viên mới xem và quản lý được người dùng. Hãy đăng nhập bằng tài khoản quản trị viên.",
        "Only an administrator can see and manage users. Sign in with an administrator's account.",
    ),
    "users.first_admin": (
        "Chưa có tài khoản nào. Hãy tạo quản trị viên đầu tiên (từ chính máy chủ); sau đó mọi thay đổi đều cần đăng nhập.",
        "There are no accounts yet. Create the first administrator (at the server itself); after that every change needs a sign-in.",
    ),
    "users.none": ("Chưa có người dùng nào.", "No users yet."),
    "users.col.username": ("Tên đăng nhập", "User name"),
    "users.col.name": ("Họ và tên", "Full name"),
    "users.col.role": ("Quyền", "Role"),
    "users.col.created": ("Ngày tạo", "Created"),
    "users.col.sessions": ("Phiên đang mở", "Open sessions"),
    "users.username_help": (
        "3–40 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang, gạch dưới.",
        "3–40 characters: lower-case letters without accents, digits, dot, hyphen, underscore.",
    ),
    "users.password": ("Mật khẩu", "Password"),
    "users.password_again": ("Nhập lại mật khẩu", "Password again"),
    "users.password_mismatch": (
        "Hai lần nhập mật khẩu không giống nhau. Chưa có gì được lưu.",
        "The two passwords differ. Nothing was saved.",
    ),
    "users.add.title": ("Thêm người dùng", "Add a user"),
    "users.add.button": ("Thêm", "Add"),
    "users.added": ("Đã thêm người dùng {username} ({role}).", "Added user {username} ({role})."),
    "users.not_saved": ("Chưa lưu: {problem}", "Not saved: {problem}"),
    "users.change.title": ("Đổi quyền, đặt lại mật khẩu, xoá", "Change role, reset password, remove"),
    "users.choose": ("Người dùng", "User"),
    "users.role.button": ("Đổi quyền", "Change role"),
    "users.role.saved": ("Đã đổi quyền của {username}.", "Changed the role of {username}."),
    "users.password.button": ("Đặt lại mật khẩu", "Reset password"),
    "users.password.saved": (
        "Đã đặt lại mật khẩu của {username}; các phiên đăng nhập cũ đã bị đóng.",
        "Reset the password of {username}; their open sessions were closed.",
    ),
    "users.remove.help": (
        "Các thay đổi người này đã làm vẫn giữ nguyên tên họ trong lịch sử.",
        "The changes this person made keep their name in the history.",
    ),
    "users.remove.confirm": ("Tôi chắc chắn muốn xoá {username}", "I am sure I want to remove {username}"),
    "users.remove.button": ("Xoá người dùng", "Remove user"),
    "users.remove.tick_first": (
        "Chưa xoá: hãy đánh dấu ô xác nhận trước khi bấm «Xoá người dùng».",
        "Not removed: tick the confirmation box before pressing «Remove user».",
    ),
    "users.removed": ("Đã xoá người dùng {username}.", "Removed user {username}."),
    # --- district breakdown ---
    "breakdown.col.district": ("Quận, huyện, thị xã", "District"),
    "breakdown.col.kind": ("Loại", "Kind"),
    "breakdown.col.quantity": ("Đã đạt ({unit})", "Achieved ({unit})"),
    "breakdown.col.share": ("Tỷ trọng trong tổng đã đạt", "Share of the achieved total"),
    "breakdown.kind.quan": ("quận", "urban district"),
    "breakdown.kind.huyen": ("huyện", "rural district"),
    "breakdown.kind.thi_xa": ("thị xã", "town"),
    "breakdown.city_wide": ("Toàn thành phố (không gắn quận, huyện)", "City-wide (no district)"),
    "breakdown.not_reported": ("chưa báo cáo", "nothing reported"),
    "breakdown.summary": (
        "{reported} / {total} quận, huyện, thị xã có báo cáo",
        "{reported} of {total} districts reported",
    ),
    "breakdown.axis": ("Đã đạt ({unit})", "Achieved ({unit})"),
    "breakdown.legend.reported": ("Quận, huyện, thị xã có báo cáo", "Districts that reported"),
    "breakdown.legend.city_wide": ("Toàn thành phố", "City-wide"),
    "breakdown.legend.not_reported": ("Chưa báo cáo", "Nothing reported"),
    "breakdown.hover": (
        "Đã đạt: {quantity} {unit}<br>Tỷ trọng: {share}",
        "Achieved: {quantity} {unit}<br>Share: {share}",
    ),
    # --- tasks ---
    "nav.tasks": ("Nhiệm vụ", "Tasks"),
    "tasks.title": ("Nhiệm vụ định tính", "Qualitative tasks"),
    "tasks.intro": (
        "Các nhiệm vụ của kế hoạch được theo dõi theo tình trạng (chưa bắt đầu, đang thực hiện, hoàn thành, vướng mắc) và nhật ký ghi chú theo ngày. Mọi thay đổi đều được lưu lại: ai, lúc nào, trước và sau; có thể hoàn tác thay đổi mới nhất của mỗi nhiệm vụ.",
        "The plan's tasks are followed by status (not started, in progress, done, blocked) and a dated note log. Every change is kept: who, when, before and after; a task's latest change can be reverted.",
    ),
    "tasks.none": (
        "Kế hoạch này không có nhiệm vụ định tính nào (mục tasks trong tệp kế hoạch).",
        "This plan has no qualitative tasks (the tasks section of the plan file).",
    ),
    "tasks.need_person": (
        "Hãy nhập tên của bạn ở thanh bên trái («Người nhập») trước khi lưu: tên được ghi cùng mỗi thay đổi. Chưa có tên thì chưa lưu được gì.",
        "Enter your name in the sidebar («Entered by») before saving: it is stored with every change. Without a name nothing can be saved.",
    ),
    "tasks.choose": ("Chọn nhiệm vụ", "Choose a task"),
    "tasks.updated": ("Cập nhật lần cuối", "Last updated"),
    "tasks.never_updated": ("Chưa cập nhật (tình trạng theo kế hoạch)", "Never updated (status as in the plan)"),
    "tasks.status.title": ("Cập nhật tình trạng", "Update the status"),
    "tasks.status.label": ("Tình trạng mới", "New status"),
    "tasks.status.save": ("Lưu tình trạng", "Save status"),
    "tasks.status.saved": ("Đã lưu tình trạng «{status}» (thay đổi #{id}).", "Saved the status «{status}» (change #{id})."),
    "tasks.status.unchanged": (
        "Nhiệm vụ đã ở tình trạng «{status}»; không có gì thay đổi.",
        "The task is already «{status}»; nothing changed.",
    ),
    "tasks.conflict": (
        "Chưa lưu: {who} đã thay đổi nhiệm vụ này lúc {when}, sau khi bạn mở trang. Tình trạng hiện tại là «{status}». Hãy xem lại rồi chọn lại tình trạng.",
        "Not saved: {who} changed this task at {when}, after you opened the page. Its status is now «{status}». Check it, then choose the status again.",
    ),
    "tasks.not_saved": ("Chưa lưu: {problem}.", "Not saved: {problem}."),
    "tasks.note.title": ("Thêm ghi chú", "Add a note"),
    "tasks.note.date": ("Ngày của ghi chú", "Date of the note"),
    "tasks.note.text": ("Nội dung ghi chú", "Note"),
    "tasks.note.placeholder": (
        "Ví dụ: Đã làm việc với UBND huyện Chương Mỹ về mặt bằng sản xuất",
        "For example: Met Chương Mỹ district about production sites",
    ),
    "tasks.note.save": ("Lưu ghi chú", "Save note"),
    "tasks.note.saved": ("Đã lưu ghi chú (thay đổi #{id}).", "Saved the note (change #{id})."),
    "tasks.notes.title": ("Nhật ký ghi chú", "Note log"),
    "tasks.notes.empty": (
        "Chưa có ghi chú nào cho nhiệm vụ này. Ghi chú đầu tiên sẽ hiện ở đây, ngày gần nhất lên đầu.",
        "No notes for this task yet. The first note will appear here, the latest date first.",
    ),
    "tasks.note.withdraw_title": ("Rút một ghi chú nhập nhầm", "Withdraw a note entered by mistake"),
    "tasks.note.withdraw_help": (
        "Ghi chú bị rút không còn trong nhật ký nhưng vẫn nằm trong lịch sử thay đổi, và việc rút có thể hoàn tác.",
        "A withdrawn note leaves the log but stays in the history, and the withdrawal can be reverted.",
    ),
    "tasks.note.withdraw_choose": ("Ghi chú cần rút", "Note to withdraw"),
    "tasks.note.withdraw": ("Rút ghi chú đã chọn", "Withdraw the chosen note"),
    "tasks.note.withdrawn": ("Đã rút ghi chú (thay đổi #{id}).", "Withdrew the note (change #{id})."),
    "tasks.note.choose_first": ("Hãy chọn ghi chú cần rút.", "Choose the note to withdraw."),
    "tasks.history.title": ("Lịch sử thay đổi của nhiệm vụ", "The task's change history"),
    "tasks.history.intro": (
        "Mới nhất lên đầu. Chỉ hoàn tác được thay đổi mới nhất; việc hoàn tác cũng được ghi lại.",
        "Newest first. Only the latest change can be reverted; the revert is recorded too.",
    ),
    "tasks.history.empty": ("Chưa có thay đổi nào.", "No changes yet."),
    "tasks.history.all": ("Lịch sử của mọi nhiệm vụ", "History of every task"),
    "tasks.revert": ("Hoàn tác thay đổi #{id}", "Revert change #{id}"),
    "tasks.revert_help": (
        "Đưa nhiệm vụ về như trước thay đổi này: tình trạng cũ được khôi phục, ghi chú vừa thêm được rút, ghi chú vừa rút trở lại.",
        "Puts the task back as it was before this change: the old status returns, a note just added is withdrawn, a note just withdrawn comes back.",
    ),
    "tasks.reverted": ("Đã hoàn tác thay đổi #{id} (thay đổi mới #{new}).", "Reverted change #{id} (new change #{new})."),
    "tasks.absent": ("(không có trong nhật ký)", "(not in the log)"),
    "tasks.action.status": ("Đổi tình trạng", "Status changed"),
    "tasks.action.note": ("Thêm ghi chú", "Note added"),
    "tasks.action.withdraw_note": ("Rút ghi chú", "Note withdrawn"),
    "tasks.action.revert": ("Hoàn tác", "Reverted"),
    "tasks.action.revert_of": ("Hoàn tác #{id}", "Revert of #{id}"),
    "tasks.col.last_note": ("Ghi chú mới nhất", "Latest note"),
    "tasks.col.updated": ("Cập nhật lần cuối", "Last updated"),
    "tasks.col.note_date": ("Ngày", "Date"),
    "tasks.col.note": ("Ghi chú", "Note"),
    "tasks.col.by": ("Người ghi", "Written by"),
    "tasks.col.at": ("Thời điểm ghi", "Written at"),
    "tasks.problem.unknown_task": ("nhiệm vụ '{task}' không có trong kế hoạch", "the task '{task}' is not in the plan"),
    "tasks.problem.unknown_status": ("'{status}' không phải là tình trạng hợp lệ", "'{status}' is not a valid status"),
    "tasks.problem.missing_author": (
        "cần ghi tên người thay đổi (ô «Người nhập» ở thanh bên trái)",
        "the name of who makes the change is required («Entered by» in the sidebar)",
    ),
    "tasks.problem.author_too_long": ("tên quá dài (tối đa {limit} ký tự)", "the name is too long (at most {limit} characters)"),
    "tasks.problem.hidden_character": (
        "có ký tự ẩn {character} (ký tự điều khiển, đảo chiều hoặc không độ rộng); hãy gõ lại thay vì dán",
        "it contains the hidden character {character} (a control, direction or zero-width character); type it instead of pasting",
    ),
    "tasks.problem.empty_note": ("hãy viết nội dung ghi chú", "write the note first"),
    "tasks.problem.note_too_long": (
        "ghi chú quá dài (tối đa {limit} ký tự)",
        "the note is too long (at most {limit} characters)",
    ),
    "tasks.problem.missing_date": ("hãy chọn ngày của ghi chú", "choose the date of the note"),
    "tasks.problem.bad_date": ("'{value}' không phải là ngày hợp lệ (dd/mm/yyyy)", "'{value}' is not a valid date (dd/mm/yyyy)"),
    "tasks.problem.future_date": (
        "ngày {date} còn ở tương lai (hôm nay là {today})",
        "the date {date} is in the future (today is {today})",
    ),
    "tasks.problem.date_too_early": (
        "ngày {date} quá sớm; ghi chú phải từ ngày {earliest} trở đi",
        "the date {date} is too early; notes start from {earliest}",
    ),
    "tasks.problem.unknown_note": ("không có ghi chú #{id}", "there is no note #{id}"),
    "tasks.problem.note_withdrawn": ("ghi chú #{id} đã được rút trước đó", "note #{id} was already withdrawn"),
    "tasks.problem.unknown_change": ("không có thay đổi #{id}", "there is no change #{id}"),
    "tasks.problem.changed_since": (
        "không hoàn tác được #{id} vì nhiệm vụ đã thay đổi sau đó; chỉ hoàn tác được thay đổi mới nhất",
        "cannot revert #{id} because the task changed after it; only the latest change can be reverted",
    ),
    "tasks.problem.try_again": (
        "có người khác vừa lưu cùng lúc; hãy thử lại",
        "someone else saved at the same moment; try again",
    ),
    # --- accounts ---
    "accounts.problem.first_must_be_admin": (
        "tài khoản đầu tiên phải là quản trị viên, để sau đó có người quản lý được người dùng",
        "the first account must be an administrator, so that someone can manage users afterwards",
    ),
    "accounts.problem.not_first": (
        "đã có tài khoản khác; hãy đăng nhập bằng tài khoản quản trị viên để thêm người dùng",
        "another account exists now; sign in as an administrator to add users",
    ),
    "accounts.problem.bad_username": (
        "tên đăng nhập phải dài 3–40 ký tự, chỉ gồm chữ a–z không dấu, chữ số, dấu chấm, gạch dưới hoặc gạch ngang",
        "a user name is 3 to 40 characters long, only letters a–z without accents, digits, dot, underscore or hyphen",
    ),
    "accounts.problem.username_taken": ("đã có người dùng {username}", "there is already a user {username}"),
    "accounts.problem.unknown_user": ("không có người dùng {username}", "there is no user {username}"),
    "accounts.problem.bad_display_name": (
        "họ và tên phải có từ 1 đến {max} ký tự và không chứa ký tự điều khiển hay ký tự ẩn",
        "the full name must be 1 to {max} characters long, without control or invisible characters",
    ),
    "accounts.problem.display_name_taken": (
        "đã có người dùng tên “{name}”; lịch sử ghi thay đổi theo tên, nên hãy thêm gì đó để phân biệt (ví dụ tên phòng)",
        "a user is already called “{name}”; the history records changes by name, so add something to tell them apart (for example the office)",
    ),
    "accounts.problem.password_too_short": ("mật khẩu phải có ít nhất {min} ký tự", "the password must have at least {min} characters"),
    "accounts.problem.password_too_long": ("mật khẩu dài tối đa {max} ký tự", "the password may have at most {max} characters"),
    "accounts.problem.password_is_username": (
        "mật khẩu không được trùng với tên đăng nhập",
        "the password must not be the user name",
    ),
    "accounts.problem.password_unreadable": (
        "mật khẩu có ký tự không đọc được; hãy gõ lại bằng bàn phím",
        "the password has characters that cannot be read; type it again on the keyboard",
    ),
    "accounts.problem.passwords_differ": ("hai lần nhập mật khẩu không giống nhau", "the two passwords differ"),
    "accounts.problem.bad_role": (
        "không có quyền “{role}”; hãy chọn viewer (người xem), editor (biên tập viên) hoặc admin (quản trị viên)",
        "there is no role “{role}”; choose viewer, editor or admin",
    ),
    "accounts.problem.last_admin": (
        "{username} là quản trị viên cuối cùng; hãy cấp quyền quản trị cho người khác trước",
        "{username} is the last administrator; make someone else an administrator first",
    ),
    "accounts.signin.wrong": ("Tên đăng nhập hoặc mật khẩu không đúng.", "Wrong user name or password."),
    "accounts.signin.paused": (
        "Đăng nhập sai quá nhiều lần. Hãy thử lại sau {time}.",
        "Too many wrong attempts. Try again after {time}.",
    ),
    "accounts.cli.not_done": ("Chưa thực hiện:", "Not done:"),
    "accounts.cli.cancelled": ("Đã huỷ; chưa có gì thay đổi.", "Cancelled; nothing changed."),
    "accounts.cli.password": ("Mật khẩu: ", "Password: "),
    "accounts.cli.password_again": ("Nhập lại mật khẩu: ", "Password again: "),
    "accounts.cli.added": ("Đã thêm người dùng {username} ({name}, {role}).", "Added user {username} ({name}, {role})."),
    "accounts.cli.password_set": (
        "Đã đổi mật khẩu của {username}; các phiên đăng nhập của người này đã bị đóng.",
        "Changed the password of {username}; their open sessions were closed.",
    ),
    "accounts.cli.role_set": ("Đã đổi quyền của {username} thành {role}.", "{username} now has the role {role}."),
    "accounts.cli.removed": (
        "Đã xoá người dùng {username}; lịch sử vẫn giữ tên người này ở các thay đổi họ đã làm.",
        "Removed user {username}; the history keeps their name on the changes they made.",
    ),
    "accounts.cli.no_users": (
        "Chưa có người dùng nào: ứng dụng đang mở trên máy này, ai cũng ghi được dưới tên mình tự nhập.",
        "No users yet: the app is open on this computer, and anyone may write under the name they type.",
    ),
    "accounts.cli.col.username": ("Tên đăng nhập", "User name"),
    "accounts.cli.col.name": ("Họ và tên", "Full name"),
    "accounts.cli.col.role": ("Quyền", "Role"),
    "accounts.cli.col.created": ("Ngày tạo", "Created"),
    "accounts.cli.col.sessions": ("Phiên đang mở", "Open sessions"),
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


def format_moment(moment: dt.datetime | None) -> str:
    """A moment (stored in UTC) as Hanoi time, dd/mm/yyyy HH:MM, in both languages."""
    return moment.astimezone(HANOI_TIME).strftime("%d/%m/%Y %H:%M") if moment is not None else "–"
