"""Controlled documents (SPEC §3.2): header block occurrences, title, approval, forms, records, status.

The documents are real DOCX files (python-docx) laid out like the seed QT.03.CTCL: a header table on
page 1 saying "QT.03.CTCL" and header tables repeated on later pages saying "QT.CTCL".
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from conftest import needs_soffice
from docx.shared import Cm

from pipeline.extract import ExtractContext
from pipeline.extract.controlled_document import detect, extract, is_withdrawn
from pipeline.extract.doc_header import code_key, normalize_code, revision_key
from pipeline.limits import Limits
from pipeline.model import Document
from pipeline.readers import read_file
from pipeline.records import Record
from tools.office import convert

AGENCY = "UBND TỈNH KHÁNH HOÀ BAN DÂN TỘC"


def fill(cell: docx.table._Cell, text: str) -> None:
    """One paragraph per line, as Word stores a multi-line cell."""
    lines = text.split("\n")
    cell.text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def table(container: object, rows: list[list[str]]) -> docx.table.Table:
    t = container.add_table(rows=len(rows), cols=len(rows[0]))
    t.style = "Table Grid"  # bordered, as the agency's documents are (a PDF then keeps the tables)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                fill(t.cell(r, c), text)
    return t


def repeated_header(document: docx.document.Document, split_cells: bool) -> None:
    """The later pages' header table: agency merged over three rows, title split over the rows."""
    if split_cells:
        t = table(document, [
            ["", "QUY TRÌNH", "Mã hiệu:", "QT.CTCL"],
            ["", "CẢI TIẾN HỆ THỐNG", "Lần ban hành", "03"],
            ["", "QUẢN LÝ CHẤT LƯỢNG", "Ngày ban hành:", "20/7/2023"],
        ])
    else:
        t = table(document, [
            ["", "QUY TRÌNH", "Mã hiệu: QT.CTCL"],
            ["", "CẢI TIẾN HỆ THỐNG", "Lần ban hành 03"],
            ["", "QUẢN LÝ CHẤT LƯỢNG", "Ngày ban hành: 20/7/2023"],
        ])
    merged = t.cell(0, 0).merge(t.cell(2, 0))
    merged.text = AGENCY


def qt03(path: Path, approver: str = "Võ Nam Thắng") -> Path:
    document = docx.Document()
    table(document, [[AGENCY, "QUY TRÌNH CẢI TIẾN HỆ THỐNG QUẢN LÝ CHẤT LƯỢNG",
                      "Mã hiệu: QT.03.CTCL\nLần ban hành 03\nNgày ban hành: 20/7/2023"]])
    for line in ["MỤC LỤC", "SỬA ĐỔI TÀI LIỆU", "- BIỂU MẪU", "- HỒ SƠ LƯU"]:
        document.add_paragraph(line)
    table(document, [
        ["Trách nhiệm", "Soạn thảo", "Xem xét", "Phê duyệt"],
        ["Họ tên", "Nguyễn Thị Nguyệt", "Phạm Duy Khánh", approver],
        ["Chữ ký", "", "", ""],
        ["Chức vụ", "Thư ký ISO", "Phó Trưởng ban", "Trưởng ban"],
    ])
    repeated_header(document, split_cells=True)
    document.add_paragraph("1. MỤC ĐÍCH")
    document.add_paragraph("Quy trình này thiết lập nhằm quy định thống nhất cách thức nhận biết, xử lý ...")
    repeated_header(document, split_cells=False)
    document.add_paragraph("6. BIỂU MẪU")
    table(document, [
        ["STT", "Ký hiệu biểu mẫu", "Tên biểu mẫu"],
        ["1", "BM.CTCL. 01", "Phiếu yêu cầu hành động khắc phục"],
        ["2", "BM.CTCL.02.", "Biên bản họp xem xét của lãnh đạo"],
        ["3", "Phụ lục 3 của STCL", "Kế hoạch thực hiện MTCL, Báo cáo thực hiện MTCL"],
    ])
    document.add_paragraph("7. HỒ SƠ")
    table(document, [
        ["TT", "Tên hồ sơ", "Trách nhiệm lưu", "Thời gian lưu"],
        ["1", "Phiếu yêu cầu hành động khắc phục/cải tiến và các hồ sơ thực hiện HĐKP, cải tiến (BM.CTCL.01)",
         "Đơn vị thực hiện, Thư ký ISO", "03 năm"],
        ["2", "Biên bản họp XXLĐ độc lập (BM.CTCL.02); hoặc Báo cáo kết quả hoạt động vận hành duy trì HTQLCL "
         "và Thông báo kết quả XXLĐ", "", ""],
        ["3", "Báo cáo thực hiện MTCL năm nay, Kế hoạch thực hiện MTCL năm sau (Phụ lục 3 của STCL)", "", ""],
    ])
    document.save(path)
    return path


def read(path: Path) -> Document:
    return read_file(str(path), path.name, Limits())


def run(path: Path, rel: str | None = None, **params: object) -> Record:
    doc = read(path)
    assert detect(doc)
    return extract(doc, ExtractContext(rel or path.name, dict(params)))


