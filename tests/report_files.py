"""Report files as districts send them, built as bytes for tests (nothing is kept on disk).

Workbooks come two ways, because programs write them differently:

* ``xlsx`` writes with openpyxl, as a program does: a formula gets no computed value
  (openpyxl writes ``<v/>``). ``formulas=`` then edits the saved zip so that chosen cells
  hold what Excel itself saves: the formula and the value it computed.
* ``handwritten_xlsx`` writes every part itself, as Excel lays it out (shared strings, the
  sheet under a name that is not sheet1.xml), or with a namespace prefix (``<x:row>``) as
  some .NET libraries do. Rows are built with ``row_xml`` and ``Formula``.

Then the mistakes people upload: CSV in the encodings Windows uses (``csv_bytes``), a PDF
or a zip renamed .xlsx, an old .xls, a password-protected workbook (an OLE2 compound file
built here byte by byte), zip bombs, a truncated download, a sheet with a million empty
formatted rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import random
import re
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from openpyxl import Workbook
from openpyxl.utils.cell import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.worksheet import Worksheet

from tracker.domain.reports import DATA_SHEET, INSTRUCTIONS_SHEET, LISTS_SHEET

Cell = str | int | float | bool | dt.date | dt.datetime | dt.time | None

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

DISTRICTS = ("Đông Anh", "Chương Mỹ", "Ứng Hòa", "Thường Tín", "Phú Xuyên", "Mỹ Đức", "Sóc Sơn", "Ba Vì")
TEMPLATE_HEADER = (
    "Quận/huyện",
    "Mục tiêu",
    "Đơn vị",
    "Kỳ báo cáo",
    "Số lượng",
    "Làng nghề",
    "Ghi chú",
    "Mã mục tiêu",
    "Mã kế hoạch",
)


# --- workbooks written by openpyxl, as programs write them ----------------------------------


def xlsx(
    rows: Sequence[Sequence[Cell]],
    *,
    sheet: str = DATA_SHEET,
    merged: Iterable[str] = (),
    hidden_rows: Iterable[int] = (),
    formulas: Mapping[str, tuple[str, Cell]] | None = None,
    other_sheets: Mapping[str, Sequence[Sequence[Cell]]] | None = None,
    hidden_sheets: Iterable[str] = (),
    active: str | None = None,
) -> bytes:
    """A workbook whose sheet ``sheet`` holds ``rows`` from A1. A text starting with "=" is
    a formula as openpyxl writes it, never computed. ``formulas`` maps a cell ("C2") to
    (formula without "=", the value Excel computed): written as Excel saves it; a computed
    value of None leaves the formula without any value, as some programs do.
    ``other_sheets`` come after it in tab order; ``active`` names the sheet the file opens on."""
    book = Workbook()
    first = book.active
    assert first is not None
    first.title = sheet
    _fill(first, rows)
    for name, sheet_rows in (other_sheets or {}).items():
        _fill(book.create_sheet(name), sheet_rows)
    for ref in merged:
        first.merge_cells(ref)
    for number in hidden_rows:
        first.row_dimensions[number].hidden = True
    for name in hidden_sheets:
        book[name].sheet_state = "hidden"
    for ref, (formula, _) in (formulas or {}).items():
        first[ref] = "=" + formula  # the cell element is then rewritten below
    if active is not None:
        book.active = book.sheetnames.index(active)
    out = io.BytesIO()
    book.save(out)
    data = out.getvalue()
    if formulas:
        data = edit_member(data, "xl/worksheets/sheet1.xml", lambda xml: _with_cached_values(xml, formulas))
    return data


def _fill(worksheet: Worksheet, rows: Sequence[Sequence[Cell]]) -> None:
    for row in rows:
        worksheet.append(list(row))


def _with_cached_values(sheet_xml: str, formulas: Mapping[str, tuple[str, Cell]]) -> str:
    """Each cell of ``formulas`` as Excel saves it: <c r="C2"><f>B2*2</f><v>84</v></c>."""
    for ref, (formula, cached) in formulas.items():
        element = re.compile(rf'<c r="{ref}"(?:[^>]*/>|[^>]*>.*?</c>)', re.DOTALL)
        if not element.search(sheet_xml):
            raise ValueError(f"no cell {ref} in the sheet")
        sheet_xml = element.sub(
            lambda _, ref=ref, formula=formula, cached=cached: formula_cell(ref, formula, cached), sheet_xml
        )
    return sheet_xml


def formula_cell(ref: str, formula: str, cached: Cell, *, prefix: str = "") -> str:
    """A formula cell as Excel writes it; ``cached`` None: never computed (no <v> at all)."""
    f = f"<{prefix}f>{escape(formula)}</{prefix}f>"
    if cached is None:
        return f'<{prefix}c r="{ref}">{f}</{prefix}c>'
    if isinstance(cached, bool):
        return f'<{prefix}c r="{ref}" t="b">{f}<{prefix}v>{int(cached)}</{prefix}v></{prefix}c>'
    if isinstance(cached, str):  # a text result; "" is written as an empty <v></v>
        return f'<{prefix}c r="{ref}" t="str">{f}<{prefix}v>{escape(cached)}</{prefix}v></{prefix}c>'
    if isinstance(cached, dt.date):
        raise TypeError("a date result needs a date style: use a number")
    return f'<{prefix}c r="{ref}">{f}<{prefix}v>{cached}</{prefix}v></{prefix}c>'


def edit_member(data: bytes, member: str, edit: Callable[[str], str]) -> bytes:
    """The zip ``data`` with one XML member rewritten by ``edit``; the others copied as they are."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            body = source.read(info)
            if info.filename == member:
                body = edit(body.decode("utf-8")).encode("utf-8")
            package.writestr(info.filename, body)
    return out.getvalue()


