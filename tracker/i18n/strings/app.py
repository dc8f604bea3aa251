"""The app's frame: menu, columns, downloads, the database's messages and the command line."""

# key: (Vietnamese, English)
STRINGS: dict[str, tuple[str, str]] = {
    "cli.description": ("Theo dõi kế hoạch phát triển nghề và làng nghề", "Craft-village plan tracker"),
    "cli.check_ok": (
        "{path}: hợp lệ — {targets} chỉ tiêu, {figures} số liệu bối cảnh, {tasks} nhiệm vụ",
        "{path}: valid — {targets} targets, {figures} context figures, {tasks} tasks",
    ),
    "cli.check_ok_plans": (
        "{path}: hợp lệ — {plans} kế hoạch, {chains} chuỗi chỉ tiêu nối qua các năm",
        "{path}: valid — {plans} plans, {chains} chains of targets linked across the years",
    ),
    "cli.plan_counts": (
        "{targets} chỉ tiêu, {figures} số liệu bối cảnh, {tasks} nhiệm vụ",
        "{targets} targets, {figures} context figures, {tasks} tasks",
    ),
    "cli.plan_default": ("[mặc định]", "[default]"),
    "cli.unknown_plan": (
        "Không có kế hoạch '{plan}'. Các kế hoạch: {known}",
        "There is no plan '{plan}'. The plans: {known}",
    ),
    "cli.bad_as_of_day": (
        "Ngày trong năm '{value}' không hợp lệ; hãy viết MM-DD, ví dụ 06-30",
        "The day of the year '{value}' is not valid; write it as MM-DD, e.g. 06-30",
    ),
    "cli.compare_none": (
        "Chưa có chỉ tiêu nào nối với chỉ tiêu của năm trước (continues trong tệp kế hoạch).",
        "No target continues a target of an earlier year yet (continues in the plan file).",
    ),
    "cli.compare_title": ("So sánh các năm, tại ngày {day} của mỗi năm", "Year on year, at {day} of each year"),
    "cli.compare_year": (
        "{year}: mục tiêu {goal} {unit}; đến ngày so sánh {at_day} ({status_at_day}); cả kỳ {achieved} ({percent}); "
        "{status}",
        "{year}: goal {goal} {unit}; by the compared day {at_day} ({status_at_day}); whole period {achieved} "
        "({percent}); {status}",
    ),
    "cli.compare_change": ("Thay đổi cách đo: {note}", "Measure changed: {note}"),
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
    "app.title": ("Theo dõi kế hoạch phát triển nghề và làng nghề", "Craft-village plan tracker"),
    "app.language": ("Ngôn ngữ", "Language"),
    "app.lang.vi": ("Tiếng Việt", "Tiếng Việt"),
    "app.lang.en": ("English", "English"),
    "nav.overview": ("Tổng quan", "Overview"),
    "nav.record": ("Ghi nhận kết quả", "Record progress"),
    "app.plan": ("Kế hoạch", "Plan"),
    "app.plan_help": (
        "Mỗi năm có một kế hoạch; mọi trang, tệp tải về và báo cáo đều theo kế hoạch chọn ở đây",
        "Each year has its plan; every page, download and report follows the plan chosen here",
    ),
    "app.plan_option": ("{year} · {title}", "{year} · {title}"),
    "app.plan_unknown": (
        "Địa chỉ nêu kế hoạch '{plan}', không có trong tệp kế hoạch; đang hiện kế hoạch mặc định.",
        "The address names plan '{plan}', which the plan file does not hold; showing the default plan.",
    ),
    "app.plans_not_in_file": (
        "Cơ sở dữ liệu có số liệu của kế hoạch {plans}, không có trong tệp kế hoạch: các số liệu đó không hiện ở đâu. "
        "Hãy thêm lại kế hoạch ấy (đúng id) vào tệp.",
        "The database holds figures of plan {plans}, which the plan file does not hold: they show nowhere. "
        "Put that plan (with that id) back in the file.",
    ),
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
    "write.not_saved": ("Chưa lưu: {problem}", "Not saved: {problem}"),
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
    "db.cli.no_file": (
        "Chưa có tệp cơ sở dữ liệu {path}: ứng dụng tạo nó ở lần chạy đầu, hoặc chạy {command}.",
        "There is no database file {path} yet: the app makes it on its first start, or run {command}.",
    ),
    "db.cli.check.agree": (
        "Số liệu tổng hợp theo ngày ({days} dòng) khớp với các bản ghi: không có gì khác nhau.",
        "The figures kept per day ({days} rows) agree with the entries: no difference.",
    ),
    "db.cli.check.differ": (
        "Số liệu tổng hợp theo ngày ({days} dòng) khác với các bản ghi ở {count} ngày:",
        "The figures kept per day ({days} rows) differ from the entries on {count} days:",
    ),
    "db.cli.check.line": (
        "  kế hoạch {plan}, chỉ tiêu {target}, nơi {place}, ngày {day}: {detail}",
        "  plan {plan}, target {target}, place {place}, day {day}: {detail}",
    ),
    "db.cli.check.column": ("{column} lưu {kept}, đếm lại {counted}", "{column} kept {kept}, counted {counted}"),
    "db.cli.check.no_row": ("(không có dòng)", "(no row)"),
    "db.cli.check.city": ("toàn thành phố", "city-wide"),
    "db.cli.check.all_places": ("mọi nơi cộng lại", "all places added up"),
    "db.cli.check.repaired": (
        "Đã đếm lại toàn bộ từ các bản ghi trong một giao dịch: {days} dòng.",
        "Counted again in full from the entries, in one transaction: {days} rows.",
    ),
    "db.cli.check.repair_hint": (
        "Các bản ghi không bị ảnh hưởng. Để đếm lại từ các bản ghi: python -m tracker db check --repair",
        "The entries are untouched. To count the figures again from them: python -m tracker db check --repair",
    ),
    "db.cli.check.behind": (
        "Chưa kiểm tra được: phiên bản lược đồ {current}.",
        "Nothing checked: schema revision {current}.",
    ),
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
    "database.cannot_write.read_only": (
        "Không ghi được vào cơ sở dữ liệu ở đây: {place} chỉ cho đọc với người dùng đang chạy ứng dụng (hoặc lệnh). "
        "Chưa có gì được ghi; số liệu vẫn xem được. Hãy cho phép ghi vào {place}, hoặc chạy bằng người dùng có "
        "quyền ghi, rồi khởi động lại ứng dụng (hoặc chạy lại lệnh).",
        "Cannot write to the database here: {place} is read-only for the user running the app (or the command). "
        "Nothing was written; the figures can still be read. Make {place} writable, or run as a user who may write "
        "there, then restart the app (or run the command again).",
    ),
    "database.cannot_write.cannot_create": (
        "Chưa có tệp cơ sở dữ liệu {file}, và không tạo được nó ở đây: thư mục {place} chỉ cho đọc với người dùng "
        "đang chạy ứng dụng (hoặc lệnh). Chưa có gì được tạo hay ghi. Hãy cho phép ghi vào {place}, hoặc chỉ "
        "TRACKER_DATABASE_URL tới tệp cơ sở dữ liệu đã có.",
        "There is no database file {file} yet, and it cannot be made here: the folder {place} is read-only for the "
        "user running the app (or the command). Nothing was created or written. Make {place} writable, or point "
        "TRACKER_DATABASE_URL at the database file that exists.",
    ),
    "database.cannot_write.cannot_create_folder": (
        "Không tạo được thư mục {place} cho cơ sở dữ liệu ({detail}). Chưa có gì được tạo hay ghi. Hãy tạo thư mục "
        "đó với quyền ghi cho người dùng chạy ứng dụng, hoặc đặt TRACKER_DATABASE_URL tới một thư mục ghi được.",
        "Cannot make the folder {place} for the database ({detail}). Nothing was created or written. Make that "
        "folder, writable by the user running the app, or set TRACKER_DATABASE_URL to a folder that can be written.",
    ),
    "database.cannot_write.upgrade_needed": (
        "Cơ sở dữ liệu cần được nâng cấp (phiên bản lược đồ {current} → {head}) trước khi dùng, nhưng {place} chỉ "
        "cho đọc với người dùng đang chạy ứng dụng (hoặc lệnh). Chưa có gì được ghi. Hãy chạy `{command}` bằng "
        "người dùng có quyền ghi vào {place}.",
        "The database must be upgraded (schema revision {current} → {head}) before it can be used, but {place} is "
        "read-only for the user running the app (or the command). Nothing was written. Run `{command}` as a user "
        "who may write to {place}.",
    ),
    "app.db_read_only.title": ("Không ghi được vào cơ sở dữ liệu ở đây", "The database cannot be written here"),
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
        "Chưa lưu: cơ sở dữ liệu không nhận lần ghi này ({detail}). Không có gì bị ghi dở; hãy thử lại sau ít phút.",
        "Not saved: the database did not take this write ({detail}). Nothing was half-written; try again in a few "
        "minutes.",
    ),
    "app.db_read_only_write": (
        "Chưa lưu: cơ sở dữ liệu chỉ cho đọc ở đây ({detail}). Không có gì được ghi; hãy báo người quản trị máy chủ.",
        "Not saved: the database is read-only here ({detail}). Nothing was written; tell the server's administrator.",
    ),
    "app.source": ("Nguồn: {source}", "Source: {source}"),
    "app.period": ("Thời kỳ kế hoạch: {start} – {end}", "Plan period: {start} – {end}"),
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
    "col.details_link": ("Xem ›", "Open ›"),
    "col.figure": ("Số liệu", "Figure"),
    "col.baseline": ("Mức nền (theo kế hoạch)", "Baseline (in the plan)"),
    "col.latest": ("Số mới nhất đã ghi", "Latest recorded"),
    "col.task": ("Nhiệm vụ", "Task"),
    "col.owner": ("Đơn vị chủ trì", "Owner"),
    # Short headers where a table on screen needs them; the full names, explained, show on hover.
    "col.short.percent": ("% đạt", "% min"),
    "col.short.percent_of_max": ("% tối đa", "% max"),
    "col.short.expected": ("Cần đạt", "Needed"),
    "col.short.projected": ("Dự kiến", "Projected"),
    "col.help.target": ("Chỉ tiêu của kế hoạch. Tên dài bị cắt: bấm đúp vào ô để đọc hết.", "The plan's target. A long name is cut short: double-click the cell to read all of it."),
    "col.help.status": ("Tình trạng so với tiến độ cần đạt đến ngày đang xem", "Status against the pace needed by the date shown"),
    "col.help.details": ("Chi tiết: trang riêng của chỉ tiêu, mở ở thẻ mới", "Details: the target's own page, in a new tab"),
    "col.help.goal": ("Mục tiêu kế hoạch đặt ra cho cả kỳ", "The goal the plan sets for its whole period"),
    "col.help.goal_unit": ("Mục tiêu kế hoạch đặt ra cho cả kỳ, kèm đơn vị tính", "The goal the plan sets for its whole period, with its unit"),
    "col.help.unit": ("Đơn vị tính của mục tiêu", "The unit the goal is counted in"),
    "col.help.owner": ("Đơn vị chủ trì thực hiện chỉ tiêu", "Owner: the agency in charge of the target"),
    "col.help.achieved": ("Đã đạt đến ngày đang xem", "Achieved up to the date shown"),
    "col.help.percent": ("% mục tiêu (tối thiểu): phần đã đạt so với mục tiêu, hoặc so với mức tối thiểu nếu mục tiêu là một khoảng", "% of goal (minimum): the share of the goal achieved, or of its minimum when the goal is a range"),
    "col.help.percent_of_max": ("% mức tối đa: phần đã đạt so với mức tối đa, khi mục tiêu là một khoảng", "% of maximum: the share of the range's maximum achieved, when the goal is a range"),
    "col.help.expected": ("Cần đạt đến nay: mức tiến độ kế hoạch đòi hỏi đến ngày đang xem", "Expected by now: what the plan's pace asks for by the date shown"),
    "col.help.projected": ("Dự kiến cuối kỳ: mức sẽ đạt vào cuối kỳ kế hoạch nếu giữ tốc độ hiện nay", "Projected at period end: where the pace so far leads by the end of the plan period"),
    "nav.target": ("Chỉ tiêu và bản ghi", "Targets and entries"),
    "nav.history": ("Lịch sử thay đổi", "Change history"),
    "download.title": ("Tải xuống", "Download"),
    "download.xlsx": ("Excel (.xlsx): tổng quan và bản ghi", "Excel (.xlsx): overview and entries"),
    "download.entries_csv": ("CSV: bản ghi", "CSV: entries"),
    "download.overview_csv": ("CSV: tổng quan", "CSV: overview"),
    "download.filtered": (
        "Bản ghi được xuất theo bộ lọc đang chọn ở trên.",
        "Entries are exported as filtered above.",
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
    "nav.users": ("Người dùng", "Users"),
    "nav.tasks": ("Nhiệm vụ", "Tasks"),
}
