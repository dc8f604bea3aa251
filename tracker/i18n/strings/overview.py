"""The overview page."""

# key: (Vietnamese, English)
STRINGS: dict[str, tuple[str, str]] = {
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
    "overview.table.help": (
        "Chọn một dòng (ô đầu dòng) hoặc bấm vào một thanh trên biểu đồ để mở trang của chỉ tiêu đó.",
        "Select a row (the box at its start) or click a bar in the chart to open that target's page.",
    ),
    "col.help.short_names": (
        "Chỉ tiêu của kế hoạch, theo tên ngắn. Tên đầy đủ:",
        "The plan's targets by their short names. In full:",
    ),
}
