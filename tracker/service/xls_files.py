"""Excel 97-2003 workbooks (.xls), as district offices still save them: read by xlrd under
the same rules and bounds as .xlsx (tracker.service.spreadsheets, which calls this).

An .xls is a compound file (OLE2) holding a "Workbook" stream of BIFF records. xlrd parses
the workbook's globals (every shared string among them) when it opens the file, and a sheet
whole when it is asked for one. So before xlrd sees the file, one pass over the records'
headers (4 bytes each, the bodies skipped but for a few fixed fields) counts what xlrd would
build: the shared strings and other globals, then the chosen sheet's cells, rows and merged
ranges; a file past ``FileLimits`` is refused before it is parsed. The same pass finds a
password (FILEPASS), which xlrd cannot read through. Plain Python: no streamlit.
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass, field

import xlrd
from openpyxl.utils.cell import get_column_letter
from xlrd.biffh import error_text_from_code
from xlrd.compdoc import CompDoc, CompDocError

from tracker.service.spreadsheets import (
    FileLimits,
    MergedRange,
    SheetRow,
    _check_row,
    _chosen_sheet,
    _kept,
    _RefusalError,
    _SheetEntry,
)

# BIFF record types (Microsoft's [MS-XLS] names)
_BOF, _EOF, _FILEPASS, _SST, _CONTINUE, _BOUNDSHEET, _WINDOW1 = 0x0809, 0x000A, 0x002F, 0x00FC, 0x003C, 0x0085, 0x003D
_MERGEDCELLS, _MULRK, _MULBLANK, _BLANK = 0x00E5, 0x00BD, 0x00BE, 0x0201
# Records of one cell each that hold something: NUMBER, RK, LABELSST, LABEL, RSTRING, BOOLERR, FORMULA
_VALUE_CELLS = frozenset((0x0203, 0x027E, 0x00FD, 0x0204, 0x00D6, 0x0205, 0x0006))
_BIFF8, _BIFF5 = 0x0600, 0x0500  # Excel 97-2003; Excel 5.0/95 (xlrd reads both)
_OLDER_BOFS = (0x0009, 0x0209, 0x0409)  # Excel 2.x to 4.0: not in a compound file at all, as a rule
_WORKSHEET = 0x00  # BOUNDSHEET's sheet type; charts (0x02) and macro sheets hold no report

# What damaged bytes raise from the compound file's or xlrd's readers.
_DAMAGED = (
    CompDocError,
    xlrd.XLRDError,
    struct.error,
    IndexError,
    KeyError,
    ValueError,
    TypeError,
    AssertionError,  # xlrd asserts a cell's row and column are in Excel's range
    OverflowError,
    ZeroDivisionError,
    EOFError,
    RecursionError,  # a directory entry that is its own sibling: xlrd's tree walk never ends
)


class _Sink(io.StringIO):
    """Where xlrd writes its warnings ("OLE2 inconsistency"...): nowhere a person looks."""

    def write(self, text: str) -> int:
        return len(text)


@dataclass
class _Globals:
    version: int
    sheets: list[tuple[int, int, int]] = field(default_factory=list)  # (stream offset, visibility, type)
    active: int = 0
    strings: int = 0
    records: int = 0  # but the shared strings'


@dataclass
class _SheetCensus:
    widths: dict[int, int] = field(default_factory=dict)  # row index -> its last column + 1, empty cells too
    used: set[int] = field(default_factory=set)  # rows with a cell holding something
    merges: int = 0


def read_xls(data: bytes, limits: FileLimits) -> tuple[str, tuple[SheetRow, ...], tuple[MergedRange, ...]]:
    """The chosen sheet's rows and merged ranges; ``data`` starts with the compound file's
    signature. A compound file that holds no workbook is refused for what it is."""
    try:
        _check_header(data)
        stream = _workbook_stream(data)
        book_globals = _census_globals(stream, limits)
        sink = _Sink()
        book = xlrd.open_workbook(
            file_contents=data, formatting_info=True, on_demand=True, ragged_rows=True, logfile=sink
        )
        names = iter(book.sheet_names())  # the worksheets', decoded, in the order of their BOUNDSHEETs
        entries: list[_SheetEntry] = []
        positions: dict[str, tuple[int, int]] = {}  # entry's path -> (xlrd's index, stream offset)
        for offset, visibility, kind in book_globals.sheets:
            if kind != _WORKSHEET:
                entries.append(_SheetEntry("", visibility == 0, ""))
                continue
            index = len(positions)
            path = str(index)
            positions[path] = (index, offset)
            entries.append(_SheetEntry(next(names), visibility == 0, path))
        if not positions:
            raise _RefusalError("corrupt")  # Excel never saves a workbook without a worksheet
        chosen = _chosen_sheet(entries, book_globals.active)
        index, offset = positions[chosen.path]
        census = _census_sheet(stream, offset, limits)
        if not census.used:
            raise _RefusalError("empty_sheet", sheet=chosen.name)
        try:
            sheet = book.sheet_by_index(index)
            rows = _rows(sheet, book.datemode, limits)
            merged = tuple(_merged(sheet.merged_cells))
        finally:
            book.release_resources()
    except _DAMAGED as error:
        raise _RefusalError("corrupt") from error
    return chosen.name, rows, merged


def _check_header(data: bytes) -> None:
    """The compound file's header fields xlrd divides and shifts by, checked before it does
    ([MS-CFB] 2.2: byte order FFFE, sectors of 512 or 4096 bytes, mini sectors of 64)."""
    if len(data) < 512:
        raise _RefusalError("corrupt")
    byte_order, sector_shift, mini_sector_shift = struct.unpack_from("<HHH", data, 0x1C)
    if byte_order != 0xFFFE or sector_shift not in (9, 12) or mini_sector_shift != 6:
        raise _RefusalError("corrupt")


def _workbook_stream(data: bytes) -> bytes:
    """The workbook's BIFF stream, or a refusal naming what the compound file holds instead."""
    document = CompDoc(data, logfile=_Sink())
    for name in ("Workbook", "Book"):  # Book: Excel 5.0/95
        memory, base, size = document.locate_named_stream(name)
        if memory:
            return bytes(memory[base : base + size])
    if document._dir_search(["EncryptionInfo"]) is not None:  # an encrypted .xlsx: Office wraps it so
        raise _RefusalError("password_protected")
    if document._dir_search(["WordDocument"]) is not None:
        raise _RefusalError("not_a_spreadsheet", looks_like="Word (.doc)")
    if document._dir_search(["PowerPoint Document"]) is not None:
        raise _RefusalError("not_a_spreadsheet", looks_like="PowerPoint (.ppt)")
    raise _RefusalError("not_a_spreadsheet", looks_like="OLE2")


