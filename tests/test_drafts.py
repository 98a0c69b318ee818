"""`qms drafts`: BM.CTCL.01 drafts from the findings of draft rules (SPEC §6), on the committed sample inbox
and on findings made here."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import shutil
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
from jinja2.exceptions import UndefinedError

from pipeline.catalog import load_catalog
from pipeline.checks.corpus import build_corpus
from pipeline.emit.docx_render import render_docx, template_bytes
from pipeline.emit.draft_content import (
    DEFAULT_UNIT,
    draft_context,
    file_name,
    number_parts,
    proposed_numbers,
)
from pipeline.emit.drafts import TEMPLATE, index_workbook, write_drafts
from pipeline.findings import Finding, make_finding
from pipeline.state import State
from tests.conftest import AS_OF, ROOT, needs_soffice
from tests.qms_runner import QmsRun, run_qms
from tools.office import convert

RULES = load_catalog(ROOT / "rules")
DRAFT_RULES = {rule_id for rule_id, rule in RULES.rules.items() if rule.draft}
HOSTILE = "<script>alert('x')</script> & {{ x }} {% if %} {_{ y }_} ]]> \x07bell \x0cpage"


def _docx_text(path: Path | bytes) -> str:
    """Every w:t of the main part, joined; a line break as a newline."""
    data = path.read_bytes() if isinstance(path, Path) else path
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        root = docx.oxml.parse_xml(zf.read("word/document.xml"))
    return "".join("\n" if el.tag == qn("w:br") else (el.text or "")
                   for el in root.iter(qn("w:t"), qn("w:br")))


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _drafts(run: QmsRun) -> dict[str, dict[str, Any]]:
    """Findings of findings.json that name a draft, by draft path."""
    return {f["draft"]: f for f in run.json("findings.json")["findings"] if f.get("draft")}


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory: pytest.TempPathFactory) -> QmsRun:
    outbox = tmp_path_factory.mktemp("drafts") / "outbox"
    run = run_qms("drafts", "--inbox", str(ROOT / "inbox"), "--outbox", str(outbox), "--as-of", AS_OF.isoformat(),
                  outbox=outbox)
    assert run.code == 0, run.stderr
    return run


# ---------------------------------------------------------------- the sample inbox


def test_each_draft_rule_the_sample_inbox_triggers_yields_one_draft(sample_run: QmsRun) -> None:
    intended = set()
    for manifest in (ROOT / "tests" / "sample_expectations").glob("*.yaml"):
        data = yaml.safe_load(manifest.read_text(encoding="utf-8"))
        intended |= {r for entry in data["files"].values() for r in entry.get("triggers", [])}
        intended |= {item["rule"] for item in data.get("global") or []}
    assert intended & DRAFT_RULES, "the sample inbox triggers no draft rule"
    findings = sample_run.json("findings.json")["findings"]
    feeding = [f for f in findings if f["rule"] in DRAFT_RULES]
    assert {f["rule"] for f in feeding} == intended & DRAFT_RULES
    assert all(f["draft"] for f in feeding)
    assert len({f["draft"] for f in feeding}) == len(feeding)  # one draft per finding
    assert not [f for f in findings if f["rule"] not in DRAFT_RULES and f.get("draft")]
    on_disk = {p.relative_to(sample_run.outbox).as_posix() for p in (sample_run.outbox / "drafts").glob("*.docx")}
    assert on_disk == {f["draft"] for f in feeding}
    assert f"drafts: {len(feeding)} written" in sample_run.stdout


def test_draft_box_1_describes_the_finding_and_leaves_boxes_2_3_blank(sample_run: QmsRun) -> None:
    read = sample_run.json("records.json")["files"]
    seen = [r["fields"].get("number") for r in read if r["kind"] == "capa_request"]
    seen += [row.get("number") for r in read if r["kind"] == "capa_log" for row in r["rows"]]
    top = max(p[0] for p in map(number_parts, seen) if p and p[1] == AS_OF.year)
    numbers = []
    for rel, finding in _drafts(sample_run).items():
        path = sample_run.outbox / rel
        text = _docx_text(path)
        number = path.stem.split("_", 1)[1].replace("-", "/")
        numbers.append(number_parts(number))
        assert f"Số phiếu: {number} (số đề xuất)" in text
        assert f"Đơn vị được yêu cầu: {finding['unit'] or DEFAULT_UNIT}" in text
        assert finding["message"]["vi"] in text and finding["title"]["vi"] in text
        assert "; ".join(finding["clause"]) in text
        if finding["file"]:
            assert finding["file"] in text
        if finding["evidence"]:
            assert finding["evidence"] in text
        assert f"Ngày lập: {AS_OF:%d/%m/%Y}" in text and "Khánh Hòa, ngày 22 tháng 11 năm 2026" in text
        assert "☒ Khắc phục" in text and text.count("☒") == 2  # kind and source; nothing else ticked
        box2 = text[text.index("2. NGUYÊN NHÂN"):]
        assert "Nguyên nhân gốc rễ: ………" in box2 and "Bằng chứng kết quả thực hiện: ………" in box2
        assert "{{" not in text and "{%" not in text
    # proposed numbers continue the year's highest number found in the inbox (file names show them too)
    assert sorted(n for n, _ in numbers) == list(range(top + 1, top + 1 + len(numbers)))


def test_failed_verification_draft_cites_the_failed_request(sample_run: QmsRun) -> None:
    ctcl022 = [(rel, f) for rel, f in _drafts(sample_run).items() if f["rule"] == "CTCL022"]
    assert ctcl022
    for rel, finding in ctcl022:
        number = finding["subject"].removeprefix("BM.CTCL.01 ")
        assert f"Tiếp theo phiếu yêu cầu số {number}" in _docx_text(sample_run.outbox / rel)


def test_drafts_have_a4_decree_30_margins_and_times_new_roman(sample_run: QmsRun) -> None:
    for rel in _drafts(sample_run):
        doc = docx.Document(str(sample_run.outbox / rel))
        for s in doc.sections:
            assert abs(s.page_width - Mm(210)) < Mm(1) and abs(s.page_height - Mm(297)) < Mm(1)
            assert s.page_height > s.page_width  # portrait
            top, bottom, left, right = (m.mm for m in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin))
            assert 20 <= round(top) <= 25 and 20 <= round(bottom) <= 25
            assert 30 <= round(left) <= 35 and 15 <= round(right) <= 20
        rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        fonts = rpr.find(qn("w:rFonts"))
        assert {fonts.get(qn(a)) for a in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")} == {"Times New Roman"}
        assert 13 <= int(rpr.find(qn("w:sz")).get(qn("w:val"))) / 2 <= 14
        normal = doc.styles["Normal"].font
        assert normal.name == "Times New Roman" and 13 <= normal.size.pt <= 14
        runs = [r for p in doc.paragraphs for r in p.runs]
        assert all(r.font.name in (None, "Times New Roman") for r in runs)


def test_draft_index_lists_every_draft_with_its_finding(sample_run: QmsRun) -> None:
    drafts = _drafts(sample_run)
    ws = openpyxl.load_workbook(sample_run.outbox / "drafts" / "index.xlsx").active
    rows = list(ws.iter_rows(values_only=True))
    head, body = rows[0], rows[1:]
    assert len(body) == len(drafts)
    by_file = {row[head.index("Tệp dự thảo")]: row for row in body}
    for rel, finding in drafts.items():
        row = by_file[Path(rel).name]
        assert row[head.index("Quy tắc")] == finding["rule"] and row[head.index("Mã phát hiện")] == finding["id"]
        assert row[head.index("Đối tượng")] == finding["subject"]
        assert row[head.index("Số phiếu đề xuất")].replace("/", "-") in rel


def test_report_lists_and_links_the_drafts(sample_run: QmsRun) -> None:
    html = (sample_run.outbox / "report.html").read_text(encoding="utf-8")
    assert 'id="documents"' in html and 'href="drafts/index.xlsx"' in html
    for rel in _drafts(sample_run):
        assert html.count(f'href="{rel}"') >= 2  # in the drafts list and at its finding


def test_running_drafts_twice_writes_no_second_draft(sample_run: QmsRun, tmp_path: Path) -> None:
    outbox = tmp_path / "outbox"
    shutil.copytree(sample_run.outbox, outbox)
    before = {p.name: _sha(p) for p in (outbox / "drafts").glob("*.docx")}
    args = ("drafts", "--inbox", str(ROOT / "inbox"), "--outbox", str(outbox), "--as-of", AS_OF.isoformat())
    again = run_qms(*args, outbox=outbox)
    assert again.code == 0, again.stderr
    assert "drafts: 0 written" in again.stdout
    assert {p.name: _sha(p) for p in (outbox / "drafts").glob("*.docx")} == before
    assert _drafts(again).keys() == _drafts(sample_run).keys()
    # a state database lost and rebuilt: the previous findings.json still names each finding's draft
    for state in outbox.glob("state.sqlite*"):
        state.unlink()
    rebuilt = run_qms(*args, outbox=outbox)
    assert rebuilt.code == 0, rebuilt.stderr
    assert {p.name: _sha(p) for p in (outbox / "drafts").glob("*.docx")} == before
    assert _drafts(rebuilt).keys() == _drafts(sample_run).keys()


def test_filed_drafts_answer_the_rules_they_came_from(sample_run: QmsRun, tmp_path: Path) -> None:
    """Drafts put into the inbox are read as requests that satisfy CTCL022, CTCL030 and CTCL056."""
    inbox, outbox = tmp_path / "inbox", tmp_path / "outbox"
    shutil.copytree(ROOT / "inbox", inbox)
    shutil.copytree(sample_run.outbox / "drafts", inbox / "Phiếu HĐKP" / "dự thảo",
                    ignore=shutil.ignore_patterns("*.xlsx"))
    run = run_qms("check", "--inbox", str(inbox), "--outbox", str(outbox), "--as-of", AS_OF.isoformat(),
                  "--fail-on", "never", outbox=outbox)
    assert run.code == 0, run.stderr
    records = {r["file"]: r for r in run.json("records.json")["files"] if "dự thảo" in r["file"]}
    assert len(records) == len(_drafts(sample_run)) and {r["kind"] for r in records.values()} == {"capa_request"}
    answered = {"CTCL022", "CTCL030", "CTCL056"} & {f["rule"] for f in _drafts(sample_run).values()}
    assert answered
    before = {f["id"] for f in _drafts(sample_run).values() if f["rule"] in answered}
    assert not before & {f["id"] for f in run.json("findings.json")["findings"]}


@pytest.mark.slow
@needs_soffice()
def test_libreoffice_renders_every_draft_with_number_unit_description_clause(sample_run: QmsRun,
                                                                              tmp_path: Path) -> None:
    def flat(text: str) -> str:
        return " ".join(text.split())

    for rel, finding in _drafts(sample_run).items():
        pdf = convert(sample_run.outbox / rel, "pdf", tmp_path)
        with pdfplumber.open(pdf) as doc:
            text = flat(" ".join(page.extract_text() or "" for page in doc.pages))
        number = Path(rel).stem.split("_", 1)[1].replace("-", "/")
        assert number in text
        assert flat(finding["unit"] or DEFAULT_UNIT) in text
        assert flat(finding["message"]["vi"]) in text
        assert flat(finding["clause"][0]) in text


# ---------------------------------------------------------------- findings made here


def _finding(rule: str = "CTCL030", *, evidence: str | None = None, subject: str = "Văn phòng: Sổ công văn",
             unit: str | None = "Văn phòng", description: str = "Sổ công văn không cập nhật") -> Finding:
    return make_finding(RULES[rule], subject=subject, subject_key=subject, file="Sổ theo dõi/nc.csv",
                        location="bảng 1, hàng 5", unit=unit, evidence=evidence,
                        values={"description": description, "unit": unit, "count": 4, "rounds": "Đợt 1–4"})


def _write(tmp_path: Path, findings: list[Finding], as_of: dt.date = AS_OF) -> list[Any]:
    state = State(tmp_path / "state.sqlite")
    try:
        entries = write_drafts(findings, DRAFT_RULES, build_corpus([]), state, tmp_path / "outbox", as_of)
        state.commit()
    finally:
        state.close()
    return entries


def test_hostile_evidence_gives_a_valid_draft_that_shows_it_literally(tmp_path: Path) -> None:
    finding = _finding(evidence=HOSTILE, description=f"Mô tả {HOSTILE}", unit=f"Phòng {HOSTILE}")
    (entry,) = _write(tmp_path, [finding])
    path = tmp_path / "outbox" / entry.path
    doc = docx.Document(str(path))  # well-formed XML: python-docx parses every part
    assert abs(doc.sections[0].page_width - Mm(210)) < Mm(1)
    text = _docx_text(path)
    shown = HOSTILE.replace("\x07", "\u2407").replace("\x0c", "\u240c")  # control pictures, not breaks
    assert f"Dẫn chứng: {shown}" in text
    assert f"Đơn vị được yêu cầu: Phòng {shown}" in text
    assert text.count("{{ x }}") == 4 and text.count("{% if %}") == 4 and text.count("{_{ y }_}") == 4
    assert "\x07" not in text and "<script>" in text


@pytest.mark.slow
@needs_soffice()
def test_libreoffice_opens_a_draft_with_hostile_text(tmp_path: Path) -> None:
    (entry,) = _write(tmp_path, [_finding(evidence=HOSTILE)])
    pdf = convert(tmp_path / "outbox" / entry.path, "pdf", tmp_path / "pdf")
    with pdfplumber.open(pdf) as doc:
        text = " ".join(page.extract_text() or "" for page in doc.pages)
    assert "<script>alert('x')</script> & {{ x }} {% if %}" in text


@pytest.mark.parametrize("day, line", [
    (dt.date(2026, 1, 5), "Khánh Hòa, ngày 05 tháng 01 năm 2026"),
    (dt.date(2019, 6, 29), "Khánh Hòa, ngày 29 tháng 6 năm 2019"),
    (dt.date(2026, 2, 10), "Khánh Hòa, ngày 10 tháng 02 năm 2026"),
    (dt.date(2026, 11, 7), "Khánh Hòa, ngày 07 tháng 11 năm 2026"),
])
def test_draft_date_line_follows_decree_30(day: dt.date, line: str) -> None:
    context = draft_context(_finding(), build_corpus([]), f"01/{day.year}", day)
    text = _docx_text(render_docx(TEMPLATE, context, title="t", when=day))
    assert line in text
    assert f"Ngày lập: {day:%d/%m/%Y}" in text and f"đợt kiểm tra tuân thủ ngày {day:%d/%m/%Y}" in text


def test_template_variables_are_exactly_the_draft_context() -> None:
    from docxtpl import DocxTemplate

    context = draft_context(_finding(), build_corpus([]), "01/2026", AS_OF)
    assert DocxTemplate(str(TEMPLATE)).get_undeclared_template_variables() == set(context)


def test_a_missing_template_variable_is_an_error_not_a_blank() -> None:
    context = draft_context(_finding(), build_corpus([]), "01/2026", AS_OF)
    del context["unit"]
    with pytest.raises(UndefinedError):
        render_docx(TEMPLATE, context, title="t", when=AS_OF)


def test_template_bytes_are_read_once_until_the_file_changes(tmp_path: Path) -> None:
    copy = tmp_path / "t.docx"
    shutil.copy(TEMPLATE, copy)
    first = template_bytes(copy)
    assert template_bytes(copy) is first  # cached
    copy.write_bytes(first + b"\0")
    assert template_bytes(copy) == first + b"\0"


def test_agency_wide_finding_goes_to_ban_iso_from_the_compliance_check(tmp_path: Path) -> None:
    finding = make_finding(RULES["CTCL040"], subject="Xem xét của lãnh đạo", subject_key="review", file=None,
                           evidence="lần gần nhất: 14/11/2025", values={"days": 365, "last": "14/11/2025"})
    context = draft_context(finding, build_corpus([]), "01/2026", AS_OF)
    assert context["unit"] == DEFAULT_UNIT
    assert (context["source"], context["source_other"]) == ("Khác", ": Kiểm tra tuân thủ")
    text = _docx_text(render_docx(TEMPLATE, context, title="t", when=AS_OF))
    assert "☒ Khác: Kiểm tra tuân thủ" in text and "toàn cơ quan" in text


def test_numbers_continue_the_year_and_file_names_are_safe() -> None:
    assert number_parts("05/2026") == (5, 2026) and number_parts("Số: 11/2026/BĐT") == (11, 2026)
    assert number_parts("12-2026") == (12, 2026) and number_parts("không số") is None
    numbers = proposed_numbers(["05/2026", "19/2026/BĐT", "30/2025", "7/2026"], 2026)
    assert [next(numbers), next(numbers)] == ["20/2026", "21/2026"]
    assert next(proposed_numbers(["30/2025"], 2026)) == "01/2026"
    for number in ("05/2026", "05/2026/BĐT", "a\\b:c*?<>|", "../../x"):
        name = file_name(number)
        assert name.startswith("BM.CTCL.01_") and name.endswith(".docx")
        assert not set(name) & set('/\\:*?"<>|') and ".." not in name.removesuffix(".docx")
    assert file_name("05/2026") == "BM.CTCL.01_05-2026.docx"


def test_later_runs_keep_drafts_and_number_new_findings_after_them(tmp_path: Path) -> None:
    first = _finding(subject="Văn phòng: A")
    (entry,) = _write(tmp_path, [first])
    assert entry.number == "01/2026" and entry.new
    second = _finding(subject="Văn phòng: B")
    entries = _write(tmp_path, [_finding(subject="Văn phòng: A"), second])
    assert [(e.number, e.new) for e in entries] == [("01/2026", False), ("02/2026", True)]
    assert len(list((tmp_path / "outbox" / "drafts").glob("*.docx"))) == 2


def test_a_foreign_file_is_never_overwritten(tmp_path: Path) -> None:
    foreign = tmp_path / "outbox" / "drafts" / "BM.CTCL.01_01-2026.docx"
    foreign.parent.mkdir(parents=True)
    foreign.write_bytes(b"edited by hand")
    (entry,) = _write(tmp_path, [_finding()])
    assert entry.path == "drafts/BM.CTCL.01_02-2026.docx" and foreign.read_bytes() == b"edited by hand"


def test_a_draft_left_by_a_killed_run_is_reused_not_duplicated(tmp_path: Path) -> None:
    finding = _finding()
    (entry,) = _write(tmp_path, [finding])
    (tmp_path / "state.sqlite").unlink()  # the run died before committing its state
    for side in tmp_path.glob("state.sqlite-*"):
        side.unlink()
    (again,) = _write(tmp_path, [_finding()])
    assert again.path == entry.path
    assert len(list((tmp_path / "outbox" / "drafts").glob("*.docx"))) == 1


def test_waived_findings_and_other_rules_get_no_draft(tmp_path: Path) -> None:
    waived = _finding(subject="Văn phòng: waived")
    waived.waived = {"justification": "chấp nhận"}
    other = _finding("CTCL010", subject="BM.CTCL.01 05/2026")
    assert _write(tmp_path, [waived, other]) == []
    assert waived.draft is None and other.draft is None


def test_index_cells_are_neutralised(tmp_path: Path) -> None:
    finding = _finding(subject="=HYPERLINK(\"http://x\")", description="@SUM(A1)")
    entries = _write(tmp_path, [finding])
    ws = openpyxl.load_workbook(io.BytesIO(index_workbook(entries, "vi"))).active
    cells = [c for row in ws.iter_rows(min_row=2) for c in row if isinstance(c.value, str) and c.value[:1] in "=@"]
    assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)
