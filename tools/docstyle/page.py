"""The page: A4 and Decree-30 margins, Times New Roman for every script, properties, saving."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.run import Run

from tools.docstyle.text import FONT


@dataclass(frozen=True)
class Margins:
    """Page margins in millimetres."""

    top: float = 20
    bottom: float = 20
    left: float = 30
    right: float = 15


DECREE30 = Margins()


def new_document(size: float = 13, margins: Margins = DECREE30, *, landscape: bool = False) -> DocxDocument:
    """An empty A4 document with Decree-30 margins and Times New Roman everywhere."""
    doc = docx.Document()
    set_default_font(doc, size=size)
    set_page(doc, margins, landscape=landscape)
    return doc


def set_page(doc: DocxDocument, margins: Margins = DECREE30, *, landscape: bool = False) -> None:
    """A4 (portrait, or landscape for wide tables) with the given margins on every section."""
    for section in doc.sections:
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        width, height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
        section.page_width, section.page_height = width, height
        section.top_margin, section.bottom_margin = Mm(margins.top), Mm(margins.bottom)
        section.left_margin, section.right_margin = Mm(margins.left), Mm(margins.right)
        section.header_distance = section.footer_distance = Mm(10)


def _set_rfonts(rpr: Any, name: str) -> None:
    """Explicit fonts for all four scripts; theme attributes would override them, so drop those."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), name)


def set_default_font(doc: DocxDocument, name: str = FONT, size: float = 13) -> None:
    """Times New Roman (Latin, East-Asian and complex scripts), Vietnamese language, in the defaults
    and every paragraph/table style, so text typed later in Word keeps the font too."""
    styles = doc.styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_rfonts(rpr, name)
    for tag, val in (("w:sz", str(int(size * 2))), ("w:szCs", str(int(size * 2)))):
        rpr.find(qn(tag)).set(qn("w:val"), val)
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:val"), "vi-VN")
    ppr = styles.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = ppr.find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "264")  # 1.1 lines
    for style in doc.styles:
        element = style.element
        style_rpr = element.find(qn("w:rPr"))
        if style_rpr is not None and style_rpr.find(qn("w:rFonts")) is not None:
            _set_rfonts(style_rpr, name)
    normal = doc.styles["Normal"]
    normal.font.name = name
    normal.font.size = Pt(size)
    _set_rfonts(normal.element.get_or_add_rPr(), name)


def set_run_font(run: Run, name: str = FONT) -> None:
    """Force a run's font for all scripts (python-docx's font.name sets only ascii/hAnsi)."""
    _set_rfonts(run._r.get_or_add_rPr(), name)


def set_core(doc: DocxDocument, title: str, author: str, when: dt.date) -> None:
    """Deterministic document properties (no 'now'): the document's own date."""
    props = doc.core_properties
    stamp = dt.datetime(when.year, when.month, when.day, 8, 0, 0)
    props.title, props.author, props.last_modified_by = title, author, author
    props.created = props.modified = stamp
    props.revision = 1


def save(doc: DocxDocument, path: Path | str) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path
