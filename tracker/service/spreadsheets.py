"""Reading the files districts send: the uploaded bytes become rows of cells, or the file is
refused with one message (``UnreadableFileError``) that says what is wrong and what to do.

The kind of a file is told by its content, never by its name: people rename a PDF to .xlsx,
save "CSV" in whatever encoding their Windows uses, and zip things. What the cells mean
(which column is the district, which the quantity) is the import's business, not this
module's: it only reads, keeps each row's real number and says which rows are hidden.

XLSX goes through openpyxl in read-only mode. What read-only mode cannot tell (hidden rows,
merged ranges, formulas never computed) comes from one cheap regex pass over the sheet's
XML, which also finds the last row holding anything, so that a sheet with a million empty
formatted rows is not walked row by row. The old Excel 97-2003 .xls goes through xlrd
(tracker.service.xls_files), LibreOffice's .ods through expat (tracker.service.ods_files),
each counted against the same bounds before it is parsed. Plain Python: no streamlit.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import itertools
import posixpath
import re
import struct
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from typing import Any, Literal, cast

from tracker.domain.errors import CodedError
from tracker.domain.reports import DATA_SHEET, Uncomputed
from tracker.domain.text import shown_text
from tracker.i18n import Lang, format_number

MAX_COLUMNS = 200  # a report has about ten columns; a file ten times wider is not a report


@dataclass(frozen=True)
class FileLimits:
    """What reading one file may cost. Each bound is checked as the file is read, before
    the costly part it protects (openpyxl's parsing, a row's checks, the page's column
    choices), and is refused with a message of its own. Reading costs about 15 µs a cell
    and the preview about 70 µs a row (BENCHMARKS.md): the app's bounds keep the worst
    file it accepts to a few seconds; the command line, the operator's tool, may take more.
    """

    max_bytes: int  # the file as it arrives
    max_rows: int  # rows that hold something
    max_cells: int  # cells of the sheet read, empty formatted ones included: each is parsed
    max_strings: int  # the workbook's shared strings: Excel keeps each distinct text once, for every sheet
    max_text_bytes: int  # XML parsed: the parts read whole (shared strings, styles...) and the sheet's rows
    max_elements: int  # elements of the parts read whole but the shared strings: styles, names, themes
    max_columns: int = MAX_COLUMNS


# A year of every district's reports is ~2.200 rows and ~25.000 cells (~100 KB as Excel):
# the app takes four times that. What a file costs stays in its session while the page is
# open (and two minutes after), so the bound is on memory as much as on time.
APP_LIMITS = FileLimits(
    max_bytes=5 * 1024 * 1024,
    max_rows=10_000,
    max_cells=150_000,
    max_strings=50_000,
    max_text_bytes=8 * 1024 * 1024,
    max_elements=30_000,  # a workbook's own styles and theme take ~1.000; Excel allows 64.000 styles
)
# The command line reads what an operator hands it (a 100.000-row CSV is ~8 MB).
CLI_LIMITS = FileLimits(
    max_bytes=64 * 1024 * 1024,
    max_rows=200_000,
    max_cells=3_000_000,
    max_strings=1_000_000,
    max_text_bytes=100 * 1024 * 1024,
    max_elements=300_000,
)
APP_MAX_BYTES = APP_LIMITS.max_bytes
CLI_MAX_BYTES = CLI_LIMITS.max_bytes

# An xlsx is a zip: its parts are checked before anything is unpacked. A year of reports
# unpacks to a few MB; a zip bomb declares gigabytes, or one part that swells absurdly.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 200
RATIO_FLOOR = 1024 * 1024  # small parts (styles, themes) may compress very well

__all__ = [  # Uncomputed lives in the domain (the import reasons about it); it is read here
    "APP_LIMITS",
    "APP_MAX_BYTES",
    "CLI_LIMITS",
    "CLI_MAX_BYTES",
    "MAX_COLUMNS",
    "FileLimits",
    "MergedRange",
    "SheetRow",
    "SheetTable",
    "Uncomputed",
    "UnreadableFileError",
    "human_size",
    "read_spreadsheet",
]

DATA_SHEET_NAMES = (DATA_SHEET, "Data")  # the sheet read when present and visible, in this order


class UnreadableFileError(CodedError):
    """The file cannot be read as a spreadsheet; nothing was imported. Every code has the
    file's ``name``; ``too_big`` the ``size`` and ``limit`` in bytes, ``expands_too_far``
    the ``limit`` in bytes, ``too_many_rows`` the ``limit`` in rows, ``bad_quotes`` the
    ``row`` (line) where the unclosed quote opens, ``not_a_spreadsheet`` what the content
    ``looks_like`` ("PDF", "ZIP", ...), ``empty_sheet`` the ``sheet`` that was read;
    ``too_many_columns`` the ``limit`` and the ``row`` that goes past it; ``too_many_cells``,
    ``too_many_strings`` and ``too_complex`` the ``limit`` in cells, texts and elements,
    ``too_much_text`` the ``limit`` in bytes.

    Codes: empty, empty_sheet, too_big, not_a_spreadsheet, password_protected,
    password_protected_ods, old_xls (older than Excel 95),
    corrupt, expands_too_far, too_many_rows, too_many_columns, too_many_cells,
    too_many_strings, too_much_text, too_complex, unknown_encoding, no_visible_sheet,
    not_text, bad_quotes."""

    prefix = "file.error."

    def shown(self, lang: Lang) -> dict[str, Any]:
        shown: dict[str, Any] = {**self.params, "data_sheet": DATA_SHEET}
        shown["name"] = _shown_name(str(self.params.get("name", "")))
        for key, value in self.params.items():
            if isinstance(value, int) and not isinstance(value, bool):
                in_bytes = key == "size" or (key == "limit" and self.code in _LIMITS_IN_BYTES)
                shown[key] = human_size(value, lang) if in_bytes else format_number(value, lang, decimals=0)
        return shown


def human_size(size: int, lang: Lang = "vi") -> str:
    """5 MB, 1,5 MB (Vietnamese) / 1.5 MB (English), 900 KB: sizes in the units people know."""
    for unit, factor in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= factor:
            return f"{format_number(size / factor, lang, decimals=1)} {unit}"
    return f"{size} B"


def _shown_name(name: str, limit: int = 80) -> str:
    """The file's own name, without a browser's fake path or a novel's length, its hidden
    characters (control, direction, zero-width, blank letters) written out as ⟨U+202E⟩ by
    the rule for every text from outside, so that a name cannot pose as another."""
    return shown_text(re.split(r"[\\/]", unicodedata.normalize("NFC", name))[-1], limit=limit)


@dataclass(frozen=True)
class SheetRow:
    """One row that holds something. ``number`` is what a person sees: Excel's row number,
    or for CSV the line the record starts on (1 = the first line). ``cells`` run from column
    A to the row's last non-empty cell (trailing empty cells are dropped, so rows differ in
    length: use ``cell``); empty cells are None."""

    number: int
    cells: tuple[object, ...]
    hidden: bool = False

    def cell(self, column: int) -> object:
        """The cell in ``column`` (1 = A), None past the row's end."""
        return self.cells[column - 1] if 0 < column <= len(self.cells) else None