def _record(stream: bytes, start: int) -> tuple[int, int, int]:
    """The record at ``start``: (type, where its body starts, its length)."""
    kind, length = struct.unpack_from("<HH", stream, start)
    return kind, start + 4, length


def _census_globals(stream: bytes, limits: FileLimits) -> _Globals:
    """What opening the workbook costs xlrd, counted before it does: the shared strings (SST
    says how many) and the other records (formats, fonts, names...), each parsed."""
    kind, body, length = _record(stream, 0)
    if kind in _OLDER_BOFS:
        raise _RefusalError("old_xls")
    if kind != _BOF or length < 4:
        raise _RefusalError("corrupt")
    version = struct.unpack_from("<H", stream, body)[0]
    if version not in (_BIFF8, _BIFF5):
        raise _RefusalError("old_xls")
    found = _Globals(version)
    position = body + length
    while position + 4 <= len(stream):
        kind, body, length = _record(stream, position)
        position = body + length
        if kind not in (_SST, _CONTINUE):  # the shared strings are counted by their number
            found.records += 1
        if kind == _EOF:
            return found
        if kind == _FILEPASS:
            raise _RefusalError("password_protected")
        if kind == _SST and length >= 8:
            found.strings = struct.unpack_from("<I", stream, body + 4)[0]  # the distinct texts
            if found.strings > limits.max_strings:
                raise _RefusalError("too_many_strings", limit=limits.max_strings)
        elif kind == _BOUNDSHEET and length >= 6:
            offset, visibility, sheet_type = struct.unpack_from("<IBB", stream, body)
            found.sheets.append((offset, visibility, sheet_type))
        elif kind == _WINDOW1 and length >= 12:
            found.active = struct.unpack_from("<H", stream, body + 10)[0]
        if found.records > limits.max_elements:  # formats, fonts, styles, names: each parsed by xlrd
            raise _RefusalError("too_complex", limit=limits.max_elements)
    raise _RefusalError("corrupt")  # the globals never end


