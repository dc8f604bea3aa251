"""OpenDocument spreadsheets (.ods, as LibreOffice saves them): read under the same rules and
bounds as .xlsx (tracker.service.spreadsheets, which calls this once it has checked the zip:
the declared sizes, a zip bomb, a zip password).

An .ods keeps every sheet in one part, content.xml. One cheap regex pass over it (~10 ms a
MB) counts its elements and cells and finds the sheets' names and which are hidden, before
anything is parsed; settings.xml names the sheet the file opens on. Then the standard
library's expat reads the chosen sheet as a stream, and stops at its end: nothing is kept
but that sheet's rows. ODF writes a run of equal cells or rows once with a repeat count
(LibreOffice ends every sheet with a million empty rows so): a run of empty ones only moves
the position; a run that holds something is counted against the bounds before it is laid
out. No ODF library does all that: odfpy builds the whole document as Python objects, and
calamine reads every sheet into a dense grid without hidden rows. Plain Python: no streamlit.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import zipfile
from dataclasses import dataclass, field
from xml.parsers import expat

from openpyxl.utils.cell import get_column_letter

from tracker.domain.reports import Uncomputed
from tracker.service.spreadsheets import (
    _START_TAG,
    FileLimits,
    MergedRange,
    SheetRow,
    _check_row,
    _chosen_sheet,
    _kept,
    _RefusalError,
    _SheetEntry,
    _small_part,
    _xml_parts,
)

ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
CONTENT = "content.xml"
SETTINGS = "settings.xml"
MANIFEST = "META-INF/manifest.xml"

_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0 "
_OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0 "
_TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0 "
_TABLE, _ROW = _TABLE_NS + "table", _TABLE_NS + "table-row"
_CELLS = (_TABLE_NS + "table-cell", _TABLE_NS + "covered-table-cell")
_PARAGRAPHS = (_TEXT_NS + "p", _TEXT_NS + "h")
_SPACE, _TAB, _LINE_BREAK = _TEXT_NS + "s", _TEXT_NS + "tab", _TEXT_NS + "line-break"
_ROWS_REPEATED, _COLUMNS_REPEATED = _TABLE_NS + "number-rows-repeated", _TABLE_NS + "number-columns-repeated"
_ROWS_SPANNED, _COLUMNS_SPANNED = _TABLE_NS + "number-rows-spanned", _TABLE_NS + "number-columns-spanned"
_VISIBILITY, _FORMULA = _TABLE_NS + "visibility", _TABLE_NS + "formula"
_VALUE_TYPE, _VALUE = _OFFICE_NS + "value-type", _OFFICE_NS + "value"
_DATE_VALUE, _TIME_VALUE = _OFFICE_NS + "date-value", _OFFICE_NS + "time-value"
_BOOLEAN_VALUE, _STRING_VALUE = _OFFICE_NS + "boolean-value", _OFFICE_NS + "string-value"
_NUMBERS = ("float", "percentage", "currency")
# ODF writes a cell's value twice (an attribute and the text shown) under longer tags: the same
# sheet takes about 2,5 times the XML it takes in an .xlsx. The bound on text read scales so,
# that a report the app reads as .xlsx it reads as .ods too; the cost lies in the elements,
# which are bounded apart (reading the worst accepted .ods: BENCHMARKS.md, office files).
ODS_TEXT_FACTOR = 3

# The census: tags with any namespace prefix, as the regexes of the .xlsx scan.
_P = r"(?:[\w.-]++:)?"
_CENSUS = re.compile(
    (
        rf"<{_P}(?:covered-)?table-cell(?=[\s/>])"  # a cell
        rf"|<{_P}table(?=[\s/>])([^>]*)>"  # 1: a sheet (its attributes may be none)
        rf"|<{_P}style\s([^>]*)>"  # 2: a style
        rf"|<{_P}table-properties\s([^>]*)>"  # 3: a sheet style's properties
    ).encode()
)
# A cell that holds something says what (office:value-type), or holds a formula.
_VALUE_CELL = re.compile(rf"<{_P}(?:covered-)?table-cell\s[^>]*?(?:value-type|formula)\s*=".encode())


def _attribute(name: str) -> re.Pattern[bytes]:
    return re.compile(rf"""(?:^|\s){_P}{name}\s*=\s*(?:"([^"]*)"|'([^']*)')""".encode())


_NAME, _STYLE_NAME, _FAMILY, _DISPLAY = map(_attribute, ("name", "style-name", "family", "display"))
_ACTIVE_TABLE = re.compile(rb"""name\s*=\s*["']ActiveTable["'][^>]*>([^<]*)<""")
_DURATION = re.compile(r"-?PT(\d+)H(\d+)M(\d+(?:\.\d+)?)S")
_WHOLE = re.compile(r"[+-]?\d+")


