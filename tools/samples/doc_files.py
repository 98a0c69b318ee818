"""File-level helpers of the document samples: reproducible bytes and dates on disk.

python-docx and openpyxl stamp zip members with the current time, LibreOffice stamps PDFs with a
creation date and a random ID, msoffcrypto draws random salts. The sample inbox is committed, so
every file is rewritten with fixed stamps, and its mtime is set to the document's own date
(also keeps fresh samples out of the pipeline's `settle_seconds` window).
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import hashlib
import io
import os
import random
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

from docx.document import Document as DocxDocument
from openpyxl import Workbook

from tools.office import convert

ZIP_EPOCH = (2026, 11, 20, 8, 0, 0)  # stamp of every zip member (the day the inbox was collected)
_PDF_DATE = re.compile(rb"/(CreationDate|ModDate)\s*\(D:[^)]*\)")
_PDF_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")
_PDF_CHECKSUM = re.compile(rb"/DocChecksum\s*/([0-9A-Fa-f]+)")
_XML_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def touch(path: Path, when: dt.date) -> Path:
    """Set the file's mtime to 08:00 UTC of `when` (deterministic, well before any run)."""
    stamp = calendar.timegm(dt.datetime(when.year, when.month, when.day, 8, 0, 0).timetuple())
    os.utime(path, (stamp, stamp))
    return path


def normalise_zip(path: Path, modified: dt.date | None = None) -> Path:
    """Rewrite a zip (DOCX/XLSX) with fixed member timestamps, same order and content; `modified`
    replaces the save time openpyxl always writes into docProps/core.xml."""
    with zipfile.ZipFile(path) as zin:
        members = [(info, zin.read(info.filename)) for info in zin.infolist()]
    if modified is not None:
        stamp = modified.strftime("%Y-%m-%dT08:00:00Z").encode()
        members = [(info, _XML_MODIFIED.sub(rb"\g<1>" + stamp + rb"\g<2>", data)
                    if info.filename == "docProps/core.xml" else data) for info, data in members]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in members:
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_EPOCH)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            zout.writestr(fixed, data)
    path.write_bytes(buf.getvalue())
    return path


def save_docx(doc: DocxDocument, path: Path, when: dt.date) -> Path:
    """Save a python-docx document reproducibly and date it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return touch(normalise_zip(path), when)


def save_xlsx(workbook: Workbook, path: Path, when: dt.date, author: str = "Văn phòng") -> Path:
    """Save an openpyxl workbook reproducibly (fixed core properties and zip stamps) and date it."""
    props = workbook.properties
    props.created = props.modified = dt.datetime(when.year, when.month, when.day, 8, 0, 0)
    props.creator = props.lastModifiedBy = author
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(str(path))
    return touch(normalise_zip(path, modified=when), when)


def _same_length(old: bytes, new: bytes) -> bytes:
    """Pad/cut `new` to len(old) so byte offsets (the xref table) stay valid."""
    return (new + b" " * len(old))[: len(old)]


def fix_pdf(path: Path, when: dt.date) -> Path:
    """Replace LibreOffice's creation date and random document ID by fixed, same-length values."""
    data = path.read_bytes()
    stamp = when.strftime("%Y%m%d080000").encode()

    def date(m: re.Match[bytes]) -> bytes:
        return _same_length(m.group(0), b"/" + m.group(1) + b"(D:" + stamp + b"Z)")

    def ident(m: re.Match[bytes]) -> bytes:
        digest = hashlib.md5(stamp + path.name.encode()).hexdigest().upper().encode()
        return _same_length(m.group(0), b"/ID [ <" + digest + b"> <" + digest + b"> ]")

    def checksum(m: re.Match[bytes]) -> bytes:
        return _same_length(m.group(0), b"/DocChecksum /" + b"0" * len(m.group(1)))

    path.write_bytes(_PDF_CHECKSUM.sub(checksum, _PDF_ID.sub(ident, _PDF_DATE.sub(date, data))))
    return touch(path, when)


def office_convert(src: Path, fmt: str, target: Path, when: dt.date) -> Path:
    """Convert `src` with LibreOffice and place the result at `target` (PDFs made reproducible)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="samples-lo-") as tmp:
        produced = convert(src, fmt, Path(tmp))
        shutil.move(str(produced), str(target))
    if target.suffix.lower() == ".pdf":
        return fix_pdf(target, when)
    return touch(target, when)


@contextlib.contextmanager
def reproducible_encryption(seed: str, when: dt.date) -> Iterator[None]:
    """msoffcrypto draws salts and keys from `secrets` and stamps the OLE container with now():
    for a committed sample both come from `seed` and `when` instead (no public hook: patched)."""
    from msoffcrypto.method import ecma376_agile
    from msoffcrypto.method.container import ecma376_encrypted

    class _Clock(dt.datetime):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> _Clock:
            return cls(when.year, when.month, when.day, 8, 0, 0, tzinfo=tz)

    rng = random.Random(seed)
    saved = ecma376_agile._random_buffer, ecma376_encrypted.datetime
    ecma376_agile._random_buffer = rng.randbytes
    ecma376_encrypted.datetime = _Clock
    try:
        yield
    finally:
        ecma376_agile._random_buffer, ecma376_encrypted.datetime = saved