def template_like_xlsx(rows: int = 12) -> bytes:
    """Like the Department's template filled in by a district: instructions first (the sheet
    it opens on), the figures on "Số liệu" with two hidden id columns, a hidden list sheet.
    Quantities alternate whole and decimal numbers; every 5th row also has a date."""
    body: list[list[Cell]] = [[*TEMPLATE_HEADER, "Ngày"]]
    for index in range(rows):
        month = index % 12 + 1
        quantity: Cell = 30_000 + index if index % 2 == 0 else 175.25 + index
        day: Cell = dt.date(2017, month, 28) if index % 5 == 0 else None
        body.append(
            [
                DISTRICTS[index % len(DISTRICTS)],
                "Doanh thu làng nghề",
                "triệu đồng",
                f"2017-{month:02d}",
                quantity,
                "Làng gốm Bát Tràng" if index % 3 == 0 else None,
                "  ghi chú có dấu cách  " if index % 4 == 0 else None,
                "T-03",
                "KH-2017",
                day,
            ]
        )
    return xlsx(
        body,
        other_sheets={
            INSTRUCTIONS_SHEET: [["Điền số liệu vào trang «Số liệu»; không sửa các cột ẩn."]],
            LISTS_SHEET: [[district] for district in DISTRICTS],
        },
        hidden_sheets=(LISTS_SHEET,),
        active=INSTRUCTIONS_SHEET,
    )


def formula_without_cached_value_xlsx() -> bytes:
    """C2 = B2*2 as openpyxl (or any program that does not calculate) writes it: no value."""
    return xlsx([["Quận/huyện", "Số lượng", "Gấp đôi"], ["Đông Anh", 42, "=B2*2"]])


def formula_with_cached_value_xlsx() -> bytes:
    """C2 = B2*2 as Excel saves it: the formula and the value it computed, 84."""
    return xlsx([["Quận/huyện", "Số lượng", "Gấp đôi"], ["Đông Anh", 42, None]], formulas={"C2": ("B2*2", 84)})


def all_sheets_hidden_xlsx() -> bytes:
    """Every sheet hidden: openpyxl refuses to save that, so the workbook part is edited."""
    data = xlsx([["Đông Anh", 1]], other_sheets={"Khác": [["x"]]})
    return edit_member(data, "xl/workbook.xml", lambda xml: xml.replace('state="visible"', 'state="hidden"'))


