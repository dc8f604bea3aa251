"""Recording an entry: its fields, what is wrong with one, the record page and stated totals."""

# key: (Vietnamese, English)
STRINGS: dict[str, tuple[str, str]] = {
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
    "entry.kind.report": ("Báo cáo", "Report"),
    "entry.kind.adjustment": ("Điều chỉnh tổng", "Total adjustment"),
    "entry.problem.total_needs_sum": (
        "chỉ đặt được tổng cho chỉ tiêu cộng dồn; số liệu này ghi theo mức mới nhất",
        "a total can only be set for a summed target; this figure is recorded as levels",
    ),
    "record.baseline_line": ("Mức nền theo kế hoạch: {baseline} {unit}", "Baseline in the plan: {baseline} {unit}"),
    "entry.field.kind": ("Loại", "Kind"),
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
    "district.city_wide": ("Toàn thành phố", "City-wide"),
}
