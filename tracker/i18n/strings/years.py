"""The plans over the years: the year-on-year page, and last year on a target's page."""

# key: (Vietnamese, English)
STRINGS: dict[str, tuple[str, str]] = {
    "nav.years": ("So sánh các năm", "Year on year"),
    "years.title": ("So sánh các năm", "Year on year"),
    "years.intro": (
        "Mỗi chuỗi là các chỉ tiêu của những kế hoạch liên tiếp nối với nhau (continues trong tệp kế hoạch). "
        "Số liệu của mỗi năm đọc từ kế hoạch của năm đó; cột ngày so sánh cho biết mỗi năm đã đạt bao nhiêu "
        "vào cùng ngày ấy của năm mình.",
        "Each chain is the targets of successive plans linked to each other (continues in the plan file). "
        "Each year's figures are read from that year's plan; the compared-day columns say what each year "
        "had reached by the same day of its own year.",
    ),
    "years.day": ("Ngày trong năm để so sánh", "Day of the year to compare"),
    "years.day_help": (
        "Chỉ ngày và tháng được dùng: mỗi năm được xem đến cùng ngày tháng ấy. Mặc định: hôm nay, "
        "hoặc cuối năm khi các kế hoạch đã kết thúc.",
        "Only the day and month count: each year is read up to that same day. Default: today, or the "
        "year's end once the plans are over.",
    ),
    "years.none": (
        "Chưa có chỉ tiêu nào nối với chỉ tiêu của năm trước. Trong tệp kế hoạch, thêm "
        "`continues: id-kế-hoạch/id-chỉ-tiêu` vào chỉ tiêu của năm sau.",
        "No target continues a target of an earlier year yet. In the plan file, add "
        "`continues: plan-id/target-id` to the later year's target.",
    ),
    "years.table.title": ("Từng năm", "Year by year"),
    "years.charts.title": ("Biểu đồ từng chuỗi", "Each chain's charts"),
    "years.change_note": ("Cách đo đã thay đổi: {note}", "The measure changed: {note}"),
    "years.col.target": ("Chỉ tiêu", "Target"),
    "years.col.year": ("Năm", "Year"),
    "years.col.goal": ("Mục tiêu", "Goal"),
    "years.col.at_day": ("Đến {day}", "By {day}"),
    "years.col.percent_at_day": ("% đến {day}", "% by {day}"),
    "years.col.achieved": ("Cả kỳ", "Whole period"),
    "years.col.percent": ("% cả kỳ", "% whole period"),
    "years.col.status": ("Trạng thái", "Status"),
    "years.col.change": ("Thay đổi cách đo", "Measure changed"),
    "years.help.target": (
        "Chỉ tiêu của năm đó (nhấn đúp vào ô để xem đủ tên)",
        "That year's target (double-click a cell for the whole title)",
    ),
    "years.help.year": ("Năm của kế hoạch", "The plan's year"),
    "years.help.goal": ("Mục tiêu như kế hoạch năm đó ghi, kèm đơn vị", "The goal as that year's plan words it, with its unit"),
    "years.help.at_day": (
        "Đã đạt đến ngày {day} của năm đó: so sánh cùng thời điểm",
        "Achieved by {day} of that year: like compared with like",
    ),
    "years.help.percent_at_day": (
        "Đã đạt đến ngày {day}, tính theo phần trăm mục tiêu (mức tối thiểu)",
        "Achieved by {day}, as a percent of the goal (its minimum)",
    ),
    "years.help.achieved": (
        "Đã đạt cả kỳ kế hoạch (đến hôm nay nếu kế hoạch chưa kết thúc)",
        "Achieved over the whole plan period (up to today while the plan runs)",
    ),
    "years.help.percent": ("Đã đạt cả kỳ, theo phần trăm mục tiêu", "Achieved over the whole period, as a percent of the goal"),
    "years.help.status": ("Trạng thái cuối kỳ, hoặc hôm nay", "The status at the period's end, or today"),
    "years.help.change": (
        "Năm đó đếm khác năm trước thế nào (ghi đủ dưới biểu đồ của chuỗi)",
        "How that year counts differently from the year before (written out under the chain's chart)",
    ),
    "years.chart.goal_achieved": ("Mục tiêu và kết quả mỗi năm", "Each year's goal and achieved"),
    "years.chart.curves": ("Lũy kế trong năm (so sánh tại {day})", "Cumulative within the year (compared at {day})"),
    "years.chart.goal": ("Mục tiêu", "Goal"),
    "years.chart.achieved": ("Đạt được", "Achieved"),
    "years.chart.month": ("Tháng", "Month"),
    "target.last_year.title": ("Năm trước, cùng thời điểm", "Last year at the same point"),
    "target.last_year.line": (
        "{year}, đến ngày {day}: **{achieved}** / {goal} {unit} ({percent}) · cả kỳ {final}",
        "{year}, by {day}: **{achieved}** / {goal} {unit} ({percent}) · whole period {final}",
    ),
    "target.last_year.this_year": (
        "{year}, đến ngày {day}: **{achieved}** / {goal} {unit} ({percent})",
        "{year}, by {day}: **{achieved}** / {goal} {unit} ({percent})",
    ),
    "target.last_year.link": ("Mở chỉ tiêu năm {year}", "Open the {year} target"),
}
