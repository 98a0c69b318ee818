"""Decree 30/2020/NĐ-CP layout helpers for python-docx, shared by templates and sample generators.

A Vietnamese state office's documents look alike: A4, Times New Roman 13–14 pt, margins
top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm, an agency block beside the national motto,
a "Khánh Hòa, ngày … tháng … năm …" line, signature blocks. One set of helpers keeps every
generated file consistent and stops copy-paste between generators.

Containers: every helper that adds content accepts a python-docx Document, a table cell, or a
section header/footer (anything with `add_paragraph` / `add_table`).
"""

from __future__ import annotations

from tools.docstyle.blocks import Signature, agency_header, form_header, page_header_text, recipients, signature_blocks
from tools.docstyle.page import (
    DECREE30,
    Margins,
    new_document,
    save,
    set_core,
    set_default_font,
    set_page,
    set_run_font,
)
from tools.docstyle.tables import (
    bordered_table,
    cell_text,
    merge_row,
    new_table,
    set_borders,
    set_col_widths,
    tidy_cell,
)
from tools.docstyle.text import (
    AGENCY,
    AGENCY_PARENT,
    ALIGN,
    CHECKED,
    DOTS,
    FONT,
    MOTTO,
    MOTTO_SUB,
    PLACE,
    SIGN_NOTE,
    UNCHECKED,
    add_run,
    checkbox_line,
    checkbox_text,
    dot_line,
    dots,
    labelled,
    para,
    place_date,
    short_date,
    title,
    value_or_dots,
    vn_date,
)

__all__ = [
    "AGENCY", "AGENCY_PARENT", "ALIGN", "CHECKED", "DECREE30", "DOTS", "FONT", "MOTTO", "MOTTO_SUB", "PLACE",
    "SIGN_NOTE", "UNCHECKED", "Margins", "Signature", "add_run", "agency_header", "bordered_table", "cell_text",
    "checkbox_line", "checkbox_text", "dot_line", "dots", "form_header", "labelled", "merge_row", "new_document",
    "new_table", "page_header_text", "para", "place_date", "recipients", "save", "set_borders", "set_col_widths",
    "set_core", "set_default_font", "set_page", "set_run_font", "short_date", "signature_blocks", "tidy_cell",
    "title", "value_or_dots", "vn_date",
]
