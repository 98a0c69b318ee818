"""The parts of an XLSX package: sheet list, styles, shared strings, and streaming of big parts.

XML safety: OPC forbids DTDs, so a part whose prologue holds a DOCTYPE is refused before it is
parsed; without a DTD no entity can be declared, so an entity reference is a syntax error and
nothing is expanded or fetched. The parser is the standard library's ElementTree (expat, C
accelerated): walking the 2 million cells of a register is twice as fast with its C elements as
with lxml's proxies (6 s against 12 s), and defusedxml's wrapper would put a Python call on every
element (5 times slower).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element, ParseError, XMLParser, fromstring, iterparse

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900

from pipeline.errors import ReadError
from pipeline.text.fold import nfc

_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_REL_ID_STRICT = "{http://purl.oclc.org/ooxml/officeDocument/relationships}id"
_PROLOGUE_BYTES = 64 * 1024
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


@dataclass(frozen=True)
class Style:
    """What a cell style says about values: its number format and whether it shows a date."""

    number_format: str = "General"
    is_date: bool = False
    is_timedelta: bool = False


@dataclass
class Workbook:
    sheets: list[tuple[str, str]]  # (sheet name, zip member of its XML), in workbook order
    epoch: object = CALENDAR_WINDOWS_1900
    styles: list[Style] = field(default_factory=list)  # by cell style index (the s attribute)
    strings: list[str] = field(default_factory=list)  # shared strings, NFC, unescaped (not stripped)

    def style(self, index: int) -> Style:
        return self.styles[index] if 0 <= index < len(self.styles) else _GENERAL


_GENERAL = Style()


def load_workbook(zf: zipfile.ZipFile) -> Workbook:
    """Sheet list, date system, cell styles and shared strings of an open XLSX package."""
    names = set(zf.namelist())
    book = next((t for typ, t, _ in _rels(zf, names, "") if typ.endswith("/officeDocument")), "xl/workbook.xml")
    root = parse_part(zf, book)
    rels = _rels(zf, names, book)
    by_id = {rid: target for _, target, rid in rels}
    sheets = []
    for sheet in root.iterfind(".//{*}sheet"):
        target = by_id.get(sheet.get(_REL_ID) or sheet.get(_REL_ID_STRICT) or "")
        if target:
            sheets.append((sheet.get("name") or "", target))
    pr = root.find(".//{*}workbookPr")
    date1904 = pr is not None and (pr.get("date1904") or "").lower() in ("1", "true")
    book_dir = posixpath.dirname(book)
    styles_part = _target(rels, "/styles") or posixpath.join(book_dir, "styles.xml")
    strings_part = _target(rels, "/sharedStrings") or posixpath.join(book_dir, "sharedStrings.xml")
    return Workbook(
        sheets=sheets,
        epoch=CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900,
        styles=_styles(parse_part(zf, styles_part)) if styles_part in names else [],
        strings=list(_shared_strings(zf, strings_part)) if strings_part in names else [],
    )


def parse_part(zf: zipfile.ZipFile, member: str) -> Element:
    """A small part as a tree (workbook, rels, styles)."""
    data = zf.read(member)
    refuse_dtd(data[:_PROLOGUE_BYTES], member)
    with _as_read_error(member):
        return fromstring(data, XMLParser())


def iter_part(zf: zipfile.ZipFile, member: str, tags: tuple[str, ...]) -> Iterator[Element]:
    """Elements of a (possibly huge) part whose local name is in `tags`, as they end; the caller
    clears them once read."""
    with zf.open(member) as fh:
        refuse_dtd(fh.read(_PROLOGUE_BYTES), member)
    wanted, last_letters = set(tags), {t[-1] for t in tags}  # a cheap first test: millions of <c> and <v>
    with _as_read_error(member), zf.open(member) as fh:
        for _, el in iterparse(fh):
            tag = el.tag
            if tag[-1] in last_letters and tag[tag.rfind("}") + 1 :] in wanted:
                yield el


def refuse_dtd(head: bytes, member: str) -> None:
    """Refuse a DOCTYPE: skip the XML declaration, processing instructions and comments of the
    prologue (within its first 64 KB); what follows must be the root element."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head[:4]:  # UTF-16 part
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    pos = 3 if head.startswith(b"\xef\xbb\xbf") else 0
    while True:
        while pos < len(head) and head[pos] in b" \t\r\n":
            pos += 1
        closing = b"?>" if head.startswith(b"<?", pos) else b"-->" if head.startswith(b"<!--", pos) else None
        if closing is None:
            break
        end = head.find(closing, pos)
        if end < 0:
            raise ReadError("corrupt", f"{member}: no root element in its first {_PROLOGUE_BYTES} bytes")
        pos = end + len(closing)
    if head.startswith(b"<!", pos):
        raise ReadError("corrupt", f"{member}: DTD and Entities declarations are not allowed in Office Open XML")


@contextmanager
def _as_read_error(member: str) -> Iterator[None]:
    try:
        yield
    except ParseError as exc:
        raise ReadError("corrupt", f"{member}: malformed XML ({exc})") from None


def _rels(zf: zipfile.ZipFile, names: set[str], part: str) -> list[tuple[str, str, str]]:
    """(type, resolved target, id) of each relationship of `part` ("" for the package); [] without."""
    folder, name = posixpath.split(part)
    member = posixpath.join(folder, "_rels", name + ".rels")
    if member not in names:
        return []
    return [(el.get("Type") or "", _resolve(folder, el.get("Target") or ""), el.get("Id") or "")
            for el in parse_part(zf, member)]


def _target(rels: list[tuple[str, str, str]], kind: str) -> str | None:
    return next((target for typ, target, _ in rels if typ.endswith(kind)), None)


def _resolve(folder: str, target: str) -> str:
    path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
    return posixpath.normpath(path)


def _styles(root: Element) -> list[Style]:
    """Cell styles (cellXfs) with their number formats; custom formats from numFmts."""
    custom = {int(el.get("numFmtId") or -1): el.get("formatCode") or "" for el in root.iterfind(".//{*}numFmt")}
    xfs = root.find(".//{*}cellXfs")
    out: list[Style] = []
    known: dict[int, Style] = {}
    for xf in xfs if xfs is not None else []:
        try:
            fmt_id = int(xf.get("numFmtId") or 0)
        except ValueError:
            fmt_id = 0
        if fmt_id not in known:
            code = custom.get(fmt_id) or BUILTIN_FORMATS.get(fmt_id) or "General"
            known[fmt_id] = Style(code, is_date_format(code), is_timedelta_format(code))
        out.append(known[fmt_id])
    return out


def _shared_strings(zf: zipfile.ZipFile, member: str) -> Iterator[str]:
    for si in iter_part(zf, member, ("si",)):
        yield rich_text(si)
        si.clear()


def rich_text(el: Element) -> str:
    """Text of a shared or inline string: its <t>, or its runs' <t> (phonetic runs left out)."""
    parts = []
    for child in el:
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "t":
            parts.append(child.text or "")
        elif tag == "r":
            parts.extend(t.text or "" for t in child if t.tag.endswith("}t"))
    text = "".join(parts)
    if "_x" in text:
        text = _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)
    return nfc(text)