def test_every_header_occurrence_is_kept_and_the_first_gives_the_fields(tmp_path: Path) -> None:
    rec = run(qt03(tmp_path / "QT.03.CTCL.docx"))
    f = rec.fields
    assert rec.kind == "controlled_document"
    assert (f["code"], f["revision"], f["issued_on"]) == ("QT.03.CTCL", "03", dt.date(2023, 7, 20))
    assert [(c["code"], c["revision"], c["issued_on"]) for c in f["codes"]] == [
        ("QT.03.CTCL", "03", dt.date(2023, 7, 20)),
        ("QT.CTCL", "03", dt.date(2023, 7, 20)),
        ("QT.CTCL", "03", dt.date(2023, 7, 20)),
    ]
    assert [c["location"] for c in f["codes"]] == ["bảng 1", "bảng 3", "bảng 4"]
    assert f["title"] == "QUY TRÌNH CẢI TIẾN HỆ THỐNG QUẢN LÝ CHẤT LƯỢNG"
    assert {c["title"] for c in f["codes"]} == {f["title"]}  # split over rows, the same title
    assert f["status"] == "active" and rec.problems == []


def test_approval_block_forms_and_records(tmp_path: Path) -> None:
    f = run(qt03(tmp_path / "qt03.docx", approver="")).fields
    assert (f["drafted_by"], f["reviewed_by"], f["approved_by"]) == ("Nguyễn Thị Nguyệt", "Phạm Duy Khánh", None)
    assert [(x["code"], x["name"][:22]) for x in f["forms"]] == [
        ("BM.CTCL.01", "Phiếu yêu cầu hành độn"), ("BM.CTCL.02", "Biên bản họp xem xét c"),
        ("Phụ lục 3 của STCL", "Kế hoạch thực hiện MTC")]
    records = f["records"]
    assert len(records) == 3
    assert (records[0]["holder"], records[0]["retention"], records[0]["retention_parsed"]) == (
        "Đơn vị thực hiện, Thư ký ISO", "03 năm", {"years": 3})
    assert [(r["retention"], r["retention_parsed"]) for r in records[1:]] == [(None, None), (None, None)]
    assert records[1]["name"].startswith("Biên bản họp XXLĐ độc lập") and records[2]["location"].endswith("hàng 4")


@pytest.mark.slow
@needs_soffice()
def test_the_same_document_read_from_pdf(tmp_path: Path) -> None:
    """Word → PDF: the header tables, the approval names a narrow column wraps, and the HỒ SƠ table
    that the page break cuts in the middle of a row are read as from the DOCX."""
    pdf = convert(qt03(tmp_path / "qt03.docx"), "pdf", tmp_path / "pdf")
    f = run(pdf).fields
    assert [(c["code"], c["revision"], c["issued_on"]) for c in f["codes"]] == [
        ("QT.03.CTCL", "03", dt.date(2023, 7, 20))] + [("QT.CTCL", "03", dt.date(2023, 7, 20))] * 2
    assert f["title"] == "QUY TRÌNH CẢI TIẾN HỆ THỐNG QUẢN LÝ CHẤT LƯỢNG"
    assert (f["drafted_by"], f["approved_by"]) == ("Nguyễn Thị Nguyệt", "Võ Nam Thắng")
    assert [x["code"] for x in f["forms"]] == ["BM.CTCL.01", "BM.CTCL.02", "Phụ lục 3 của STCL"]
    assert [r["retention"] for r in f["records"]] == ["03 năm", None, None]
    assert f["records"][0]["name"].endswith("cải tiến (BM.CTCL.01)")


def test_withdrawn_folder_from_the_path(tmp_path: Path) -> None:
    rec = run(qt03(tmp_path / "qt03.docx"), rel="Het hieu luc/QT.03.CTCL.docx")
    assert rec.fields["status"] == "withdrawn"


@pytest.mark.parametrize("path, withdrawn", [
    ("Het hieu luc/a.docx", True),
    ("Tài liệu/Hết hiệu lực/2020/a.docx", True),
    ("HET_HIEU_LUC/a.docx", True),
    ("Lưu trữ/a.docx", True),
    ("tai-lieu-thu-hoi/a.docx", True),
    ("Obsolete/a.docx", True),
    ("het hieu luc.docx", False),  # the file name is not a folder
    ("Quy trình/Hiệu lực/a.docx", False),
    ("Luu tru tam/a.docx", True),
    ("Luutru/a.docx", False),  # whole words only
])
def test_withdrawn_folder_patterns(path: str, withdrawn: bool) -> None:
    assert is_withdrawn(path, ["het hieu luc", "obsolete", "luu tru", "thu hoi"]) is withdrawn


def test_withdrawn_folders_are_configurable(tmp_path: Path) -> None:
    rec = run(qt03(tmp_path / "qt03.docx"), rel="Cu/2019/a.docx", withdrawn_folders=["cũ"])
    assert rec.fields["status"] == "withdrawn"
    rec = run(qt03(tmp_path / "qt03.docx"), rel="Het hieu luc/a.docx", withdrawn_folders=["cũ"])
    assert rec.fields["status"] == "active"


