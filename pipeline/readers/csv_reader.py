"""CSV → one Table, numbered from row 1 like a spreadsheet.

Registers exported from Excel on Vietnamese Windows arrive as UTF-8 with or without BOM, UTF-16
("Unicode text") or Windows-1258, whose text carries combining tone marks — so the encoding is
detected from the bytes and the text composed to NFC. Delimiters vary with the locale.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter
from collections.abc import Iterable

from pipeline.errors import ReadError
from pipeline.limits import Limits
from pipeline.model import Document, Table
from pipeline.readers.sniff import utf16_byte_order
from pipeline.sheet import SheetRows
from pipeline.text.fold import nfc

DELIMITERS = ",;\t"
SNIFF_CHARS = 64 * 1024


def read_csv(path: str, rel: str, limits: Limits) -> Document:
    with open(path, "rb") as fh:
        data = fh.read(limits.max_file_bytes + 1)
    text, encoding = decode(data)
    del data
    delimiter = sniff_delimiter(text[:SNIFF_CHARS])
    try:
        table = _table(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False))
    except csv.Error as exc:
        raise ReadError("corrupt", f"CSV: {exc}") from exc
    doc = Document(path=rel, format="csv")
    if table is not None:
        doc.blocks.append(table)
    if encoding == "cp1258":
        doc.warnings.append("tệp CSV không phải UTF-8; đã đọc theo bảng mã Windows-1258")
    return doc


def decode(data: bytes) -> tuple[str, str]:
    """Bytes → (NFC text, encoding used); ReadError("encoding") when no candidate fits."""
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    elif order := utf16_byte_order(data):
        candidates = [order]
    else:
        candidates = ["utf-8", "cp1258"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_binary(text):
            break
        return nfc(text), encoding
    raise ReadError("encoding", f"not valid as {' or '.join(candidates)}")


def _looks_binary(text: str) -> bool:
    """Control characters other than tab/newline mean the bytes were not text in this encoding."""
    sample = text[:SNIFF_CHARS]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n\f")
    return controls > max(2, len(sample) // 100)


def sniff_delimiter(sample: str) -> str:
    """',', ';' or tab: csv.Sniffer restricted to those, else the most consistent count per line."""
    lines = [ln for ln in sample.splitlines()[:50] if ln.strip()]
    if not lines:
        return ","
    try:
        found = csv.Sniffer().sniff("\n".join(lines), delimiters=DELIMITERS).delimiter
        if found in DELIMITERS:
            return found
    except csv.Error:
        pass
    best, best_score = ",", 0
    for delim in DELIMITERS:
        counts = Counter(ln.count(delim) for ln in lines)
        mode, share = counts.most_common(1)[0]
        score = share if mode > 0 else 0  # lines that agree on a non-zero field count
        if score > best_score:
            best, best_score = delim, score
    return best


def _table(rows: Iterable[list[str]]) -> Table | None:
    """Rows of fields → one Table, ragged rows padded, trailing empty rows and columns trimmed."""
    shared: dict[str, str] = {}  # registers repeat values: one string object per distinct value
    share = shared.setdefault
    grid: list[list[str]] = [[share(t, t) for t in map(str.strip, row)] for row in rows]
    while grid and not any(grid[-1]):
        grid.pop()
    if not grid:
        return None
    width = max(map(len, grid))
    while width > 1 and not any(len(line) >= width and line[width - 1] for line in grid):
        width -= 1
    for line in grid:
        if len(line) != width:
            del line[width:]
            line.extend([""] * (width - len(line)))
    return Table(rows=SheetRows(grid), index=1, sheet=None, first_row=1)  # type: ignore[arg-type]
