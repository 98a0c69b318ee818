"""Word form controls: content controls (w:sdt) and legacy form fields (w:ffData).

A checkbox's meaning is its state, not the glyph it happens to display, so a checked control
reads ☒ and an unchecked one ☐ whatever font or character the file shows. A control still
showing its prompt ("Click or tap here to enter text.") holds no value.
"""

from __future__ import annotations

from lxml import etree

from pipeline.readers.docx_symbols import CHECKED, UNCHECKED
from pipeline.readers.docx_xml import W14_CHECKBOX, W14_CHECKED, W14_VAL, Names, on_off

PLACEHOLDER = "placeholder"


def sdt_mode(sdt: etree._Element, n: Names) -> str | None:
    """How to read a content control: a checkbox glyph, PLACEHOLDER, or None (read its content)."""
    pr = sdt.find(n.sdtPr)
    if pr is None:
        return None
    box = pr.find(W14_CHECKBOX)
    if box is not None:
        return CHECKED if on_off(box.find(W14_CHECKED), W14_VAL) else UNCHECKED
    if on_off(pr.find(n.showingPlcHdr), n.val):
        return PLACEHOLDER
    return None


def form_checkbox(ff: etree._Element, n: Names) -> str | None:
    """FORMCHECKBOX state from w:ffData: w:checked wins over w:default; None if not a checkbox."""
    box = ff.find(n.checkBox)
    if box is None:
        return None
    checked = box.find(n.checked)
    state = on_off(checked, n.val) if checked is not None else on_off(box.find(n.default), n.val)
    return CHECKED if state else UNCHECKED


def form_dropdown(ff: etree._Element, n: Names) -> str | None:
    """The selected entry of a FORMDROPDOWN (Word shows it from w:ffData, not from result runs)."""
    dd = ff.find(n.ddList)
    if dd is None:
        return None
    entries = [el.get(n.val) or "" for el in dd if el.tag == n.listEntry]
    index = _int(dd.find(n.result), n) if dd.find(n.result) is not None else _int(dd.find(n.default), n)
    return entries[index] if 0 <= index < len(entries) else None


def _int(el: etree._Element | None, n: Names) -> int:
    try:
        return int(el.get(n.val) or 0) if el is not None else 0
    except ValueError:
        return -1
