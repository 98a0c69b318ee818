"""Controlled documents, registers and bad input of the sample inbox (`build(inbox)`).

What each file is meant to trigger at as_of 2026-11-22 is written down, per file, in
tests/sample_expectations/documents.yaml — the register and the documents are designed together
(register rows without a document → CTCL073, documents outside the register → CTCL074 …), so a
change here needs a look there. build() writes only the files listed in OUTPUTS, always the same
bytes, and never deletes anything.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from tools.samples import doc_hostile as hostile
from tools.samples import doc_registers as registers
from tools.samples.doc_files import office_convert, save_docx, save_xlsx, touch
from tools.samples.doc_procedure import day, load, manual, procedure, seed_procedure

DOCS = "Tài liệu HTQLCL"
OLD = f"{DOCS}/Hết hiệu lực"
RECORDS = "Hồ sơ"


def _procedure_docx(key: str) -> Callable[[Path], Path]:
    def make(target: Path) -> Path:
        spec = load("doc_procedures.yaml")[key]
        return save_docx(procedure(spec), target, day(spec["issued"]))

    return make


def _procedure_pdf(key: str) -> Callable[[Path], Path]:
    """A procedure exported to PDF with LibreOffice (the DOCX is not kept on the share)."""

    def make(target: Path) -> Path:
        spec = load("doc_procedures.yaml")[key]
        with tempfile.TemporaryDirectory(prefix="samples-pdf-") as tmp:
            src = save_docx(procedure(spec), Path(tmp) / f"{target.stem}.docx", day(spec["issued"]))
            return office_convert(src, "pdf", target, day(spec["issued"]))

    return make


def _seed(target: Path) -> Path:
    return save_docx(seed_procedure(), target, day(load("doc_qt03.yaml")["issued"]))


def _manual(target: Path) -> Path:
    return save_docx(manual(), target, day(load("doc_manual.yaml")["issued"]))


def _document_register(target: Path) -> Path:
    updated = day(registers.registers()["document_register"]["updated"])
    return save_docx(registers.document_register(), target, updated)


def _records_xlsx(target: Path) -> Path:
    return save_xlsx(registers.records_workbook(), target, day("18/11/2026"))


def _records_csv(target: Path) -> Path:
    target.write_bytes(registers.records_csv())
    return touch(target, day("05/11/2026"))


# relative path (POSIX, under the inbox) → builder writing that file
OUTPUTS: dict[str, Callable[[Path], Path]] = {
    f"{DOCS}/STCL - Sổ tay chất lượng.docx": _manual,
    f"{DOCS}/PL03 - Danh mục tài liệu HTQLCL.docx": _document_register,
    f"{DOCS}/QT.01.KSTLHS - Kiểm soát thông tin dạng văn bản.docx": _procedure_docx("qt01"),
    f"{DOCS}/QT.02.ĐGNB - Đánh giá nội bộ.pdf": _procedure_pdf("qt02"),
    f"{DOCS}/QT.03.CTCL - Quy trình cải tiến.docx": _seed,
    f"{DOCS}/QT.04.QLRR - Quản lý rủi ro.pdf": _procedure_pdf("qt04"),
    f"{DOCS}/QT.05.QLVB - Quan ly van ban.docx": _procedure_docx("qt05_r02"),
    f"{DOCS}/QT.05.QLVB - Quản lý văn bản (lần 03).docx": _procedure_docx("qt05_r03"),
    f"{DOCS}/QT.06.XDCS - Xây dựng chính sách.pdf": _procedure_pdf("qt06"),
    f"{DOCS}/QT.07.TCQLCS - To chuc quan ly chinh sach.doc": hostile.legacy_doc,
    f"{DOCS}/QT.08.XDHTDL - scan.pdf": hostile.scanned_pdf,
    f"{DOCS}/QT.09.NCUT - Người có uy tín.docx": _procedure_docx("qt09"),
    f"{DOCS}/QT.10.TCD - Tiếp công dân.docx": _procedure_docx("qt10"),
    f"{OLD}/QT.03.CTCL - Quy trình cải tiến (lần 02).docx": _procedure_docx("qt03_r02"),
    f"{RECORDS}/Danh mục hồ sơ Văn phòng.xlsx": _records_xlsx,
    f"{RECORDS}/DMHS_PhongChinhSach_2026.csv": _records_csv,
    f"{RECORDS}/Giấy mời họp triển khai ĐGNB 2026.docx": hostile.invitation,
    f"{RECORDS}/Danh sách tập huấn ISO 2026.xlsx": hostile.training_list,
    f"{RECORDS}/Biên bản kiểm tra chéo hồ sơ tháng 10.docx": hostile.truncated_docx,
    f"{RECORDS}/Báo cáo ĐGNB đợt 2-2026.docx": hostile.encrypted_docx,
    f"{DOCS}/~$.03.CTCL - Quy trình cải tiến.docx": hostile.word_owner_file,
    f"{DOCS}/.~lock.QT.01.KSTLHS - Kiểm soát thông tin dạng văn bản.docx#": hostile.lo_lock_file,
    f"{DOCS}/Thumbs.db": hostile.thumbs_db,
    f"{RECORDS}/desktop.ini": hostile.desktop_ini,
}


def build(inbox: Path) -> None:
    """Write the document samples under `inbox` (idempotent: same paths, same bytes)."""
    inbox = Path(inbox)
    for rel, make in OUTPUTS.items():
        target = inbox / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        make(target)
