"""`qms register`: the document register (PL03) regenerated from the inbox's controlled documents."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pdfplumber
import pytest
import yaml
from docx.oxml.ns import qn
from docx.shared import Mm

from pipeline.checks.documents import code_key, revision_key
from pipeline.limits import Limits
from pipeline.process import FileTask, process_file
from tests.conftest import AS_OF, ROOT, needs_soffice
from tests.qms_runner import QmsRun, run_qms
from tools import docstyle as ds
from tools.office import convert

DOCX = "register/Danh-muc-tai-lieu-HTQLCL.docx"
XLSX = "register/Danh-muc-tai-lieu-HTQLCL.xlsx"
HEAD = ["TT", "Tên tài liệu", "Mã hiệu", "Lần ban hành", "Ngày ban hành", "Ghi chú"]
GROUP_I = {"cscl", "mtcl", "stcl", "qt.01", "qt.02", "qt.03", "qt.04"}


def _rows(path: Path) -> dict[str, dict[str, Any]]:
    """The register's entries as written in the DOCX table: code → row (with its group numeral)."""
    doc = docx.Document(str(path))
    table = next(t for t in doc.tables if [c.text for c in t.rows[0].cells] == HEAD)
    out, group = {}, None
    for row in table.rows[1:]:
        cells = [c.text for c in row.cells]
        if cells[1] == cells[-1] and cells[1]:  # a group row: numeral | title across
            group = cells[0]
            continue
        out[cells[2]] = {"seq": cells[0], "name": cells[1], "revision": cells[3], "issued": cells[4],
                         "note": cells[5], "group": group}
    return out


def _xlsx_rows(path: Path) -> dict[str, dict[str, Any]]:
    ws = openpyxl.load_workbook(path).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if list(r[:6]) == HEAD) + 1
    out = {}
    for r in rows[start:]:
        if r[2] and r[0] is not None:
            out[r[2]] = {"revision": r[3], "issued": r[4], "note": r[5] or ""}
        elif not r[2] and not r[1]:
            break
    return out


def _read(path: Path, rel: str) -> list[Any]:
    """What the project's own reader makes of a file (as if it were filed in the inbox)."""
    stat = path.stat()
    return process_file(FileTask(rel, str(path), stat.st_size, stat.st_mtime_ns, Limits())).records


def _docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        root = docx.oxml.parse_xml(zf.read("word/document.xml"))
    return "".join(t.text or "" for t in root.iter(qn("w:t")))


# ---------------------------------------------------------------- the sample inbox


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory: pytest.TempPathFactory) -> QmsRun:
    outbox = tmp_path_factory.mktemp("register") / "outbox"
    run = run_qms("register", "--inbox", str(ROOT / "inbox"), "--outbox", str(outbox), "--as-of",
                  AS_OF.isoformat(), outbox=outbox)
    assert run.code == 0, run.stderr
    return run


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "tests" / "sample_expectations" / "documents.yaml").read_text(encoding="utf-8"))


def _expected(manifest: dict[str, Any]) -> tuple[dict[str, dict[str, Any]], set[str], dict[str, dict[str, Any]]]:
    """(latest active revision per code, withdrawn-only codes, the inbox register's rows) from the manifest."""
    active: dict[str, dict[str, Any]] = {}
    withdrawn: set[str] = set()
    register: dict[str, dict[str, Any]] = {}
    for entry in manifest["files"].values():
        fields = entry.get("fields", {})
        if entry["kind"] == "controlled_document" and fields.get("status") == "withdrawn":
            withdrawn.add(fields["code"])
        elif entry["kind"] == "controlled_document":
            old = active.get(fields["code"])
            if old is None or int(revision_key(fields["revision"])) > int(revision_key(old["revision"])):
                active[fields["code"]] = fields
        elif entry["kind"] == "document_register":
            register |= {row["code"]: row for row in entry["rows"]}
    return active, withdrawn - set(active), register


