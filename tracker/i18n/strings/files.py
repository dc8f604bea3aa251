"""Reading the files people send: what is wrong with a file that cannot be read."""

# key: (Vietnamese, English)
STRINGS: dict[str, tuple[str, str]] = {
    "file.error.empty": (
        "Tệp «{name}» trống, không có dữ liệu nào. Hãy kiểm tra lại đã chọn đúng tệp báo cáo, rồi tải lên lại.",
        "The file «{name}» is empty: there is no data in it. Check that you chose the right report file, then upload it again.",
    ),
    "file.error.empty_sheet": (
        "Trang tính «{sheet}» trong tệp «{name}» không có dữ liệu. Hãy đặt số liệu vào trang tính tên «{data_sheet}» (hoặc mở trang có số liệu rồi bấm Lưu để Excel ghi nhớ trang đó), rồi tải tệp lên lại.",
        "The sheet «{sheet}» of the file «{name}» holds no data. Put the figures on a sheet named «{data_sheet}» (or open the sheet that holds them and save, so that Excel remembers it), then upload the file again.",
    ),
    "file.error.too_big": (
        "Tệp «{name}» nặng {size}, vượt quá giới hạn {limit}. Một năm báo cáo của một quận/huyện chỉ khoảng 100 KB: hãy chỉ giữ lại trang số liệu (xoá hình ảnh và các trang tính không cần), hoặc chia thành nhiều tệp nhỏ hơn.",
        "The file «{name}» is {size}, over the limit of {limit}. A year of a district's reports is about 100 KB: keep only the data sheet (remove pictures and the sheets not needed), or split it into smaller files.",
    ),
    "file.error.not_a_spreadsheet": (
        "Tệp «{name}» không phải bảng tính (Excel .xlsx hay .xls, LibreOffice .ods, CSV): nội dung của nó là định dạng {looks_like}, dù tên tệp có thể ghi khác (nhiều phần mềm cũ xuất trang web HTML nhưng đặt tên .xls). Hãy mở tệp bằng Excel hoặc LibreOffice và lưu lại dưới dạng Excel (.xlsx) hoặc CSV UTF-8; nếu đây là tệp nén, hãy giải nén rồi tải lên tệp bảng tính bên trong.",
        "The file «{name}» is not a spreadsheet (Excel .xlsx or .xls, LibreOffice .ods, CSV): its content is in the {looks_like} format, whatever its name says (many older systems export a web page, HTML, under a .xls name). Open it in Excel or LibreOffice and save it as an Excel workbook (.xlsx) or CSV UTF-8; if this is a compressed archive, unzip it and upload the spreadsheet inside.",
    ),
    "file.error.password_protected": (
        "Tệp «{name}» được đặt mật khẩu (mã hoá) nên không đọc được. Hãy mở tệp trong Excel, vào Tệp › Thông tin › Bảo vệ Sổ làm việc › Mã hoá bằng Mật khẩu, xoá mật khẩu, lưu lại rồi tải lên lại.",
        "The file «{name}» is protected with a password (encrypted), so it cannot be read. Open it in Excel, go to File › Info › Protect Workbook › Encrypt with Password, clear the password, save, and upload it again.",
    ),
    "file.error.old_xls": (
        "Tệp «{name}» ở định dạng Excel cũ hơn Excel 95, không đọc được (chỉ đọc được .xls từ Excel 95 và 97-2003 trở đi). Hãy mở tệp trong Excel hoặc LibreOffice, chọn Tệp › Lưu thành › Sổ làm việc Excel (.xlsx), rồi tải lên tệp .xlsx mới.",
        "The file «{name}» is in an Excel format older than Excel 95, which cannot be read (only .xls files from Excel 95 and 97-2003 on can). Open it in Excel or LibreOffice, choose File › Save As › Excel Workbook (.xlsx), and upload the new .xlsx file.",
    ),
    "file.error.password_protected_ods": (
        "Tệp «{name}» được LibreOffice đặt mật khẩu (mã hoá) nên không đọc được. Hãy mở tệp trong LibreOffice, chọn Tệp › Lưu thành, bỏ chọn «Lưu với mật khẩu», lưu lại rồi tải lên lại.",
        "The file «{name}» is protected with a password (encrypted) by LibreOffice, so it cannot be read. Open it in LibreOffice, choose File › Save As, untick «Save with password», save, and upload it again.",
    ),
    "file.error.corrupt": (
        "Tệp «{name}» bị hỏng hoặc không đầy đủ (có thể tải xuống hay sao chép chưa xong) nên không đọc được. Hãy mở tệp bằng Excel, lưu thành một tệp .xlsx mới rồi tải lên tệp đó; nếu Excel cũng không mở được, hãy đề nghị quận/huyện gửi lại tệp.",
        "The file «{name}» is damaged or incomplete (perhaps a download or copy that did not finish), so it cannot be read. Open it in Excel, save it as a new .xlsx file and upload that; if Excel cannot open it either, ask the district to send the file again.",
    ),
    "file.error.expands_too_far": (
        "Tệp «{name}» khi giải nén sẽ vượt quá {limit} hoặc phình to bất thường, không giống một báo cáo (và có thể làm treo máy chủ), nên không được mở. Nếu trang tính có rất nhiều dòng trống đã được tô màu hay định dạng, hãy chọn các dòng bên dưới số liệu và xoá chúng (Xoá dòng trang tính); xoá hình ảnh và các trang tính không cần; rồi lưu lại dưới dạng Excel (.xlsx) hoặc CSV UTF-8 và tải lên lại.",
        "Unpacked, the file «{name}» would grow beyond {limit} or swell abnormally, nothing like a report (and it could stall the server), so it was not opened. If the sheet has a great many empty rows that carry colours or formatting, select the rows below the figures and delete them (Delete Sheet Rows); remove pictures and the sheets not needed; then save it as an Excel workbook (.xlsx) or CSV UTF-8 and upload it again.",
    ),
    "file.error.too_many_rows": (
        "Tệp «{name}» có hơn {limit} dòng dữ liệu, quá nhiều để nhập một lần. Hãy chia số liệu thành nhiều tệp, mỗi tệp không quá {limit} dòng, rồi tải lên từng tệp.",
        "The file «{name}» has more than {limit} rows of data, too many to import at once. Split the figures into several files of at most {limit} rows each, and upload them one by one.",
    ),
    "file.error.too_many_columns": (
        "Dòng {row} của tệp «{name}» có số liệu ở quá {limit} cột, quá rộng so với một báo cáo (mẫu báo cáo chỉ có khoảng mười cột). Hãy chỉ giữ lại các cột của báo cáo (quận/huyện, chỉ tiêu, kỳ, số lượng, làng nghề, ghi chú), xoá các cột thừa bên phải, rồi tải tệp lên lại.",
        "Row {row} of the file «{name}» has figures in more than {limit} columns, far wider than a report (the template has about ten). Keep only the report's columns (district, target, period, quantity, village, note), delete the extra columns to the right, then upload the file again.",
    ),
    "file.error.too_many_cells": (
        "Tệp «{name}» có hơn {limit} ô (kể cả các ô trống đã được tô màu hay định dạng), quá nhiều để xem trước một lần. Hãy xoá các dòng và cột trống đã định dạng bên dưới và bên phải số liệu, hoặc chia số liệu thành nhiều tệp nhỏ hơn, rồi tải lên lại.",
        "The file «{name}» has more than {limit} cells (counting empty cells that carry colours or formatting), too many to preview at once. Delete the formatted empty rows and columns below and to the right of the figures, or split the figures into smaller files, then upload them again.",
    ),
    "file.error.too_many_strings": (
        "Tệp «{name}» chứa hơn {limit} đoạn chữ khác nhau, quá nhiều so với một báo cáo. Excel giữ chữ của mọi trang tính trong tệp ở một chỗ chung, nên các trang tính khác cũng được tính: hãy chỉ giữ lại trang số liệu (xoá các trang tính không cần, hoặc sao chép trang số liệu sang một tệp mới), rồi tải lên lại.",
        "The file «{name}» holds more than {limit} distinct texts, far more than a report. Excel keeps the texts of every sheet of a file in one shared place, so the other sheets count too: keep only the data sheet (delete the sheets not needed, or copy the data sheet into a new file), then upload it again.",
    ),
    "file.error.too_much_text": (
        "Tệp «{name}» chứa hơn {limit} chữ và định dạng cần đọc, quá nhiều so với một báo cáo. Hãy chỉ giữ lại trang số liệu (sao chép các ô có số liệu sang một tệp mới, xoá các trang tính và các ghi chú dài không cần), hoặc chia thành nhiều tệp nhỏ hơn, rồi tải lên lại.",
        "The file «{name}» holds more than {limit} of text and formatting to read, far more than a report. Keep only the data sheet (copy the cells with figures into a new file; delete the sheets and long notes not needed), or split it into smaller files, then upload it again.",
    ),
    "file.error.too_complex": (
        "Tệp «{name}» chứa hơn {limit} thành phần định dạng, tên và chữ ngoài các ô số liệu, không giống một báo cáo. Hãy sao chép các ô có số liệu sang một tệp Excel mới (Dán › Giá trị), lưu lại rồi tải lên tệp mới đó.",
        "The file «{name}» holds more than {limit} styles, names and texts besides its cells, nothing like a report. Copy the cells with figures into a new Excel file (Paste › Values), save it, and upload that new file.",
    ),
    "file.error.unknown_encoding": (
        "Không nhận ra bảng mã chữ của tệp CSV «{name}» (có thể tệp trộn nhiều bảng mã), nên chữ tiếng Việt sẽ bị sai. Hãy mở tệp trong Excel, chọn Tệp › Lưu thành › «CSV UTF-8 (Phân tách bằng dấu phẩy)» (hoặc lưu thành Excel .xlsx), rồi tải lên lại.",
        "The character encoding of the CSV file «{name}» could not be recognised (it may mix several), so Vietnamese letters would come out wrong. Open it in Excel, choose File › Save As › «CSV UTF-8 (Comma delimited)» (or save it as Excel .xlsx), and upload it again.",
    ),
    "file.error.no_visible_sheet": (
        "Mọi trang tính trong tệp «{name}» đều đang bị ẩn, nên không có trang nào để đọc. Hãy mở tệp trong Excel, bấm chuột phải vào tên một trang › Bỏ ẩn, hiện trang «{data_sheet}», lưu lại rồi tải lên lại.",
        "Every sheet of the file «{name}» is hidden, so there is no sheet to read. Open it in Excel, right-click a sheet tab › Unhide, show the sheet «{data_sheet}», save, and upload it again.",
    ),
    "file.error.not_text": (
        "Tệp «{name}» chứa dữ liệu nhị phân, không phải văn bản CSV (có thể là tệp của chương trình khác bị đổi đuôi thành .csv). Hãy mở số liệu bằng Excel và lưu lại dưới dạng CSV UTF-8 hoặc Excel (.xlsx), rồi tải lên lại.",
        "The file «{name}» holds binary data, not CSV text (perhaps another program's file renamed to .csv). Open the figures in Excel and save them as CSV UTF-8 or an Excel workbook (.xlsx), then upload it again.",
    ),
    "file.error.bad_quotes": (
        'Tệp CSV «{name}» có một dấu ngoặc kép (") mở ở dòng {row} mà không đóng, nên phần còn lại của tệp không tách được thành ô. Hãy sửa ô đó, hoặc mở tệp bằng Excel và lưu lại dưới dạng CSV UTF-8, rồi tải lên lại.',
        'The CSV file «{name}» has a quotation mark (") opened on line {row} and never closed, so the rest of the file cannot be split into cells. Fix that cell, or open the file in Excel and save it again as CSV UTF-8, then upload it again.',
    ),
}
