"""BM.CTCL.01: one request in three DOCX layouts and a LibreOffice PDF extracts to the same fields."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import docx
import pytest
from conftest import needs_soffice

from pipeline.extract import ExtractContext
from pipeline.extract import capa_request as capa
from pipeline.limits import Limits
from pipeline.model import Document, Paragraph, grid_from_texts
from pipeline.readers import read_file
from tools.office import convert

TITLE = "PHIẾU YÊU CẦU HÀNH ĐỘNG KHẮC PHỤC/CẢI TIẾN"
SOURCE = ("☒ Đánh giá nội bộ  ☐ Phản hồi của khách hàng  ☐ Xem xét của lãnh đạo  ☐ Giám sát quá trình  "
          "☐ Mục tiêu chất lượng  ☐ Khác")
DESCRIPTION = ("Hồ sơ giải quyết thủ tục hành chính tháng 9/2026 chưa được cập nhật vào sổ theo dõi; "
               "nguyên nhân chủ yếu là chưa phân công người phụ trách.")
ROOT = "Chưa phân công người cập nhật sổ theo dõi."
ACTIONS = "Phân công chuyên viên cập nhật sổ hằng tuần; Chánh Văn phòng kiểm tra hằng tháng."
EVIDENCE = "Sổ theo dõi đã cập nhật đủ hồ sơ tháng 9 và tháng 10/2026."
REF = "QT.03.CTCL mục 5.2; TCVN ISO 9001:2015 điều 10.2"
PROGRESS = [("10/11/2026", "Đã phân công chuyên viên."), ("20/11/2026", "Đã cập nhật hồ sơ tháng 9.")]
SIGN = "(Ký, ghi rõ họ tên)\n\n"

# (label, value) rows of the three boxes; the layouts below arrange the same pairs differently
BOX1 = [("Số phiếu", "05/2026/BDT"), ("Ngày lập", "01/11/2026"), ("Loại yêu cầu", "☒ Khắc phục   ☐ Cải tiến"),
        ("Nguồn phát hiện", SOURCE), ("Đơn vị được yêu cầu", "Văn phòng"), ("Nội dung yêu cầu", DESCRIPTION),
        ("Căn cứ", REF), ("Xác nhận sự cần thiết", "☒ Cần thực hiện   ☐ Không cần thực hiện"),
        ("Người yêu cầu", SIGN + "Nguyễn Thị Nguyệt")]
BOX2 = [("Nguyên nhân gốc rễ", ROOT), ("Biện pháp khắc phục/cải tiến", ACTIONS), ("Người thực hiện", "Trần Văn Bình"),
        ("Thời hạn hoàn thành", "30/11/2026"),
        ("Lãnh đạo Ban ISO phê duyệt", "Ngày 02/11/2026\n" + SIGN + "Võ Nam Thắng"),
        ("Thay đổi, bổ sung", "……………")]
BOX3 = [("Bằng chứng kết quả thực hiện", EVIDENCE), ("Kết quả kiểm tra", "☐ Đạt   ☒ Không đạt"),
        ("Người kiểm tra", SIGN + "Phạm Duy Khánh"), ("Ngày kiểm tra", "25/11/2026"),
        ("Ngày đóng phiếu", "26/11/2026"), ("Số phiếu mới", "07/2026/BDT")]

EXPECTED = {
    "number": "05/2026/BDT", "opened_on": dt.date(2026, 11, 1), "kind": "Khắc phục", "source": "Đánh giá nội bộ",
    "unit": "Văn phòng", "requester": "Nguyễn Thị Nguyệt", "description": DESCRIPTION, "requirement_ref": REF,
    "necessity": "Cần thực hiện", "root_cause": ROOT, "actions": ACTIONS, "assignee": "Trần Văn Bình",
    "due_on": dt.date(2026, 11, 30), "approved_by": "Võ Nam Thắng", "approved_on": dt.date(2026, 11, 2),
    "changes": None, "progress_reports": [dt.date(2026, 11, 10), dt.date(2026, 11, 20)], "evidence": EVIDENCE,
    "verification": "Không đạt", "verified_by": "Phạm Duy Khánh", "verified_on": dt.date(2026, 11, 25),
    "closed_on": dt.date(2026, 11, 26), "follow_up_number": "07/2026/BDT",
}


def _new(code_in_header: bool = True) -> docx.document.Document:
    d = docx.Document()
    if code_in_header:
        d.sections[0].header.paragraphs[0].text = "BM.CTCL.01"
    d.add_paragraph("BAN DÂN TỘC TỈNH KHÁNH HÒA")
    d.add_paragraph(TITLE)
    return d


def _full_row(table, text: str) -> None:  # noqa: ANN001 - python-docx table
    row = table.add_row()
    merged = row.cells[0].merge(row.cells[-1])
    merged.text = text


def layout_table(path: Path) -> Path:
    """Layout 1: a two-column label | value table; the three boxes are full-width section rows."""
    d = _new()
    t = d.add_table(rows=0, cols=2)
    t.style = "Table Grid"
    for heading, pairs in (("I. PHẦN YÊU CẦU", BOX1), ("II. PHẦN THỰC HIỆN", BOX2)):
        _full_row(t, heading)
        for label, value in pairs:
            cells = t.add_row().cells
            cells[0].text, cells[1].text = label, value
    _full_row(t, "Báo cáo tiến độ")
    for day, text in [("Ngày", "Nội dung"), *PROGRESS]:
        cells = t.add_row().cells
        cells[0].text, cells[1].text = day, text
    _full_row(t, "III. PHẦN KIỂM TRA")
    for label, value in BOX3:
        cells = t.add_row().cells
        cells[0].text, cells[1].text = label, value
    d.save(path)
    return path


def layout_paragraphs(path: Path) -> Path:
    """Layout 2: "Label: value" paragraphs, several pairs on a line, long texts below their label."""
    d = _new()
    v1, v2, v3 = dict(BOX1), dict(BOX2), dict(BOX3)
    lines = [
        f"Số phiếu: {v1['Số phiếu']}\tNgày lập: ngày 01 tháng 11 năm 2026",
        f"Loại yêu cầu: {v1['Loại yêu cầu']}", f"Nguồn phát hiện: {SOURCE}",
        "Đơn vị được yêu cầu: ………Văn phòng………", "1. Nội dung yêu cầu:", DESCRIPTION, f"Căn cứ: {REF}",
        f"Xác nhận sự cần thiết: {v1['Xác nhận sự cần thiết']}", "Người yêu cầu: Nguyễn Thị Nguyệt",
        f"2. Nguyên nhân gốc rễ: {ROOT}", "Biện pháp khắc phục/cải tiến:", ACTIONS,
        "Người thực hiện: Trần Văn Bình      Thời hạn hoàn thành: 30/11/2026",
        "Lãnh đạo Ban ISO phê duyệt: Võ Nam Thắng, ngày 02/11/2026", f"Thay đổi, bổ sung: {v2['Thay đổi, bổ sung']}",
        "Báo cáo tiến độ:",
    ]
    for line in lines:
        d.add_paragraph(line)
    t = d.add_table(rows=0, cols=2)
    t.style = "Table Grid"
    for day, text in [("Ngày", "Nội dung"), *PROGRESS]:
        cells = t.add_row().cells
        cells[0].text, cells[1].text = day, text
    for line in [f"3. Bằng chứng kết quả thực hiện: {EVIDENCE}", f"Kết quả kiểm tra: {v3['Kết quả kiểm tra']}",
                 "Người kiểm tra: Phạm Duy Khánh\tNgày kiểm tra: 25/11/2026",
                 "Ngày đóng phiếu: 26/11/2026\tSố phiếu mới: 07/2026/BDT"]:
        d.add_paragraph(line)
    d.save(path)
    return path


def layout_stacked(path: Path) -> Path:
    """Layout 3: labels in one row, their values in the cell below (4 columns, long texts merged)."""
    d = _new(code_in_header=False)
    d.paragraphs[0].text = "BAN DÂN TỘC TỈNH KHÁNH HÒA\tBM.CTCL.01"
    v1, v2, v3 = dict(BOX1), dict(BOX2), dict(BOX3)
    progress = "\n".join(f"{day}: {text}" for day, text in PROGRESS)
    groups = [
        ["Số phiếu", "Ngày lập", "Đơn vị được yêu cầu", "Người yêu cầu"],
        ["Loại yêu cầu", "Nguồn phát hiện", "Căn cứ", "Xác nhận sự cần thiết"],
        ["Nội dung yêu cầu"], ["Nguyên nhân gốc rễ"], ["Biện pháp khắc phục/cải tiến"],
        ["Người thực hiện", "Thời hạn hoàn thành", "Lãnh đạo Ban ISO phê duyệt", "Thay đổi, bổ sung"],
        ["Báo cáo tiến độ"], ["Bằng chứng kết quả thực hiện"],
        ["Kết quả kiểm tra", "Người kiểm tra", "Ngày kiểm tra", "Ngày đóng phiếu"], ["Số phiếu mới"],
    ]
    values = {**v1, **v2, **v3, "Báo cáo tiến độ": progress, "Loại yêu cầu": "☒ Khắc phục\n☐ Cải tiến"}
    t = d.add_table(rows=0, cols=4)
    t.style = "Table Grid"  # ruled, as printed forms are (a PDF shows a grid only by its lines)
    for labels in groups:
        if len(labels) == 1:
            _full_row(t, labels[0])
            _full_row(t, values[labels[0]])
            continue
        heads, cells = t.add_row().cells, t.add_row().cells
        for i, label in enumerate(labels):
            heads[i].text, cells[i].text = label, values[label]
    d.save(path)
    return path


def _read(path: Path) -> Document:
    return read_file(str(path), path.name, Limits())


def _extract(doc: Document) -> dict:
    assert capa.detect(doc), "BM.CTCL.01 not detected"
    record = capa.extract(doc, ExtractContext(path=doc.path))
    assert record.kind == "capa_request"
    assert [p for p in record.problems if p.code == "invalid_value"] == []
    return record.fields


@pytest.mark.parametrize("build", [layout_table, layout_paragraphs, layout_stacked])
def test_docx_layouts_extract_the_same_fields(tmp_path: Path, build) -> None:  # noqa: ANN001
    fields = _extract(_read(build(tmp_path / f"{build.__name__}.docx")))
    assert fields == EXPECTED


@pytest.mark.slow
@needs_soffice()
@pytest.mark.parametrize("build", [layout_table, layout_paragraphs, layout_stacked])
def test_pdf_made_by_libreoffice_extracts_the_same_fields(tmp_path: Path, build) -> None:  # noqa: ANN001
    pdf = convert(build(tmp_path / "phieu.docx"), "pdf", tmp_path / "pdf")
    doc = _read(pdf)
    assert doc.format == "pdf"
    assert _extract(doc) == EXPECTED


def test_locations_are_recorded(tmp_path: Path) -> None:
    doc = _read(layout_table(tmp_path / "phieu.docx"))
    record = capa.extract(doc, ExtractContext(path=doc.path))
    assert record.locations["number"] == "bảng 1, hàng 2"
    assert record.locations["verification"].startswith("bảng 1, hàng ")
    assert set(EXPECTED) <= set(record.fields)


# ---------------------------------------------------------------------------------------------
# Variants of one form, written as real DOCX files.


def _docx(path: Path, blocks: list, header: str | None = "BM.CTCL.01") -> Document:  # noqa: ANN001
    """A DOCX of paragraphs (str) and tables (list of rows), read back through the DOCX reader."""
    d = docx.Document()
    if header:
        d.sections[0].header.paragraphs[0].text = header
    for block in blocks:
        if isinstance(block, str):
            d.add_paragraph(block)
        else:
            t = d.add_table(rows=0, cols=max(len(r) for r in block))
            for row in block:
                cells = t.add_row().cells
                for i, text in enumerate(row):
                    cells[i].text = text
    d.save(path)
    return _read(path)


def _short_form(*rows: tuple[str, str], title: str = TITLE) -> list:
    base = [("Số phiếu", "09/2026"), ("Ngày lập", "02/11/2026"), ("Đơn vị được yêu cầu", "Phòng Chính sách"),
            ("Người yêu cầu", "Lê Văn Cường"), ("Nội dung yêu cầu", "Chưa cập nhật danh mục tài liệu.")]
    return [title, [list(r) for r in base + list(rows)]]


def _fields(doc: Document):  # noqa: ANN202
    assert capa.detect(doc)
    return capa.extract(doc, ExtractContext(path=doc.path))


def test_nfd_text_and_labels_without_diacritics(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", "Phạm Duy Khánh")
    blocks = ["PHIEU YEU CAU HANH DONG KHAC PHUC / CAI TIEN", [
        ["So phieu", "11/2026"], ["Ngay lap", "ngay 3 thang 11 nam 2026"], ["Don vi duoc yeu cau", "Văn phòng"],
        ["Loai yeu cau", "☐ Khac phuc ☒ Cai tien"], [unicodedata.normalize("NFD", "Người yêu cầu"), nfd],
        ["Ket qua kiem tra", unicodedata.normalize("NFD", "☒ Đạt ☐ Không đạt")],
    ]]
    record = _fields(_docx(tmp_path / "khong_dau.docx", blocks))
    f = record.fields
    assert (f["number"], f["opened_on"], f["kind"]) == ("11/2026", dt.date(2026, 11, 3), "Cải tiến")
    assert f["requester"] == "Phạm Duy Khánh" and unicodedata.is_normalized("NFC", f["requester"])
    assert f["verification"] == "Đạt"


@pytest.mark.parametrize("text, expected", [("☒ Đạt ☐ Không đạt", "Đạt"), ("☐ Đạt ☒ Không đạt", "Không đạt"),
                                            ("Không đạt", "Không đạt"), ("[x] Không đạt [ ] Đạt", "Không đạt")])
def test_verification_choice(tmp_path: Path, text: str, expected: str) -> None:
    record = _fields(_docx(tmp_path / "f.docx", _short_form(("Kết quả kiểm tra", text))))
    assert record.fields["verification"] == expected


def test_placeholders_are_empty_not_invalid(tmp_path: Path) -> None:
    rows = [("Thời hạn hoàn thành", "…/…/20…"), ("Ngày đóng phiếu", "ngày … tháng … năm 20…"),
            ("Kết quả kiểm tra", "☐ Đạt ☐ Không đạt"), ("Người kiểm tra", "(Ký, ghi rõ họ tên)"),
            ("Số phiếu mới", "……………"), ("Nguyên nhân gốc rễ", "...........")]
    record = _fields(_docx(tmp_path / "f.docx", _short_form(*rows)))
    for name in ("due_on", "closed_on", "verification", "verified_by", "follow_up_number", "root_cause"):
        assert record.fields[name] is None, name
    assert record.problems == []


def test_invalid_date_and_unknown_choice_are_problems(tmp_path: Path) -> None:
    rows = [("Thời hạn hoàn thành", "31/02/2026"), ("Kết quả kiểm tra", "Tốt")]
    record = _fields(_docx(tmp_path / "f.docx", _short_form(*rows)))
    assert record.fields["due_on"] is None and record.fields["verification"] is None
    problems = {p.field: p for p in record.problems}
    assert set(problems) == {"due_on", "verification"}
    due = problems["due_on"]
    assert (due.code, due.value) == ("invalid_value", "31/02/2026")
    assert due.location == "bảng 1, hàng 6" and "Thời hạn hoàn thành" in due.message
    assert problems["verification"].code == "invalid_value" and problems["verification"].value == "Tốt"


def test_several_choices_ticked_first_wins_with_a_problem(tmp_path: Path) -> None:
    record = _fields(_docx(tmp_path / "f.docx", _short_form(("Loại yêu cầu", "☒ Khắc phục ☒ Cải tiến"))))
    assert record.fields["kind"] == "Khắc phục"
    assert [p.code for p in record.problems] == ["multiple_choices"]


def test_progress_reports_as_dates_in_one_cell(tmp_path: Path) -> None:
    rows = [("Báo cáo tiến độ", "05/10/2026; 04/11/2026"), ("Thời hạn hoàn thành", "30/12/2026")]
    record = _fields(_docx(tmp_path / "f.docx", _short_form(*rows)))
    assert record.fields["progress_reports"] == [dt.date(2026, 10, 5), dt.date(2026, 11, 4)]
    assert record.fields["opened_on"] == dt.date(2026, 11, 2)


def test_progress_table_dates_do_not_leak_into_other_fields(tmp_path: Path) -> None:
    blocks = [TITLE, "Số phiếu: 12/2026", "Đơn vị: Văn phòng", "Nội dung yêu cầu: Thiếu hồ sơ.",
              "Người yêu cầu: Lê Văn Cường", "Báo cáo tiến độ:", [["Ngày", "Nội dung"], ["05/10/2026", "Đã làm"],
                                                                 ["31/02/2026", "Sai ngày"]]]
    record = _fields(_docx(tmp_path / "f.docx", blocks))
    assert record.fields["progress_reports"] == [dt.date(2026, 10, 5)]
    assert record.fields["opened_on"] is None  # the table's "Ngày" column is not the opening date
    assert [(p.field, p.value) for p in record.problems] == [("progress_reports", "31/02/2026")]


def test_empty_record_has_every_canonical_field(tmp_path: Path) -> None:
    record = _fields(_docx(tmp_path / "f.docx", _short_form()))
    assert set(record.fields) == set(EXPECTED)
    assert record.fields["progress_reports"] is None and record.fields["closed_on"] is None


# ---------------------------------------------------------------------------------------------
# What is not a BM.CTCL.01 form.

SEED = Path("/work/shared/seeds/000_63621fa9c6447492.txt")


def _procedure_blocks() -> list:
    """The procedure QT.03.CTCL as paragraphs and tables (tab-separated lines become table rows)."""
    blocks: list = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            row = line.split("\t")
            if blocks and isinstance(blocks[-1], list):
                blocks[-1].append(row)
            else:
                blocks.append([row])
        elif line.strip():
            blocks.append(line.strip())
    return blocks


@pytest.mark.skipif(not SEED.exists(), reason="seed procedure QT.03.CTCL not available")
def test_procedure_mentioning_the_form_is_not_detected(tmp_path: Path) -> None:
    doc = _docx(tmp_path / "QT.03.CTCL.docx", _procedure_blocks(), header="Mã hiệu: QT.03.CTCL")
    assert "BM.CTCL.01" in doc.full_text() and "Phiếu yêu cầu hành động khắc phục" in doc.full_text()
    assert not capa.detect(doc)


def test_short_procedure_with_forms_table_is_not_detected(tmp_path: Path) -> None:
    blocks = ["QUY TRÌNH CẢI TIẾN HỆ THỐNG QUẢN LÝ CHẤT LƯỢNG",
              "Khi có yêu cầu, mở Phiếu yêu cầu hành động khắc phục/cải tiến theo mẫu BM.CTCL.01.",
              "6. BIỂU MẪU", [["STT", "Ký hiệu biểu mẫu", "Tên biểu mẫu"],
                             ["1", "BM.CTCL.01", "Phiếu yêu cầu hành động khắc phục/cải tiến"]],
              "Số phiếu: ghi theo thứ tự", "Nguyên nhân: phân tích theo 5 Why"]
    assert not capa.detect(_docx(tmp_path / "qt.docx", blocks, header="Mã hiệu: QT.03.CTCL"))


def test_title_with_other_document_words_is_not_a_form(tmp_path: Path) -> None:
    blocks = ["SỔ THEO DÕI HÀNH ĐỘNG KHẮC PHỤC", [["Số phiếu", "Ngày lập", "Đơn vị", "Nội dung"],
                                                ["05/2026", "01/11/2026", "Văn phòng", "Thiếu hồ sơ"]]]
    assert not capa.detect(_docx(tmp_path / "so.docx", blocks, header=None))


def test_model_document_without_title_is_not_detected() -> None:
    doc = Document("x.docx", "docx", blocks=[Paragraph("Ghi chú"), grid_from_texts([["Số phiếu", "05/2026"]])])
    assert not capa.detect(doc)


@pytest.mark.parametrize(
    "text, wrapped, expected",
    [("(Ký, ghi rõ họ tên)\n\n\nNguyễn Thị Nguyệt", False, "Nguyễn Thị Nguyệt"),
     ("Võ Nam Thắng, ngày 02/11/2026", False, "Võ Nam Thắng"),
     ("Ngày 02/11/2026\n(Ký, ghi rõ họ tên)\nVõ Nam Thắng", False, "Võ Nam Thắng"),
     ("Khánh Hòa, ngày 05 tháng 3 năm 2026\nTRƯỞNG BAN\n(Đã ký)\nVõ Nam Thắng", False, "Võ Nam Thắng"),
     ("Họ tên: Trần Văn Bình\nChức vụ: Chuyên viên", False, "Trần Văn Bình"),
     ("Khánh Hòa, ngày 05 tháng 3 năm 2026\nTRƯỞNG BAN\n(Đã ký)", False, ""),
     ("(Ký, ghi rõ họ\ntên)\nNguyễn Thị\nNguyệt", True, "Nguyễn Thị Nguyệt"),
     ("Chuyên viên\nNguyễn Văn An", True, "Nguyễn Văn An"),
     ("……", False, "")],
)
def test_signature_name(text: str, wrapped: bool, expected: str) -> None:
    from pipeline.extract.common import signature_name

    assert signature_name(text, wrapped=wrapped) == expected
