"""What is wrong in a plan file, field by field."""

# key: (Vietnamese, English)
STRINGS: dict[str, tuple[str, str]] = {
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
        "thiếu 'shape' (exact, approximate, range hoặc at_least)",
        "'shape' is missing (exact, approximate, range or at_least)",
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
    "plan.problem.change_without_link": (
        "measure_changed chỉ dùng cùng với continues",
        "measure_changed goes only with continues",
    ),
    "plan.problem.duplicate_plan_id": (
        "kế hoạch '{id}' đã có ở dòng {first_line}",
        "plan '{id}' is already defined on line {first_line}",
    ),
    "plan.problem.two_defaults": (
        "chỉ một kế hoạch được có default: true (đã có ở dòng {first_line})",
        "only one plan may say default: true (one already does on line {first_line})",
    ),
    "plan.problem.continues_unknown_plan": (
        "không có kế hoạch '{plan}' trong tệp",
        "there is no plan '{plan}' in the file",
    ),
    "plan.problem.continues_unknown_target": (
        "kế hoạch '{plan}' không có chỉ tiêu '{target}'",
        "plan '{plan}' has no target '{target}'",
    ),
    "plan.problem.continues_not_earlier": (
        "chỉ được nối tới chỉ tiêu của một kế hoạch trước ('{plan}' không bắt đầu sớm hơn)",
        "a target may continue only a target of an earlier plan ('{plan}' does not start earlier)",
    ),
    "plan.problem.continues_twice": (
        "'{target}' đã được một chỉ tiêu khác nối tiếp (dòng {first_line}); mỗi chỉ tiêu chỉ có một chỉ tiêu kế tiếp",
        "'{target}' is already continued by another target (line {first_line}); a target has one successor at most",
    ),
    "plan.problem.bad_link": (
        "phải có dạng id-kế-hoạch/id-chỉ-tiêu, ví dụ hanoi-craft-villages-2017/workers-trained",
        "must read plan-id/target-id, e.g. hanoi-craft-villages-2017/workers-trained",
    ),
    "plan.problem.continues_other_kind": (
        "hai chỉ tiêu khác loại: chỉ tiêu này là '{kind}', chỉ tiêu trước là '{other}'",
        "the two targets are of different kinds: this one is '{kind}', the earlier one '{other}'",
    ),
    "plan.problem.plan_id_is_a_year": (
        "id '{id}' chỉ gồm chữ số, dễ lẫn với năm của kế hoạch trong địa chỉ và lệnh --plan; hãy thêm chữ",
        "id '{id}' is all digits and would be taken for a plan's year in addresses and --plan; add letters",
    ),
    "plan.problem.continues_needs_note": (
        "hai chỉ tiêu đo khác loại ('{other}' và '{measure}'): hãy ghi measure_changed nói điều gì đã thay đổi",
        "the two targets measure different kinds ('{other}' and '{measure}'): say what changed in measure_changed",
    ),
    "plan.problem.continues_loop": (
        "các liên kết continues tạo thành vòng lặp",
        "the continues links go round in a loop",
    ),
    "plan.problem.short_name_too_long": (
        "tên ngắn dài {length} ký tự, tối đa {limit} để bảng và biểu đồ không cắt mất chữ",
        "the short name is {length} characters long; at most {limit}, so that tables and charts do not cut it",
    ),
    "plan.problem.short_name_taken": (
        "tên ngắn '{name}' trùng với tên ngắn ở dòng {first_line} (không kể hoa thường, dấu, khoảng trắng)",
        "the short name '{name}' reads like the one on line {first_line} (case, accents and spaces aside)",
    ),
}
