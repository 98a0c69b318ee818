"""Guards and dispatch: every hostile file gets its own clear ReadError reason, never a crash."""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

import hostile_files as hf
import pytest
from conftest import needs_soffice

from pipeline.errors import ReadError
from pipeline.limits import Limits
from pipeline.readers import read_file
from pipeline.readers.guards import RATIO_FLOOR_BYTES
from pipeline.readers.sniff import sniff


def read_error(path: Path, limits: Limits | None = None) -> ReadError:
    with pytest.raises(ReadError) as info:
        read_file(str(path), path.name, limits or Limits())
    return info.value


def test_empty_file(tmp_path: Path) -> None:
    assert read_error(hf.make_empty(tmp_path / "a.docx")).reason == "empty"


def test_file_over_size_limit_is_refused_before_parsing(tmp_path: Path) -> None:
    path = hf.make_docx(tmp_path / "a.docx")
    size = path.stat().st_size
    err = read_error(path, Limits(max_file_bytes=size - 1))
    assert err.reason == "too_large" and str(size) in err.detail
    assert read_file(str(path), "a.docx", Limits(max_file_bytes=size)).format == "docx"


def test_truncated_docx(tmp_path: Path) -> None:
    path = hf.make_truncated_docx(tmp_path / "cut.docx")
    assert path.read_bytes().startswith(b"PK\x03\x04")
    assert read_error(path).reason == "truncated"


def test_password_protected_docx(tmp_path: Path) -> None:
    err = read_error(hf.make_encrypted_docx(tmp_path / "secret.docx"))
    assert err.reason == "encrypted"


def test_zip_bomb_by_declared_size(tmp_path: Path) -> None:
    path = hf.make_zip_bomb(tmp_path / "bomb.docx", megabytes=300)
    assert path.stat().st_size < 2 * 1024 * 1024  # small on disk
    err = read_error(path)
    assert err.reason == "zip_bomb" and "declared uncompressed size" in err.detail


def test_zip_bomb_by_compression_ratio(tmp_path: Path) -> None:
    """20 MB of zeros stays under the size limit but inflates ~1000:1."""
    path = hf.make_zip_bomb(tmp_path / "bomb.docx", megabytes=20)
    err = read_error(path)
    assert err.reason == "zip_bomb" and "ratio" in err.detail
    # the same file passes with a permissive ratio: the guard, not the parser, refused it
    assert read_file(str(path), "bomb.docx", Limits(max_zip_ratio=1e9)).format == "docx"


def test_small_members_are_not_judged_by_ratio(tmp_path: Path) -> None:
    """A real DOCX's styles.xml can compress far beyond any ratio; tiny members never trip the guard."""
    path = hf.make_docx(tmp_path / "a.docx")
    with zipfile.ZipFile(path) as zf:
        assert all(i.file_size <= RATIO_FLOOR_BYTES for i in zf.infolist())
    assert read_file(str(path), "a.docx", Limits(max_zip_ratio=1.5)).format == "docx"


def test_zip_with_too_many_entries(tmp_path: Path) -> None:
    path = hf.make_zip_with_entries(tmp_path / "many.docx", entries=120)
    err = read_error(path, Limits(max_zip_entries=100))
    assert err.reason == "zip_bomb" and "120 entries" in err.detail


def test_default_entry_limit(tmp_path: Path) -> None:
    err = read_error(hf.make_zip_with_entries(tmp_path / "many.docx"))
    assert err.reason == "zip_bomb" and "10001 entries" in err.detail


@needs_soffice()
def test_legacy_doc(tmp_path: Path) -> None:
    assert read_error(hf.make_legacy_doc(tmp_path / "old.doc")).reason == "legacy_doc"


@needs_soffice()
def test_legacy_doc_with_password_flag(tmp_path: Path) -> None:
    assert read_error(hf.make_encrypted_doc(tmp_path / "old.doc")).reason == "encrypted"


@needs_soffice()
def test_legacy_xls(tmp_path: Path) -> None:
    assert read_error(hf.make_legacy_xls(tmp_path / "old.xls")).reason == "legacy_xls"


