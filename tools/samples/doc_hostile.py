"""Files the pipeline cannot or should not read: bad input (CTCL090), unrecognised documents (CTCL091)
and the litter Office and Windows leave on a shared drive (ignored).

Each is what really turns up: a procedure still in Word 97 .doc, a scan without text layer, a copy
cut short, a password-protected report, an invitation and a training list that are no QMS kind.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import tempfile
from pathlib import Path

import msoffcrypto.format.ooxml
import openpyxl
from docx.document import Document as DocxDocument
from openpyxl.styles import Alignment, Font
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from tools import docstyle as ds
from tools.samples import ISO_SECRETARY, OFFICE_CHIEF, STAFF, UNIT_HEADS
from tools.samples.doc_files import office_convert, reproducible_encryption, save_docx, save_xlsx, touch
from tools.samples.doc_procedure import day, load, procedure
from tools.samples.doc_render import text_para

PASSWORD = "BanDanToc@2026"
SERIF = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
SERIF_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"


# ---------------------------------------------------------------- unreadable (CTCL090)


def legacy_doc(target: Path) -> Path:
    """QT.07.TCQLCS saved as Word 97-2003 .doc (LibreOffice) → reason legacy_doc."""
    spec = load("doc_procedures.yaml")["qt07"]
    when = day(spec["issued"])
    with tempfile.TemporaryDirectory(prefix="samples-doc-") as tmp:
        src = save_docx(procedure(spec), Path(tmp) / f"{target.stem}.docx", when)
        return office_convert(src, "doc", target, when)


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(SERIF_BOLD if bold else SERIF, size)


def _centre(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], lines: list[tuple[str, bool]],
            size: int) -> None:
    x0, y0, x1, y1 = box
    height = len(lines) * (size + 6)
    y = y0 + (y1 - y0 - height) // 2
    for text, bold in lines:
        font = _font(size, bold)
        width = draw.textlength(text, font=font)
        draw.text((x0 + (x1 - x0 - width) / 2, y), text, fill=0, font=font)
        y += size + 6


def _scan_image() -> Image.Image:
    """The signed cover page of QT.08.XDHTDL as the office scanner saw it (100 dpi, grey, skewed)."""
    page = Image.new("L", (827, 1169), 255)
    draw = ImageDraw.Draw(page)
    left, right = 118, 768  # 30 mm / 15 mm margins at 100 dpi
    cols = [left, 310, 575, right]
    draw.rectangle((left, 80, right, 200), outline=0, width=2)
    for x in cols[1:-1]:
        draw.line((x, 80, x, 200), fill=0, width=2)
    _centre(draw, (cols[0], 80, cols[1], 200), [("UBND TỈNH KHÁNH HÒA", False), ("BAN DÂN TỘC", True)], 15)
    _centre(draw, (cols[1], 80, cols[2], 200),
            [("QUY TRÌNH", True), ("XÂY DỰNG HỆ THỐNG", True), ("DỮ LIỆU VỀ DTTS", True)], 15)
    for i, text in enumerate(["Mã hiệu: QT.08.XDHTDL", "Lần ban hành: 01", "Ngày ban hành: 15/7/2020"]):
        draw.text((cols[2] + 8, 92 + i * 36), text, fill=0, font=_font(14))
    _centre(draw, (left, 330, right, 470), [("QUY TRÌNH", True), ("XÂY DỰNG HỆ THỐNG DỮ LIỆU", True),
                                            ("VỀ DÂN TỘC THIỂU SỐ", True)], 24)
    grid_x = [left, 250, 423, 596, right]
    grid_y = [700, 745, 790, 900, 945]
    for y in grid_y:
        draw.line((left, y, right, y), fill=0, width=2)
    for x in grid_x:
        draw.line((x, grid_y[0], x, grid_y[-1]), fill=0, width=2)
    cells = [["Trách nhiệm", "Soạn thảo", "Xem xét", "Phê duyệt"],
             ["Họ tên", "Đỗ Quang Vinh", "Phùng Tấn Duy", "Đặng Văn Tuấn"],
             ["Chữ ký", "", "", ""],
             ["Chức vụ", "Chuyên viên", "Chánh Văn phòng", "Trưởng ban"]]
    for r, row in enumerate(cells):
        for c, text in enumerate(row):
            _centre(draw, (grid_x[c], grid_y[r], grid_x[c + 1], grid_y[r + 1]), [(text, r == 0)], 14)
    rng = random.Random("QT.08.XDHTDL scan")
    for c in range(1, 4):  # ink signatures
        x, y = grid_x[c] + 30, 815
        points = [(x + i * 12, y + rng.randint(-18, 30)) for i in range(10)]
        draw.line(points, fill=40, width=3)
    page = page.rotate(0.6, resample=Image.Resampling.BICUBIC, fillcolor=255)
    speckle = Image.frombytes("L", page.size, rng.randbytes(page.size[0] * page.size[1]))
    speckle = speckle.point(lambda v: 255 - max(0, v - 200))  # light grey dust
    return ImageChops.multiply(page, speckle).filter(ImageFilter.GaussianBlur(0.5))


def scanned_pdf(target: Path) -> Path:
    """A scanned page saved as PDF: pixels only, no text layer → reason no_text_layer."""
    target.parent.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime(2024, 3, 4, 9, 30, 0)
    _scan_image().save(target, "PDF", resolution=100.0, quality=60, creationDate=stamp.timetuple(),
                       modDate=stamp.timetuple(),
                       title="Scan_20240304_0930", producer="Canon DR-C225")
    return touch(target, stamp.date())


def _report(title: str, lines: list[str], when: dt.date, author: str) -> DocxDocument:
    doc = ds.new_document(size=14)
    ds.set_core(doc, title.capitalize(), author, when)
    ds.agency_header(doc, date_line=ds.vn_date(when, ds.PLACE))
    ds.title(doc, title)
    for _ in range(3):  # long enough that losing the tail loses the zip directory
        for line in lines:
            text_para(doc, line, first_indent=10)
    return doc


def truncated_docx(target: Path) -> Path:
    """A minutes DOCX whose copy to the share was cut short (zip directory missing) → truncated."""
    when = dt.date(2026, 10, 28)
    doc = _report("BIÊN BẢN KIỂM TRA CHÉO HỒ SƠ ISO", [
        "Hôm nay, vào lúc 14 giờ 00 ngày 28/10/2026, tại Văn phòng Ban Dân tộc, tổ kiểm tra chéo gồm đại diện "
        "Văn phòng và Phòng Chính sách đã tiến hành kiểm tra việc lập, lưu trữ hồ sơ theo HTQLCL.",
        "- Hồ sơ tại Văn phòng được lập danh mục đầy đủ; một số hồ sơ chưa ghi thời gian lưu.",
        "- Hồ sơ tại Phòng Chính sách sắp xếp theo năm, có danh mục xuất từ phần mềm quản lý cũ.",
        "Tổ kiểm tra đề nghị các đơn vị bổ sung thời gian lưu trong danh mục hồ sơ trước ngày 30/11/2026.",
    ], when, "Đặng Thị Thu Hà")
    whole = save_docx(doc, target, when).read_bytes()
    target.write_bytes(whole[: len(whole) * 3 // 5])
    return touch(target, when)


def encrypted_docx(target: Path) -> Path:
    """An audit report protected with a password in Word (Agile encryption) → reason encrypted."""
    when = dt.date(2026, 11, 12)
    doc = _report("BÁO CÁO KẾT QUẢ ĐÁNH GIÁ NỘI BỘ ĐỢT 2 NĂM 2026", [
        "Thực hiện Kế hoạch đánh giá nội bộ HTQLCL năm 2026, đoàn đánh giá đã tiến hành đánh giá tại 04 đơn vị "
        "từ ngày 02/11/2026 đến ngày 06/11/2026.",
        "Kết quả: phát hiện 05 sự không phù hợp và 07 khuyến nghị; chi tiết tại các phiếu ghi chép kèm theo.",
    ], when, "Nguyễn Thị Nguyệt")
    with tempfile.TemporaryDirectory(prefix="samples-enc-") as tmp:
        plain = save_docx(doc, Path(tmp) / "plain.docx", when).read_bytes()
    target.parent.mkdir(parents=True, exist_ok=True)
    with reproducible_encryption(target.name, when), open(target, "wb") as out:
        msoffcrypto.format.ooxml.OOXMLFile(io.BytesIO(plain)).encrypt(PASSWORD, out)
    return touch(target, when)


# ---------------------------------------------------------------- supported but unrecognised (CTCL091)


def invitation(target: Path) -> Path:
    """Giấy mời: a meeting invitation (Thời gian, Địa điểm, Chủ trì …) — no QMS kind."""
    when = dt.date(2026, 10, 8)
    doc = ds.new_document(size=14)
    ds.set_core(doc, "Giấy mời họp triển khai đánh giá nội bộ", "Phùng Tấn Duy", when)
    ds.agency_header(doc, number="118/GM-BDT", date_line=ds.vn_date(when, ds.PLACE))
    ds.title(doc, "GIẤY MỜI", sub="Họp triển khai Kế hoạch đánh giá nội bộ Hệ thống quản lý chất lượng năm 2026")
    for line in [
        "Thực hiện Chương trình đánh giá nội bộ Hệ thống quản lý chất lượng theo TCVN ISO 9001:2015 năm 2026, "
        "Ban Dân tộc tỉnh Khánh Hòa trân trọng kính mời:",
        "- Trưởng các phòng, Chánh Văn phòng, Chánh Thanh tra;",
        "- Các thành viên Ban ISO và chuyên gia đánh giá nội bộ.",
        "Tham dự cuộc họp triển khai Kế hoạch đánh giá nội bộ năm 2026.",
        "Chủ trì: Đồng chí Phạm Duy Khánh - Phó Trưởng ban, Trưởng Ban ISO.",
        "Thời gian: 08 giờ 00, thứ Năm, ngày 15/10/2026.",
        "Địa điểm: Phòng họp tầng 3, Ban Dân tộc (Khu liên cơ 2, số 4 Phan Chu Trinh, thành phố Nha Trang).",
        "Đề nghị các đồng chí nghiên cứu dự thảo Kế hoạch gửi kèm và bố trí thời gian tham dự đúng giờ./.",
    ]:
        text_para(doc, line, first_indent=None if line.startswith("- ") else 10)
    ds.signature_blocks(doc, [ds.Signature("", "", note=""),
                              ds.Signature("KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN", "Phạm Duy Khánh", note="")])
    ds.recipients(doc, ["Như trên;", "Lãnh đạo Ban;", "Lưu: VT, ISO."])
    return save_docx(doc, target, when)


TRAINEES = [  # (name, born, role, unit): the scenario's people
    (ISO_SECRETARY, 1985, "Thư ký ISO", "Văn phòng"),
    (OFFICE_CHIEF, 1976, "Chánh Văn phòng", "Văn phòng"),
    (STAFF["Văn phòng"][0], 1990, "Chuyên viên", "Văn phòng"),
    (UNIT_HEADS["Phòng Chính sách"], 1979, "Trưởng phòng", "Phòng Chính sách"),
    (STAFF["Phòng Chính sách"][0], 1993, "Chuyên viên", "Phòng Chính sách"),
    (STAFF["Phòng Chính sách"][1], 1988, "Chuyên viên", "Phòng Chính sách"),
    (UNIT_HEADS["Phòng Kế hoạch - Tổng hợp"], 1981, "Trưởng phòng", "Phòng Kế hoạch - Tổng hợp"),
    (STAFF["Phòng Kế hoạch - Tổng hợp"][0], 1995, "Chuyên viên", "Phòng Kế hoạch - Tổng hợp"),
    (UNIT_HEADS["Thanh tra"], 1975, "Chánh Thanh tra", "Thanh tra"),
    (STAFF["Thanh tra"][0], 1991, "Thanh tra viên", "Thanh tra"),
]


def training_list(target: Path) -> Path:
    """A generic staff list (training attendance) — a table, but no register's header."""
    when = dt.date(2026, 6, 10)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    ws["A1"] = "DANH SÁCH CÔNG CHỨC, VIÊN CHỨC THAM GIA LỚP TẬP HUẤN NHẬN THỨC TCVN ISO 9001:2015"
    ws["A2"] = "(Thời gian: ngày 16-17/6/2026, tại Hội trường Ban Dân tộc)"
    ws.merge_cells("A1:G1")
    ws.merge_cells("A2:G2")
    ws["A1"].font = Font(name=ds.FONT, bold=True, size=13)
    ws["A2"].font = Font(name=ds.FONT, italic=True, size=12)
    for ref in ("A1", "A2"):
        ws[ref].alignment = Alignment(horizontal="center")
    ws.append([])
    ws.append(["TT", "Họ và tên", "Năm sinh", "Chức vụ", "Phòng", "Điện thoại", "Ký tên"])
    rng = random.Random("tap huan ISO 2026")
    for i, (name, born, role, unit) in enumerate(TRAINEES, start=1):
        phone = f"09{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}"
        ws.append([i, name, born, role, unit, phone, ""])
    for col, width in zip("ABCDEFG", (5, 24, 10, 18, 26, 15, 12), strict=True):
        ws.column_dimensions[col].width = width
    return save_xlsx(wb, target, when)