def _census_sheet(stream: bytes, offset: int, limits: FileLimits) -> _SheetCensus:
    """The sheet's cells as xlrd would lay them out (each row as wide as its last cell, empty
    formatted ones included), its rows holding something and its merged ranges, from the
    records' headers; refused as soon as one passes ``limits``. A chart inside the sheet is a
    BOF...EOF of its own, skipped."""
    kind, body, length = _record(stream, offset)
    if kind != _BOF:
        raise _RefusalError("corrupt")
    census = _SheetCensus()
    cells = 0
    embedded = False  # inside a BOF...EOF of the sheet, which xlrd skips
    position = body + length
    while position + 4 <= len(stream):
        kind, body, length = _record(stream, position)
        position = body + length
        # As xlrd reads a sheet: a BOF of any BIFF version inside it starts a part skipped to
        # the first EOF, nested BOFs or not; the next EOF ends the sheet. Counted otherwise, a
        # nested BOF would hide from the census the cells xlrd lays out after its first EOF.
        if embedded:
            embedded = kind != _EOF
            continue
        if kind == _BOF or kind in _OLDER_BOFS:
            embedded = True
            continue
        if kind == _EOF:
            return census
        if length < 4:
            continue
        if kind == _MERGEDCELLS:
            census.merges += struct.unpack_from("<H", stream, body)[0]
            if census.merges > limits.max_cells:
                raise _RefusalError("too_many_cells", limit=limits.max_cells)
            continue
        row, first = struct.unpack_from("<HH", stream, body)
        if kind in _VALUE_CELLS or kind == _BLANK:
            last = first
        elif kind in (_MULRK, _MULBLANK) and length >= 6:
            last = struct.unpack_from("<H", stream, body + length - 2)[0]
        else:
            continue
        width = census.widths.get(row, 0)
        if last + 1 > width:
            cells += last + 1 - width  # xlrd fills a row up to its last cell
            census.widths[row] = last + 1
            if cells > limits.max_cells:
                raise _RefusalError("too_many_cells", limit=limits.max_cells)
        if kind in _VALUE_CELLS or kind == _MULRK:
            census.used.add(row)
            if len(census.used) > limits.max_rows:
                raise _RefusalError("too_many_rows", limit=limits.max_rows)
    raise _RefusalError("corrupt")  # the sheet never ends


def _rows(sheet: xlrd.sheet.Sheet, datemode: int, limits: FileLimits) -> tuple[SheetRow, ...]:
    hidden = {index for index, info in sheet.rowinfo_map.items() if info.hidden}
    rows: list[SheetRow] = []
    for index in range(sheet.nrows):
        types, values = sheet.row_types(index), sheet.row_values(index)
        kept = _kept([_value(kind, value, datemode) for kind, value in zip(types, values, strict=True)])
        if kept is None:
            continue
        _check_row(kept, index + 1, len(rows), limits)
        rows.append(SheetRow(index + 1, kept, hidden=index in hidden))
    return tuple(rows)


def _value(kind: int, value: object, datemode: int) -> object:
    """A cell as openpyxl gives the same cell of an .xlsx: a whole number as int, a date as
    a datetime (a time of day alone as a time), an error as its text ("#DIV/0!"). A formula
    is read by the value Excel computed and saved with it, as every .xls holds one."""
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if kind == xlrd.XL_CELL_TEXT:
        return value or None
    if kind == xlrd.XL_CELL_BOOLEAN:
        return bool(value)
    if kind == xlrd.XL_CELL_ERROR:
        return error_text_from_code.get(int(value), "#N/A")  # type: ignore[call-overload]
    number = float(value)  # type: ignore[arg-type]
    if kind == xlrd.XL_CELL_DATE:
        try:
            moment = xlrd.xldate_as_datetime(number, datemode)
        except (xlrd.XLDateError, ValueError, OverflowError):
            return _number(number)  # a date format on a number no calendar has: the number
        return moment.time() if 0 <= number < 1 else moment
    return _number(number)


def _number(number: float) -> int | float:
    """Excel stores every number as a double; openpyxl gives an .xlsx's whole ones as int."""
    return int(number) if number.is_integer() and abs(number) < 2**53 else number


def _merged(ranges: list[tuple[int, int, int, int]]) -> list[MergedRange]:
    merged = []
    for first_row, end_row, first_column, end_column in ranges:  # xlrd's ends are exclusive, from 0
        if end_row <= first_row or end_column <= first_column:
            continue
        ref = f"{get_column_letter(first_column + 1)}{first_row + 1}:{get_column_letter(end_column)}{end_row}"
        merged.append(MergedRange(ref, first_row + 1, end_row, first_column + 1, end_column))
    return merged
