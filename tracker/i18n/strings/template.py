"""The report template: its headers, its instructions sheet, the download."""

# key: (Vietnamese, English)
STRINGS: dict[str, tuple[str, str]] = {
    # column headers of the data sheet (and of the CSV), one per tracker.domain.reports.Field
    "template.col.district": ("Quận/huyện", "District"),
    "template.col.target": ("Mục tiêu", "Target"),
    "template.col.unit": ("Đơn vị", "Unit"),
    "template.col.period": ("Kỳ báo cáo", "Period"),
    "template.col.date": ("Ngày", "Date"),
    "template.col.quantity": ("Số lượng", "Quantity"),
    "template.col.village": ("Làng nghề", "Village"),
    "template.col.note": ("Ghi chú", "Note"),
    "template.col.target_id": ("Mã mục tiêu", "Target id"),
    "template.col.plan_id": ("Mã kế hoạch", "Plan id"),
    # what each column means, on the instructions sheet
    "template.col_help.district": (
        "Quận, huyện, thị xã báo cáo: chọn trong danh sách thả xuống, hoặc “{city_wide}” cho số liệu không thuộc riêng quận, huyện nào.",
        "The district reporting: pick it from the drop-down list, or “{city_wide}” for a figure that belongs to no single district.",
    ),
    "template.col_help.target": (
        "Mục tiêu của kế hoạch mà con số thuộc về. Đã điền sẵn, không sửa.",
        "The plan's target the figure is for. Filled in already; do not change it.",
    ),
    "template.col_help.unit": (
        "Đơn vị tính của mục tiêu (lao động, làng nghề, dự án...). Đã điền sẵn.",
        "The target's unit (workers, villages, projects...). Filled in already.",
    ),
    "template.col_help.period": (
        "Tháng (2017-03), quý (2017-Q1) hoặc năm (2017) mà con số thuộc về. Đã điền sẵn.",
        "The month (2017-03), quarter (2017-Q1) or year (2017) the figure is for. Filled in already.",
    ),
    "template.col_help.quantity": (
        "Con số thực hiện được, tính theo đơn vị của mục tiêu. Cần điền.",
        "The figure achieved, in the target's unit. To fill in.",
    ),
    "template.col_help.village": (
        "Tên làng nghề, khi con số thuộc về một làng nghề. Không bắt buộc.",
        "The craft village's name, when the figure belongs to one village. Optional.",
    ),
    "template.col_help.note": (
        "Nguồn số liệu, lời giải thích. Không bắt buộc.",
        "Where the figure comes from, an explanation. Optional.",
    ),
    "template.col_help.target_id": (
        "Cột ẩn: giúp hệ thống nhận đúng mục tiêu của dòng. Không sửa.",
        "Hidden column: tells the tracker which target the row is for. Do not edit it.",
    ),
    "template.col_help.plan_id": (
        "Cột ẩn: tệp làm cho kế hoạch khác sẽ bị từ chối. Không sửa.",
        "Hidden column: a file made for another plan is refused. Do not edit it.",
    ),
    # the instructions sheet
    "template.instructions.title": ("Hướng dẫn điền mẫu báo cáo số liệu", "How to fill in the report template"),
    "template.instructions.plan": ("Kế hoạch: {plan}", "Plan: {plan}"),
    "template.instructions.columns": ("Các cột của trang “{sheet}”", "The columns of the “{sheet}” sheet"),
    "template.instructions.how": ("Cách điền", "How to fill it in"),
    "template.instructions.fill_only": (
        "Chỉ điền các cột có nền màu: {columns}. Các cột khác đã được điền sẵn.",
        "Fill in only the shaded columns: {columns}. The other columns are filled in already.",
    ),
    "template.instructions.numbers": (
        "Ghi số lượng bằng chữ số, không dùng dấu phân cách hàng nghìn và không kèm đơn vị: 1500, không phải 1.500 hay “1500 lao động”. Ô chỉ nhận số; số thập phân ghi theo cách Excel trên máy bạn quy định. Không ghi số âm; mục tiêu đếm (người, làng nghề, dự án...) chỉ nhận số nguyên.",
        "Write the quantity in digits, with no thousands separator and no unit: 1500, not 1,500 or “1500 workers”. The cell takes numbers only; type decimals the way your Excel expects them. No negative numbers; a target that counts (people, villages, projects...) takes whole numbers only.",
    ),
    "template.instructions.empty": (
        "Ô số lượng để trống nghĩa là chưa nói gì: dòng đó không được nhập, và quận/huyện vẫn được tính là chưa báo "
        "cáo mục tiêu đó. Ghi 0 nghĩa là «không có số liệu kỳ này»: trong {cadence} chứa dòng đó, quận/huyện không "
        "có kết quả nào cho mục tiêu; hệ thống ghi một báo cáo «không có số liệu» và tính là đã báo cáo. Nếu cùng "
        "{cadence} đó đã có con số khác của quận/huyện cho mục tiêu (trong tệp hoặc đã ghi), số 0 chỉ là con số 0 "
        "của dòng ấy.",
        "An empty quantity says nothing: the row is not imported, and the target still counts as not reported by "
        "the district. 0 means «nothing this period»: in the {cadence} that holds the row the district had "
        "no result for the target; the tracker records a nil report and counts the district as having reported. If "
        "that {cadence} already has another figure of the district for the target (in the file or recorded), the 0 "
        "is just that row's figure of 0.",
    ),
    "template.instructions.one_row": (
        "Mỗi dòng là một con số: một quận/huyện, một mục tiêu, một kỳ (và một làng nghề nếu có). Không gộp nhiều số vào một ô.",
        "Each row holds one figure: one district, one target, one period (and one village, if any). Never put several numbers in one cell.",
    ),
    "template.instructions.village_row": (
        "Để báo cáo riêng từng làng nghề: chọn cả dòng, sao chép (Ctrl+C), bấm chuột phải vào số dòng ngay dưới và chọn “Chèn ô đã sao chép”; giữ nguyên quận/huyện, mục tiêu và kỳ, rồi ghi tên làng nghề và số lượng của làng đó trên mỗi dòng.",
        "To report village by village: select the whole row, copy it (Ctrl+C), right-click the row number just below and choose “Insert Copied Cells”; keep the district, target and period, then write one village's name and its quantity on each row.",
    ),
    "template.instructions.keep_columns": (
        "Không đổi tên, xoá, thêm hay đổi thứ tự các cột; không đổi tên trang “{sheet}”; không sửa các cột ẩn {hidden} (mã mục tiêu, mã kế hoạch).",
        "Do not rename, delete, add or reorder columns; do not rename the “{sheet}” sheet; do not edit the hidden columns {hidden} (target id, plan id).",
    ),
    "template.instructions.targets": ("Các mục tiêu và cách tính số lượng", "The targets and what the quantity counts"),
    "template.instructions.upload": (
        "Điền xong, lưu tệp (giữ định dạng .xlsx hoặc .csv) rồi tải lên trang “Nhập từ tệp” của hệ thống theo dõi, hoặc chạy lệnh: python -m tracker import TỆP",
        "When done, save the file (keep it .xlsx or .csv) and upload it on the tracker's page “Nhập từ tệp” (Import from file), or run: python -m tracker import FILE",
    ),
    "template.aggregation.sum": (
        "ghi phần làm được trong kỳ đó, không cộng dồn từ đầu năm",
        "write what was done in that period alone, not the running total",
    ),
    "template.aggregation.latest": (
        "ghi mức đạt được tính đến cuối kỳ",
        "write the level reached at the end of the period",
    ),
    # the data sheet's drop-down and number checks (Excel allows 32 characters in a title)
    "template.validation.district_title": ("Sai tên quận/huyện", "Unknown district"),
    "template.validation.district_error": (
        "Hãy chọn một quận, huyện, thị xã trong danh sách thả xuống, hoặc “{city_wide}”.",
        "Pick a district from the drop-down list, or “{city_wide}”.",
    ),
    "template.validation.quantity_title": ("Số lượng thực hiện", "Quantity achieved"),
    "template.validation.quantity_prompt": (
        "Một số không âm, không có dấu phân cách hàng nghìn. Để trống nếu chưa có số liệu; ghi 0 nếu kỳ này không có "
        "số liệu.",
        "A number not below zero, with no thousands separator. Leave it empty when there is no figure yet; write 0 "
        "for nothing this period.",
    ),
    "template.validation.quantity_error_title": ("Số lượng không hợp lệ", "Invalid quantity"),
    "template.validation.whole_error": (
        "Mục tiêu này đếm số nguyên: hãy nhập một số nguyên không âm (0, 1, 2...), không kèm chữ hay đơn vị.",
        "This target counts whole things: type a whole number not below zero (0, 1, 2...), with no words or unit.",
    ),
    "template.validation.decimal_error": (
        "Hãy nhập một số không âm, không kèm chữ hay đơn vị.",
        "Type a number not below zero, with no words or unit.",
    ),
    # the workbook's own properties
    "template.properties.title": ("Mẫu báo cáo số liệu: {plan}", "Report template: {plan}"),
    "template.properties.creator": ("Sở Công Thương Hà Nội", "Hanoi Department of Industry and Trade"),
}
