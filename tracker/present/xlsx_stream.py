"""A workbook (.xlsx) written as a stream: each sheet's rows go into the zip file as they
come, as SpreadsheetML text made by the caller, so a million rows cost what joining their
text costs and never sit in memory.

openpyxl (write-only) and xlsxwriter (constant memory) build a cell object or take a call
per cell: 13 million cells for a million entries, minutes of Python. Here a row is one
formatted string. What the export needs and nothing more: inline text (no shared-string
table to hold), numbers, six cell formats (bold header, date, date and time, whole,
decimal, percent), column widths, a frozen header row and an auto-filter per sheet.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from typing import IO, BinaryIO
from xml.sax.saxutils import escape, quoteattr

MAX_TEXT = 32_767  # the most characters an Excel cell holds

# Cell formats, as indexes into styles.xml's cellXfs below.
STYLE_BOLD, STYLE_DATE, STYLE_DATETIME, STYLE_WHOLE, STYLE_DECIMAL, STYLE_PERCENT = 1, 2, 3, 4, 5, 6

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_CONTENT = "application/vnd.openxmlformats-officedocument.spreadsheetml"

_STYLES = f"""{_XML}<styleSheet xmlns="{_MAIN}">\
<numFmts count="4">\
<numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>\
<numFmt numFmtId="165" formatCode="dd/mm/yyyy hh:mm"/>\
<numFmt numFmtId="166" formatCode="#,##0.###"/>\
<numFmt numFmtId="167" formatCode="0.0%"/>\
</numFmts>\
<fonts count="2">\
<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>\
<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>\
</fonts>\
<fills count="2"><fill><patternFill patternType="none"/></fill>\
<fill><patternFill patternType="gray125"/></fill></fills>\
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
<cellXfs count="7">\
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="167" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
</cellXfs>\
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
</styleSheet>"""

# What XML text cannot hold as it is: markup, and the control characters XML 1.0 forbids
# (and the carriage return, which a reader turns into a line feed), which Excel writes
# as _xHHHH_; so a text that already reads _xHHHH_ has its underscore escaped likewise.
_UNSAFE = re.compile(r"[&<>\x00-\x08\x0b-\x1f]|_x[0-9A-Fa-f]{4}_").search
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")
_ESCAPED_LOOKING = re.compile(r"_(x[0-9A-Fa-f]{4}_)")


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def xml_text(text: str) -> str:
    """``text`` as an inline string's content, as Excel reads it back."""
    if len(text) > MAX_TEXT:
        text = text[:MAX_TEXT]
    if _UNSAFE(text) is None:
        return text
    text = _ESCAPED_LOOKING.sub(r"_x005F_\1", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _CONTROL.sub(lambda found: f"_x{ord(found.group()):04X}_", text)


def text_cell(ref: str, text: str, style: int = 0) -> str:
    """An inline-string cell; text with spaces at either end keeps them."""
    shown = xml_text(text)
    space = ' xml:space="preserve"' if shown[:1].isspace() or shown[-1:].isspace() else ""
    styled = f' s="{style}"' if style else ""
    return f'<c r="{ref}"{styled} t="inlineStr"><is><t{space}>{shown}</t></is></c>'


def number_cell(ref: str, number: float, style: int = 0) -> str:
    styled = f' s="{style}"' if style else ""
    return f'<c r="{ref}"{styled}><v>{number!r}</v></c>'


class Sheet:
    """One sheet being written: its rows, as SpreadsheetML ``<row>`` text, go straight
    into the zip file."""

    def __init__(self, stream: IO[bytes], name: str, columns: Sequence[tuple[str, float]], first: bool) -> None:
        self.name = name
        self.width = len(columns)
        self.rows = 0  # rows written so far, the header included
        self._stream = stream
        widths = "".join(
            f'<col min="{n}" max="{n}" width="{width}" customWidth="1"/>' for n, (_, width) in enumerate(columns, 1)
        )
        selected = ' tabSelected="1"' if first else ""
        self._stream.write(
            (
                f'{_XML}<worksheet xmlns="{_MAIN}" xmlns:r="{_RELATIONSHIPS}">'
                f'<sheetViews><sheetView{selected} workbookViewId="0">'
                '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
                '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
                f'<sheetFormatPr defaultRowHeight="15"/><cols>{widths}</cols><sheetData>'
            ).encode()
        )
        header = "".join(text_cell(f"{column_letter(n)}1", title, STYLE_BOLD) for n, (title, _) in enumerate(columns))
        self.write(f'<row r="1">{header}</row>', 1)

    def write(self, rows_xml: str, count: int) -> None:
        """``count`` rows, as ``<row r="…">`` text numbered from ``self.rows + 1``."""
        self._stream.write(rows_xml.encode("utf-8"))
        self.rows += count

    @property
    def filter_range(self) -> str:
        return f"A1:{column_letter(self.width - 1)}{self.rows}"

    def close(self, auto_filter: bool) -> None:
        filtered = f'<autoFilter ref="{self.filter_range}"/>' if auto_filter else ""
        margins = '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
        self._stream.write(f"</sheetData>{filtered}{margins}</worksheet>".encode())
        self._stream.close()


class Workbook:
    """Sheets one after the other (each closed before the next begins), then ``close``
    writes the parts that name them. ``out`` is left open."""

    def __init__(self, out: BinaryIO) -> None:
        # level 1: a third of the default's time for a file a fifth larger
        self._zip = zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1)
        self._sheets: list[tuple[str, str | None]] = []  # name, auto-filter range
        self._open: Sheet | None = None

    def add_sheet(self, name: str, columns: Sequence[tuple[str, float]]) -> Sheet:
        if self._open is not None:
            raise RuntimeError(f"sheet {self._open.name!r} is still being written")
        part = f"xl/worksheets/sheet{len(self._sheets) + 1}.xml"
        self._open = Sheet(self._zip.open(part, "w"), name, columns, first=not self._sheets)
        return self._open

    def close_sheet(self, sheet: Sheet, auto_filter: bool = True) -> None:
        sheet.close(auto_filter)
        self._sheets.append((sheet.name, sheet.filter_range if auto_filter else None))
        self._open = None

    def close(self) -> None:
        sheets = "".join(
            f'<sheet name={quoteattr(name)} sheetId="{n}" r:id="rId{n}"/>'
            for n, (name, _) in enumerate(self._sheets, 1)
        )
        filters = "".join(
            f'<definedName name="_xlnm._FilterDatabase" localSheetId="{n}" hidden="1">'
            f"{escape(_absolute(name, ref))}</definedName>"
            for n, (name, ref) in enumerate(self._sheets)
            if ref is not None
        )
        names = f"<definedNames>{filters}</definedNames>" if filters else ""
        self._zip.writestr(
            "xl/workbook.xml",
            f'{_XML}<workbook xmlns="{_MAIN}" xmlns:r="{_RELATIONSHIPS}">'
            f"<bookViews><workbookView/></bookViews><sheets>{sheets}</sheets>{names}</workbook>",
        )
        links = "".join(
            f'<Relationship Id="rId{n}" Type="{_RELATIONSHIPS}/worksheet" Target="worksheets/sheet{n}.xml"/>'
            for n in range(1, len(self._sheets) + 1)
        )
        styles = len(self._sheets) + 1
        self._zip.writestr(
            "xl/_rels/workbook.xml.rels",
            f'{_XML}<Relationships xmlns="{_PACKAGE_RELATIONSHIPS}">{links}'
            f'<Relationship Id="rId{styles}" Type="{_RELATIONSHIPS}/styles" Target="styles.xml"/></Relationships>',
        )
        self._zip.writestr("xl/styles.xml", _STYLES)
        self._zip.writestr(
            "_rels/.rels",
            f'{_XML}<Relationships xmlns="{_PACKAGE_RELATIONSHIPS}">'
            f'<Relationship Id="rId1" Type="{_RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{_CONTENT}.worksheet+xml"/>'
            for n in range(1, len(self._sheets) + 1)
        )
        self._zip.writestr(
            "[Content_Types].xml",
            f'{_XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_CONTENT}.sheet.main+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{_CONTENT}.styles+xml"/>{overrides}</Types>',
        )
        self._zip.close()


def _absolute(sheet: str, ref: str) -> str:
    """``'Bản ghi'!$A$1:$M$10``: a range as a defined name spells it."""
    first, last = ref.split(":")
    quoted = "'" + sheet.replace("'", "''") + "'"
    split = re.compile(r"([A-Z]+)(\d+)")
    return f"{quoted}!" + ":".join(split.sub(r"$\1$\2", part) for part in (first, last))
