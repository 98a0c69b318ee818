"""Typed errors: an unreadable file is a record with a reason, never a silent skip."""

from __future__ import annotations

# reason code -> (Vietnamese, English) explanation shown to people in CTCL090 findings.
READ_REASONS: dict[str, tuple[str, str]] = {
    "corrupt": ("tệp bị hỏng hoặc không đúng định dạng", "the file is corrupt or not in its format"),
    "truncated": ("tệp bị cắt cụt (không đầy đủ)", "the file is truncated"),
    "encrypted": ("tệp được bảo vệ bằng mật khẩu", "the file is password-protected"),
    "legacy_doc": ("định dạng Word cũ (.doc) không được hỗ trợ — hãy lưu lại dưới dạng .docx",
                   "legacy Word format (.doc) is not supported — save it as .docx"),
    "legacy_xls": ("định dạng Excel cũ (.xls) không được hỗ trợ — hãy lưu lại dưới dạng .xlsx",
                   "legacy Excel format (.xls) is not supported — save it as .xlsx"),
    "too_large": ("tệp vượt quá giới hạn dung lượng", "the file exceeds the size limit"),
    "zip_bomb": ("tệp nén có kích thước giải nén bất thường (nghi ngờ zip bomb)",
                 "the zip container declares an abnormal uncompressed size (suspected zip bomb)"),
    "too_many_pages": ("tệp PDF có quá nhiều trang", "the PDF has too many pages"),
    "timeout": ("quá thời gian xử lý cho phép, đã dừng đọc tệp", "reading the file timed out and was stopped"),
    "no_text_layer": ("tệp PDF không có lớp văn bản (bản quét) — cần nhận dạng ký tự (OCR)",
                      "the PDF has no text layer (a scan) — it needs OCR"),
    "wrong_type": ("nội dung tệp không khớp với phần mở rộng", "the file content does not match its extension"),
    "encoding": ("không xác định được bảng mã ký tự", "the character encoding could not be determined"),
    "legacy_font": ("văn bản dùng phông chữ cũ (TCVN3/VNI) không chuyển đổi được",
                    "the text uses a legacy font encoding (TCVN3/VNI) that could not be converted"),
    "empty": ("tệp rỗng", "the file is empty"),
    "crashed": ("trình đọc gặp lỗi khi xử lý tệp", "the reader failed on this file"),
}


class ReadError(Exception):
    """A file that cannot be read. `reason` is a key of READ_REASONS; `detail` is technical."""

    def __init__(self, reason: str, detail: str = "") -> None:
        if reason not in READ_REASONS:
            raise ValueError(f"unknown read reason {reason!r}")
        self.reason = reason
        self.detail = detail
        super().__init__(f"{reason}: {detail}" if detail else reason)

    def message(self, lang: str = "vi") -> str:
        return read_reason(self.reason, self.detail, lang)


def read_reason(reason: str, detail: str = "", lang: str = "vi") -> str:
    """The people's words for an unreadable file (an unknown reason reads as a reader failure)."""
    vi, en = READ_REASONS.get(reason, READ_REASONS["crashed"])
    text = vi if lang == "vi" else en
    return f"{text} ({detail})" if detail else text


class ConfigError(Exception):
    """A config or rule file is wrong. The message names the file and line (exit code 2)."""
