"""Quality objectives plan and report: detection, year, unit, dates, and the objectives table.

Real DOCX files (python-docx, with merged cells and two-row headers) read by the pipeline's reader;
Documents built with the model for a table broken across PDF pages; one LibreOffice PDF whose
long table really breaks at a page.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from admin_docx import Builder, Signer, read_docx_file
from conftest import needs_soffice

from pipeline.extract import ExtractContext, review_minutes, review_notice, review_report
from pipeline.extract.objectives import PLAN, REPORT, unit_in_title
from pipeline.extract.objectives_table import column_of, table_spec
from pipeline.model import Document, Paragraph, grid_from_texts
from pipeline.records import Record

PLAN_HEADER = ["STT", "Mục tiêu", "Chỉ tiêu", "Biện pháp/Kế hoạch thực hiện", "Đơn vị/Người thực hiện", "Thời hạn"]
OBJECTIVES = [
    ["1", "Giải quyết hồ sơ TTHC đúng hạn", "100% hồ sơ đúng hạn", "Theo dõi trên phần mềm một cửa",
     "Văn phòng", "31/12/2026"],
    ["2", "Không để xảy ra khiếu nại về TTHC", "0 khiếu nại", "Niêm yết công khai thủ tục", "Văn phòng",
     "Cả năm"],
    ["3", "Nâng cao năng lực công chức", "Cử công chức tham gia đào tạo", "Lập kế hoạch đào tạo",
     "Phòng Chính sách", "Quý IV/2026"],
]


def plan_docx(
    path: Path,
    title: tuple[str, ...] = ("KẾ HOẠCH THỰC HIỆN MỤC TIÊU CHẤT LƯỢNG NĂM 2026",),
    unit: str | None = None,
    place_date: str = "Khánh Hòa, ngày 10 tháng 01 năm 2026",
    header: list[str] = PLAN_HEADER,
) -> Path:
    """A plan: groups "I." (a row with STT and heading) and "II." (one cell merged across the row),
    the owner "Văn phòng" merged over two rows, signed by the head of agency."""
    b = Builder().header(place_date)
    b.broken(*title)
    if unit:
        b.lines(f"Đơn vị: {unit}")
    b.lines("Căn cứ Chính sách chất lượng, Ban Dân tộc xây dựng kế hoạch như sau:")
    rows = [header, ["I", "MỤC TIÊU VỀ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", "", "", "", ""], *OBJECTIVES[:2],
            ["II. Mục tiêu về xây dựng nội bộ"] * 6, OBJECTIVES[2]]
    b.table(rows, merges=[(2, 4, 3, 4), (4, 0, 4, 5)])
    b.signers(Signer(["NGƯỜI LẬP"], "Nguyễn Thị Nguyệt"), Signer(["TRƯỞNG BAN"], "Võ Nam Thắng"))
    return b.save(path)


def extract(kind, doc: Document, **params) -> Record:  # noqa: ANN001 — a kind entry point
    assert kind.detect(doc)
    return kind.extract(doc, ExtractContext(path=doc.path, params=params))


def only_kind(doc: Document):  # noqa: ANN201
    detected = [k for k in (review_minutes, review_report, review_notice, PLAN, REPORT) if k.detect(doc)]
    assert len(detected) == 1, detected
    return detected[0]


def test_plan_for_the_agency(tmp_path: Path) -> None:
    doc = read_docx_file(plan_docx(tmp_path / "kh.docx"))
    assert only_kind(doc) is PLAN
    record = extract(PLAN, doc)
    f = record.fields
    assert (f["year"], f["unit"]) == (2026, None)
    assert f["approved_on"] == dt.date(2026, 1, 10)
    assert (f["approved_by"], f["approver_title"]) == ("Võ Nam Thắng", "TRƯỞNG BAN")
    assert [o["no"] for o in f["objectives"]] == ["1", "2", "3"]
    first, second, third = f["objectives"]
    assert first == {
        "no": "1", "objective": "Giải quyết hồ sơ TTHC đúng hạn", "target": "100% hồ sơ đúng hạn",
        "measures": "Theo dõi trên phần mềm một cửa", "owner": "Văn phòng", "deadline": "31/12/2026",
        "group": "I MỤC TIÊU VỀ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", "location": first["location"],
    }
    assert second["owner"] == "Văn phòng"  # the merged cell reads in both rows
    assert third["group"] == "II. Mục tiêu về xây dựng nội bộ"
    assert "result" not in third
    assert f["objective_columns"] == ["no", "objective", "target", "measures", "owner", "deadline"]
    assert record.problems == []


@pytest.mark.parametrize(
    ("title", "unit", "params", "expected"),
    [
        (("KẾ HOẠCH THỰC HIỆN MỤC TIÊU CHẤT LƯỢNG NĂM 2026",), "Văn phòng", {}, "Văn phòng"),
        (("KẾ HOẠCH THỰC HIỆN MỤC TIÊU CHẤT LƯỢNG", "NĂM 2026 CỦA VĂN PHÒNG"), None, {}, "VĂN PHÒNG"),
        (("KẾ HOẠCH", "Thực hiện mục tiêu chất lượng của Phòng Chính sách năm 2026"), None, {}, "Phòng Chính sách"),
        (("KẾ HOẠCH THỰC HIỆN MTCL NĂM 2026",), "Ban Dân tộc tỉnh Khánh Hòa", {"agency_names": ["Ban Dân tộc"]},
         None),
    ],
)
def test_plan_unit(
    tmp_path: Path, title: tuple[str, ...], unit: str | None, params: dict, expected: str | None
) -> None:
    record = extract(PLAN, read_docx_file(plan_docx(tmp_path / "kh.docx", title=title, unit=unit)), **params)
    assert record.fields["year"] == 2026
    assert record.fields["unit"] == expected


def test_plan_header_without_diacritics(tmp_path: Path) -> None:
    header = ["STT", "Muc tieu", "Chi tieu", "Bien phap thuc hien", "Don vi thuc hien", "Thoi han"]
    record = extract(PLAN, read_docx_file(plan_docx(tmp_path / "kh.docx", header=header)))
    assert [o["target"] for o in record.fields["objectives"]] == [o[2] for o in OBJECTIVES]
    assert record.fields["objective_columns"] == list(PLAN.fields)


def test_plan_impossible_approval_date(tmp_path: Path) -> None:
    path = plan_docx(tmp_path / "kh.docx", place_date="Khánh Hòa, ngày 30 tháng 02 năm 2026")
    record = extract(PLAN, read_docx_file(path))
    assert record.fields["approved_on"] is None
    [problem] = record.problems
    assert (problem.code, problem.field) == ("invalid_value", "approved_on")
    assert "30 tháng 02 năm 2026" in problem.value


def report_docx(path: Path, unit: str | None = None) -> Path:
    """A report whose "Đánh giá" header spans two sub-columns Đạt | Không đạt marked with x."""
    b = Builder().header("Khánh Hòa, ngày 20 tháng 12 năm 2026")
    b.lines("BÁO CÁO KẾT QUẢ THỰC HIỆN MỤC TIÊU CHẤT LƯỢNG NĂM 2026")
    if unit:
        b.lines(f"Đơn vị: {unit}")
    top = ["STT", "Mục tiêu", "Chỉ tiêu", "Biện pháp", "Người thực hiện", "Thời hạn", "Kết quả thực hiện",
           "Đánh giá", ""]
    rows = [top, [*top[:7], "Đạt", "Không đạt"]]
    results = ["Đúng hạn 100%", "Không có khiếu nại", "Chưa cử được công chức đi đào tạo"]
    marks = [("x", ""), ("x", ""), ("", "x")]
    rows += [[*o, r, *m] for o, r, m in zip(OBJECTIVES, results, marks, strict=True)]
    b.table(rows, merges=[*((0, c, 1, c) for c in range(7)), (0, 7, 0, 8)])
    b.signers(Signer(["NGƯỜI BÁO CÁO"], "Nguyễn Thị Nguyệt"), Signer(["TRƯỞNG BAN"], "Võ Nam Thắng"))
    return b.save(path)


def test_report_with_a_failed_objective(tmp_path: Path) -> None:
    doc = read_docx_file(report_docx(tmp_path / "bc.docx", unit="Phòng Chính sách"))
    assert only_kind(doc) is REPORT
    record = extract(REPORT, doc)
    f = record.fields
    assert (f["year"], f["unit"], f["reported_on"]) == (2026, "Phòng Chính sách", dt.date(2026, 12, 20))
    assert [(o["no"], o["evaluation"]) for o in f["objectives"]] == [("1", "Đạt"), ("2", "Đạt"), ("3", "Không đạt")]
    assert f["objectives"][2]["result"] == "Chưa cử được công chức đi đào tạo"
    assert "evaluation" in f["objective_columns"]
    assert record.problems == []


def test_report_for_the_agency_with_text_evaluations_and_an_unknown_one(tmp_path: Path) -> None:
    b = Builder().header("Khánh Hòa, ngày 25 tháng 12 năm 2026")
    b.lines("BÁO CÁO", "Kết quả thực hiện mục tiêu chất lượng năm 2026")
    header = ["TT", "Muc tieu", "Chi tieu", "Ke hoach", "Trach nhiem", "Thoi gian thuc hien", "Ket qua",
              "Danh gia"]
    evaluations = ["Đạt", "Không đạt", "Tốt"]
    b.table([header, *([*o, "…", e] for o, e in zip(OBJECTIVES, evaluations, strict=True))])
    record = extract(REPORT, b.read(tmp_path / "bc.docx"))
    assert record.fields["unit"] is None and record.fields["year"] == 2026
    assert [o["evaluation"] for o in record.fields["objectives"]] == ["Đạt", "Không đạt", None]
    assert record.fields["objectives"][0]["result"] == ""
    [problem] = record.problems
    assert (problem.code, problem.field, problem.value) == ("invalid_value", "objectives.evaluation", "Tốt")
    assert problem.location and "hàng 4" in problem.location


def test_table_broken_across_pages_continues() -> None:
    """Two tables with the same columns, a page number between, the second without a header and
    its first row finishing the previous objective's text."""
    first = grid_from_texts([PLAN_HEADER, OBJECTIVES[0], OBJECTIVES[1][:3] + ["Niêm yết", "", ""]], index=1, page=1)
    second = grid_from_texts([["", "", "", "công khai thủ tục", "Văn phòng", "Cả năm"], OBJECTIVES[2]],
                             index=2, page=2)
    unrelated = grid_from_texts([["a", "b"], ["c", "d"]], index=3, page=2)
    doc = Document("kh.pdf", "pdf", blocks=[
        Paragraph("KẾ HOẠCH THỰC HIỆN MỤC TIÊU CHẤT LƯỢNG NĂM 2026", page=1), first,
        Paragraph("1", page=1), second, unrelated,
    ])
    objectives = extract(PLAN, doc).fields["objectives"]
    assert [o["no"] for o in objectives] == ["1", "2", "3"]
    assert objectives[1]["measures"] == "Niêm yết\ncông khai thủ tục"
    assert objectives[1]["owner"] == "Văn phòng"


