"""Registers (SPEC §3.2): any table whose header row names enough register columns.

CAPA log, NC log, audit rounds, records register, document register — in an XLSX sheet, a CSV
or a DOCX/PDF table. One Record per register table: `columns` lists the canonical columns the
source carries (a column it lacks is unknown, so rows never hold it), `rows` one dict per data
row with its sheet and row number. A PDF table split over pages continues in the following
table when that one has the same width and no header of its own (or the same header again).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipeline.extract import ExtractContext
from pipeline.extract.doc_header import mostly_upper
from pipeline.extract.register_columns import HeaderMatch, TableSpec, find_header, register_spec
from pipeline.extract.register_rows import RowReader, clean_text
from pipeline.model import Document, Paragraph, Table
from pipeline.records import Problem, Record

REGISTER_KINDS = ("capa_log", "nc_log", "audit_register", "records_register", "document_register")


@dataclass
class RegisterTable:
    """A located register: its header, and the table(s) holding its rows with their first data row."""

    kind: str
    header: HeaderMatch
    parts: list[tuple[Table, int]] = field(default_factory=list)

    @property
    def table(self) -> Table:
        return self.parts[0][0]


def locate_tables(doc: Document, spec: TableSpec, min_labels: int | None = None) -> list[RegisterTable]:
    """Every table of the document's body with a header of `spec`, continuation tables attached."""
    found: list[RegisterTable] = []
    last: RegisterTable | None = None  # the register the previous top-level table belonged to
    for table in body_tables(doc):
        header = find_header(table, spec, min_labels)
        if last is not None and table.depth == 0 and _continues(last, table, header):
            last.parts.append((table, header.data_start if header else 0))
            continue
        if header is not None:
            reg = RegisterTable(header.kind, header, [(table, header.data_start)])
            found.append(reg)
            last = reg if table.depth == 0 else last
        elif table.depth == 0:
            last = None
    return found


def body_tables(doc: Document) -> list[Table]:
    """The body's tables in reading order; spreadsheets have no nested tables, so their (possibly
    huge) grids are not walked looking for some."""
    if doc.format in ("xlsx", "csv"):
        return [b for b in doc.blocks if isinstance(b, Table)]
    return doc.tables(include_headers=False)


def _continues(reg: RegisterTable, table: Table, header: HeaderMatch | None) -> bool:
    """A page-split continuation: on the next page, same width, and no header or the same header."""
    prev = reg.parts[-1][0]
    if not (prev.page and table.page == prev.page + 1) or table.n_cols != prev.n_cols:
        return False
    if header is None:
        return True
    return header.kind == reg.kind and header.columns == reg.header.columns and header.row <= 1


def find_register_tables(doc: Document) -> list[tuple[str, Table, int]]:
    """(kind, table, 0-based header row index) of each register table (continuations not listed)."""
    return [(reg.kind, reg.table, reg.header.row) for reg in locate_tables(doc, register_spec())]


def detect_register(doc: Document) -> bool:
    """True when the document holds at least one register table."""
    spec = register_spec()
    return any(find_header(t, spec) is not None for t in body_tables(doc))


def read_register(reg: RegisterTable, spec: TableSpec) -> tuple[list[dict[str, Any]], list[Problem]]:
    """The typed rows of a located table and the invalid values met on the way."""
    kind = next(k for k in spec.kinds if k.name == reg.kind)
    reader = RowReader(reg.header, kind.columns, reg.table)
    problems: list[Problem] = []
    rows: list[dict[str, Any]] = []
    for i, (table, start) in enumerate(reg.parts):
        rows.extend(reader.read(table, start, problems, continued=i > 0))
    return rows, problems


def extract_registers(doc: Document, ctx: ExtractContext) -> list[Record]:
    """One Record per register table of the document (none when it holds no register)."""
    spec = register_spec(ctx.params.get("labels_dir"))
    records = []
    titles = _preceding_paragraphs(doc)
    for reg in locate_tables(doc, spec):
        rows, problems = read_register(reg, spec)
        table = reg.table
        columns = [name for _, name in sorted(reg.header.columns.items())]
        fields: dict[str, Any] = {"header_row": table.first_row + reg.header.row}
        title = _title_rows(table, reg.header.row) or titles.get(id(table))
        if title:
            fields["title"] = title
        records.append(
            Record(
                kind=reg.kind,
                fields=fields,
                rows=rows,
                columns=columns,
                problems=problems,
                locations={"header_row": table.location(reg.header.row)},
                part=table.sheet if table.sheet is not None else f"bảng {table.index}",
            )
        )
    return records


def _title_rows(table: Table, header_row: int) -> str | None:
    """Title rows above the header ("SỔ THEO DÕI …", "Năm 2026"), joined."""
    texts: list[str] = []
    for r in range(header_row):
        for cell in table.distinct_cells(r):
            text = clean_text(cell.text)
            if text and text not in texts:
                texts.append(text.replace("\n", " "))
    return " ".join(texts) or None


def _preceding_paragraphs(doc: Document) -> dict[int, str]:
    """For each top-level body table, its title paragraph: among the paragraphs just before it (up to
    four, not past another table), the nearest one in capitals, else the nearest non-empty one."""
    out: dict[int, str] = {}
    for i, block in enumerate(doc.blocks):
        if not isinstance(block, Table):
            continue
        texts: list[str] = []
        for prev in reversed(doc.blocks[max(0, i - 4) : i]):
            if not isinstance(prev, Paragraph):
                break
            if prev.text.strip():
                texts.append(" ".join(prev.text.split()))
        title = next((t for t in texts if mostly_upper(t)), texts[0] if texts else None)
        if title:
            out[id(block)] = clean_text(title) or title
    return out
