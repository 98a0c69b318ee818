"""XLSX reader: workbooks written by openpyxl, and re-saved by LibreOffice so formulas carry values."""

from __future__ import annotations

import datetime as dt
import shutil
import time
import zipfile
from pathlib import Path

import hostile_files as hf
import openpyxl
import pytest
from openpyxl.utils.datetime import CALENDAR_MAC_1904, from_excel

from pipeline.errors import ReadError
from pipeline.limits import Limits
from pipeline.model import Document, Table
from pipeline.readers import read_file
from pipeline.readers.xlsx import sheet_merges
from tools.office import convert, soffice

DUE_SERIAL = 46100  # a date serial typed into a date-formatted cell
OPENED = dt.date(2026, 1, 5)
MAIN_NS = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
HEADER = ["Số phiếu", "Ngày lập", "Thời hạn", "Số ngày", "Tỷ lệ", "Ghi chú"]


def make_register(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sổ HĐKP"
    ws["A2"] = "SỔ THEO DÕI HÀNH ĐỘNG KHẮC PHỤC"  # row 1 left empty: the table starts at row 2
    ws.merge_cells("A2:F2")
    for col, label in enumerate(HEADER, start=1):
        ws.cell(row=3, column=col, value=label)
    ws["A4"], ws["B4"], ws["C4"] = "01/2026", OPENED, DUE_SERIAL
    ws["C4"].number_format = "dd/mm/yyyy"
    ws["D4"] = "=C4-B4"
    ws["E4"], ws["E4"].number_format = 0.95, "0%"
    ws["F4"] = "  Nguyễn Văn A  "
    ws["A5"], ws["B5"], ws["C5"] = 7, 3.5, 46101  # numbers in General format stay numbers
    ws["D5"], ws["E5"] = True, 1  # equal in Python, displayed differently
    ws["A6"] = "Văn phòng"
    ws.merge_cells("A6:A7")
    ws["B6"], ws["B7"] = "đợt 1", "đợt 2"
    ws["B8"] = dt.datetime(2026, 2, 3, 14, 30)
    ws["H12"].number_format = "dd/mm/yyyy"  # formatted but empty: trimmed away
    ws["G20"].fill = openpyxl.styles.PatternFill("solid", fgColor="FFFF00")
    hidden = wb.create_sheet("Danh mục")
    hidden["B3"], hidden["C3"] = "QT.03.CTCL", 3
    hidden.sheet_state = "hidden"
    wb.create_sheet("Trống")
    wb.save(str(path))
    return path


@pytest.fixture(scope="module")
def openpyxl_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_register(tmp_path_factory.mktemp("xlsx") / "register.xlsx")


@pytest.fixture(scope="module")
def lo_file(openpyxl_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same workbook re-saved by LibreOffice, which stores the formula's computed value."""
    if soffice() is None:
        pytest.skip("LibreOffice (soffice) not installed")
    return convert(openpyxl_file, "xlsx", tmp_path_factory.mktemp("lo"))


def sheet(doc: Document, name: str) -> Table:
    return next(t for t in doc.tables() if t.sheet == name)


@pytest.mark.parametrize("made_by", ["openpyxl", "libreoffice"])
def test_register_sheet(made_by: str, request: pytest.FixtureRequest) -> None:
    path: Path = request.getfixturevalue("openpyxl_file" if made_by == "openpyxl" else "lo_file")
    doc = read_file(str(path), "reg/register.xlsx", Limits())
    assert (doc.path, doc.format) == ("reg/register.xlsx", "xlsx")
    table = sheet(doc, "Sổ HĐKP")
    assert (table.first_row, table.n_rows, table.n_cols) == (2, 7, 6)  # rows 2..8, columns A..F
    assert table.location(2, 1) == "sheet 'Sổ HĐKP', hàng 4, cột B"

    title = table.cell(0, 0)
    assert all(table.cell(0, c) is title for c in range(6)) and (title.rowspan, title.colspan) == (1, 6)
    assert [c.text for c in table.rows[1]] == HEADER

    opened, due, days, rate, note = (table.cell(2, c) for c in range(1, 6))
    assert (opened.value, opened.text) == (OPENED, OPENED.strftime("%d/%m/%Y"))
    due_date = from_excel(DUE_SERIAL).date()
    assert (due.value, due.text) == (due_date, due_date.strftime("%d/%m/%Y"))
    assert "yy" in due.number_format.lower()
    if made_by == "libreoffice":  # cached value of =C4-B4
        assert (days.value, days.text) == ((due_date - OPENED).days, str((due_date - OPENED).days))
    else:  # openpyxl stores no cached value: the cell is empty, never the formula text
        assert (days.value, days.text) == (None, "")
    assert (rate.value, rate.text) == (0.95, "95%")
    assert (note.value, note.text) == ("Nguyễn Văn A", "Nguyễn Văn A")

    assert [(c.value, c.text) for c in table.rows[3][:3]] == [(7, "7"), (3.5, "3.5"), (46101, "46101")]
    assert isinstance(table.cell(3, 2).value, int)
    assert [(c.value, c.text) for c in table.rows[3][3:5]] == [(True, "TRUE"), (1, "1")]

    unit = table.cell(4, 0)
    assert unit is table.cell(5, 0) and (unit.text, unit.row, unit.rowspan) == ("Văn phòng", 4, 2)
    assert [table.cell(r, 1).text for r in (4, 5)] == ["đợt 1", "đợt 2"]
    stamp = table.cell(6, 1)
    assert (stamp.value, stamp.text) == (dt.datetime(2026, 2, 3, 14, 30), "03/02/2026 14:30")
    assert table.cell(6, 0).text == "" and table.cell(6, 0).value is None


def test_hidden_sheet_is_read_and_empty_sheet_skipped(openpyxl_file: Path) -> None:
    doc = read_file(str(openpyxl_file), "r.xlsx", Limits())
    assert [t.sheet for t in doc.tables()] == ["Sổ HĐKP", "Danh mục"]
    assert [t.index for t in doc.tables()] == [1, 2]
    hidden = sheet(doc, "Danh mục")
    assert hidden.first_row == 3 and hidden.texts() == [["", "QT.03.CTCL", "3"]]  # columns start at A


def test_merges_found_with_prefixed_namespace(tmp_path: Path) -> None:
    """Some producers write <x:mergeCell>; the merge scan must not depend on the prefix."""
    plain = make_register(tmp_path / "plain.xlsx")
    path = tmp_path / "prefixed.xlsx"
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(path, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<mergeCell ", b"<x:mergeCell xmlns:x='%s' " % MAIN_NS)
            zout.writestr(info, data)
    assert sheet_merges(str(path))["Sổ HĐKP"] == [(2, 1, 2, 6), (6, 1, 7, 1)]
    table = sheet(read_file(str(path), "p.xlsx", Limits()), "Sổ HĐKP")
    assert table.cell(4, 0) is table.cell(5, 0)


def test_stray_formatted_cell_far_away_costs_nothing(tmp_path: Path) -> None:
    """One formatted empty cell at the sheet's last slot: the used range stays the data."""
    wb = openpyxl.Workbook()
    wb.active["A1"], wb.active["A2"] = "Số phiếu", "01/2026"
    wb.active["XFD1048576"].number_format = "dd/mm/yyyy"
    wb.save(str(tmp_path / "stray.xlsx"))
    started = time.monotonic()
    doc = read_file(str(tmp_path / "stray.xlsx"), "stray.xlsx", Limits())
    assert time.monotonic() - started < 10  # walking the declared range would take hours
    assert doc.tables()[0].texts() == [["Số phiếu"], ["01/2026"]]


def test_macro_enabled_extension(openpyxl_file: Path, tmp_path: Path) -> None:
    path = Path(shutil.copy(openpyxl_file, tmp_path / "register.xlsm"))
    doc = read_file(str(path), "register.xlsm", Limits())
    assert doc.format == "xlsx" and not doc.warnings


def test_xml_entities_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as info:
        read_file(str(hf.make_entity_xlsx(tmp_path / "laughs.xlsx")), "laughs.xlsx", Limits())
    assert info.value.reason == "corrupt" and "Entit" in info.value.detail


# --- workbooks written as raw OOXML: what Excel writes and openpyxl does not ----------------------

_TYPES = ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/xl/workbook.xml" '
          'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>')
_ROOT_RELS = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
              'officeDocument" Target="xl/workbook.xml"/></Relationships>')
_BOOK_RELS = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
              'worksheet" Target="worksheets/sheet1.xml"/>'
              '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
              'sharedStrings" Target="sharedStrings.xml"/>'
              '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
              'styles" Target="styles.xml"/></Relationships>')
_MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_STYLES = (f'<styleSheet {_MAIN}><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>'
           '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/></cellXfs></styleSheet>')
_STRINGS = (f'<sst {_MAIN} count="2" uniqueCount="2">'
            '<si><r><t xml:space="preserve">Văn </t></r><r><rPr><b/></rPr><t>phòng</t></r>'
            '<rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si>'
            '<si><t>Dòng 1_x000D_\nDòng 2</t></si></sst>')


def write_raw_xlsx(path: Path, rows: str, date1904: bool = False, book_prefix: str = "") -> Path:
    """A minimal package as Excel writes it: shared strings, styles with a custom date format."""
    pr = '<workbookPr date1904="1"/>' if date1904 else ""
    book = (f'{book_prefix}<workbook {_MAIN} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'relationships">{pr}<sheets><sheet name="Sổ" sheetId="1" r:id="rId1"/></sheets></workbook>')
    parts = {"[Content_Types].xml": _TYPES, "_rels/.rels": _ROOT_RELS, "xl/workbook.xml": book,
             "xl/_rels/workbook.xml.rels": _BOOK_RELS, "xl/styles.xml": _STYLES, "xl/sharedStrings.xml": _STRINGS,
             "xl/worksheets/sheet1.xml": f"<worksheet {_MAIN}><sheetData>{rows}</sheetData></worksheet>"}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in parts.items():
            zf.writestr(name, text)
    return path


def test_excel_cell_types(tmp_path: Path) -> None:
    """Shared rich text (phonetic runs left out), escapes, inline strings, booleans, errors,
    custom and built-in date formats, cells and rows without an `r` reference."""
    rows = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
            '<c r="C1" t="inlineStr"><is><t> Ghi chú </t></is></c></row>'
            '<row r="2"><c r="A2" s="1"><v>46100</v></c><c r="B2" s="2"><v>46101.5</v></c>'
            '<c r="C2" t="b"><v>1</v></c><c r="D2" t="e"><v>#N/A</v></c></row>'
            '<row><c><v>7</v></c><c t="str"><v>công thức</v></c></row>')
    table = read_file(str(write_raw_xlsx(tmp_path / "excel.xlsx", rows)), "excel.xlsx", Limits()).tables()[0]
    assert [c.text for c in table.rows[0][:3]] == ["Văn phòng", "Dòng 1\r\nDòng 2", "Ghi chú"]
    assert table.cell(1, 0).value == from_excel(46100).date()
    assert table.cell(1, 0).text == from_excel(46100).strftime("%d/%m/%Y")
    assert table.cell(1, 1).value == from_excel(46101.5)  # a date format with a time: a datetime
    assert [(c.value, c.text) for c in table.rows[1][2:]] == [(True, "TRUE"), ("#N/A", "#N/A")]
    assert table.location(2, 1) == "sheet 'Sổ', hàng 3, cột B"
    assert [(c.value, c.text) for c in table.rows[2][:2]] == [(7, "7"), ("công thức", "công thức")]


def test_1904_date_system(tmp_path: Path) -> None:
    path = write_raw_xlsx(tmp_path / "mac.xlsx", '<row r="1"><c r="A1" s="1"><v>44000</v></c></row>', date1904=True)
    cell = read_file(str(path), "mac.xlsx", Limits()).tables()[0].cell(0, 0)
    assert cell.value == from_excel(44000, CALENDAR_MAC_1904).date() != from_excel(44000).date()


@pytest.mark.parametrize("prologue", [
    '<?xml version="1.0"?><!DOCTYPE workbook [<!ENTITY x "y">]>',
    '<?xml version="1.0"?><!-- a comment holding <a tag --><!DOCTYPE workbook [<!ENTITY x "y">]>',
])
def test_doctype_in_any_part_is_refused(tmp_path: Path, prologue: str) -> None:
    path = write_raw_xlsx(tmp_path / "dtd.xlsx", '<row r="1"><c r="A1"><v>1</v></c></row>', book_prefix=prologue)
    with pytest.raises(ReadError) as info:
        read_file(str(path), "dtd.xlsx", Limits())
    assert info.value.reason == "corrupt" and "Entit" in info.value.detail
