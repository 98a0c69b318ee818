"""Templates (docxtpl templates in templates/, blank forms in templates/blank/) and the Decree-30 layout
helpers they are made with."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm
from docxtpl import DocxTemplate

from tests.conftest import ROOT
from tools import docstyle as ds
from tools.make_templates import DOCXTPL, TEMPLATES, build
from tools.samples.form_capa import PRIMARY, SOURCES, capa_form
from tools.samples.form_review import INPUT_TOPICS, OUTPUT_TOPICS

TEMPLATE_DIR = ROOT / "templates"
BLANK_DIR = TEMPLATE_DIR / "blank"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"


def _texts(path: Path) -> list[str]:
    """Every w:t of the main document part, in order (tables, nested tables and controls included)."""
    with zipfile.ZipFile(path) as zf:
        root = docx.oxml.parse_xml(zf.read("word/document.xml"))
    return [t.text or "" for t in root.iter(qn("w:t"))]


def _text(path: Path) -> str:
    return "".join(_texts(path))


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_template_has_decree_30_page_and_font(name: str) -> None:
    doc = docx.Document(str(TEMPLATE_DIR / name))
    for s in doc.sections:
        short, long_ = sorted((s.page_width, s.page_height))
        assert abs(short - Mm(210)) < Mm(1) and abs(long_ - Mm(297)) < Mm(1)
        top, bottom, left, right = (round(m.mm) for m in (s.top_margin, s.bottom_margin, s.left_margin,
                                                             s.right_margin))  # stored in twips
        assert 20 <= top <= 25 and 20 <= bottom <= 25 and 30 <= left <= 35 and 15 <= right <= 20
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        assert fonts.get(qn(attr)) == "Times New Roman"
    assert fonts.get(qn("w:asciiTheme")) is None  # a theme font would override the explicit one
    assert 26 <= int(rpr.find(qn("w:sz")).get(qn("w:val"))) <= 28  # 13–14 pt


def test_templates_are_current(tmp_path: Path) -> None:
    """templates/**/*.docx are what tools/make_templates.py makes today (regenerate after layout changes)."""
    built = build(tmp_path)
    assert {p.relative_to(tmp_path).as_posix() for p in built} == set(TEMPLATES)
    for path in built:
        name = path.relative_to(tmp_path).as_posix()
        assert _texts(path) == _texts(TEMPLATE_DIR / name), name
    on_disk = {p.relative_to(TEMPLATE_DIR).as_posix() for p in TEMPLATE_DIR.rglob("*.docx")}
    assert on_disk == set(TEMPLATES)  # nothing stale left beside them


def test_capa_template_carries_every_field_and_choice() -> None:
    text = _text(BLANK_DIR / "BM.CTCL.01.docx")
    assert "PHIẾU YÊU CẦU HÀNH ĐỘNG KHẮC PHỤC/CẢI TIẾN" in text
    for marker in ("Mã hiệu: BM.CTCL.01", "Lần ban hành: 03", "Ngày ban hành:"):
        assert marker in text
    for field, label in PRIMARY.items():
        assert f"{label}:" in text or (field == "progress_reports" and label in text), label
    for option in (*SOURCES, "Khắc phục", "Cải tiến", "Cần thực hiện", "Không cần thực hiện", "Đạt", "Không đạt"):
        assert f"☐ {option}" in text, option
    assert "☒" not in text and "…/…/20…" in text


def _runs_per_paragraph(path: Path) -> list[list[str]]:
    """The w:t texts of each paragraph (table cells included), paragraph by paragraph."""
    with zipfile.ZipFile(path) as zf:
        root = docx.oxml.parse_xml(zf.read("word/document.xml"))
    return [[t.text or "" for t in p.iter(qn("w:t"))] for p in root.iter(qn("w:p"))]


@pytest.mark.parametrize("name", sorted(DOCXTPL))
def test_docxtpl_templates_keep_each_jinja_tag_in_one_run(name: str) -> None:
    tags = 0
    for runs in _runs_per_paragraph(TEMPLATE_DIR / name):
        for text in runs:
            opened = [m.start() for m in re.finditer(r"\{[{%]", text)]
            closed = [m.start() for m in re.finditer(r"[}%]\}", text)]
            assert len(opened) == len(closed), text  # every tag opens and closes inside one w:t
            tags += len(opened)
        joined = "".join(runs)
        assert len(re.findall(r"\{[{%]", joined)) == sum(len(re.findall(r"\{[{%]", t)) for t in runs), runs
    assert tags > 5


def test_capa_docxtpl_template_is_the_agency_form_with_variables() -> None:
    """Same layout as the blank form: every label, every option with a Jinja tick, values as variables."""
    text = _text(TEMPLATE_DIR / "BM.CTCL.01.docx")
    assert "PHIẾU YÊU CẦU HÀNH ĐỘNG KHẮC PHỤC/CẢI TIẾN" in text and "Mã hiệu: BM.CTCL.01" in text
    for field, label in PRIMARY.items():
        assert f"{label}:" in text or (field == "progress_reports" and label in text), label
    for option in SOURCES:
        assert "{{ '☒' if source == '" + option + "' else '☐' }} " + option in text
    template = DocxTemplate(str(TEMPLATE_DIR / "BM.CTCL.01.docx"))
    variables = template.get_undeclared_template_variables()
    assert {"number", "number_note", "opened_on", "unit", "description", "requirement_ref", "source",
            "source_other", "place_date", "root_cause", "evidence", "verification"} <= variables
    assert "☒" not in text.replace("'☒'", "")  # nothing ticked outside a condition


def test_register_docxtpl_template_has_the_pl03_columns() -> None:
    doc = docx.Document(str(TEMPLATE_DIR / "Danh-muc-tai-lieu-HTQLCL.docx"))
    heads = [[c.text for c in t.rows[0].cells] for t in doc.tables]
    assert ["TT", "Tên tài liệu", "Mã hiệu", "Lần ban hành", "Ngày ban hành", "Ghi chú"] in heads
    text = _text(TEMPLATE_DIR / "Danh-muc-tai-lieu-HTQLCL.docx")
    assert "DANH MỤC TÀI LIỆU HỆ THỐNG QUẢN LÝ CHẤT LƯỢNG" in text and "TCVN ISO 9001:2015" in text
    variables = DocxTemplate(str(TEMPLATE_DIR / "Danh-muc-tai-lieu-HTQLCL.docx")).get_undeclared_template_variables()
    assert variables == {"groups", "withdrawn", "updated", "basis", "place_date"}


def test_minutes_template_lists_the_review_topics_in_their_sections() -> None:
    text = _text(BLANK_DIR / "BM.CTCL.02.docx")
    inputs_at, outputs_at = text.index("I. ĐẦU VÀO"), text.index("II. ĐẦU RA")
    for n, heading in enumerate(INPUT_TOPICS.values(), start=1):
        assert inputs_at < text.index(f"{n}. {heading}") < outputs_at
    for n, heading in enumerate(OUTPUT_TOPICS.values(), start=1):
        assert text.rindex(f"{n}. {heading}") > outputs_at
    for label in ("Thời gian:", "Địa điểm:", "Chủ trì:", "Thư ký:", "Thành phần tham dự:", "THƯ KÝ", "CHỦ TRÌ"):
        assert label in text


@pytest.mark.parametrize("name, columns", [
    ("Ke-hoach-MTCL.docx", ["STT", "Mục tiêu", "Chỉ tiêu", "Biện pháp/Kế hoạch thực hiện",
                            "Đơn vị/Người thực hiện", "Thời hạn"]),
    ("Bao-cao-MTCL.docx", ["STT", "Mục tiêu", "Chỉ tiêu", "Biện pháp/Kế hoạch thực hiện",
                           "Đơn vị/Người thực hiện", "Thời hạn", "Kết quả thực hiện", "Đánh giá (Đạt/Không đạt)"]),
])
def test_objectives_templates_have_the_table_header(name: str, columns: list[str]) -> None:
    doc = docx.Document(str(BLANK_DIR / name))
    headers = [[c.text for c in t.rows[0].cells] for t in doc.tables]
    assert columns in headers
    text = _text(BLANK_DIR / name)
    assert "NĂM 20……" in text and "Khánh Hòa, ngày …… tháng …… năm 20……" in text


def test_filled_form_prints_values_and_dots_for_the_rest(tmp_path: Path) -> None:
    values = {"number": "05/2026", "due_on": dt.date(2026, 10, 31), "kind": "Cải tiến", "source": "Khác",
              "progress_reports": [(dt.date(2026, 9, 1), "Đã rà soát")]}
    for layout in ("agency", "twocol", "paragraphs", "below"):
        path = ds.save(capa_form(values, layout), tmp_path / f"{layout}.docx")
        text = _text(path)
        assert "05/2026" in text and "31/10/2026" in text and "01/09/2026" in text, layout
        assert "☒ Cải tiến" in text and "☐ Khắc phục" in text and "☒ Khác" in text, layout
        assert ds.DOTS in text and "…/…/20…" in text, layout  # unfilled fields stay placeholders


def test_content_controls_are_word_checkboxes(tmp_path: Path) -> None:
    path = ds.save(capa_form({"number": "01/2026", "verification": "Không đạt"}, controls=True), tmp_path / "c.docx")
    with zipfile.ZipFile(path) as zf:
        root = docx.oxml.parse_xml(zf.read("word/document.xml"))
    boxes = {sdt.find(qn("w:sdtPr")).find(qn("w:tag")).get(qn("w:val")):
             sdt.find(f".//{{{W14}}}checked").get(f"{{{W14}}}val")
             for sdt in root.iter(qn("w:sdt")) if sdt.find(f".//{{{W14}}}checkbox") is not None}
    assert boxes["verification:Không đạt"] == "1" and boxes["verification:Đạt"] == "0"
    texts = {sdt.find(qn("w:sdtPr")).find(qn("w:tag")).get(qn("w:val")): "".join(t.text for t in sdt.iter(qn("w:t")))
             for sdt in root.iter(qn("w:sdt")) if sdt.find(f".//{{{W14}}}checkbox") is None}
    assert texts["number"] == "01/2026"


def test_vietnamese_dates_follow_decree_30() -> None:
    assert ds.vn_date(dt.date(2026, 1, 5)) == "ngày 05 tháng 01 năm 2026"
    assert ds.vn_date(dt.date(2026, 2, 28)) == "ngày 28 tháng 02 năm 2026"
    assert ds.vn_date(dt.date(2026, 3, 9), ds.PLACE) == "Khánh Hòa, ngày 09 tháng 3 năm 2026"
    assert ds.vn_date(dt.date(2026, 12, 15)) == "ngày 15 tháng 12 năm 2026"
    assert ds.short_date(dt.date(2026, 3, 9)) == "09/03/2026" and ds.short_date(None) == "…/…/20…"
    assert ds.checkbox_text(["Đạt", "Không đạt"], "Đạt") == "☒ Đạt   ☐ Không đạt"
