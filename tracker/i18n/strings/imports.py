"""Importing a district's report: mapping, preview, save, the batches and their undo."""

# key: (Vietnamese, English)
STRINGS: dict[str, tuple[str, str]] = {
    # What a column holds (the mapping's choices and the preview's column names).
    "import.field.district": ("Quận/huyện", "District"),
    "import.field.target": ("Mục tiêu", "Target"),
    "import.field.unit": ("Đơn vị", "Unit"),
    "import.field.period": ("Kỳ báo cáo", "Period"),
    "import.field.date": ("Ngày", "Date"),
    "import.field.quantity": ("Số lượng", "Quantity"),
    "import.field.village": ("Làng nghề", "Village"),
    "import.field.note": ("Ghi chú", "Note"),
    "import.field.target_id": ("Mã mục tiêu", "Target id"),
    "import.field.plan_id": ("Mã kế hoạch", "Plan id"),
    # Why a row cannot be imported.
    "import.problem.hidden_row": (
        "dòng này đang bị ẩn trong bảng tính; hãy hiện dòng (Unhide) hoặc xoá nó, để số được nhập đúng là số bạn thấy",
        "this row is hidden in the sheet; unhide it or delete it, so that what is imported is what you see",
    ),
    "import.problem.uncomputed_formula": (
        "ô có công thức chưa từng được tính (tệp không được lưu bằng Excel); hãy mở tệp bằng Excel và lưu lại",
        "the cell holds a formula that was never computed (the file was not saved by Excel); open it in Excel and save it",
    ),
    "import.problem.other_plan": (
        "dòng này thuộc kế hoạch '{plan}', không phải kế hoạch đang chọn ('{expected}')",
        "this row belongs to the plan '{plan}', not to the plan chosen ('{expected}')",
    ),
    "import.problem.unknown_target_id": (
        "mã mục tiêu '{value}' không có trong kế hoạch; đừng sửa các cột mã ẩn của mẫu",
        "the target id '{value}' is not in the plan; do not edit the template's hidden id columns",
    ),
    "import.problem.missing_target": ("thiếu tên mục tiêu", "the target's name is missing"),
    "import.problem.unknown_target": (
        "'{value}' không phải mục tiêu nào của kế hoạch",
        "'{value}' is not a target of the plan",
    ),
    "import.problem.unknown_target_close": (
        "'{value}' không phải mục tiêu nào của kế hoạch; gần nhất: {close}",
        "'{value}' is not a target of the plan; closest: {close}",
    ),
    "import.problem.missing_district": (
        "thiếu quận/huyện (ghi «Toàn thành phố» cho số liệu chung của thành phố)",
        "the district is missing (write «Toàn thành phố» for a city-wide figure)",
    ),
    "import.problem.unknown_district": (
        "'{value}' không phải quận, huyện, thị xã nào của Hà Nội năm 2017",
        "'{value}' is not one of Hanoi's districts in 2017",
    ),
    "import.problem.unknown_district_close": (
        "'{value}' không phải quận, huyện, thị xã nào của Hà Nội năm 2017; có phải: {close}?",
        "'{value}' is not one of Hanoi's districts in 2017; did you mean: {close}?",
    ),
    "import.problem.missing_period": (
        "thiếu kỳ báo cáo hoặc ngày (ví dụ 2017-03, 2017-Q1, 31/03/2017)",
        "the period or date is missing (e.g. 2017-03, 2017-Q1, 31/03/2017)",
    ),
    "import.problem.bad_period": (
        "'{value}' không phải kỳ báo cáo (2017-03, 2017-Q1, 2017) hay ngày (dd/mm/yyyy, yyyy-mm-dd)",
        "'{value}' is neither a period (2017-03, 2017-Q1, 2017) nor a date (dd/mm/yyyy, yyyy-mm-dd)",
    ),
    "import.problem.period_outside": (
        "kỳ '{value}' nằm ngoài thời kỳ của mục tiêu này",
        "the period '{value}' lies outside this target's period",
    ),
    "import.problem.quantity_not_a_number": ("'{value}' không phải là một số", "'{value}' is not a number"),
    "import.problem.duplicate_row": (
        "trùng với dòng {other} (cùng mục tiêu, quận/huyện, làng nghề và kỳ); mỗi số liệu chỉ ghi một dòng",
        "the same figure as row {other} (same target, district, village and period); give each figure one row",
    ),
    "import.problem.period_overlaps": (
        "số liệu của kỳ {period} trùng với {count} số liệu đã có trong kỳ này (theo tháng); lưu vào sẽ bị tính hai "
        "lần. Hãy báo cáo theo tháng, hoặc xoá các số liệu tháng trước",
        "the figure for {period} overlaps {count} figures already within it (by month); saved, they would count "
        "twice. Report by month, or delete the monthly figures first",
    ),
    "import.problem.ambiguous_match": (
        "đã có {count} bản ghi cùng mục tiêu, quận/huyện, làng nghề và ngày này; hãy sửa chúng trên trang mục tiêu",
        "{count} entries already share this target, district, village and day; edit them on the target's page",
    ),
    # Why the file as a whole cannot be imported.
    "import.file.no_rows": ("tệp không có dòng số liệu nào", "the file holds no rows of figures"),
    "import.file.no_header": (
        "không tìm thấy dòng tiêu đề (Quận/huyện, Mục tiêu, Kỳ báo cáo, Số lượng…); hãy chọn cột cho từng mục bên dưới",
        "no header row found (District, Target, Period, Quantity…); choose the column of each field below",
    ),
    "import.file.missing_columns": (
        "chưa biết cột nào chứa: {fields}; hãy chọn cột cho các mục này",
        "it is not known which column holds: {fields}; choose a column for each",
    ),
    "import.file.repeated_columns": (
        "nhiều cột cùng tên: {columns}; hãy chọn cột đúng cho mục này bên dưới",
        "several columns have the same name: {columns}; choose the right one for this field below",
    ),
    "import.file.merged_cells": (
        "vùng số liệu có ô gộp ({ranges}); hãy bỏ gộp ô (Unmerge) để mỗi dòng có đủ giá trị của nó",
        "the data area has merged cells ({ranges}); unmerge them so that every row holds its own values",
    ),
    # Undoing a whole import.
    "import.revert_error.unknown": ("không có lần nhập số {id}", "there is no import number {id}"),
    "import.revert_error.already": (
        "lần nhập số {id} đã được hoàn tác (bởi {by})",
        "import number {id} has already been undone (by {by})",
    ),
    "import.revert_error.changed_since": (
        "không hoàn tác được lần nhập số {id}: {count} bản ghi của nó đã được sửa sau đó ({entries}); "
        "hãy hoàn tác những thay đổi sau trước, hoặc sửa từng bản ghi",
        "import number {id} cannot be undone: {count} of its entries were changed after it ({entries}); "
        "undo those later changes first, or edit the entries one by one",
    ),
    # The preview.
    "import.outcome.error": ("Lỗi", "Error"),
    "import.outcome.new": ("Mới", "New"),
    "import.outcome.changed": ("Thay đổi", "Changed"),
    "import.outcome.unchanged": ("Không đổi", "Unchanged"),
    "import.outcome.blank": ("Để trống", "Left empty"),
    "import.col.row": ("Dòng", "Row"),
    "import.col.outcome": ("Kết quả", "Outcome"),
    "import.col.day": ("Ngày ghi", "Day recorded"),
    "import.col.problems": ("Lỗi", "Problems"),
    "import.col.before": ("Đã đạt hiện nay", "Achieved now"),
    "import.col.after": ("Sau khi nhập", "After the import"),
    "import.col.difference": ("Chênh lệch", "Difference"),
    "import.counts": (
        "{rows} dòng: {new} mới, {changed} thay đổi, {unchanged} không đổi, {errors} lỗi, {blank} để trống",
        "{rows} rows: {new} new, {changed} changed, {unchanged} unchanged, {errors} errors, {blank} left empty",
    ),
    # The command line.
    "import.cli.file": (
        "Tệp {file} (SHA-256 {sha256}…), kế hoạch {plan}",
        "File {file} (SHA-256 {sha256}…), plan {plan}",
    ),
    "import.cli.row": ("dòng {row}: {text}", "row {row}: {text}"),
    "import.cli.more": ("… và {count} dòng nữa", "… and {count} more rows"),
    "import.cli.changed_row": ("dòng {row}: {what}: {change}", "row {row}: {what}: {change}"),
    "import.cli.total": ("{target}: {before} → {after} {unit}", "{target}: {before} → {after} {unit}"),
    "import.cli.saved": (
        "Đã lưu lần nhập số {id}: {new} bản ghi mới, {changed} bản ghi sửa.",
        "Saved as import number {id}: {new} new entries, {changed} changed.",
    ),
    "import.cli.dry_run": ("Chạy thử: chưa ghi gì.", "Dry run: nothing was written."),
    "import.cli.not_saved": (
        "Chưa ghi gì: tệp có lỗi, hãy sửa rồi nhập lại.",
        "Nothing was written: the file has errors; fix them and import it again.",
    ),
    "import.cli.nothing": (
        "Không có gì để ghi: mọi số liệu trong tệp đã có đúng như vậy.",
        "Nothing to write: every figure of the file is already recorded as it is.",
    ),
    "import.cli.stale": (
        "Chưa ghi gì: {count} số liệu đã được người khác ghi hoặc sửa trong lúc đọc tệp; hãy chạy lại lệnh.",
        "Nothing was written: {count} figures were recorded or changed by someone else meanwhile; run the command again.",
    ),
    "import.cli.unreadable": ("Không đọc được tệp {file}: {reason}", "Cannot read the file {file}: {reason}"),
    "import.cli.bad_map": (
        "'{value}' không phải dạng MỤC=CỘT (ví dụ quantity=\"Kết quả\"); các mục: {fields}",
        "'{value}' is not FIELD=COLUMN (e.g. quantity=\"Result\"); the fields: {fields}",
    ),
    "import.cli.no_column": (
        "không có cột '{column}' trong dòng tiêu đề",
        "there is no column '{column}' in the header row",
    ),
    "template.cli.written": (
        "Đã ghi mẫu báo cáo {path}: {rows} dòng.",
        "Wrote the report template {path}: {rows} rows.",
    ),
    "template.cli.bad_period": (
        "'{value}' không phải kỳ báo cáo của kế hoạch (ví dụ 2017-03, 2017-Q1, 2017)",
        "'{value}' is not a period of the plan (e.g. 2017-03, 2017-Q1, 2017)",
    ),
    "template.cli.bad_format": (
        "tên tệp phải kết thúc bằng .xlsx hoặc .csv: {path}",
        "the file name must end in .xlsx or .csv: {path}",
    ),
    # The batches in the history.
    "import.batch.title": (
        "Lần nhập số {id}: {file} · {by} · {at} · {new} mới, {changed} thay đổi, {unchanged} không đổi",
        "Import number {id}: {file} · {by} · {at} · {new} new, {changed} changed, {unchanged} unchanged",
    ),
    "import.batch.reverted": ("đã hoàn tác bởi {by} lúc {at}", "undone by {by} at {at}"),
    # The page.
    "nav.import": ("Nhập từ tệp", "Import from file"),
    "import.title": ("Nhập số liệu từ tệp", "Import figures from a file"),
    "import.intro": (
        "Các quận, huyện gửi số liệu hằng tháng hoặc hằng quý bằng bảng tính. Tải mẫu báo cáo, gửi cho quận/huyện "
        "điền, rồi tải tệp lên đây: trang cho xem trước từng dòng sẽ thêm, sửa hay giữ nguyên, và chỉ lưu khi bạn "
        "bấm Lưu. Một lần nhập được lưu trọn vẹn hoặc không lưu gì, và có thể hoàn tác cả lần nhập bằng một nút.",
        "Districts send their monthly or quarterly figures as spreadsheets. Download the report template, send it "
        "to the district to fill in, then upload the file here: the page previews every row it would add, change "
        "or leave as it is, and saves only when you press Save. An import is saved whole or not at all, and the "
        "whole import can be undone with one button.",
    ),
    "import.template.title": ("1. Mẫu báo cáo", "1. The report template"),
    "import.template.intro": (
        "Mỗi dòng là một quận/huyện × một mục tiêu × một kỳ; quận/huyện chỉ điền cột Số lượng (và Làng nghề, Ghi chú "
        "nếu cần). Chọn «Điền sẵn số đã ghi» để quận/huyện sửa số đã có thay vì gõ lại.",
        "Each row is a district × a target × a period; the district fills in the Quantity column only (and Village, "
        "Note if needed). Choose «Pre-fill recorded figures» so that a district corrects what is there rather than "
        "retypes it.",
    ),
    "import.template.all_districts": ("Tất cả 30 quận, huyện, thị xã", "All 30 districts"),
    "import.template.all_months": ("Từng tháng của kế hoạch", "Each month of the plan"),
    "import.template.prefilled": ("Điền sẵn số đã ghi", "Pre-fill recorded figures"),
    "import.template.xlsx": ("Tải mẫu Excel (.xlsx)", "Download the Excel template (.xlsx)"),
    "import.template.csv": ("Tải mẫu CSV", "Download the CSV template"),
    "import.upload.title": ("2. Tải tệp lên và xem trước", "2. Upload a file and preview it"),
    "import.upload.label": ("Tệp báo cáo (.xlsx, .xls, .ods hoặc .csv)", "Report file (.xlsx, .xls, .ods or .csv)"),
    "import.upload.help": (
        "Tệp Excel (.xlsx, hoặc .xls 97-2003), LibreOffice (.ods) hoặc CSV, tối đa {limit} MB và {rows} dòng. Tệp không theo mẫu cũng được, nếu các cột có "
        "thể ghép với Quận/huyện, Mục tiêu, Kỳ báo cáo (hoặc Ngày) và Số lượng.",
        "An Excel (.xlsx, or 97-2003 .xls), LibreOffice (.ods) or CSV file, at most {limit} MB and {rows} rows. A file not made from the template is fine "
        "too, if its columns can be matched to District, Target, Period (or Date) and Quantity.",
    ),
    "import.upload.editors_only": (
        "Chỉ biên tập viên và quản trị viên tải được tệp lên để xem trước và nhập; hãy đăng nhập. Mẫu báo cáo ở trên "
        "thì ai cũng tải về được.",
        "Only editors and administrators can upload a file to preview and import it; sign in. Anyone can download "
        "the template above.",
    ),
    "import.upload.waiting": (
        "Máy chủ đang đọc tệp của một người khác; tệp của bạn sẽ được đọc ngay sau đó (thường chỉ vài giây). "
        "Xin chờ, đừng tải lại trang.",
        "The server is reading someone else's file; yours is read right after it (usually a few seconds). "
        "Please wait; do not reload the page.",
    ),
    "import.upload.busy": (
        "Máy chủ vẫn bận đọc tệp của người khác sau {seconds} giây chờ, nên chưa đọc tệp của bạn; chưa ghi gì. "
        "Tệp vẫn được giữ: bấm «Thử lại» sau ít phút.",
        "The server was still busy reading other people's files after {seconds} seconds, so your file has not "
        "been read yet; nothing was written. The file is kept: press «Try again» in a few minutes.",
    ),
    "import.upload.retry": ("Thử lại", "Try again"),
    "import.upload.empty": (
        "Chưa có tệp nào. Tải tệp lên để xem trước; chưa có gì được ghi cho đến khi bạn bấm Lưu.",
        "No file yet. Upload one to preview it; nothing is written until you press Save.",
    ),
    "import.upload.unreadable": (
        "Không đọc được tệp: {reason} Chưa ghi gì.",  # every reason is a sentence of its own
        "Cannot read the file: {reason} Nothing was written.",
    ),
    "import.mapping.title": ("Các cột của tệp", "The file's columns"),
    "import.mapping.intro": (
        "Các cột được ghép theo tên tiêu đề. Nếu ghép sai hoặc thiếu, hãy chọn lại; bản xem trước đổi theo ngay.",
        "The columns are matched by their header names. If a match is wrong or missing, choose again; the preview "
        "follows at once.",
    ),
    "import.mapping.none": ("(không có trong tệp)", "(not in the file)"),
    "import.mapping.unnamed": ("cột {column} (không tên)", "column {column} (no name)"),
    "import.preview.title": ("Xem trước", "Preview"),
    "import.preview.file": (
        "{file} · {size} · SHA-256 {sha}… · {rows} dòng số liệu dưới dòng tiêu đề",
        "{file} · {size} · SHA-256 {sha}… · {rows} rows of figures under the header row",
    ),
    "import.preview.has_errors": (
        "{count} dòng có lỗi (xem cột Lỗi). Chưa lưu được gì: hãy sửa tệp rồi tải lên lại.",
        "{count} rows have errors (see the Problems column). Nothing can be saved yet: fix the file and upload it again.",
    ),
    "import.preview.nothing": (
        "Mọi số liệu trong tệp đã có đúng như vậy: không có gì để lưu.",
        "Every figure in the file is already recorded as it is: nothing to save.",
    ),
    "import.preview.totals": ("Đã đạt: hiện nay và sau khi nhập", "Achieved: now and after the import"),
    "import.preview.filter": ("Hiện", "Show"),
    "import.preview.all": ("Tất cả", "All"),
    "import.save": ("Lưu {count} thay đổi", "Save {count} changes"),
    "import.save.read_only": (
        "Chỉ biên tập viên và quản trị viên lưu được; hãy đăng nhập.",
        "Only editors and administrators can save; sign in.",
    ),
    "import.saved": (
        "Đã lưu lần nhập số {id}: {new} bản ghi mới, {changed} bản ghi sửa. Có thể hoàn tác ở mục «Các lần nhập».",
        "Saved as import number {id}: {new} new entries, {changed} changed. It can be undone under «Imports».",
    ),
    "import.stale": (
        "Chưa lưu gì: {count} số liệu đã được người khác ghi hoặc sửa sau khi xem trước. Bản xem trước đã được làm lại "
        "theo số liệu hiện nay; hãy xem lại rồi lưu.",
        "Nothing was saved: {count} figures were recorded or changed by someone else after the preview. The preview "
        "has been made again from the figures as they are now; check it and save.",
    ),
    "import.batches.title": ("Các lần nhập", "Imports"),
    "import.batches.empty": ("Chưa có lần nhập nào cho kế hoạch này.", "No import for this plan yet."),
    "import.batches.sha": ("SHA-256 của tệp: {sha}", "The file's SHA-256: {sha}"),
    "import.batches.undo": ("Hoàn tác lần nhập số {id}", "Undo import number {id}"),
    "import.batches.undone": (
        "Đã hoàn tác lần nhập số {id}: {count} bản ghi đã trở lại như trước.",
        "Import number {id} undone: {count} entries are back as they were.",
    ),
    "import.batches.not_undone": ("Chưa hoàn tác: {problem}", "Not undone: {problem}"),
    # Asked before an import is undone, and said beside its button (issue 18.8).
    "import.batches.undo_confirm": (
        "Hoàn tác lần nhập này sẽ xoá {deleted} bản ghi và khôi phục {restored}. Tiếp tục?",
        "Undoing this import will delete {deleted} entries and restore {restored}. Go on?",
    ),
    "import.batches.undo_yes": ("Có, hoàn tác lần nhập số {id}", "Yes, undo import number {id}"),
    "import.batches.undo_no": ("Không hoàn tác", "Keep it"),
    # Before the columns are known, the rows are counted but not yet read (issue 18.9).
    "import.preview.file_unread": (
        "{file} · {size} · SHA-256 {sha}… · {rows} dòng dưới dòng tiêu đề, chưa đọc được: {missing}",
        "{file} · {size} · SHA-256 {sha}… · {rows} rows under the header row, not read yet: {missing}",
    ),
    "import.preview.missing_columns": ("chưa chọn cột {fields}", "no column chosen for {fields}"),
    "import.mapping.unit_as_district": (
        "Cột «{header}» được hiểu là đơn vị tính. Nếu cột này ghi tên quận/huyện, hãy chọn nó cho mục Quận/huyện.",
        "The column «{header}» is taken as the unit. If it names districts, choose it for District.",
    ),
}
