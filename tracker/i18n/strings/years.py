"""The plans over the years: the year-on-year page, and last year on a target's page."""

# key: (Vietnamese, English)
STRINGS: dict[str, tuple[str, str]] = {
    "nav.years": ("So sánh các năm", "Year on year"),
    "years.title": ("So sánh các năm", "Year on year"),
    "years.intro": (
        "Mỗi chuỗi là các chỉ tiêu của những kế hoạch liên tiếp nối với nhau (mục `continues:` trong tệp kế hoạch). "
        "Số liệu của mỗi năm đọc từ kế hoạch của năm đó; cột ngày so sánh cho biết mỗi năm đã đạt bao nhiêu "
        "vào cùng ngày ấy của năm mình.",
        "Each chain is the targets of successive plans linked to each other (`continues:` in the plan file). "
        "Each year's figures are read from that year's plan; the compared-day columns say what each year "
        "had reached by the same day of its own year.",
    ),
    "years.day": ("So sánh tại ngày", "Compare at day"),
    "years.month": ("Tháng", "Month"),
    "years.month_option": ("tháng {month}", "{month}"),
    "years.day_help": (
        "Một ngày và tháng, không có năm: mỗi năm được xem đến cùng ngày tháng ấy của năm mình "
        "(29/02 là 28/02 ở năm không có ngày đó). Mặc định: hôm nay, hoặc cuối năm khi các kế hoạch đã kết thúc.",
        "A day and a month, no year: each year is read up to that same day of its own year (29/02 is "
        "28/02 in a year without it). Default: today, or the year's end once the plans are over.",
    ),
    "years.none": (
        "Chưa có chỉ tiêu nào nối với chỉ tiêu của năm trước. Trong tệp kế hoạch, thêm "
        "`continues: id-kế-hoạch/id-chỉ-tiêu` vào chỉ tiêu của năm sau.",
        "No target continues a target of an earlier year yet. In the plan file, add "
        "`continues: plan-id/target-id` to the later year's target.",
    ),
    "years.table.title": ("Từng năm", "Year by year"),
    "years.charts.title": ("Biểu đồ từng chuỗi", "Each chain's charts"),
    "years.chain.pick": ("Chuỗi chỉ tiêu", "Chain of targets"),
    "years.change_note": ("Cách đo đã thay đổi: {note}", "The measure changed: {note}"),
    "years.col.target": ("Chỉ tiêu", "Target"),
    "years.col.year": ("Năm", "Year"),
    "years.col.goal": ("Mục tiêu", "Goal"),
    "years.col.at_day": ("Đến {day}", "By {day}"),
    "years.col.status_at_day": ("Tình trạng {day}", "Status at {day}"),
    "years.col.achieved": ("Cả năm", "Whole year"),
    "years.col.status": ("Tình trạng cả năm", "Whole-year status"),
    "years.goal_changed": ("{goal} ({number})", "{goal} ({number})"),
    "years.change_line": (
        "({number}) {target}, {year} — cách đo đã thay đổi: {note}",
        "({number}) {target}, {year} — the measure changed: {note}",
    ),
    "years.help.target": (
        "Tên ngắn của chỉ tiêu năm đó; tên đầy đủ là tiêu đề biểu đồ của chuỗi bên dưới",
        "That year's target, by its short name; the full title heads the chain's chart below",
    ),
    "years.help.year": ("Năm của kế hoạch", "The plan's year"),
    "years.help.goal": (
        "Mục tiêu như kế hoạch năm đó ghi, kèm đơn vị; (1), (2)…: năm đó đếm khác năm trước, "
        "xem ghi chú ngay dưới bảng",
        "The goal as that year's plan words it, with its unit; (1), (2)…: that year counts differently "
        "from the year before, see the notes right under the table",
    ),
    "years.help.at_day": (
        "Đã đạt đến ngày {day} của năm đó (và phần trăm mục tiêu): so sánh cùng thời điểm",
        "Achieved by {day} of that year (and the percent of its goal): like compared with like",
    ),
    "years.help.status_at_day": (
        "Tình trạng vào ngày {day} của năm đó, theo tiến độ cần đạt đến ngày ấy (như trang Tổng quan tại ngày đó)",
        "The status on {day} of that year, against the pace needed by then (as the overview says at that date)",
    ),
    "years.help.achieved": (
        "Đã đạt cả năm kế hoạch, và phần trăm mục tiêu (đến hôm nay nếu kế hoạch chưa kết thúc)",
        "Achieved over the whole plan year, and the percent of its goal (up to today while the plan runs)",
    ),
    "years.help.status": (
        "Tình trạng cuối năm kế hoạch: đạt hay không đạt (hôm nay, nếu kế hoạch chưa kết thúc)",
        "The status at the plan year's end: met or missed (today's, while the plan runs)",
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