def truncated_xlsx() -> bytes:
    """A download that stopped half-way: the zip's directory at the end is missing."""
    data = template_like_xlsx()
    return data[: len(data) // 2]


def broken_sheet_xml_xlsx() -> bytes:
    """A zip that is whole, with a sheet whose XML breaks off in the middle of a row."""
    data = xlsx([["Quận/huyện", "Số lượng"], ["Đông Anh", 42], ["Sóc Sơn", 7]])
    return edit_member(data, "xl/worksheets/sheet1.xml", lambda xml: xml[: xml.index('<row r="3"') + 12])


# --- workbooks written part by part, as Excel lays them out ---------------------------------


@dataclass(frozen=True)
class Formula:
    """A formula cell for ``row_xml``: the formula without "=", what Excel computed (None:
    never computed), and ``shared`` to write Excel's shared formula (``si`` index; the first
    cell of the group carries the text and ``ref``, the others only the index)."""

    formula: str = ""
    cached: Cell = None
    shared: int | None = None
    shared_ref: str | None = None


class SharedStrings:
    """Excel keeps each text once in xl/sharedStrings.xml; cells hold its index."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        return self.index.setdefault(text, len(self.index))

    def xml(self) -> str:
        items = "".join(f'<si><t xml:space="preserve">{escape(text)}</t></si>' for text in self.index)
        return (
            f'{XML_HEAD}<sst xmlns="{MAIN_NS}" count="{len(self.index)}" uniqueCount="{len(self.index)}">{items}</sst>'
        )


def row_xml(
    number: int,
    cells: Sequence[Cell | Formula],
    strings: SharedStrings,
    *,
    hidden: bool = False,
    prefix: str = "",
    first_column: int = 1,
) -> str:
    """One <row> as Excel writes it: texts through the shared strings, dates as serial numbers
    with the date style (s="1"), empty cells left out."""
    parts = []
    for offset, value in enumerate(cells):
        if value is None:
            continue
        ref = f"{get_column_letter(first_column + offset)}{number}"
        parts.append(_cell_xml(ref, value, strings, prefix))
    hidden_attr = ' hidden="1"' if hidden else ""
    return f'<{prefix}row r="{number}"{hidden_attr}>{"".join(parts)}</{prefix}row>'


def _cell_xml(ref: str, value: Cell | Formula, strings: SharedStrings, prefix: str) -> str:
    c, v = f"{prefix}c", f"{prefix}v"
    if isinstance(value, Formula):
        if value.shared is None:
            return formula_cell(ref, value.formula, value.cached, prefix=prefix)
        ref_attr = f' ref="{value.shared_ref}"' if value.shared_ref else ""
        text = escape(value.formula)
        f = f'<{prefix}f t="shared"{ref_attr} si="{value.shared}">{text}</{prefix}f>'
        if not value.formula:
            f = f'<{prefix}f t="shared" si="{value.shared}"/>'
        cached = "" if value.cached is None else f"<{v}>{value.cached}</{v}>"
        return f'<{c} r="{ref}">{f}{cached}</{c}>'
    if isinstance(value, bool):
        return f'<{c} r="{ref}" t="b"><{v}>{int(value)}</{v}></{c}>'
    if isinstance(value, str):
        return f'<{c} r="{ref}" t="s"><{v}>{strings(value)}</{v}></{c}>'
    if isinstance(value, dt.datetime | dt.date):
        return f'<{c} r="{ref}" s="1"><{v}>{to_excel(value)}</{v}></{c}>'
    return f'<{c} r="{ref}"><{v}>{value}</{v}></{c}>'


def handwritten_xlsx(
    sheet_rows: Iterable[str],
    strings: SharedStrings | None = None,
    *,
    sheet: str = DATA_SHEET,
    merged: Iterable[str] = (),
    prefix: str = "",
    dimension: str | None = None,
    sheet_part: str = "worksheets/data.xml",
) -> bytes:
    """A workbook with every part written here. ``sheet_rows`` is the inside of <sheetData>
    (any number of strings, streamed into the zip); ``prefix`` ("x:") puts every
    spreadsheet element under a namespace prefix; ``dimension`` may be wrong on purpose."""
    strings = strings if strings is not None else SharedStrings()
    p = prefix
    xmlns = f'xmlns:{p[:-1]}="{MAIN_NS}"' if p else f'xmlns="{MAIN_NS}"'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", _content_types(sheet_part))
        package.writestr(
            "_rels/.rels",
            f'{XML_HEAD}<Relationships xmlns="{PACKAGE_REL_NS}"><Relationship Id="rId1" '
            f'Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        package.writestr(
            "xl/workbook.xml",
            f'{XML_HEAD}<{p}workbook {xmlns} xmlns:r="{REL_NS}"><{p}bookViews><{p}workbookView activeTab="0"/>'
            f'</{p}bookViews><{p}sheets><{p}sheet name={quoteattr(sheet)} sheetId="1" r:id="rId1"/></{p}sheets>'
            f"</{p}workbook>",
        )
        package.writestr(
            "xl/_rels/workbook.xml.rels",
            f'{XML_HEAD}<Relationships xmlns="{PACKAGE_REL_NS}">'
            f'<Relationship Id="rId1" Type="{REL_NS}/worksheet" Target="{sheet_part}"/>'
            f'<Relationship Id="rId2" Type="{REL_NS}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId3" Type="{REL_NS}/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>",
        )
        package.writestr("xl/styles.xml", _STYLES)
        with package.open("xl/" + sheet_part, "w") as part:
            dimension_xml = f'<{p}dimension ref="{dimension}"/>' if dimension else ""
            part.write(f'{XML_HEAD}<{p}worksheet {xmlns} xmlns:r="{REL_NS}">{dimension_xml}<{p}sheetData>'.encode())
            buffered: list[str] = []
            for text in sheet_rows:
                buffered.append(text)
                if len(buffered) >= 10_000:
                    part.write("".join(buffered).encode())
                    buffered.clear()
            part.write("".join(buffered).encode())
            merges = [f'<{p}mergeCell ref="{ref}"/>' for ref in merged]
            merge_xml = f'<{p}mergeCells count="{len(merges)}">{"".join(merges)}</{p}mergeCells>' if merges else ""
            part.write(f"</{p}sheetData>{merge_xml}</{p}worksheet>".encode())
        package.writestr("xl/sharedStrings.xml", strings.xml())  # last: the rows filled it
    return out.getvalue()


def _content_types(sheet_part: str) -> str:
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    return (
        f'{XML_HEAD}<Types xmlns="{CONTENT_TYPES_NS}">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{kind}.sheet.main+xml"/>'
        f'<Override PartName="/xl/{sheet_part}" ContentType="{kind}.worksheet+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{kind}.styles+xml"/>'
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{kind}.sharedStrings+xml"/>'
        "</Types>"
    )


# Style 0: plain; 1: a date (built-in format 14); 2: a grey fill, what "formatted rows" carry.
_STYLES = (
    f'{XML_HEAD}<styleSheet xmlns="{MAIN_NS}">'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FFDDDDDD"/></patternFill></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="2" borderId="0" xfId="0" applyFill="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)

REPORT_ROWS: tuple[tuple[Cell, ...], ...] = (
    ("Quận/huyện", "Kỳ báo cáo", "Số lượng"),
    ("Đông Anh", "2017-03", 30_000),
    ("Chương Mỹ", "2017-03", 175.25),
    ("Ứng Hòa", "2017-Q1", 12),
)


@functools.cache
def million_empty_formatted_rows_xlsx(
    *, late_value: str | None = None, styled_cells: bool = False, last_row: int = 1_000_000
) -> bytes:
    """REPORT_ROWS in rows 1-4, then every row up to ``last_row`` empty but formatted, as
    when someone colours whole columns: <row r="N" s="2" customFormat="1"/>, or with
    ``styled_cells`` rows of three empty styled cells (one written <c ...></c>, as some
    programs do). ``late_value`` goes in column A of
    the row after them, far below the data. Built once per set of arguments (~40 MB of XML)."""
    strings = SharedStrings()

    def rows() -> Iterable[str]:
        for number, cells in enumerate(REPORT_ROWS, start=1):
            yield row_xml(number, cells, strings)
        for number in range(len(REPORT_ROWS) + 1, last_row + 1):
            if styled_cells:
                yield (
                    f'<row r="{number}" spans="1:3"><c r="A{number}" s="2"/><c r="B{number}" s="2"></c>'
                    f'<c r="C{number}" s="2"/></row>'
                )
            else:
                yield f'<row r="{number}" s="2" customFormat="1"/>'
        if late_value is not None:
            yield row_xml(last_row + 1, [late_value], strings)

    return handwritten_xlsx(rows(), strings)


# --- files that cost the reader more than a report can ---------------------------------------


def with_member(data: bytes, member: str, content: bytes) -> bytes:
    """The package with ``member`` replaced by ``content`` (compressed, as Excel stores it)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            package.writestr(info.filename, content if info.filename == member else source.read(info))
    return out.getvalue()


def shared_strings_xlsx(count: int, *, length: int = 40, broken_after: bool = False) -> bytes:
    """A two-row report whose shared strings hold ``count`` distinct texts of ``length``
    characters that no cell uses: the review's file had 1,7 million of them (99 MB unpacked,
    4,1 MB as a file). ``broken_after`` ends the part in XML no parser accepts, so a file
    refused for its count shows the count was checked before the part was parsed."""
    strings = SharedStrings()
    rows = [row_xml(1, ["Quận/huyện", "Số lượng"], strings), row_xml(2, ["Đông Anh", 42], strings)]
    data = handwritten_xlsx(rows, strings)
    used = "".join(f"<si><t>{text}</t></si>" for text in strings.index)
    unused = "".join(f"<si><t>Ghi chú số {number:0{length - 11}d}</t></si>" for number in range(count))
    tail = "<si><t>&broken;</t" if broken_after else "</sst>"
    xml = f'{XML_HEAD}<sst xmlns="{MAIN_NS}" count="{count + 4}" uniqueCount="{count + 4}">{used}{unused}{tail}'
    return with_member(data, "xl/sharedStrings.xml", xml.encode())


def many_styles(count: int) -> bytes:
    """A styles part that declares ``count`` more cell formats (Excel stops at 64.000; a
    file built to stall a reader does not)."""
    formats = "".join(f'<xf numFmtId="{n % 164}" fontId="0" fillId="0" borderId="0" xfId="{n}"/>' for n in range(count))
    return _STYLES.replace('<cellXfs count="3">', f'<cellXfs count="{count + 3}">{formats}').encode()


def many_styles_xlsx(count: int) -> bytes:
    """A two-row report whose styles part declares ``count`` more cell formats."""
    return with_member(xlsx([["Quận/huyện", "Số lượng"], ["Đông Anh", 42]]), "xl/styles.xml", many_styles(count))


def many_cells_xlsx(rows: int, columns: int, *, broken_after: bool = False) -> bytes:
    """A header and ``rows`` rows of ``columns`` numbers. ``broken_after`` ends the sheet in
    XML no parser accepts (see ``shared_strings_xlsx``)."""
    strings = SharedStrings()

    def sheet_rows() -> Iterable[str]:
        yield row_xml(1, [f"Cột {column}" for column in range(1, columns + 1)], strings)
        for number in range(2, rows + 2):
            yield row_xml(number, list(range(number, number + columns)), strings)
        if broken_after:
            yield "<row r="

    return handwritten_xlsx(sheet_rows(), strings)


def wide_xlsx(last_column: int, row: int = 2) -> bytes:
    """A report with one more figure far to the right, in ``last_column`` of ``row``."""
    strings = SharedStrings()
    rows = [row_xml(1, ["Quận/huyện", "Số lượng"], strings)]
    rows += [row_xml(number, ["Đông Anh", number], strings) for number in range(2, row)]
    rows.append(
        row_xml(row, ["Đông Anh", 7], strings)[: -len("</row>")]
        + f'<c r="{get_column_letter(last_column)}{row}"><v>1</v></c></row>'
    )
    return handwritten_xlsx(rows, strings)


def wide_csv(columns: int) -> bytes:
    """A CSV whose first line names ``columns`` columns (the review's had 560.000, 4,4 MB)."""
    header = ",".join(f"c{number}" for number in range(columns))
    return f"{header}\r\nĐông Anh,42\r\n".encode()


# --- CSV, as Windows programs write it --------------------------------------------------------

_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # the five Vietnamese tones


def cp1258(text: str) -> bytes:
    """``text`` as Vietnamese Windows (code page 1258) stores it: the letters the code page
    has (ă, â, ê, ô, ơ, ư, đ, à, á, ...) as one byte, any other tone as a separate mark after
    its letter ("ỹ" is "y" + U+0303). Python's codec refuses most precomposed letters."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", char)
        base = "".join(mark for mark in decomposed if mark not in _TONE_MARKS)
        tones = "".join(mark for mark in decomposed if mark in _TONE_MARKS)
        out += unicodedata.normalize("NFC", base).encode("cp1258") + tones.encode("cp1258")
    return bytes(out)


def csv_bytes(
    rows: Sequence[Sequence[Cell]], *, encoding: str = "utf-8", delimiter: str = ",", line_end: str = "\r\n"
) -> bytes:
    """``rows`` as a CSV file, quoted where needed, as Excel saves it. ``encoding``: "utf-8",
    "utf-8-sig" (Excel's "CSV UTF-8"), "utf-16" (with a BOM, little-endian), "utf-16-le"
    (no BOM), "cp1258" (as Vietnamese Windows writes it), "cp1252"."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=line_end)
    for row in rows:
        writer.writerow(["" if cell is None else cell for cell in row])
    text = out.getvalue()
    if encoding == "cp1258":
        return cp1258(text)
    return text.encode(encoding)


def utf8_and_cp1258_csv() -> bytes:
    """Two districts' files pasted together: UTF-8 lines, then lines in Windows-1258."""
    return csv_bytes(REPORT_ROWS[:2]) + cp1258("Chương Mỹ,2017-03,5\r\n")


def csv_with_unclosed_quote() -> bytes:
    return 'Quận/huyện,Ghi chú\r\nĐông Anh,"mở ngoặc mà không đóng\r\nSóc Sơn,5\r\n'.encode()


def html_saved_as_csv() -> bytes:
    """What some systems export as "Excel": a web page with a table."""
    return (
        "<!DOCTYPE html><html><body><table><tr><td>Quận/huyện</td><td>Số lượng</td></tr>"
        "<tr><td>Đông Anh</td><td>42</td></tr></table></body></html>"
    ).encode()


# --- the wrong files ---------------------------------------------------------------------


def renamed_pdf() -> bytes:
    """A one-page PDF (a scanned or printed report), whatever its name says."""
    content = b"BT /F1 12 Tf 72 770 Td (Bao cao thang 3 - Dong Anh) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def plain_zip() -> bytes:
    """A district's reports zipped together: a zip, but no workbook."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bao-cao-dong-anh.csv", csv_bytes(REPORT_ROWS, encoding="utf-8-sig"))
        archive.writestr("ghi-chu.txt", "Số liệu tháng 3 năm 2017".encode())
    return out.getvalue()


def word_document() -> bytes:
    """A report typed in Word (.docx): a zip of Office parts, but a document, not a workbook."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'{XML_HEAD}<Types xmlns="{CONTENT_TYPES_NS}"><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            f'{XML_HEAD}<Relationships xmlns="{PACKAGE_REL_NS}"><Relationship Id="rId1" '
            f'Type="{REL_NS}/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        archive.writestr(
            "word/document.xml",
            f'{XML_HEAD}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body><w:p><w:r><w:t>Báo cáo tháng 3: Đông Anh 30.000 lao động</w:t></w:r></w:p></w:body></w:document>",
        )
    return out.getvalue()


def png_image() -> bytes:
    """A 1×1 white PNG: a screenshot of the table instead of the table."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def binary_noise() -> bytes:
    """Bytes of no format at all (NULs among them), named .csv."""
    return random.Random(2017).randbytes(4096)


def zip_bomb_xlsx() -> bytes:
    """A real workbook whose sheet part is padded with 50 MB of spaces (valid XML): the part
    compresses about a thousand times, as a zip bomb's do."""
    padding = " " * (50 * 1024 * 1024)
    data = xlsx([["Quận/huyện", "Số lượng"], ["Đông Anh", 42]])
    return edit_member(
        data, "xl/worksheets/sheet1.xml", lambda xml: xml.replace("<sheetData>", "<sheetData>" + padding)
    )


def many_parts_zip_bomb_xlsx() -> bytes:
    """A real workbook plus 120 "pictures" of 1 MB of zeros each: no part swells past the
    ratio check's floor, but together they unpack to 120 MB."""
    data = xlsx([["Quận/huyện", "Số lượng"], ["Đông Anh", 42]])
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            package.writestr(info.filename, source.read(info))
        zeros = bytes(1024 * 1024)
        for number in range(120):
            package.writestr(f"xl/media/image{number}.png", zeros)
    return out.getvalue()


# --- OLE2 compound files: Excel 97-2003, and Office's encrypted workbooks ---------------------

_SECTOR = 512
_FREE, _END_OF_CHAIN, _FAT_SECTOR, _NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def compound_file(streams: Mapping[str, bytes]) -> bytes:
    """A compound file (the container of .xls, .doc and encrypted .xlsx) holding ``streams``
    at its root: version 3, 512-byte sectors, one FAT sector, one directory sector. Each
    stream is padded to 4096 bytes so it lives in ordinary sectors, not the mini stream."""
    names = list(streams)
    if len(names) > 3:
        raise ValueError("one directory sector holds the root and three streams")
    bodies = [streams[name].ljust(4096, b"\x00") for name in names]
    fat = [_FAT_SECTOR, _END_OF_CHAIN]  # sector 0: the FAT; sector 1: the directory
    starts = []
    for body in bodies:
        count = -(-len(body) // _SECTOR)
        starts.append(len(fat))
        fat += [len(fat) + i + 1 for i in range(count - 1)] + [_END_OF_CHAIN]
    fat += [_FREE] * (_SECTOR // 4 - len(fat))
    # The directory is a red-black tree ordered by name length, then name: the root's child
    # is the first stream, the others hang to its right (a valid, if lopsided, tree).
    order = sorted(range(len(names)), key=lambda i: (len(names[i]), names[i].upper()))
    entries = [_directory_entry("Root Entry", 5, child=order[0] + 1 if names else _NO_STREAM)]
    for index, name in enumerate(names):
        position = order.index(index)
        right = order[position + 1] + 1 if position + 1 < len(order) else _NO_STREAM
        entries.append(
            _directory_entry(name, 2, right=right, start=starts[index], size=len(bodies[index]), red=position > 0)
        )
    entries += [_empty_directory_entry()] * (4 - len(entries))
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        bytes(16),
        0x003E,  # minor version
        0x0003,  # major version 3: 512-byte sectors
        0xFFFE,  # little-endian
        9,  # sector size 2^9
        6,  # mini sector size 2^6
        bytes(6),
        0,  # directory sectors (always 0 in version 3)
        1,  # FAT sectors
        1,  # first directory sector
        0,  # transaction signature
        4096,  # mini stream cutoff
        _END_OF_CHAIN,  # no mini FAT
        0,
        _END_OF_CHAIN,  # no DIFAT sectors
        0,
    )
    header += struct.pack("<109I", 0, *([_FREE] * 108))
    fat_sector = struct.pack(f"<{_SECTOR // 4}I", *fat)
    return header + fat_sector + b"".join(entries) + b"".join(bodies)


def _directory_entry(
    name: str,
    kind: int,
    *,
    child: int = _NO_STREAM,
    right: int = _NO_STREAM,
    start: int = _END_OF_CHAIN,
    size: int = 0,
    red: bool = False,
) -> bytes:
    encoded = (name + "\x00").encode("utf-16-le")
    return struct.pack(
        "<64sHBBIII16sIQQIQ",
        encoded,
        len(encoded),
        kind,
        0 if red else 1,
        _NO_STREAM,
        right,
        child,
        bytes(16),
        0,
        0,
        0,
        start,
        size,
    )


def _empty_directory_entry() -> bytes:
    return struct.pack(
        "<64sHBBIII16sIQQIQ", bytes(64), 0, 0, 0, _NO_STREAM, _NO_STREAM, _NO_STREAM, bytes(16), 0, 0, 0, 0, 0
    )


def password_protected_xlsx() -> bytes:
    """What Excel saves when a workbook is encrypted with a password: not a zip but a compound
    file with an EncryptionInfo stream (here the agile kind's header and XML descriptor) and
    the EncryptedPackage (the real workbook's size, then ciphertext, here random)."""
    descriptor = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        b'<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption">'
        b'<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" '
        b'cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/>'
        b"</encryption>"
    )
    info = struct.pack("<HHI", 4, 4, 0x40) + descriptor
    package = struct.pack("<Q", 9000) + random.Random(1258).randbytes(9008)
    return compound_file({"EncryptionInfo": info, "EncryptedPackage": package})


def old_xls() -> bytes:
    """An Excel 97-2003 workbook reduced to its bones: a compound file whose Workbook stream
    starts with BIFF8's beginning-of-file record and ends with its end-of-file record, and
    holds no worksheet (Excel never saves one so)."""
    bof = struct.pack("<HHHHHHII", 0x0809, 16, 0x0600, 0x0005, 0x0DBB, 0x07CC, 0x00000041, 0x00000006)
    eof = struct.pack("<HH", 0x000A, 0)
    return compound_file({"Workbook": bof + eof})


# --- files as offices save them: Excel 97-2003 (.xls) and LibreOffice (.ods) ------------------
# The real ones are written by LibreOffice in the tests (tests/service/test_office_files.py);
# what it does not write (a password, a format older than Excel 95) is built here.

_BOF_BIFF8 = struct.pack("<HHHHHHII", 0x0809, 16, 0x0600, 0x0005, 0x0DBB, 0x07CC, 0x00000041, 0x00000006)
_EOF_RECORD = struct.pack("<HH", 0x000A, 0)


def encrypted_xls() -> bytes:
    """An .xls saved with a password to open: Excel writes FILEPASS right after the
    workbook's BOF (here the RC4 kind's header), and everything after it is ciphertext."""
    filepass = struct.pack("<HHHHH", 0x002F, 6 + 48, 0x0001, 0x0001, 0x0001) + random.Random(97).randbytes(48)
    return compound_file({"Workbook": _BOF_BIFF8 + filepass + random.Random(3).randbytes(600) + _EOF_RECORD})


def excel4_in_compound_file() -> bytes:
    """A workbook stream that begins with Excel 4.0's BOF: a format older than Excel 95."""
    return compound_file({"Workbook": struct.pack("<HHHHHH", 0x0409, 6, 0x0000, 0x0010, 0, 0) + _EOF_RECORD})


def _xls_records(stream: bytes) -> Iterable[tuple[int, int, int]]:
    """(type, offset of the record in the stream, length of its body) of every BIFF record."""
    position = 0
    while position + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, position)
        yield kind, position, length
        position += 4 + length


