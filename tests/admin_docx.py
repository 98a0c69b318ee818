"""Build Vietnamese administrative documents (Decree 30/2020 layout) as real DOCX files with python-docx.

Header table (agency | national motto), title paragraphs, body paragraphs, tables with merged cells
and a borderless signing table — the parts every minutes, report, notice and plan is made of.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.document import Document as DocxDocument

from pipeline.limits import Limits
from pipeline.model import Document
from pipeline.readers import read_file

AGENCY = "UBND TỈNH KHÁNH HÒA\nBAN DÂN TỘC"
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"


@dataclass
class Signer:
    """One signing block: role lines, then an instruction, blank room, and the name."""

    roles: list[str]
    name: str | None
    date: str | None = None  # a date line inside the block ("Ngày 20/12/2026")
    hint: str = "(Ký, ghi rõ họ tên)"


@dataclass
class Builder:
    """A document under construction; `save()` writes it and `read()` reads it back as the pipeline does."""

    doc: DocxDocument = field(default_factory=docx.Document)

    def header(self, place_date: str | None = None, left: str = AGENCY, right: str = MOTTO) -> Builder:
        table = self.doc.add_table(rows=2, cols=2)
        table.cell(0, 0).text = left
        table.cell(0, 1).text = right
        table.cell(1, 1).text = place_date or ""
        return self

    def lines(self, *texts: str, style: str | None = None) -> Builder:
        for text in texts:
            self.doc.add_paragraph(text, style=style)
        return self

    def broken(self, *parts: str) -> Builder:
        """One paragraph whose parts are separated by manual line breaks (Shift+Enter)."""
        p = self.doc.add_paragraph(parts[0])
        for part in parts[1:]:
            p.add_run().add_break()
            p.add_run(part)
        return self

    def table(self, rows: list[list[str]], merges: list[tuple[int, int, int, int]] = ()) -> Builder:
        """A table of texts; each merge (r0, c0, r1, c1) joins a rectangle and keeps its first text."""
        width = max(len(r) for r in rows)
        table = self.doc.add_table(rows=len(rows), cols=width)
        table.style = "Table Grid"
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        for r0, c0, r1, c1 in merges:
            keep = table.cell(r0, c0).text
            merged = table.cell(r0, c0).merge(table.cell(r1, c1))
            merged.text = keep
        return self

    def signers(self, *blocks: Signer) -> Builder:
        """A borderless signing table, one column per block."""
        table = self.doc.add_table(rows=1, cols=len(blocks))
        for c, block in enumerate(blocks):
            parts = [*( [block.date] if block.date else []), *block.roles, block.hint, "", "", ""]
            if block.name:
                parts.append(block.name)
            table.cell(0, c).text = "\n".join(parts)
        return self

    def save(self, path: Path) -> Path:
        self.doc.save(str(path))
        return path

    def read(self, path: Path) -> Document:
        self.save(path)
        return read_docx_file(path)


def read_docx_file(path: Path) -> Document:
    """Read a file exactly as the pipeline does (format readers by content)."""
    return read_file(str(path), path.name, Limits())