def test_register_lists_every_active_document_with_its_header(sample_run: QmsRun, manifest: dict[str, Any]) -> None:
    active, _, register = _expected(manifest)
    rows = _rows(sample_run.outbox / DOCX)
    assert set(active) <= set(rows)
    for code, fields in active.items():
        row = rows[code]
        assert (row["revision"], row["issued"]) == (fields["revision"], f"{fields['issued_on']:%d/%m/%Y}"), code
        assert row["name"] and row["name"][0].isupper() and not row["name"].isupper()  # from the title, PL03 case
    # codes of the previous register without any document found are kept, marked, never dropped silently
    for code in set(register) - set(active):
        assert rows[code]["note"].endswith("chưa tìm thấy tài liệu"), code
    assert set(rows) == set(active) | set(register)
    assert [int(r["seq"]) for r in rows.values()] == list(range(1, len(rows) + 1))
    xlsx = _xlsx_rows(sample_run.outbox / XLSX)
    assert set(xlsx) == set(rows)
    for code, fields in active.items():
        assert (xlsx[code]["revision"], xlsx[code]["issued"].date()) == (fields["revision"], fields["issued_on"])


def test_register_marks_changes_against_the_inbox_register(sample_run: QmsRun, manifest: dict[str, Any]) -> None:
    active, _, register = _expected(manifest)
    rows = _rows(sample_run.outbox / DOCX)
    for code, fields in active.items():
        before = register.get(code)
        if before is None:
            assert rows[code]["note"] == "mới", code
        elif revision_key(before["revision"]) != revision_key(fields["revision"]) or \
                before["issued_on"] != fields["issued_on"]:
            assert rows[code]["note"] == "sửa đổi", code
        else:
            assert rows[code]["note"] not in ("mới", "sửa đổi", "thu hồi"), code
    assert {r["note"] for r in rows.values()} >= {"mới", "sửa đổi"}  # the samples hold both changes
    assert "PL03 - Danh mục tài liệu HTQLCL.docx" in _docx_text(sample_run.outbox / DOCX)


def test_register_excludes_withdrawn_documents(sample_run: QmsRun, manifest: dict[str, Any]) -> None:
    _, withdrawn_only, _ = _expected(manifest)
    withdrawn_files = [f for f, e in manifest["files"].items() if e.get("fields", {}).get("status") == "withdrawn"]
    assert withdrawn_files
    rows = _rows(sample_run.outbox / DOCX)
    assert not withdrawn_only & set(rows)
    for rel in withdrawn_files:  # an older revision under "Hết hiệu lực" does not replace the active one
        fields = manifest["files"][rel]["fields"]
        if fields["code"] in rows:
            assert rows[fields["code"]]["revision"] != fields["revision"]


def test_register_groups_follow_pl03(sample_run: QmsRun) -> None:
    rows = _rows(sample_run.outbox / DOCX)
    for code, row in rows.items():
        key = code_key(code)
        expected = "I" if key in GROUP_I or key[:5] in GROUP_I else "II"
        assert row["group"] == expected, code
    text = _docx_text(sample_run.outbox / DOCX)
    assert "DANH MỤC TÀI LIỆU HỆ THỐNG QUẢN LÝ CHẤT LƯỢNG" in text and "THEO TIÊU CHUẨN TCVN ISO 9001:2015" in text
    assert "Khánh Hòa, ngày 22 tháng 11 năm 2026" in text