@needs_soffice()
def test_legacy_doc_renamed_docx_is_still_legacy_doc(tmp_path: Path) -> None:
    """Content decides: a .doc renamed .docx is reported as the legacy format it is."""
    path = hf.make_legacy_doc(tmp_path / "old.doc").rename(tmp_path / "renamed.docx")
    assert read_error(path).reason == "legacy_doc"


def test_html_named_pdf_says_what_it_is(tmp_path: Path) -> None:
    err = read_error(hf.make_html_as_pdf(tmp_path / "report.pdf"))
    assert err.reason == "wrong_type" and "HTML" in err.detail and ".pdf" in err.detail


def test_text_named_docx(tmp_path: Path) -> None:
    err = read_error(hf.make_text_as_docx(tmp_path / "form.docx"))
    assert err.reason == "wrong_type" and "text" in err.detail


def test_plain_zip_named_docx(tmp_path: Path) -> None:
    err = read_error(hf.make_plain_zip_as_docx(tmp_path / "form.docx"))
    assert err.reason == "wrong_type" and "ZIP" in err.detail


def test_image_named_xlsx(tmp_path: Path) -> None:
    from PIL import Image

    path = tmp_path / "sheet.xlsx"
    Image.new("RGB", (20, 20), "white").save(path, "PNG")
    err = read_error(path)
    assert err.reason == "wrong_type" and "PNG" in err.detail


def test_broken_workbook_xml_is_corrupt_not_a_crash(tmp_path: Path) -> None:
    err = read_error(hf.make_broken_xlsx(tmp_path / "broken.xlsx"))
    assert err.reason == "corrupt" and err.detail


def test_zip_with_damaged_member_is_corrupt(tmp_path: Path) -> None:
    """Central directory intact, member data overwritten: the parser's error becomes "corrupt"."""
    path = hf.make_docx(tmp_path / "a.docx")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start : start + info.compress_size] = b"\x00" * info.compress_size
    path.write_bytes(bytes(data))
    assert read_error(path).reason == "corrupt"


def test_docx_content_named_xlsx_is_read_as_docx_with_warning(tmp_path: Path) -> None:
    path = hf.make_docx(tmp_path / "a.docx").rename(tmp_path / "misnamed.xlsx")
    doc = read_file(str(path), "misnamed.xlsx", Limits())
    assert doc.format == "docx"
    assert any(".xlsx" in w for w in doc.warnings)


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"%PDF-1.7\n", "pdf"),
        (b"\r\n\r\nJUNK" * 50 + b"%PDF-1.4\n", "pdf"),  # junk before the header, within 1 KB
        (b"x" * 2000 + b"%PDF-1.4\n", "text"),  # too far in: not a PDF
        (b"PK\x03\x04rest", "zip"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "ole"),
        (b"  <!DOCTYPE HTML PUBLIC>", "html"),
        (b"\xef\xbb\xbfSo phieu;Ngay\n", "text"),
        ("Số phiếu,Ngày".encode("utf-16"), "text"),
        (b"\x00\x01\x02\x03\x04\x05\x06\x07" * 20, "binary"),
    ],
)
def test_sniff(head: bytes, kind: str) -> None:
    assert sniff(head).kind == kind


def test_randomly_damaged_files_give_a_document_or_a_read_error(tmp_path: Path) -> None:
    """Byte flips anywhere in real files: whatever the parser meets, nothing but ReadError escapes."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["Số phiếu", "Ngày lập"])
    wb.active.append(["01/2026", 46100])
    wb.save(str(tmp_path / "src.xlsx"))
    sources = [
        hf.make_docx(tmp_path / "src.docx"),
        tmp_path / "src.xlsx",
        hf.make_many_pages_pdf(tmp_path / "src.pdf", pages=2),
    ]
    rng = random.Random(20261122)
    for source in sources:
        data = source.read_bytes()
        for i in range(25):
            damaged = bytearray(data)
            for _ in range(rng.randint(1, 12)):
                damaged[rng.randrange(len(damaged))] = rng.randrange(256)
            path = tmp_path / f"damaged{i}{source.suffix}"
            path.write_bytes(bytes(damaged))
            try:
                read_file(str(path), path.name, Limits())
            except ReadError:
                pass