def test_header_labels() -> None:
    spec = table_spec()
    assert column_of("Chỉ tiêu (định lượng)", spec) == "target"
    assert column_of("Kết quả cần đạt", spec) == "target"
    assert column_of("Kết quả thực hiện", spec) == "result"
    assert column_of("ĐƠN VỊ/NGƯỜI THỰC HIỆN", spec) == "owner"
    assert column_of("Đạt", spec) == "eval_yes" and column_of("Đạt được", spec) is None
    assert unit_in_title("NĂM 2026 CỦA VĂN PHÒNG BAN DÂN TỘC") == "VĂN PHÒNG BAN DÂN TỘC"
    assert unit_in_title("NĂM 2026") is None


@needs_soffice()
@pytest.mark.slow
def test_long_plan_as_pdf_keeps_every_objective(tmp_path: Path) -> None:
    from tools.office import convert

    b = Builder().header("Khánh Hòa, ngày 10 tháng 01 năm 2026")
    b.lines("KẾ HOẠCH THỰC HIỆN MỤC TIÊU CHẤT LƯỢNG NĂM 2026")
    rows = [[str(n), f"Mục tiêu số {n} của cơ quan", f"Đạt {80 + n % 20}%", "Theo dõi hằng tháng", "Văn phòng",
             "31/12/2026"] for n in range(1, 41)]
    b.table([PLAN_HEADER, *rows])
    source = b.save(tmp_path / "kh.docx")
    doc = read_docx_file(convert(source, "pdf", tmp_path / "pdf"))
    assert doc.format == "pdf" and (doc.pages or 0) >= 2
    assert len([t for t in doc.tables(include_headers=False) if t.n_cols == 6]) >= 2  # really broken
    objectives = extract(PLAN, doc).fields["objectives"]
    assert [o["no"] for o in objectives] == [str(n) for n in range(1, 41)]
    assert objectives[39]["target"] == "Đạt 80%"