def is_ods(archive: zipfile.ZipFile) -> bool:
    """An OpenDocument spreadsheet says so in its first part, ``mimetype``, or (a program
    that leaves that out) in its manifest."""
    names = set(archive.namelist())
    if "mimetype" in names:
        info = archive.getinfo("mimetype")
        return info.file_size < 200 and archive.read(info).strip() == ODS_MIMETYPE
    return MANIFEST in names and CONTENT in names and ODS_MIMETYPE in _small_part(archive, MANIFEST)


def _found(pattern: re.Pattern[bytes], attributes: bytes) -> str | None:
    match = pattern.search(attributes)
    if match is None:
        return None
    return html.unescape((match[1] if match[1] is not None else match[2]).decode("utf-8", "replace"))


@dataclass
class _Census:
    names: list[str] = field(default_factory=list)
    styles: list[str | None] = field(default_factory=list)  # each sheet's style
    hidden_styles: set[str] = field(default_factory=set)  # sheet styles with display="false"
    cells: int = 0
    elements: int = 0


def _census(archive: zipfile.ZipFile, limits: FileLimits) -> _Census:
    """What reading content.xml costs, counted before expat sees it: the cells holding
    something in every sheet, and every element (empty cells and formatting among them,
    each parsed); and the sheets' names and styles."""
    census = _Census()
    style: str | None = None
    # LibreOffice writes ~2 elements a cell (the cell, its paragraph) and one a row for the
    # empty run that ends it; formatting inside a text adds more.
    element_limit = limits.max_elements + 3 * limits.max_cells
    for part in _xml_parts(archive, CONTENT):
        census.elements += len(_START_TAG.findall(part))
        census.cells += len(_VALUE_CELL.findall(part))
        if census.cells > limits.max_cells:
            raise _RefusalError("too_many_cells", limit=limits.max_cells)
        if census.elements > element_limit:
            raise _RefusalError("too_complex", limit=element_limit)
        for match in _CENSUS.finditer(part):
            if match[1] is not None:
                census.names.append(_found(_NAME, match[1]) or "")
                census.styles.append(_found(_STYLE_NAME, match[1]))
            elif match[2] is not None:
                style = _found(_NAME, match[2]) if _found(_FAMILY, match[2]) == "table" else None
            elif match[3] is not None and style is not None and _found(_DISPLAY, match[3]) == "false":
                census.hidden_styles.add(style)
    return census


def _active_sheet(archive: zipfile.ZipFile) -> str | None:
    """The sheet the file opens on, as LibreOffice keeps it in settings.xml."""
    if SETTINGS not in archive.namelist():
        return None
    found = _ACTIVE_TABLE.search(_small_part(archive, SETTINGS))
    return html.unescape(found[1].decode("utf-8", "replace")) if found else None


def _encrypted(archive: zipfile.ZipFile) -> bool:
    """LibreOffice encrypts each part with a password, and the manifest says how."""
    return MANIFEST in archive.namelist() and b"encryption-data" in _small_part(archive, MANIFEST)


def read_ods(archive: zipfile.ZipFile, limits: FileLimits) -> tuple[str, tuple[SheetRow, ...], tuple[MergedRange, ...]]:
    """The chosen sheet's rows and merged ranges, as for an .xlsx."""
    if _encrypted(archive):
        raise _RefusalError("password_protected_ods")
    if CONTENT not in archive.namelist():
        raise _RefusalError("corrupt")
    size = archive.getinfo(CONTENT).file_size  # as declared: zipfile reads no further
    if size > ODS_TEXT_FACTOR * limits.max_text_bytes:
        raise _RefusalError("too_much_text", limit=ODS_TEXT_FACTOR * limits.max_text_bytes)
    census = _census(archive, limits)
    if not census.names:  # no sheet at all (or not UTF-8, which the census cannot read)
        raise _RefusalError("corrupt")
    active_name = _active_sheet(archive)
    entries = [
        _SheetEntry(name, style not in census.hidden_styles, str(index))
        for index, (name, style) in enumerate(zip(census.names, census.styles, strict=True))
    ]
    active = next((index for index, entry in enumerate(entries) if entry.name == active_name), 0)
    chosen = _chosen_sheet(entries, active)
    index = int(chosen.path)
    reader = _SheetReader(index, limits, census.names[index], census.styles[index])
    reader.read(archive)
    if not reader.rows:
        raise _RefusalError("empty_sheet", sheet=chosen.name)
    return chosen.name, tuple(reader.rows), tuple(reader.merged)


class _SheetEndedError(Exception):
    """The chosen sheet has ended: the rest of the document is not read."""


@dataclass
class _Cell:
    attributes: dict[str, str]
    depth: int
    paragraphs: list[list[str]] = field(default_factory=list)
    paragraph_open: bool = False