@dataclass(frozen=True)
class MergedRange:
    ref: str  # "A3:C3"
    first_row: int
    last_row: int
    first_column: int
    last_column: int


@dataclass(frozen=True)
class SheetTable:
    file_name: str
    sha256: str
    size: int
    kind: Kind
    sheet: str | None  # xlsx, xls, ods: the sheet read
    encoding: str | None  # csv: "utf-8", "utf-8-sig", "utf-16", "cp1258", "cp1252"
    delimiter: str | None  # csv: ",", ";" or "\t"
    rows: tuple[SheetRow, ...]  # only rows with at least one non-empty cell, in order
    merged: tuple[MergedRange, ...]


Kind = Literal["xlsx", "xls", "ods", "csv"]
_LIMITS_IN_BYTES = ("too_big", "expands_too_far", "too_much_text")


class _RefusalError(Exception):
    """A refusal raised deep inside, before the file's name is at hand."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def read_spreadsheet(file_name: str, data: bytes, *, limits: FileLimits = APP_LIMITS) -> SheetTable:
    """The rows of an XLSX, XLS, ODS or CSV file, or UnreadableFileError saying why not and what to do.
    ``limits`` bounds what the file may cost to read (the app's by default)."""
    data = bytes(data)
    if len(data) > limits.max_bytes:  # before anything is parsed
        raise UnreadableFileError("too_big", name=file_name, size=len(data), limit=limits.max_bytes)
    try:
        if not data:
            raise _RefusalError("empty")
        kind: Kind
        if data.startswith(b"PK\x03\x04"):
            kind, sheet, rows, merged = _read_zip(data, limits)
            encoding = delimiter = None
        elif data.startswith(_OLE2):
            from tracker.service.xls_files import read_xls  # imports this module: not at its top

            (sheet, rows, merged), kind = read_xls(data, limits), "xls"
            encoding = delimiter = None
        else:
            _refuse_other_binaries(data)
            encoding, delimiter, rows = _read_csv(data, limits)
            kind, sheet, merged = "csv", None, ()
    except _RefusalError as refusal:
        raise UnreadableFileError(refusal.code, name=file_name, **refusal.params) from refusal
    return SheetTable(
        file_name=_shown_name(file_name, limit=255),  # as the batch keeps it: no path, nothing hidden
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        kind=kind,
        sheet=sheet,
        encoding=encoding,
        delimiter=delimiter,
        rows=rows,
        merged=merged,
    )


# --- what a file is, by its first bytes ---------------------------------------------------

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Office 97-2003, and Office's encrypted files
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\x1f\x8b", "GZIP"),
    (b"PK\x05\x06", "ZIP"),  # an empty zip
    (b"PK\x07\x08", "ZIP"),  # a split zip
    (b"{\\rtf", "RTF"),
)


def _refuse_other_binaries(data: bytes) -> None:
    """Formats known by their magic bytes; whatever passes is treated as text (CSV)."""
    if b"%PDF-" in data[:1024]:  # the header may follow a little junk
        raise _RefusalError("not_a_spreadsheet", looks_like="PDF")
    for magic, looks_like in _MAGIC:
        if data.startswith(magic):
            raise _RefusalError("not_a_spreadsheet", looks_like=looks_like)


# --- XLSX ----------------------------------------------------------------------------------

# What a damaged package raises from zipfile, zlib, the XML parser or openpyxl's readers.
_DAMAGED = (
    zipfile.BadZipFile,
    zlib.error,
    struct.error,
    EOFError,
    OSError,
    KeyError,
    IndexError,
    ValueError,  # UnicodeDecodeError too
    TypeError,  # openpyxl's descriptors refuse malformed attributes with it
    AttributeError,
    NotImplementedError,  # a compression method zipfile does not know
    ET.ParseError,
)
_STRICT_OOXML = "http://purl.oclc.org/ooxml/"  # "Strict Open XML": openpyxl cannot read it


@dataclass(frozen=True)
class _SheetEntry:
    name: str
    visible: bool
    path: str  # the worksheet's part in the zip; "" for a chart sheet or a part that is missing


