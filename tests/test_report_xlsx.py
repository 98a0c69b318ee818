"""findings.xlsx (SPEC §6): a findings sheet and a summary sheet; text starting with = + - @ stays text.

Read back with openpyxl (cell type and quote prefix), as raw sheet XML (no formula element at all) and
through LibreOffice (the cell shows the text, not the formula's result).
"""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from capa_forms import HOSTILE, hostile_inbox
from conftest import needs_soffice
from lxml import etree
from qms_runner import QmsRun, run_qms

from pipeline.emit.i18n import TEXT
from tools.office import convert

FORMULA_START = ("=", "+", "-", "@")
SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _check(inbox: Path, outbox: Path, *extra: str) -> QmsRun:
    run = run_qms("check", "--inbox", str(inbox), "--outbox", str(outbox), "--as-of", "2026-11-22", *extra,
                  outbox=outbox)
    assert run.code in (0, 1) and "Traceback" not in run.stderr, run.stderr
    return run


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> QmsRun:
    root = tmp_path_factory.mktemp("report-xlsx")
    hostile_inbox(root / "inbox")
    return _check(root / "inbox", root / "out")


def _workbook(run: QmsRun) -> Any:
    assert run.outbox is not None
    return openpyxl.load_workbook(run.outbox / "findings.xlsx")


def _table(sheet: Any) -> list[dict[str, Any]]:
    header = [c.value for c in sheet[1]]
    return [dict(zip(header, row, strict=False)) for row in sheet.iter_rows(min_row=2)]


def test_hostile_text_is_a_quoted_string(run):
    w = TEXT["vi"]
    findings, summary = _workbook(run).worksheets
    rows = _table(findings)
    hostile = [row for row in rows if row[w["evidence"]].value == HOSTILE]
    assert len(hostile) == 1
    for cell in (hostile[0][w["evidence"]], hostile[0][w["unit"]]):
        assert cell.value == HOSTILE and cell.data_type == "s" and cell.quotePrefix
    in_summary = [c for row in summary.iter_rows() for c in row if c.value == HOSTILE]
    assert in_summary and all(c.data_type == "s" and c.quotePrefix for c in in_summary)


def test_every_formula_like_cell_is_neutralised(run):
    starts = set()
    for sheet in _workbook(run).worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula"
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
                    assert cell.data_type == "s" and cell.quotePrefix, f"{sheet.title}!{cell.coordinate}"
                    starts.add(cell.value[0])
    assert starts == set(FORMULA_START)  # the inbox put each of them at the start of a cell


def test_the_file_holds_no_formula(run):
    with zipfile.ZipFile(run.outbox / "findings.xlsx") as zf:
        sheets = [n for n in zf.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
        assert len(sheets) == 2
        for name in sheets:
            root = etree.fromstring(zf.read(name))
            assert root.findall(f".//{{{SHEET_NS}}}f") == [], name


@needs_soffice()
def test_libreoffice_shows_the_text_not_a_result(run, tmp_path):
    """Opened in a real spreadsheet program, the cells read as the document's text, never evaluated."""
    exported = convert(run.outbox / "findings.xlsx", "csv:Text - txt - csv (StarCalc):44,34,76", tmp_path)
    cells = {cell for row in csv.reader(exported.read_text(encoding="utf-8-sig").splitlines()) for cell in row}
    assert HOSTILE in cells
    assert {"+1+1 Phòng Kế hoạch", "-1-1", "@SUM(A1:A2) Phòng Chính sách"} <= cells
    assert "Bấm vào đây" not in cells and "2" not in cells and "-2" not in cells


def test_sheets_match_findings_json(run):
    w = TEXT["vi"]
    doc = run.json("findings.json")
    findings, summary = _workbook(run).worksheets
    assert (findings.title, summary.title) == (w["sheet_findings"], w["sheet_summary"])
    rows = _table(findings)
    assert sorted(row[w["id"]].value for row in rows) == sorted(f["id"] for f in doc["findings"])
    by_id = {row[w["id"]].value: row for row in rows}
    for f in doc["findings"]:
        row = by_id[f["id"]]
        assert row[w["rule"]].value == f["rule"] and row[w["severity"]].value == w[f["severity"]]
        assert row[w["message"]].value == f["message"]["vi"] and row[w["file"]].value == (f["file"] or None)
    values = [[c.value for c in row if c.value is not None] for row in summary.iter_rows()]
    start = values.index([w["by_severity"], w["count"]])
    counts = dict(values[start + 1: start + 5])
    assert counts == {w[s]: n for s, n in doc["summary"]["by_severity"].items()}


def test_english_workbook(run, tmp_path):
    en = _check(run.outbox.parent / "inbox", tmp_path / "out", "--lang", "en")
    w = TEXT["en"]
    findings, summary = _workbook(en).worksheets
    assert (findings.title, summary.title) == (w["sheet_findings"], w["sheet_summary"])
    rows = _table(findings)
    doc = en.json("findings.json")
    assert {row[w["title"]].value for row in rows} == {f["title"]["en"] for f in doc["findings"]}
    assert {row[w["message"]].value for row in rows} == {f["message"]["en"] for f in doc["findings"]}
    assert {row[w["severity"]].value for row in rows} <= {w["major"], w["minor"], w["observation"], w["info"]}


def test_xml_illegal_control_characters_are_dropped_and_nothing_else():
    from pipeline.emit.xlsx_out import safe_cell

    assert safe_cell("Số\x01 phiếu\x0b\x1f 05/2026") == "Số phiếu 05/2026"
    assert safe_cell("a\tb\nc\rd") == "a\tb\nc\rd"  # tab, line feed and carriage return are legal XML
    assert safe_cell(7) == 7 and safe_cell(None) is None