# ---------------------------------------------------------------- ignored litter (SPEC §8)


def word_owner_file(target: Path, user: str = "Nguyet") -> Path:
    """~$xxx.docx: the 162-byte owner file Word keeps while a document is open."""
    ansi = bytes([len(user)]) + user.encode("ascii")
    wide = bytes([len(user), 0]) + user.encode("utf-16-le")
    data = ansi.ljust(54, b"\x20") + wide
    target.write_bytes(data.ljust(162, b"\x00"))
    return touch(target, dt.date(2026, 11, 20))


def lo_lock_file(target: Path) -> Path:
    """.~lock.xxx.docx#: LibreOffice's lock (user, host, time, profile) as one CSV line."""
    line = ("Nguyễn Thị Nguyệt,NGUYET-PC/nguyet,NGUYET-PC,20.11.2026 08:15,"
            "file:///C:/Users/nguyet/AppData/Roaming/LibreOffice/4;")
    target.write_text(line, encoding="utf-8", newline="")
    return touch(target, dt.date(2026, 11, 20))


def thumbs_db(target: Path) -> Path:
    """Thumbs.db: Windows' thumbnail cache, an OLE2 compound file (header sector only)."""
    header = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(16) + bytes.fromhex("3E000300FEFF0900")
    target.write_bytes(header.ljust(1536, b"\x00"))
    return touch(target, dt.date(2025, 3, 3))


def desktop_ini(target: Path) -> Path:
    """desktop.ini: Explorer's folder settings, UTF-16 with BOM as Windows writes it."""
    text = ("\r\n[.ShellClassInfo]\r\nLocalizedResourceName=Hồ sơ ISO\r\n"
            "IconResource=C:\\Windows\\System32\\imageres.dll,-3\r\n")
    target.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    return touch(target, dt.date(2024, 1, 8))