def _read_zip(data: bytes, limits: FileLimits) -> tuple[Kind, str, tuple[SheetRow, ...], tuple[MergedRange, ...]]:
    """An .xlsx, or an .ods: both are zips, checked alike before either is read."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except _DAMAGED as error:
        raise _RefusalError("corrupt") from error
    with archive:
        _check_expansion(infos)
        if any(info.flag_bits & 0x1 for info in infos):  # a zip password, not Excel's own
            raise _RefusalError("password_protected")
        from tracker.service.ods_files import is_ods, read_ods  # imports this module: not at its top

        try:
            if is_ods(archive):
                return "ods", *read_ods(archive, limits)
        except _DAMAGED as error:
            raise _RefusalError("corrupt") from error
        try:
            workbook = _workbook_part(archive)
            sheets, active = _sheets(archive, workbook)
            sheet = _chosen_sheet(sheets, active)
            read_whole = _parts_read_whole(archive, {entry.path for entry in sheets if entry.path}, limits)
            scan = _scan_sheet(archive, sheet.path, _Budget(limits, read_whole))
            if scan.last_row == 0:
                raise _RefusalError("empty_sheet", sheet=sheet.name)
            others = {entry.path for entry in sheets if entry.path and entry.path != sheet.path}
            source = _openpyxl_package(archive, sheet.path, others, scan)
        except _DAMAGED as error:
            raise _RefusalError("corrupt") from error
    return "xlsx", sheet.name, _xlsx_rows(source, sheet.name, scan, limits), tuple(scan.merged)


def _check_expansion(infos: Sequence[zipfile.ZipInfo]) -> None:
    """Refuse a zip bomb from the sizes the zip declares, before unpacking a byte: zipfile
    stops at the declared size (and fails the CRC), so a part cannot lie its way past this."""
    total = 0
    for info in infos:
        total += info.file_size
        swells = info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1)
        if swells or total > MAX_UNPACKED_BYTES:
            raise _RefusalError("expands_too_far", limit=MAX_UNPACKED_BYTES)


def _workbook_part(archive: zipfile.ZipFile) -> str:
    """The workbook's part, as the package's relationships name it (xl/workbook.xml as a rule)."""
    names = set(archive.namelist())
    part = None
    if "_rels/.rels" in names:
        for relation in _relationships(archive, "_rels/.rels"):
            if relation["type"].endswith("/officeDocument"):
                part = _resolve("", relation["target"])
    if part is None or part not in names:
        part = "xl/workbook.xml" if "xl/workbook.xml" in names else None
    if part is None:
        if any(name.startswith("xl/") for name in names) and "xl/workbook.bin" not in names:
            raise _RefusalError("corrupt")  # a workbook's parts without the workbook
        raise _RefusalError("not_a_spreadsheet", looks_like=_zip_looks_like(archive, names))
    return part


def _zip_looks_like(archive: zipfile.ZipFile, names: set[str]) -> str:
    if "xl/workbook.bin" in names:
        return "Excel Binary (.xlsb)"
    if "word/document.xml" in names:
        return "Word (.docx)"
    if "ppt/presentation.xml" in names:
        return "PowerPoint (.pptx)"
    if "mimetype" in names and archive.getinfo("mimetype").file_size < 200:
        return "OpenDocument"  # a text or a presentation: a spreadsheet is read (ods_files)
    return "ZIP"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _small_part(archive: zipfile.ZipFile, part: str) -> bytes:
    """A part this module parses itself (relationships, the workbook's list of sheets):
    a few KB in any real file, so a large one is refused before it is parsed."""
    if archive.getinfo(part).file_size > _SMALL_PART:
        raise _RefusalError("too_complex", limit=_SMALL_PART_ELEMENTS)
    return archive.read(part)


def _relationships(archive: zipfile.ZipFile, part: str) -> list[dict[str, str]]:
    root = ET.fromstring(_small_part(archive, part))
    return [
        {"id": item.get("Id", ""), "type": item.get("Type", ""), "target": item.get("Target", "")}
        for item in root
        if _local(item.tag) == "Relationship" and item.get("TargetMode") != "External"
    ]


def _resolve(base_dir: str, target: str) -> str:
    """A relationship's target as a zip member name: absolute ("/xl/...") or relative to the part."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(base_dir, target))


def _sheets(archive: zipfile.ZipFile, workbook: str) -> tuple[list[_SheetEntry], int]:
    """The workbook's sheets in tab order, and the index of the active tab."""
    root = ET.fromstring(_small_part(archive, workbook))
    if _local(root.tag) != "workbook":  # the package's main part is a document, a presentation...
        raise _RefusalError("not_a_spreadsheet", looks_like=_zip_looks_like(archive, set(archive.namelist())))
    if root.tag.startswith("{" + _STRICT_OOXML):
        raise _RefusalError("not_a_spreadsheet", looks_like="Strict Open XML")
    base = posixpath.dirname(workbook)
    rels_part = posixpath.join(base, "_rels", posixpath.basename(workbook) + ".rels")
    targets = {
        relation["id"]: (_resolve(base, relation["target"]), relation["type"].endswith("/worksheet"))
        for relation in _relationships(archive, rels_part)
    }
    names = set(archive.namelist())
    sheets, active = [], 0
    for element in root.iter():
        tag = _local(element.tag)
        if tag == "workbookView" and element.get("activeTab") is not None and not sheets:
            tab = element.get("activeTab", "0")
            active = int(tab) if tab.isascii() and tab.isdigit() else 0  # int() would read "٣" as 3
        elif tag == "sheet":
            # r:id, whatever the relationships namespace is called in this file
            rel = next((v for k, v in element.attrib.items() if k.startswith("{") and _local(k) == "id"), "")
            path, is_worksheet = targets.get(rel, ("", False))
            usable = is_worksheet and path in names
            visible = element.get("state", "visible") == "visible"
            sheets.append(_SheetEntry(element.get("name", ""), visible, path if usable else ""))
    return sheets, active


def _same_name(left: str, right: str) -> bool:
    """Sheet names as Excel compares them: without regard to case (and to Unicode's two spellings)."""
    return unicodedata.normalize("NFC", left).casefold() == unicodedata.normalize("NFC", right).casefold()


def _chosen_sheet(sheets: list[_SheetEntry], active: int) -> _SheetEntry:
    """The sheet named "Số liệu" (or "Data") when visible, else the active sheet when visible,
    else the first visible one."""
    readable = [sheet for sheet in sheets if sheet.visible and sheet.path]
    for wanted in DATA_SHEET_NAMES:
        for sheet in readable:
            if _same_name(sheet.name, wanted):
                return sheet
    if 0 <= active < len(sheets) and sheets[active] in readable:
        return sheets[active]
    if not readable:
        raise _RefusalError("no_visible_sheet")
    return readable[0]


# --- what a workbook may cost -----------------------------------------------------------

# openpyxl parses whole every part but the worksheets (which it streams): the shared
# strings, styles, theme, the workbook, relationships, and chart sheets. Their size and
# how many elements they hold are known from a regex pass, which costs ~10 ms a MB;
# openpyxl then spends ~8 µs on each shared string and more on each style.
_SMALL_PART = 4 * 1024 * 1024
_SMALL_PART_ELEMENTS = 100_000  # what the message names for a part we parse ourselves
_SHARED_STRING = re.compile(rb"<(?:[\w.-]++:)?si(?=[\s/>])")
_START_TAG = re.compile(rb"<[A-Za-z_]")


_SHARED_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_CONTENT_TYPES = "[Content_Types].xml"


def _shared_strings_parts(archive: zipfile.ZipFile) -> set[str]:
    """The parts openpyxl reads as the shared strings: those [Content_Types].xml says are."""
    if _CONTENT_TYPES not in archive.namelist():
        return set()  # openpyxl refuses such a package: the file is called damaged later
    root = ET.fromstring(_small_part(archive, _CONTENT_TYPES))
    return {
        item.get("PartName", "").lstrip("/")
        for item in root
        if _local(item.tag) == "Override" and item.get("ContentType") == _SHARED_STRINGS_TYPE
    }


def _parts_read_whole(archive: zipfile.ZipFile, worksheets: set[str], limits: FileLimits) -> int:
    """Refuse a workbook whose parts read whole hold more text, shared strings or elements
    than ``limits`` allow, before openpyxl parses any of them; the bytes they hold. A shared
    string takes two elements (three or more with formatting inside it); every other
    element (a style, a name, a theme's colour) costs openpyxl ~40 µs."""
    parts = [info for info in archive.infolist() if not info.is_dir() and info.filename not in worksheets]
    size = sum(info.file_size for info in parts)  # as declared: zipfile reads no further
    if size > limits.max_text_bytes:
        raise _RefusalError("too_much_text", limit=limits.max_text_bytes)
    shared = _shared_strings_parts(archive)
    strings = string_elements = elements = 0
    for info in parts:
        for chunk in _xml_parts(archive, info.filename):
            if info.filename in shared:
                strings += len(_SHARED_STRING.findall(chunk))
                string_elements += len(_START_TAG.findall(chunk))
            else:
                elements += len(_START_TAG.findall(chunk))
            if strings > limits.max_strings or string_elements > 3 * limits.max_strings:
                raise _RefusalError("too_many_strings", limit=limits.max_strings)
            if elements > limits.max_elements:
                raise _RefusalError("too_complex", limit=limits.max_elements)
    return size


@dataclass
class _Budget:
    """What the sheet's scan may spend, and what it has spent."""

    limits: FileLimits
    read_whole: int = 0  # the bytes of the parts read whole, counted before the sheet
    text_bytes: int = field(init=False)  # those, then the sheet's rows
    cells: int = field(init=False, default=0)
    merges: int = field(init=False, default=0)

    def __post_init__(self) -> None:
        self.text_bytes = self.read_whole

    def again(self) -> _Budget:
        """The budget as it was before the sheet, for a second scan of it."""
        return _Budget(self.limits, self.read_whole)

    def spend(self, part: bytes) -> None:
        """One chunk of the sheet's rows (empty rows cut out), before it is scanned."""
        self.text_bytes += len(part)
        if self.text_bytes > self.limits.max_text_bytes:
            raise _RefusalError("too_much_text", limit=self.limits.max_text_bytes)
        self.cells += len(_CELL_START.findall(part))
        # openpyxl lays out a row as wide as its last cell, empty or not: a cell far to the
        # right costs as many cells as its column's number (Excel's last is the 16.384th).
        for wide in _WIDE_CELL.finditer(part):
            self.cells += _column_number(wide[1].decode())
        if self.cells > self.limits.max_cells:
            raise _RefusalError("too_many_cells", limit=self.limits.max_cells)

    def merge(self) -> None:
        """One more merged range: each is a range to keep and check, like a cell."""
        self.merges += 1
        if self.merges > self.limits.max_cells:
            raise _RefusalError("too_many_cells", limit=self.limits.max_cells)


# The sheet's XML, scanned with a regex rather than parsed: elements may carry a namespace
# prefix (<x:row>, as some .NET libraries write). One alternation, told apart by lastindex.
_P = rb"(?:[\w.-]++:)?"  # possessive: a tag name that is no prefix is not tried again


def _tag(name: bytes, *, closing: bytes = b"") -> bytes:
    """The start of an element ``name`` with any namespace prefix: <row, <x:row (</row with closing=b"/")."""
    return b"<" + closing + _P + name + rb"(?=[\s/>])"


_TOKEN_PARTS = (
    _tag(b"c") + rb"([^>]*?)(?<!/)>",  # 1: a cell with something in it (not <c .../>)
    _tag(b"(f)"),  # 2: a formula
    _tag(b"v") + rb"([^>]*)>([^<]*)",  # 3, 4: a value and its text
    _tag(b"row") + rb"([^>]*)>",  # 5: a row
    _tag(b"mergeCell") + rb"([^>]*)>",  # 6: a merged range
    rb"<(/?)" + _P + rb"sheetData(?=[\s/>])([^>]*)>",  # 7, 8: where the rows start and end
)
_TOKENS = re.compile(b"|".join(_TOKEN_PARTS))
# Cells matter one by one only to tell a formula Excel computed from one it did not. A
# part of the sheet without formulas is scanned a row at a time: its rows, merges and the
# sheet's data (the same groups, the others never matching), and between two rows one
# search for a cell with something in it.
_ROW_TOKENS = re.compile(
    # the lookahead lets the engine pass over the cells' and values' own tags at once
    rb"(?=<(?![cv][\s/>]|/[cv]>))(?:" + b"|".join((rb"(?!)()", rb"(?!)(f)", rb"(?!)()()", *_TOKEN_PARTS[3:])) + b")"
)
_CONTENT_CELL = re.compile(_TOKEN_PARTS[0])
_CELL_END = re.compile(_tag(b"c", closing=b"/"))
_FORMULA_TAG = re.compile(_tag(b"f"))


def _has_formula(part: bytes) -> bool:
    return (b"<f" in part or b":f" in part) and _FORMULA_TAG.search(part) is not None


_CELL, _FORMULA, _VALUE, _ROW, _MERGE, _SHEET_DATA = 1, 2, 4, 5, 6, 8
# Every cell, empty ones too: counted before the scan looks at them (past a value's or a
# closing tag at once).
_CELL_START = re.compile(rb"<(?!v[\s/>]|/)" + _P + rb"c(?=[\s/>])")
# A cell's reference past column GR (the 200th): three letters, or two from GS on. Only a
# cell's r="" holds letters and digits (a row's holds a number).
_WIDE_CELL = re.compile(rb"""(?<=\s)r\s*=\s*["']\$?([A-Za-z]{3}|[H-Zh-z][A-Za-z]|[Gg][S-Zs-z])\$?[0-9]+["']""")
_ROW_NUMBER = re.compile(rb"""(?:^|\s)r\s*=\s*["'](\d+)["']""")
_HIDDEN = re.compile(rb"""(?:^|\s)hidden\s*=\s*["'](?:1|true)["']""")
_CELL_COLUMN = re.compile(rb"""(?:^|\s)r\s*=\s*["']\$?([A-Za-z]{1,3})\$?\d+["']""")
_TEXT_RESULT = re.compile(rb"""(?:^|\s)t\s*=\s*["']str["']""")
_REF = re.compile(rb"""(?:^|\s)ref\s*=\s*["']([^"']+)["']""")
_CHUNK = 1 << 20

# A row element with nothing in it but formatting: <row r="9" s="1" customFormat="1"/>, or
# a row of empty styled cells (<c r="A9" s="1"/>, or <c r="A9" s="1"></c> as some programs
# write them). Only numbered rows: openpyxl counts unnumbered ones.
_EMPTY_ROW = re.compile(
    _tag(b"row")
    + rb"""[^>]*?\sr\s*=\s*["']\d+["'][^>]*+(?:(?<=/)>|>(?:\s*+"""
    + _tag(b"c")
    + rb"[^>]*+(?:(?<=/)>|>\s*+"
    + _tag(b"c", closing=b"/")
    + rb">))*+\s*+"
    + _tag(b"row", closing=b"/")
    + rb">)"
)
# openpyxl walks every row element up to the last one read (~4 µs each): it is handed the
# sheet without its empty ones (_openpyxl_package), kept from the scan when small enough.
_KEEP_STRIPPED = 16 * _CHUNK


@dataclass
class _SheetScan:
    last_row: int = 0  # the last row with a cell holding something (a value, a formula, text)
    used_rows: int = 0
    empty_rows: int = 0  # row elements with nothing in them (formatting only)
    unnumbered_rows: bool = False  # rows without r="": their numbers come from their order
    hidden: set[int] = field(default_factory=set)  # hidden rows that hold something
    merged: list[MergedRange] = field(default_factory=list)
    uncomputed: dict[int, set[int]] = field(default_factory=dict)  # row -> columns of formulas never computed
    uncomputed_somewhere: set[int] = field(default_factory=set)  # rows with one in a cell without r=""
    stripped: list[bytes] | None = None  # the sheet's XML without its empty rows, when small enough to keep


def _xml_parts(archive: zipfile.ZipFile, path: str) -> Iterator[bytes]:
    """The part's bytes in chunks that each end before a "<", so that no tag is cut in two."""
    with archive.open(path) as stream:
        tail = b""
        while chunk := stream.read(_CHUNK):
            buffer = tail + chunk
            cut = buffer.rfind(b"<")
            if cut <= 0:
                tail = buffer
                continue
            tail = buffer[cut:]
            yield buffer[:cut]
        if tail:
            yield tail


def _scan_sheet(archive: zipfile.ZipFile, path: str, budget: _Budget, *, strip: bool = True) -> _SheetScan:
    """What openpyxl's read-only mode does not tell, from one pass over the sheet's XML.

    With ``strip``, empty row elements are cut out by the regex engine before the scan
    looks at each part, so that a million of them cost no Python per row. A row without
    r="" is numbered by the rows before it: such a sheet is scanned again without cutting.
    Each part is counted against ``budget`` (cells, bytes) before it is scanned, each merged
    range as it is found."""
    scan = _SheetScan()
    in_data = False
    row, row_hidden, row_used, empties = 0, False, False, 0
    cell_open, cell_attrs, cell_formula, cell_value = False, b"", False, False

    def close_cell() -> None:
        if cell_open and cell_formula and not cell_value:
            column = _CELL_COLUMN.search(cell_attrs)
            if column:
                scan.uncomputed.setdefault(row, set()).add(_column_number(column[1].decode()))
            else:
                scan.uncomputed_somewhere.add(row)

    def close_row() -> None:
        nonlocal empties
        if row_used:
            scan.used_rows += 1
            scan.last_row = row
            if row_hidden:
                scan.hidden.add(row)
        elif row:
            empties += 1

    kept: list[bytes] | None = [] if strip else None
    kept_size = 0
    for whole in _xml_parts(archive, path):
        part = whole
        if strip:
            part, removed = _EMPTY_ROW.subn(b"", whole)
            empties += removed
            if kept is not None:
                kept.append(part)
                kept_size += len(part)
                if kept_size > _KEEP_STRIPPED:  # a big sheet: cut again if ever needed
                    kept = None
        budget.spend(part)
        by_cell = (cell_open and cell_formula) or _has_formula(part)
        since = 0  # where the part's text not yet searched for cells starts (scanning by row)
        for match in (_TOKENS if by_cell else _ROW_TOKENS).finditer(part):
            kind = match.lastindex
            if not by_cell:
                row_used = row_used or (in_data and _CONTENT_CELL.search(part, since, match.start()) is not None)
                since = match.end()
            if kind == _CELL and in_data:
                close_cell()
                cell_open, cell_attrs, cell_formula, cell_value = True, match[_CELL], False, False
                row_used = True
            elif kind == _FORMULA:
                cell_formula = cell_formula or cell_open
            elif kind == _VALUE and cell_open and cell_formula:
                # Excel writes an empty <v></v> only for a formula whose text result is "";
                # openpyxl and others write <v/> or <v></v> for a formula they never computed.
                empty = match[3].endswith(b"/") or not match[_VALUE].strip()
                text_result = b"str" in cell_attrs and _TEXT_RESULT.search(cell_attrs) is not None
                cell_value = cell_value or not empty or text_result
            elif kind == _ROW and in_data:
                close_cell()
                close_row()
                attrs = match[_ROW]
                number = _ROW_NUMBER.search(attrs)
                if number is None:
                    scan.unnumbered_rows = True
                    if strip and empties:
                        return _scan_sheet(archive, path, budget.again(), strip=False)
                row = int(number[1]) if number else row + 1
                row_hidden = b"hidden" in attrs and _HIDDEN.search(attrs) is not None
                row_used, cell_open = False, False
            elif kind == _MERGE:
                budget.merge()
                ref = _REF.search(match[_MERGE])
                if ref:
                    _add_merge(scan.merged, ref[1].decode("ascii", "replace"))
            elif kind == _SHEET_DATA:
                if match[7]:  # </sheetData>
                    close_cell()
                    close_row()
                    row, row_used, cell_open, in_data = 0, False, False, False
                else:
                    in_data = not match[_SHEET_DATA].rstrip().endswith(b"/")
        if not by_cell and in_data:
            cells = list(_CONTENT_CELL.finditer(part, since))  # those of the last row begun
            row_used = row_used or bool(cells)
            last = cells[-1] if cells else None
            if last is not None and _CELL_END.search(part, last.end()) is None:
                # a cell still open at the part's end: its formula, if any, comes in the next part
                cell_open, cell_attrs, cell_formula, cell_value = True, last[_CELL], False, False
            else:
                cell_open = False
    close_cell()
    close_row()
    if strip and scan.unnumbered_rows and empties:
        return _scan_sheet(archive, path, budget.again(), strip=False)
    scan.empty_rows, scan.stripped = empties, kept
    return scan


def _column_number(letters: str) -> int:
    """A column's number from its letters (AB is 28), as openpyxl numbers them. openpyxl is
    imported by the spreadsheet paths only: a CSV's import through the command line needs none."""
    from openpyxl.utils.cell import column_index_from_string

    return int(column_index_from_string(letters.upper()))


def _add_merge(merged: list[MergedRange], ref: str) -> None:
    from openpyxl.utils.cell import range_boundaries

    try:
        bounds = range_boundaries(ref)
    except (ValueError, TypeError):
        return  # a merge Excel would not write; the cells are read all the same
    if None in bounds:  # a whole column or row ("A:A"): not something a report merges
        return
    first_column, first_row, last_column, last_row = cast(tuple[int, int, int, int], bounds)
    merged.append(MergedRange(ref, first_row, last_row, first_column, last_column))


def _openpyxl_package(archive: zipfile.ZipFile, path: str, others: set[str], scan: _SheetScan) -> bytes:
    """The package openpyxl is handed, unpacked (stored): the parts it reads whole, and the
    sheet read without its empty row elements (numbered rows keep their numbers), so that
    openpyxl does not walk a million of them to reach a late value, and with a <dimension>
    if it had none, so that openpyxl does not read it whole once more only to find its
    size. The other worksheets are left out: openpyxl would read each one that has no
    <dimension> whole, and nothing of them is ever read (it skips a sheet whose part is
    missing)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as package:
        for info in archive.infolist():
            if info.filename == path:
                with package.open(info.filename, "w") as sheet:
                    for part in _with_dimension(_sheet_parts(archive, path, scan)):
                        sheet.write(part)
            elif info.filename not in others:
                package.writestr(info, archive.read(info))
    return out.getvalue()


def _sheet_parts(archive: zipfile.ZipFile, path: str, scan: _SheetScan) -> Iterator[bytes]:
    """The sheet's XML without its empty rows: as the scan kept it, or cut again. A sheet
    whose rows are numbered by their order is kept whole."""
    if scan.unnumbered_rows:
        return _xml_parts(archive, path)
    if scan.stripped is not None:
        return iter(scan.stripped)
    return map(_EMPTY_ROW.sub, itertools.repeat(b""), _xml_parts(archive, path))


_DIMENSION = re.compile(_tag(b"dimension"))
_SHEET_DATA_START = re.compile(rb"<(" + _P + rb")sheetData(?=[\s/>])")


def _with_dimension(parts: Iterator[bytes]) -> Iterator[bytes]:
    """The sheet's parts, with <dimension ref="A1"/> put before its rows when none comes
    before them (the rows are read to their real end all the same: reset_dimensions)."""
    for part in parts:
        if _DIMENSION.search(part):
            yield part
            break
        start = _SHEET_DATA_START.search(part)
        if start:
            yield part[: start.start()] + b"<" + start[1] + b'dimension ref="A1"/>' + part[start.start() :]
            break
        yield part
    yield from parts


def _openpyxl_rows(source: bytes, sheet: str, last_row: int, *, formulas: bool) -> Iterator[Sequence[object]]:
    """Rows 1..last_row of the sheet, one per row number, as openpyxl reads them: the values
    Excel computed, or (``formulas``) each formula's text instead. Each row is as wide as
    its last cell, empty or not (the scan counts that width as cells: see _Budget.spend)."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(source), read_only=True, data_only=not formulas, keep_links=False)
        try:
            worksheet = workbook[sheet]
            worksheet.reset_dimensions()  # the <dimension> some programs write is wrong: read to the real end
            yield from worksheet.iter_rows(min_row=1, max_row=last_row, values_only=True)
        finally:
            workbook.close()
    except _DAMAGED as error:
        raise _RefusalError("corrupt") from error


def _no_formulas() -> Iterator[Sequence[object]]:
    """Stands in for the formulas' pass when the sheet has no formula left uncomputed."""
    while True:
        yield ()


def _formula_text(value: object) -> str:
    text = getattr(value, "text", value)  # an array formula keeps its text apart
    return text if isinstance(text, str) and text.startswith("=") else "="


def _xlsx_rows(source: bytes, sheet: str, scan: _SheetScan, limits: FileLimits) -> tuple[SheetRow, ...]:
    needs_formulas = bool(scan.uncomputed or scan.uncomputed_somewhere)
    values = _openpyxl_rows(source, sheet, scan.last_row, formulas=False)
    formulas = _openpyxl_rows(source, sheet, scan.last_row, formulas=True) if needs_formulas else _no_formulas()
    rows: list[SheetRow] = []
    with closing(values), closing(formulas):
        for number, (row_values, row_formulas) in enumerate(zip(values, formulas, strict=False), start=1):
            if not row_values:
                continue
            cells = [None if value == "" else value for value in row_values]
            never_computed = scan.uncomputed.get(number, set())
            anywhere = number in scan.uncomputed_somewhere
            if never_computed or anywhere:
                for index, formula in enumerate(row_formulas[: len(cells)]):
                    somewhere = anywhere and cells[index] is None and _formula_text(formula) != "="
                    if index + 1 in never_computed or somewhere:
                        cells[index] = Uncomputed(_formula_text(formula))
            kept = _kept(cells)
            if kept is None:
                continue
            _check_row(kept, number, len(rows), limits)
            rows.append(SheetRow(number, kept, hidden=number in scan.hidden))
    return tuple(rows)


def _check_row(kept: tuple[object, ...], number: int, rows_before: int, limits: FileLimits) -> None:
    """A row may be added: not one too many, nor wider than a report (the page would offer
    every column as a choice; the scan already refused most wide sheets)."""
    if rows_before >= limits.max_rows:
        raise _RefusalError("too_many_rows", limit=limits.max_rows)
    if len(kept) > limits.max_columns:
        raise _RefusalError("too_many_columns", limit=limits.max_columns, row=number)


def _kept(cells: Sequence[object]) -> tuple[object, ...] | None:
    """The cells up to the last non-empty one, or None for a row with nothing in it
    (a cell of spaces counts as empty here, as it looks empty; it is kept as it is)."""
    end = cells[-1] if cells else None
    if end is not None and not (isinstance(end, str) and end.isspace()):
        return tuple(cells)  # most rows end with a filled cell: nothing to cut
    last = 0
    for index, cell in enumerate(cells, start=1):
        if cell is not None and not (isinstance(cell, str) and cell.isspace()):
            last = index
    return tuple(cells[:last]) if last else None


# --- CSV -----------------------------------------------------------------------------------

_DELIMITERS = (";", "\t", ",")  # on a tie, ";": Vietnamese Excel writes it, and decimal commas
_SNIFF_CHARS = 64 * 1024
_SNIFF_RECORDS = 50
# Letters only Vietnamese uses: what tells Windows-1258 from Windows-1252 in the same bytes.
_VIETNAMESE = re.compile("[ăđơưĂĐƠƯ\u1ea0-\u1ef9]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SEP_LINE = re.compile(r"^sep=([;,\t])[ \t]*\r?\n?$")  # Excel's hint line: sep=;
_MARKUP = ("<!doctype html", "<html", "<table", "<?xml")


def _read_csv(data: bytes, limits: FileLimits) -> tuple[str, str, tuple[SheetRow, ...]]:
    text, encoding = _decode(data)
    text = unicodedata.normalize("NFC", text.removeprefix("\ufeff"))
    if not text.strip():
        raise _RefusalError("empty")
    sample = text[:_SNIFF_CHARS]
    if "\x00" in text or len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise _RefusalError("not_text")
    head = sample[:2048].lstrip().lower()
    if head.startswith(_MARKUP):
        raise _RefusalError("not_a_spreadsheet", looks_like=_markup_looks_like(head))
    delimiter, skipped = _delimiter(text)
    try:
        rows = _records(text, delimiter, skipped, limits, strict=True)
    except _NotStrictError:
        rows = _records(text, delimiter, skipped, limits, strict=False)
    if not rows:
        raise _RefusalError("empty")
    return encoding, delimiter, rows


def _markup_looks_like(head: str) -> str:
    if "urn:schemas-microsoft-com:office:spreadsheet" in head:
        return "XML Spreadsheet 2003"
    return "HTML" if "<html" in head or "<table" in head else "XML"


def _decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was written in: a BOM says it; else UTF-16 by its NULs,
    UTF-8 if it decodes, else the Vietnamese or the Western Windows code page."""
    try:
        if data.startswith(codecs.BOM_UTF8):
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig"
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return data.decode("utf-16"), "utf-16"
    except UnicodeDecodeError as error:
        raise _RefusalError("unknown_encoding") from error
    if b"\x00" in data:
        codec = _utf16_without_bom(data[:4096])
        if codec is None:
            raise _RefusalError("not_text")
        try:
            return data.decode(codec), "utf-16"
        except UnicodeDecodeError as error:
            raise _RefusalError("not_text") from error
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    repaired = data.decode("utf-8", errors="replace")
    broken = repaired.count("\ufffd")
    if len(repaired) - len(repaired.encode("ascii", "ignore")) - broken > broken:
        raise _RefusalError("unknown_encoding")  # UTF-8 with a few broken bytes: two files pasted together, or cut
    vietnamese = _decoded(data, "cp1258")
    if vietnamese is not None and _VIETNAMESE.search(unicodedata.normalize("NFC", vietnamese)):
        return vietnamese, "cp1258"  # read_csv composes its separate tone marks (NFC)
    western = _decoded(data, "cp1252")
    if western is not None:
        return western, "cp1252"
    if vietnamese is not None:
        return vietnamese, "cp1258"
    raise _RefusalError("unknown_encoding")


def _decoded(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 of mostly Latin text has a NUL in every other byte: the high bytes."""
    pairs = len(sample) // 2
    if pairs == 0:
        return None
    even, odd = sample[0 : 2 * pairs : 2].count(0), sample[1 : 2 * pairs : 2].count(0)
    if odd >= pairs * 0.3 and even <= pairs * 0.02:
        return "utf-16-le"
    if even >= pairs * 0.3 and odd <= pairs * 0.02:
        return "utf-16-be"
    return None


def _delimiter(text: str) -> tuple[str, int]:
    """The delimiter, and how many lines Excel's "sep=;" hint line takes (0 or 1)."""
    first_line = text[: text.find("\n") + 1] if "\n" in text else text
    hint = _SEP_LINE.match(first_line)
    if hint:
        return hint[1], 1
    sample = text[:_SNIFF_CHARS]
    if len(text) > len(sample) and "\n" in sample:
        sample = sample[: sample.rfind("\n") + 1]  # no record cut in half
    # With no row of two cells or more to go by, the commonest one (";;;" lines are empty rows).
    best, best_score = max(_DELIMITERS, key=sample.count) if any(d in sample for d in _DELIMITERS) else ",", (0.0, 0)
    for delimiter in _DELIMITERS:
        counts = []
        try:
            for record in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter):
                if any(cell.strip() for cell in record):
                    counts.append(len(record))
                    if len(counts) == _SNIFF_RECORDS:
                        break
        except csv.Error:
            continue
        if not counts:
            continue
        mode = max(sorted(set(counts), reverse=True), key=counts.count)
        score = (counts.count(mode) / len(counts), mode)
        if mode > 1 and score > best_score:
            best, best_score = delimiter, score
    return best, 0


class _NotStrictError(Exception):
    """A quote where strict CSV does not allow one (``"a"b``): read again, leniently."""


class _Lines:
    """The text's lines for csv.reader, counted, so each record knows the line it starts on."""

    def __init__(self, text: str, skip: int) -> None:
        self._lines = io.StringIO(text, newline="")
        self.count = 0
        self.exhausted = False
        for _ in range(skip):
            self._lines.readline()
            self.count += 1

    def __iter__(self) -> Iterator[str]:
        for line in self._lines:
            self.count += 1
            yield line
        self.exhausted = True


def _records(text: str, delimiter: str, skip: int, limits: FileLimits, *, strict: bool) -> tuple[SheetRow, ...]:
    lines = _Lines(text, skip)
    reader = csv.reader(lines, delimiter=delimiter, strict=strict)
    rows: list[SheetRow] = []
    cells = 0
    start = lines.count + 1
    try:
        for record in reader:
            number, start = start, lines.count + 1
            kept = _kept([cell if cell != "" else None for cell in record])
            if kept is None:
                continue
            _check_row(kept, number, len(rows), limits)
            cells += len(kept)
            if cells > limits.max_cells:
                raise _RefusalError("too_many_cells", limit=limits.max_cells)
            rows.append(SheetRow(number, kept))
    except csv.Error as error:
        if strict and not lines.exhausted:
            raise _NotStrictError from error
        # A quote opened and never closed: the rest of the file became one cell.
        raise _RefusalError("bad_quotes", row=start) from error
    return tuple(rows)