class _SheetReader:
    """The rows of the ``wanted``-th sheet of content.xml, read by expat as a stream."""

    def __init__(self, wanted: int, limits: FileLimits, name: str = "", style: str | None = None) -> None:
        self.wanted = wanted
        # the sheet as the census found it: expat must find the same there, or the census
        # counted a table expat does not (another namespace...), and a hidden sheet could be read
        self.wanted_name, self.wanted_style = name, style
        self.limits = limits
        self.rows: list[SheetRow] = []
        self.merged: list[MergedRange] = []
        self.sheets_seen = 0
        self.reading = False
        self.depth = 0
        self.sheet_depth = 0
        self.number = 0  # the rows before the row being read
        self.cells_laid_out = 0
        self.spaces = 0  # spaces laid out from text:s counts
        # the row being read
        self.row_open = False
        self.row_repeat = 1
        self.row_hidden = False
        self.row_cells: list[object] = []
        self.row_merges: list[tuple[int, int, int]] = []  # (column, rows spanned, columns spanned)
        self.column = 0
        self.cell: _Cell | None = None

    def read(self, archive: zipfile.ZipFile) -> None:
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.buffer_text = True
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.text
        parser.StartDoctypeDeclHandler = _no_declarations  # no entity may expand inside the document
        parser.EntityDeclHandler = _no_declarations
        try:
            for part in _xml_parts(archive, CONTENT):
                parser.Parse(part, False)
            parser.Parse(b"", True)
        except _SheetEndedError:
            return
        except (expat.ExpatError, ValueError, LookupError, zipfile.BadZipFile, OSError, EOFError) as error:
            # LookupError: an encoding expat does not know, declared in the XML declaration
            raise _RefusalError("corrupt") from error
        raise _RefusalError("corrupt")  # the chosen sheet was never found, or never ended

    def start(self, name: str, attributes: dict[str, str]) -> None:
        self.depth += 1
        if name == _TABLE:
            if self.reading:
                return  # a table inside a cell: its text is not the cell's
            if self.sheets_seen == self.wanted:
                if (attributes.get(_TABLE_NS + "name", ""), attributes.get(_TABLE_NS + "style-name")) != (
                    self.wanted_name,
                    self.wanted_style,
                ):
                    raise _RefusalError("corrupt")
                self.reading, self.sheet_depth = True, self.depth
            self.sheets_seen += 1
            return
        if not self.reading:
            return
        cell = self.cell
        if cell is not None:
            if name in _PARAGRAPHS and self.depth == cell.depth + 1:
                cell.paragraphs.append([])
                cell.paragraph_open = True
            elif cell.paragraph_open:
                if name == _SPACE:
                    # a run of spaces is written as its count: counted against the text
                    # bound before it is laid out (text:c="2000000000" would be 2 GB)
                    spaces = _count(attributes.get(_TEXT_NS + "c", "1"))
                    self.spaces += spaces
                    if self.spaces > self.limits.max_text_bytes:
                        raise _RefusalError("too_much_text", limit=self.limits.max_text_bytes)
                    cell.paragraphs[-1].append(" " * spaces)
                elif name == _TAB:
                    cell.paragraphs[-1].append("\t")
                elif name == _LINE_BREAK:
                    cell.paragraphs[-1].append("\n")
            return
        if name == _ROW and not self.row_open:
            self.row_open = True
            self.row_repeat = _count(attributes.get(_ROWS_REPEATED, "1"))
            self.row_hidden = attributes.get(_VISIBILITY, "visible") != "visible"
            self.row_cells, self.row_merges, self.column = [], [], 0
        elif name in _CELLS and self.row_open:
            self.cell = _Cell(attributes, self.depth)

    def text(self, data: str) -> None:
        cell = self.cell
        if cell is not None and cell.paragraph_open:
            cell.paragraphs[-1].append(data)

    def end(self, name: str) -> None:
        depth, self.depth = self.depth, self.depth - 1
        if not self.reading:
            return
        cell = self.cell
        if cell is not None:
            if depth == cell.depth:
                self.cell = None
                self.place(cell)
            elif name in _PARAGRAPHS and depth == cell.depth + 1:
                cell.paragraph_open = False
            return
        if name == _ROW and self.row_open:
            self.row_open = False
            self.close_row()
        elif name == _TABLE and depth == self.sheet_depth:
            raise _SheetEndedError

    def place(self, cell: _Cell) -> None:
        """The cell (or its run of repeats) at the row's current column."""
        attributes = cell.attributes
        repeated = attributes.get(_COLUMNS_REPEATED)
        repeat = 1 if repeated is None else _count(repeated)
        if _ROWS_SPANNED in attributes or _COLUMNS_SPANNED in attributes:
            rows_spanned = _count(attributes.get(_ROWS_SPANNED, "1"))
            columns_spanned = _count(attributes.get(_COLUMNS_SPANNED, "1"))
            if rows_spanned > 1 or columns_spanned > 1:
                # each repeat is a merge of its own: counted before any is kept
                if len(self.merged) + len(self.row_merges) + repeat > self.limits.max_cells:
                    raise _RefusalError("too_many_cells", limit=self.limits.max_cells)
                for offset in range(repeat):
                    self.row_merges.append((self.column + offset + 1, rows_spanned, columns_spanned))
        value = _value(attributes, cell.paragraphs)
        if value is not None:
            column, cells = self.column, self.row_cells
            if column + repeat > self.limits.max_columns:
                raise _RefusalError("too_many_columns", limit=self.limits.max_columns, row=self.number + 1)
            if len(cells) < column:
                cells.extend([None] * (column - len(cells)))
            if repeat == 1:
                cells.append(value)
            else:
                cells.extend([value] * repeat)
        self.column += repeat

    def close_row(self) -> None:
        """The row, laid out as many times as it repeats, once its cost is known to fit."""
        first, repeat = self.number + 1, self.row_repeat
        self.number += repeat
        limits = self.limits
        if self.row_merges:
            if len(self.merged) + len(self.row_merges) * repeat > limits.max_cells:
                raise _RefusalError("too_many_cells", limit=limits.max_cells)
            for number in range(first, first + repeat):
                for column, rows_spanned, columns_spanned in self.row_merges:
                    self.merged.append(_merge(number, column, rows_spanned, columns_spanned))
        kept = _kept(self.row_cells)
        if kept is None:
            return
        if len(self.rows) + repeat > limits.max_rows:
            raise _RefusalError("too_many_rows", limit=limits.max_rows)
        self.cells_laid_out += len(kept) * repeat
        if self.cells_laid_out > limits.max_cells:
            raise _RefusalError("too_many_cells", limit=limits.max_cells)
        for number in range(first, first + repeat):
            _check_row(kept, number, len(self.rows), limits)
            self.rows.append(SheetRow(number, kept, hidden=self.row_hidden))


