"""Hostile .ods and .xls files, built here byte by byte: each is refused with UnreadableFileError
and a code of its own, before the costly work its numbers ask for; never another exception."""

from __future__ import annotations

import io
import struct
import zipfile
from dataclasses import replace

import pytest
from xlrd.compdoc import CompDoc

from tracker.service.spreadsheets import APP_LIMITS, FileLimits, UnreadableFileError, read_spreadsheet

_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)
_CELL = '<table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>'


def _content(rows: str, encoding: str = "UTF-8") -> bytes:
    return (
        f'<?xml version="1.0" encoding="{encoding}"?><office:document-content {_NS}><office:body>'
        f'<office:spreadsheet><table:table table:name="Data">{rows}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    ).encode()


def _ods(content: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", b"application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _refusal(name: str, data: bytes, limits: FileLimits = APP_LIMITS) -> UnreadableFileError:
    with pytest.raises(UnreadableFileError) as raised:
        read_spreadsheet(name, data, limits=limits)
    return raised.value


def test_a_sound_ods_built_here_reads() -> None:
    table = read_spreadsheet("a.ods", _ods(_content(f"<table:table-row>{_CELL}</table:table-row>")))
    assert len(table.rows) == 1


@pytest.mark.parametrize("spaces", ['<text:s text:c="2000000000"/>', '<text:s text:c="3000000"/>' * 4])
def test_a_run_of_spaces_is_counted_against_the_text_bound_before_it_is_laid_out(spaces: str) -> None:
    row = f"<table:table-row><table:table-cell><text:p>a{spaces}</text:p></table:table-cell>{_CELL}</table:table-row>"
    assert _refusal("a.ods", _ods(_content(row))).code == "too_much_text"


def test_merges_are_counted_as_each_repeat_adds_one() -> None:
    merges = '<table:table-cell table:number-columns-repeated="1000000" table:number-columns-spanned="2"/>' * 200
    row = f"<table:table-row>{merges}{_CELL}</table:table-row>"
    assert _refusal("a.ods", _ods(_content(row))).code == "too_many_cells"


@pytest.mark.parametrize("value", ["PT99999999999999H0M0S", "PT0H0M" + "9" * 400 + "S", "PT" + "9" * 5000 + "H0M0S"])
def test_a_time_beyond_what_python_holds_reads_as_the_text_shown(value: str) -> None:
    cell = (
        f'<table:table-cell office:value-type="time" office:time-value="{value}">'
        "<text:p>late</text:p></table:table-cell>"
    )
    table = read_spreadsheet("a.ods", _ods(_content(f"<table:table-row>{cell}</table:table-row>")))
    assert table.rows[0].cells[0] == "late"


def test_an_encoding_expat_does_not_know_is_a_damaged_file() -> None:
    content = _content(f"<table:table-row>{_CELL}</table:table-row>", encoding="x-nonexistent")
    assert _refusal("a.ods", _ods(content)).code == "corrupt"


def test_a_utf16_content_is_a_damaged_file_not_a_hidden_sheet() -> None:
    content = _content(f"<table:table-row>{_CELL}</table:table-row>", encoding="UTF-16").decode().encode("utf-16")
    assert _refusal("a.ods", _ods(content)).code == "corrupt"


# --- .xls: the compound file around the workbook ----------------------------------------------

_END, _FREE, _FAT_SECTOR = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD


def _entry(name: str, kind: int, start: int, size: int, child: int = _FREE) -> bytes:
    encoded = (name + "\0").encode("utf-16-le")
    entry = encoded.ljust(64, b"\0") + struct.pack("<HBBIII", len(encoded), kind, 1, _FREE, _FREE, child)
    return entry + b"\0" * 36 + struct.pack("<III", start, size, 0)


def _compound_file(stream: bytes) -> bytes:
    """A compound file of 512-byte sectors: the stream's, then the directory, then the FAT."""
    stream = stream.ljust(4096, b"\0")  # at the mini stream cutoff: kept in ordinary sectors
    stream = stream.ljust(-(-len(stream) // 512) * 512, b"\0")
    count = len(stream) // 512
    fat = [index + 1 for index in range(count - 1)] + [_END, _END, _FAT_SECTOR]
    fat += [_FREE] * (128 - len(fat))
    directory = _entry("Root Entry", 5, _END, 0, child=1) + _entry("Workbook", 2, 0, len(stream)) + b"\0" * 256
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
    header += b"\0" * 6 + struct.pack("<9I", 0, 1, count, 0, 4096, _END, 0, _END, 0)
    header += struct.pack("<109I", count + 1, *[_FREE] * 108)
    return header + stream + directory + struct.pack("<128I", *fat)


def _workbook() -> bytes:
    bof = struct.pack("<HHHHII", 0x0809, 16, 0x0600, 0x0005, 0, 0)
    return _compound_file(bof + struct.pack("<HH", 0x000A, 0))


def test_the_compound_file_built_here_is_sound() -> None:
    memory, _base, size = CompDoc(_workbook(), logfile=io.StringIO()).locate_named_stream("Workbook")
    assert memory is not None and size == 4096


@pytest.mark.parametrize(("offset", "value"), [(0x1E, 0), (0x1E, 20), (0x20, 0), (0x1C, 0)])
def test_header_fields_xlrd_divides_by_are_checked_before_it_does(offset: int, value: int) -> None:
    data = bytearray(_workbook())
    struct.pack_into("<H", data, offset, value)  # sector shift 0: ZeroDivisionError in xlrd
    assert _refusal("a.xls", bytes(data)).code == "corrupt"


def test_a_directory_entry_that_is_its_own_sibling_is_a_damaged_file() -> None:
    data = bytearray(_workbook())
    struct.pack_into("<I", data, 512 + 4096 + 128 + 68, 1)  # Workbook's left sibling: itself (RecursionError)
    assert _refusal("a.xls", bytes(data)).code == "corrupt"


# --- .ods: the sheet the census chose is the sheet expat reads -----------------------------------

_HIDDEN_STYLE = (
    '<office:automatic-styles><style:style style:name="ta2" style:family="table">'
    '<style:table-properties table:display="false"/></style:style></office:automatic-styles>'
)


def _sheets(first: str) -> bytes:
    def text_row(text: str) -> str:
        cell = f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'
        return f"<table:table-row>{cell}</table:table-row>"

    body = (
        first
        + f'<table:table table:name="Secret" table:style-name="ta2">{text_row("SECRET")}</table:table>'
        + f'<table:table table:name="Visible">{text_row("visible")}</table:table>'
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_NS} '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0">'
        f"{_HIDDEN_STYLE}<office:body><office:spreadsheet>{body}</office:spreadsheet></office:body>"
        "</office:document-content>"
    ).encode()


def test_a_table_in_another_namespace_cannot_make_a_hidden_sheet_read() -> None:
    data = _ods(_sheets('<x:table xmlns:x="urn:other" x:name="fake"/>'))
    assert _refusal("a.ods", data).code == "corrupt"


def test_a_sheet_without_attributes_is_counted_as_a_sheet() -> None:
    cell = '<table:table-cell office:value-type="string"><text:p>first</text:p></table:table-cell>'
    table = read_spreadsheet(
        "a.ods", _ods(_sheets(f"<table:table><table:table-row>{cell}</table:table-row></table:table>"))
    )
    assert all("SECRET" not in row.cells for row in table.rows)
    assert table.rows[0].cells == ("first",)


def _record(kind: int, body: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def test_a_bof_nested_in_a_sheet_hides_no_cells_from_the_count() -> None:
    """xlrd skips a BOF inside a sheet to the first EOF, nested BOFs or not, then reads on:
    the census skips the same, and counts the empty cells laid out after it."""
    name = b"Data"
    sheet_record = _record(0x0085, struct.pack("<IBBBB", 0, 0, 0, len(name), 0) + name)
    globals_ = _record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0, 0, 0, 0)) + sheet_record + _record(0x000A)
    sheet_bof = _record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0010, 0, 0, 0, 0))
    number = _record(0x0203, struct.pack("<HHHd", 0, 0, 15, 1.0))
    nested = sheet_bof + sheet_bof + _record(0x000A)  # xlrd's skip ends here, at the first EOF
    blanks = b"".join(
        _record(0x00BE, struct.pack("<HH", row, 0) + b"\x0f\x00" * 256 + b"\xff\x00") for row in range(10)
    )
    sheet = sheet_bof + number + nested + blanks + _record(0x000A) + _record(0x000A)
    offset = len(globals_)
    globals_ = globals_.replace(sheet_record, _record(0x0085, struct.pack("<IBBBB", offset, 0, 0, len(name), 0) + name))
    limits = replace(APP_LIMITS, max_cells=1_000)  # 10 rows of 256 empty cells are past it
    assert _refusal("a.xls", _compound_file(globals_ + sheet), limits).code == "too_many_cells"
