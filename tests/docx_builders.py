"""Build real DOCX files for reader tests: python-docx for what it can write, raw OOXML for the rest.

Raw fragments are written with the usual prefixes (w:, w14:, mc:, wps:, v: ...); `xml()` declares
them, so a fragment reads like the XML Word writes.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
from docx.oxml import parse_xml
from lxml import etree

NAMESPACES = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
_DECLS = " ".join(f'xmlns:{p}="{uri}"' for p, uri in NAMESPACES.items())


def xml(fragment: str) -> etree._Element:
    """Parse one element written with the usual prefixes (declared on the outer element)."""
    return parse_xml(re.sub(r"^<([\w:]+)", lambda m: f"<{m.group(1)} {_DECLS}", fragment.strip(), count=1))


def new_document() -> docx.document.Document:
    return docx.Document()


def append_block(doc: docx.document.Document, fragment: str) -> None:
    """Append a raw block (w:p, w:tbl, w:sdt ...) at the end of the body, before its w:sectPr."""
    body = doc.element.body
    sect = body.find(f"{{{NAMESPACES['w']}}}sectPr")
    element = xml(fragment)
    if sect is not None:
        sect.addprevious(element)
    else:
        body.append(element)


def append_paragraph_xml(doc: docx.document.Document, inner: str) -> None:
    """Append a paragraph whose content (runs, wrappers) is raw XML."""
    append_block(doc, f"<w:p>{inner}</w:p>")


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def checkbox_sdt(checked: bool, glyph: str | None = None) -> str:
    """A Word 2010+ checkbox content control; `glyph` is what the run displays (defaults to the state)."""
    shown = glyph if glyph is not None else ("☒" if checked else "☐")
    return (
        "<w:sdt><w:sdtPr><w14:checkbox>"
        f'<w14:checked w14:val="{1 if checked else 0}"/>'
        '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
        '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/>'
        "</w14:checkbox></w:sdtPr>"
        f'<w:sdtContent><w:r><w:rPr><w:rFonts w:ascii="MS Gothic" w:hAnsi="MS Gothic"/></w:rPr>'
        f"<w:t>{shown}</w:t></w:r></w:sdtContent></w:sdt>"
    )


def form_checkbox(checked: bool | None, default: bool = False) -> str:
    """A legacy FORMCHECKBOX field; checked=None leaves the state to w:default."""
    state = {None: "", True: "<w:checked/>", False: '<w:checked w:val="0"/>'}[checked]
    return (
        '<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Check1"/><w:enabled/>'
        f'<w:calcOnExit w:val="0"/><w:checkBox><w:sizeAuto/><w:default w:val="{int(default)}"/>{state}'
        "</w:checkBox></w:ffData></w:fldChar></w:r>"
        '<w:r><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def text_box(paragraphs: list[str]) -> str:
    """A run holding a text box as Word writes it: DrawingML in mc:Choice, VML in mc:Fallback."""
    content = "".join(f"<w:p>{run(t)}</w:p>" for t in paragraphs)
    return (
        "<w:r><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" '
        'simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset>'
        '</wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        '<wp:extent cx="1828800" cy="457200"/><wp:wrapSquare wrapText="bothSides"/>'
        '<wp:docPr id="1" name="Text Box 1"/><a:graphic><a:graphicData '
        'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/>'
        '<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1828800" cy="457200"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
        f"<wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        '<mc:Fallback><w:pict><v:shape id="Text Box 1" type="#_x0000_t202" style="width:144pt;height:36pt">'
        f"<v:textbox><w:txbxContent>{content}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


def rewrite_parts(path: Path, change: Callable[[str, bytes], bytes]) -> None:
    """Rewrite every part of a zip through `change(name, data)` (same order, deflated)."""
    with zipfile.ZipFile(path) as zf:
        parts = [(info.filename, zf.read(info)) for info in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts:
            zf.writestr(name, change(name, data))


def drop_part(path: Path, part: str) -> None:
    with zipfile.ZipFile(path) as zf:
        kept = [(info, zf.read(info)) for info in zf.infolist() if info.filename != part]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in kept:
            zf.writestr(info, data)


def replace_part(path: Path, part: str, data: bytes) -> None:
    rewrite_parts(path, lambda name, old: data if name == part else old)


def to_strict(path: Path) -> None:
    """Turn a Transitional DOCX into Strict Open XML the way Word's "Strict" save option does:
    the WordprocessingML and relationship namespaces (and relationship types) change."""
    swaps = [
        (b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
         b"http://purl.oclc.org/ooxml/wordprocessingml/main"),
        (b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
         b"http://purl.oclc.org/ooxml/officeDocument/relationships"),
        (b"http://schemas.openxmlformats.org/drawingml/2006/main", b"http://purl.oclc.org/ooxml/drawingml/main"),
    ]

    def change(name: str, data: bytes) -> bytes:
        for old, new in swaps:
            data = data.replace(old, new)
        return data

    rewrite_parts(path, change)