def xls_with_a_broken_last_text(data: bytes) -> bytes:
    """The .xls with the last text cell of its first sheet pointing past the shared strings:
    a reader that reaches it fails, so a refusal for a bound proves it stopped before."""
    from xlrd.compdoc import CompDoc

    memory, base, size = CompDoc(data, logfile=io.StringIO()).locate_named_stream("Workbook")
    assert memory is data, "LibreOffice writes the workbook stream in one piece"
    stream = data[base : base + size]
    bofs = [position for kind, position, _ in _xls_records(stream) if kind == 0x0809]
    first_sheet_end = bofs[2] if len(bofs) > 2 else len(stream)
    labels = [p for kind, p, _ in _xls_records(stream) if kind == 0x00FD and bofs[1] < p < first_sheet_end]
    where = base + labels[-1] + 4 + 6  # LABELSST: row, column, format, then the string's index
    return data[:where] + struct.pack("<I", 0x7FFFFFF0) + data[where + 4 :]


def ods_broken_after_first_sheet(data: bytes) -> bytes:
    """The .ods with its XML broken where the first sheet ends: a reader that gets there fails."""
    return edit_member(data, "content.xml", lambda xml: xml.replace("</table:table>", "<broken</table:table>", 1))


def encrypted_ods(data: bytes) -> bytes:
    """The .ods as LibreOffice saves it with a password: content.xml is ciphertext, and the
    manifest holds how it was encrypted."""
    entry = (
        '<manifest:encryption-data manifest:checksum="AAAA"'
        ' manifest:checksum-type="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0#sha256-1k"><manifest:algorithm manifest:algorithm-name="http://www.w3.org/2001/04/xmlenc#aes256-cbc"'
        ' manifest:initialisation-vector="AAAA"/></manifest:encryption-data>'
    )
    manifest = edit_member(
        data,
        "META-INF/manifest.xml",
        lambda xml: re.sub(
            r'(<manifest:file-entry manifest:full-path="content.xml"[^>]*?)/>',
            rf"\1>{entry}</manifest:file-entry>",
            xml,
        ),
    )
    return with_member(manifest, "content.xml", random.Random(1).randbytes(5000))