def test_page_header_block_with_d_in_code_and_an_impossible_issue_date(tmp_path: Path) -> None:
    document = docx.Document()
    header = document.sections[0].header
    t = header.add_table(rows=2, cols=3, width=Cm(16))
    fill(t.cell(0, 0), "BAN DÂN TỘC")
    fill(t.cell(0, 1), "QUY TRÌNH ĐÁNH GIÁ NỘI BỘ")
    fill(t.cell(0, 2), "Mã hiệu: QT.02.ĐGNB")
    fill(t.cell(1, 2), "Lần ban hành: 2\nNgày ban hành: 31/02/2023")
    document.add_paragraph("1. MỤC ĐÍCH")
    path = tmp_path / "qt02.docx"
    document.save(path)
    rec = run(path)
    f = rec.fields
    assert f["code"] == "QT.02.ĐGNB" and code_key(f["code"]) == "qt.02.dgnb"
    assert f["revision"] == "2" and revision_key(f["revision"]) == revision_key("02")
    assert f["issued_on"] is None
    [problem] = rec.problems
    assert (problem.code, problem.field, problem.value) == ("invalid_value", "issued_on", "31/02/2023")
    assert problem.location == "đầu trang" and f["codes"][0]["location"] == "đầu trang"
    assert f["title"] == "QUY TRÌNH ĐÁNH GIÁ NỘI BỘ"


def test_title_paragraph_and_approval_with_other_labels(tmp_path: Path) -> None:
    document = docx.Document()
    for line in ["ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA", "BAN DÂN TỘC", "SỔ TAY CHẤT LƯỢNG", "MÃ HIỆU: STCL"]:
        document.add_paragraph(line)
    table(document, [
        ["", "Người viết", "Người kiểm tra", "Người phê duyệt"],
        ["Họ và tên", "Nguyễn Thị Nguyệt", "Phùng Tấn Duy", "Đặng Văn Tuấn"],
        ["Ký", "", "", ""],
    ])
    document.add_paragraph("MỤC LỤC")
    document.sections[0].footer.paragraphs[0].text = "STCL-Ban Dân tộc\tNgày ban hành: 15/7/2020"
    table(document, [[AGENCY, "YÊU CẦU NĂNG LỰC, TRÁCH NHIỆM, QUYỀN HẠN CỦA CÁC CHỨC DANH CÔNG VIỆC",
                      "Mã hiệu: TNQH\nLần ban hành 02\nNgày ban hành: 15/7/2020"]])  # an appendix
    path = tmp_path / "stcl.docx"
    document.save(path)
    f = run(path).fields
    assert [(c["code"], c["location"]) for c in f["codes"]] == [
        (None, "chân trang"), ("STCL", "đoạn 4"), ("TNQH", "bảng 2")]
    assert (f["code"], f["revision"], f["issued_on"]) == ("STCL", "02", dt.date(2020, 7, 15))
    assert f["title"] == "SỔ TAY CHẤT LƯỢNG"  # the cover's title paragraph, not the appendix's
    assert f["codes"][2]["title"] == "YÊU CẦU NĂNG LỰC, TRÁCH NHIỆM, QUYỀN HẠN CỦA CÁC CHỨC DANH CÔNG VIỆC"
    assert (f["drafted_by"], f["reviewed_by"], f["approved_by"]) == (
        "Nguyễn Thị Nguyệt", "Phùng Tấn Duy", "Đặng Văn Tuấn")
    assert f["forms"] == [] and f["records"] == []


def test_prose_mentioning_the_labels_is_not_a_header_block(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Tài liệu phải ghi rõ mã hiệu, lần ban hành và ngày ban hành theo quy định.")
    document.add_paragraph("Thư ký ISO cập nhật mã hiệu tài liệu vào danh mục.")
    table(document, [["Lần ban hành", "Ngày ban hành", "Nội dung sửa đổi"], ["02", "15/7/2020", "Sửa mục 5"]])
    table(document, [["TT", "Tên tài liệu", "Mã hiệu"], ["1", "Sổ tay chất lượng", "STCL"]])
    path = tmp_path / "prose.docx"
    document.save(path)
    assert not detect(read(path))


@pytest.mark.parametrize("raw, code", [("BM.CTCL. 02", "BM.CTCL.02"), (" QT.03.CTCL.", "QT.03.CTCL"),
                                       ("QT . 02 . ĐGNB;", "QT.02.ĐGNB"), ("QT.01-BM 03", "QT.01-BM 03")])
def test_normalize_code(raw: str, code: str) -> None:
    assert normalize_code(raw) == code


def test_keys_for_comparison() -> None:
    assert code_key("QT.02.ĐGNB") == code_key("qt. 02. dgnb") != code_key("QT.02.DGNB2")
    assert revision_key("03") == revision_key("3") == "3" and revision_key("Lần 10") == "10"
    assert revision_key(None) == ""