def _no_declarations(*_: object) -> None:
    raise _RefusalError("corrupt")


def _count(text: str) -> int:
    """A repeat or span count; ODF's are at least 1."""
    return int(text) if text.isascii() and text.isdigit() and int(text) > 0 else 1


def _merge(row: int, column: int, rows_spanned: int, columns_spanned: int) -> MergedRange:
    last_row, last_column = row + rows_spanned - 1, column + columns_spanned - 1
    ref = f"{get_column_letter(column)}{row}:{get_column_letter(min(last_column, 18_278))}{last_row}"
    return MergedRange(ref, row, last_row, column, last_column)


def _value(attributes: dict[str, str], paragraphs: list[list[str]]) -> object:
    """A cell as openpyxl gives the same cell of an .xlsx: a number (whole ones as int), a
    date as a datetime, a time of day as a time, a boolean, text; a formula by the value
    saved with it, or as Uncomputed when none was saved."""
    kind = attributes.get(_VALUE_TYPE)
    value: object
    if kind in _NUMBERS:
        value = _number(attributes.get(_VALUE, ""))
    elif kind == "string":
        value = attributes.get(_STRING_VALUE)  # an error's is "", its text "#DIV/0!"
    elif kind == "date":
        value = _date(attributes.get(_DATE_VALUE, ""))
    elif kind == "time":
        value = _time(attributes.get(_TIME_VALUE, ""))
    elif kind == "boolean":
        value = attributes.get(_BOOLEAN_VALUE, "").strip().lower() in ("true", "1")
    elif _FORMULA in attributes:
        formula = attributes[_FORMULA]
        return Uncomputed("=" + formula.split(":=", 1)[-1].lstrip("="))  # "of:=B2*2" -> "=B2*2"
    else:
        value = None
    if value is None or value == "":  # text, or a value not written as ODF says: the text shown
        value = "\n".join("".join(parts) for parts in paragraphs)
    return value if value != "" else None


def _number(text: str) -> int | float | None:
    text = text.strip()
    try:
        return int(text) if _WHOLE.fullmatch(text) else float(text)
    except ValueError:
        return None


def _date(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text.strip())
    except ValueError:
        return None


def _time(text: str) -> dt.time | dt.timedelta | None:
    match = _DURATION.fullmatch(text.strip())
    if match is None:
        return None
    try:
        span = dt.timedelta(hours=int(match[1]), minutes=int(match[2]), seconds=float(match[3]))
    except (OverflowError, ValueError):  # beyond timedelta's ~2,7 million years: the text shown
        return None
    if text.strip().startswith("-"):
        return -span
    return (dt.datetime.min + span).time() if span < dt.timedelta(days=1) else span