def test_register_docx_has_decree_30_page(sample_run: QmsRun) -> None:
    doc = docx.Document(str(sample_run.outbox / DOCX))
    for s in doc.sections:
        assert abs(s.page_width - Mm(210)) < Mm(1) and abs(s.page_height - Mm(297)) < Mm(1)
        assert 20 <= round(s.top_margin.mm) <= 25 and 20 <= round(s.bottom_margin.mm) <= 25
        assert 30 <= round(s.left_margin.mm) <= 35 and 15 <= round(s.right_margin.mm) <= 20
    fonts = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(
        qn("w:rFonts"))
    assert {fonts.get(qn(a)) for a in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")} == {"Times New Roman"}


def test_report_links_the_register(sample_run: QmsRun) -> None:
    html = (sample_run.outbox / "report.html").read_text(encoding="utf-8")
    assert f'href="{DOCX}"' in html and f'href="{XLSX}"' in html


@pytest.mark.slow
@needs_soffice()
def test_libreoffice_renders_the_register(sample_run: QmsRun, tmp_path: Path) -> None:
    pdf = convert(sample_run.outbox / DOCX, "pdf", tmp_path)
    with pdfplumber.open(pdf) as doc:
        text = " ".join(page.extract_text() or "" for page in doc.pages)
    for code, row in _rows(sample_run.outbox / DOCX).items():
        assert code in text and row["issued"] in text


# ---------------------------------------------------------------- an inbox made here


def _controlled(path: Path, code: str, revision: str, issued: str, title: str) -> None:
    doc = ds.new_document()
    ds.form_header(doc, doc_title=title, code=code, revision=revision, issued=issued)
    ds.para(doc, "1. MỤC ĐÍCH", bold=True)
    ds.para(doc, "Quy định trình tự thực hiện công việc của cơ quan.")
    ds.save(doc, path)


def _previous_register(path: Path, rows: list[list[str]]) -> None:
    doc = ds.new_document()
    ds.title(doc, "DANH MỤC TÀI LIỆU HỆ THỐNG QUẢN LÝ CHẤT LƯỢNG")
    ds.bordered_table(doc, [HEAD, ["I", "Các tài liệu của hệ thống", "", "", "", ""], *rows], [10, 60, 30, 20, 25, 20])
    ds.save(doc, path)


@pytest.fixture
def small_inbox(tmp_path: Path) -> Path:
    inbox = tmp_path / "inbox"
    (inbox / "Hết hiệu lực").mkdir(parents=True)
    _controlled(inbox / "stcl.docx", "STCL", "02", "15/7/2020", "SỔ TAY CHẤT LƯỢNG")
    _controlled(inbox / "qt01.docx", "QT.01.KSTLHS", "04", "12/3/2025", "QUY TRÌNH KIỂM SOÁT THÔNG TIN DẠNG VĂN BẢN")
    _controlled(inbox / "qt11.docx", "QT.11.ABC", "01", "02/10/2026", "QUY TRÌNH {{ X }} & <SCRIPT> {% IF %}")
    _controlled(inbox / "Hết hiệu lực" / "qt06.docx", "QT.06.XDCS", "02", "10/10/2024", "QUY TRÌNH XÂY DỰNG CHÍNH SÁCH")
    _previous_register(inbox / "PL03.docx", [
        ["1", "Sổ tay chất lượng", "STCL", "02", "15/07/2020", "Ban hành hằng năm"],
        ["2", "Quy trình kiểm soát thông tin dạng văn bản", "QT.01.KSTLHS", "03", "20/07/2023", ""],
        ["3", "Quy trình xây dựng chính sách", "QT.06.XDCS", "02", "10/10/2024", ""],
        ["4", "Chính sách chất lượng", "CSCL", "01", "15/07/2020", ""],
    ])
    return inbox


def _register(inbox: Path, outbox: Path, *extra: str) -> QmsRun:
    run = run_qms("register", "--inbox", str(inbox), "--outbox", str(outbox), "--as-of", AS_OF.isoformat(), *extra,
                  outbox=outbox)
    assert run.code == 0, run.stderr
    return run


def test_new_revised_withdrawn_are_marked_against_the_previous_register(small_inbox: Path, tmp_path: Path) -> None:
    outbox = tmp_path / "outbox"
    _register(small_inbox, outbox)
    rows = _rows(outbox / DOCX)
    assert rows["QT.11.ABC"]["note"] == "mới"
    assert rows["QT.01.KSTLHS"]["note"] == "sửa đổi" and rows["QT.01.KSTLHS"]["revision"] == "04"
    assert rows["STCL"]["note"] == "Ban hành hằng năm"  # unchanged: the previous register's own note stays
    assert rows["CSCL"]["note"] == "chưa tìm thấy tài liệu"
    assert "QT.06.XDCS" not in rows  # withdrawn: left out of the list ...
    doc = docx.Document(str(outbox / DOCX))
    gone = next(t for t in doc.tables if t.rows[0].cells[1].text == "Tài liệu thu hồi")
    assert [[c.text for c in r.cells][2:] for r in gone.rows[1:]] == [["QT.06.XDCS", "02", "10/10/2024", "thu hồi"]]
    sheet = openpyxl.load_workbook(outbox / XLSX)["Tài liệu thu hồi"]  # ... and listed apart, in both files
    assert ["QT.06.XDCS", "02", dt.datetime(2024, 10, 10), "thu hồi"] in [list(r[2:6]) for r in sheet.iter_rows(
        values_only=True)]
    assert "Quy trình {{ x }} & <script> {% if %}" in _docx_text(outbox / DOCX)  # document text shows literally


def test_generated_register_reads_back_as_exactly_its_list(small_inbox: Path, tmp_path: Path) -> None:
    """Filed into the inbox, the generated register (DOCX or XLSX) is a document register of the listed
    codes — withdrawn documents are not read as entries."""
    outbox = tmp_path / "outbox"
    _register(small_inbox, outbox)
    listed = set(_rows(outbox / DOCX))
    for rel in (DOCX, XLSX):
        records = [r for r in _read(outbox / rel, rel) if r.kind == "document_register"]
        assert len(records) == 1, rel
        assert {row["code"] for row in records[0].rows} == listed, rel
        by_code = {row["code"]: row for row in records[0].rows}
        assert by_code["QT.01.KSTLHS"]["revision"] == "04" and by_code["QT.01.KSTLHS"]["issued_on"] == dt.date(
            2025, 3, 12)


def test_the_last_generated_register_is_the_previous_one(small_inbox: Path, tmp_path: Path) -> None:
    outbox = tmp_path / "outbox"
    _register(small_inbox, outbox)
    _controlled(small_inbox / "qt12.docx", "QT.12.NEW", "01", "01/11/2026", "QUY TRÌNH MỚI")
    _register(small_inbox, outbox)
    rows = _rows(outbox / DOCX)
    assert rows["QT.12.NEW"]["note"] == "mới"
    assert rows["QT.11.ABC"]["note"] == "" and rows["QT.01.KSTLHS"]["note"] == ""  # no longer changes
    assert rows["STCL"]["note"] == "Ban hành hằng năm" and rows["CSCL"]["note"] == "chưa tìm thấy tài liệu"
    assert not any(t.rows[0].cells[1].text == "Tài liệu thu hồi" for t in docx.Document(str(outbox / DOCX)).tables)
    assert f"{XLSX} (lần lập trước" in _docx_text(outbox / DOCX)


def test_without_a_previous_register_nothing_is_marked(small_inbox: Path, tmp_path: Path) -> None:
    (small_inbox / "PL03.docx").unlink()
    outbox = tmp_path / "outbox"
    _register(small_inbox, outbox)
    rows = _rows(outbox / DOCX)
    assert set(rows) == {"STCL", "QT.01.KSTLHS", "QT.11.ABC"}
    assert {r["note"] for r in rows.values()} == {""}
    assert "Lập lần đầu" in _docx_text(outbox / DOCX)


def test_register_groups_are_configurable(small_inbox: Path, tmp_path: Path) -> None:
    config = tmp_path / "qms.toml"
    config.write_text(
        '[[register_groups]]\ntitle = "Sổ tay"\ncodes = ["STCL"]\n\n'
        '[[register_groups]]\ntitle = "Các quy trình"\ncodes = ["QT.*"]\n', encoding="utf-8")
    outbox = tmp_path / "outbox"
    _register(small_inbox, outbox, "--config", str(config))
    rows = _rows(outbox / DOCX)
    assert rows["STCL"]["group"] == "I"
    assert {rows[c]["group"] for c in ("QT.01.KSTLHS", "QT.11.ABC", "CSCL")} == {"II"}  # unmatched → last group
    text = _docx_text(outbox / DOCX)
    assert "Sổ tay" in text and "Các quy trình" in text


def test_a_bad_register_group_config_stops_the_run(small_inbox: Path, tmp_path: Path) -> None:
    config = tmp_path / "qms.toml"
    config.write_text('[[register_groups]]\ntitle = "Sổ tay"\n', encoding="utf-8")
    outbox = tmp_path / "outbox"
    run = run_qms("register", "--inbox", str(small_inbox), "--outbox", str(outbox), "--config", str(config),
                  outbox=outbox)
    assert run.code == 2 and "register_groups" in run.stderr
    assert not outbox.exists()


def test_fail_on_applies_only_when_given(small_inbox: Path, tmp_path: Path) -> None:
    """register (like drafts) exits 0 despite findings; --fail-on given on the command line still counts."""
    assert _register(small_inbox, tmp_path / "a").json("findings.json")["summary"]["by_severity"]["minor"] > 0
    run = run_qms("register", "--inbox", str(small_inbox), "--outbox", str(tmp_path / "b"), "--as-of",
                  AS_OF.isoformat(), "--fail-on", "minor", outbox=tmp_path / "b")
    assert run.code == 1 and (tmp_path / "b" / DOCX).is_file()