def ods_with_a_bomb(data: bytes) -> bytes:
    """The .ods plus a "picture" of 200 MB of zeros, which compresses a thousand times."""
    return with_member(
        with_member(data, "Thumbnails/thumbnail.png", b""), "Thumbnails/thumbnail.png", bytes(200 * 1024 * 1024)
    )


def ods_opening_on(data: bytes, sheet: str) -> bytes:
    """The .ods with the view settings LibreOffice writes when a person saves it (a headless
    conversion writes none): the sheet it opens on is ``sheet``."""
    views = (
        '<config:config-item-set config:name="ooo:view-settings"><config:config-item-map-indexed config:name="Views">'
        '<config:config-item-map-entry><config:config-item config:name="ViewId" config:type="string">view1'
        '</config:config-item><config:config-item-map-named config:name="Tables"><config:config-item-map-entry'
        f' config:name={quoteattr(sheet)}><config:config-item config:name="CursorPositionX" config:type="int">0'
        "</config:config-item></config:config-item-map-entry></config:config-item-map-named>"
        f'<config:config-item config:name="ActiveTable" config:type="string">{escape(sheet)}</config:config-item>'
        "</config:config-item-map-entry></config:config-item-map-indexed></config:config-item-set>"
    )
    return edit_member(
        data, "settings.xml", lambda xml: xml.replace("<office:settings>", "<office:settings>" + views, 1)
    )


def ods_with_a_damaged_content(data: bytes) -> bytes:
    """The .ods with bytes in the middle of its compressed content.xml changed, as a
    download cut and resumed wrong leaves it: the zip opens, the part does not inflate."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo("content.xml")
    name_length, extra_length = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_length + extra_length
    middle = start + info.compress_size // 2
    return data[:middle] + bytes(b ^ 0xFF for b in data[middle : middle + 64]) + data[middle + 64 :]
