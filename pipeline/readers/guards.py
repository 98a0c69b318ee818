"""Guards that run before any parser touches a file: size, zip bombs, legacy/encrypted OLE2.

A parser given a hostile file can eat all memory or never return; these checks look only at
cheap, declared facts (file size, the zip central directory, OLE2 stream names) so they cannot
be fooled into doing the expensive work themselves. The time limit is enforced from outside the
worker (pipeline.workers), not here.
"""

from __future__ import annotations

import os
import zipfile

import olefile

from pipeline.errors import ReadError
from pipeline.limits import Limits

# Compression ratios of small members say nothing (a 200 KB styles.xml may compress 150:1);
# the ratio test applies to members, and to the whole archive, above this uncompressed size.
RATIO_FLOOR_BYTES = 1024 * 1024
_EOCD = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_EOCD = b"PK\x06\x06"
_EOCD_SEARCH = 22 + 65535  # end-of-central-directory record plus the longest zip comment


def check_size(path: str, limits: Limits) -> int:
    """The file's size; ReadError when it is empty or over the limit."""
    size = os.stat(path).st_size
    if size == 0:
        raise ReadError("empty")
    if size > limits.max_file_bytes:
        raise ReadError("too_large", f"{size} bytes > limit {limits.max_file_bytes}")
    return size


def open_zip(path: str, limits: Limits) -> zipfile.ZipFile:
    """Open a zip after checking its central directory; no member has been read yet.

    Python's zipfile never inflates a member past its declared size, so checking the declared
    sizes bounds what any later reader (python-docx, openpyxl) can decompress.
    """
    entries = _declared_entries(path)
    if entries is None:
        raise ReadError("truncated", "the zip end-of-central-directory record is missing")
    if entries > limits.max_zip_entries:  # before zipfile builds one object per entry
        raise ReadError("zip_bomb", f"{entries} entries > limit {limits.max_zip_entries}")
    try:
        zf = zipfile.ZipFile(path)
    except MemoryError:
        raise
    except Exception as exc:  # zipfile raises BadZipFile, struct.error, ValueError, ...
        raise ReadError("corrupt", f"{type(exc).__name__}: {exc}") from exc
    try:
        check_zip_infos(zf.infolist(), os.stat(path).st_size, limits)
    except BaseException:
        zf.close()
        raise
    return zf


def check_zip_infos(infos: list[zipfile.ZipInfo], disk_size: int, limits: Limits) -> None:
    """Raise ReadError("zip_bomb") when the declared contents exceed the limits."""
    if len(infos) > limits.max_zip_entries:
        raise ReadError("zip_bomb", f"{len(infos)} entries > limit {limits.max_zip_entries}")
    total = sum(i.file_size for i in infos)
    if total > limits.max_unzipped_bytes:
        raise ReadError("zip_bomb", f"declared uncompressed size {total} bytes > limit {limits.max_unzipped_bytes}")
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR_BYTES and ratio > limits.max_zip_ratio:
            raise ReadError(
                "zip_bomb",
                f"member {info.filename!r}: {info.file_size} bytes from {info.compress_size} "
                f"(ratio {ratio:.0f} > {limits.max_zip_ratio:g})",
            )
    ratio = total / max(disk_size, 1)
    if total > RATIO_FLOOR_BYTES and ratio > limits.max_zip_ratio:
        raise ReadError(
            "zip_bomb",
            f"{total} bytes from a {disk_size}-byte file (ratio {ratio:.0f} > {limits.max_zip_ratio:g})",
        )
    if any(i.flag_bits & 0x1 for i in infos):
        raise ReadError("encrypted", "the zip members are encrypted")


def _declared_entries(path: str) -> int | None:
    """Entry count from the end-of-central-directory record (zip64 aware); None when it is missing."""
    with open(path, "rb") as fh:
        fh.seek(0, os.SEEK_END)
        size = fh.tell()
        start = max(0, size - _EOCD_SEARCH)
        fh.seek(start)
        tail = fh.read()
        at = tail.rfind(_EOCD)
        if at < 0 or len(tail) - at < 22:
            return None
        entries = int.from_bytes(tail[at + 10 : at + 12], "little")
        if entries != 0xFFFF or at < 20 or tail[at - 20 : at - 16] != _ZIP64_LOCATOR:
            return entries
        fh.seek(int.from_bytes(tail[at - 12 : at - 4], "little"))  # zip64 end record offset
        record = fh.read(56)
        if len(record) < 40 or not record.startswith(_ZIP64_EOCD):
            return entries
        return int.from_bytes(record[32:40], "little")


# --- OLE2 compound files: legacy Office, or encrypted OOXML -------------------------------------

_FIB_ENCRYPTED = 0x0100  # FibBase bit fEncrypted, in the 16-bit flags at offset 10
_XLS_FILEPASS = 0x002F  # BIFF record announcing an encrypted workbook
_XLS_EOF = 0x000A


def ole_error(path: str) -> ReadError:
    """Why an OLE2 compound file cannot be read: encrypted, legacy_doc, legacy_xls, or corrupt."""
    try:
        with olefile.OleFileIO(path) as ole:
            streams = {"/".join(p) for p in ole.listdir(streams=True, storages=False)}
            if {"EncryptionInfo", "EncryptedPackage"} & streams:
                return ReadError("encrypted", "password-protected Office Open XML file")
            if "WordDocument" in streams:
                fib = ole.openstream("WordDocument").read(12)
                if len(fib) >= 12 and int.from_bytes(fib[10:12], "little") & _FIB_ENCRYPTED:
                    return ReadError("encrypted", "password-protected Word 97-2003 document")
                return ReadError("legacy_doc", "Word 97-2003 document")
            book = "Workbook" if "Workbook" in streams else "Book" if "Book" in streams else None
            if book:
                if _xls_has_filepass(ole.openstream(book).read(64 * 1024)):
                    return ReadError("encrypted", "password-protected Excel 97-2003 workbook")
                return ReadError("legacy_xls", "Excel 97-2003 workbook")
            if "PowerPoint Document" in streams:
                return ReadError("wrong_type", "a PowerPoint 97-2003 presentation")
            return ReadError("corrupt", "OLE2 compound file without Word or Excel content")
    except MemoryError:
        raise
    except Exception as exc:  # olefile raises OSError, struct.error, IndexError, ...
        return ReadError("corrupt", f"unreadable OLE2 file ({type(exc).__name__}: {exc})")


def _xls_has_filepass(data: bytes) -> bool:
    """True when the workbook globals (before the first EOF record) contain FILEPASS."""
    pos = 0
    while pos + 4 <= len(data):
        rec = int.from_bytes(data[pos : pos + 2], "little")
        length = int.from_bytes(data[pos + 2 : pos + 4], "little")
        if rec == _XLS_FILEPASS:
            return True
        if rec == _XLS_EOF:
            return False
        pos += 4 + length
    return False
