"""The neutral document model every reader produces and every extractor consumes.

Readers (DOCX, PDF, XLSX, CSV) differ; extractors must not. So a file becomes paragraphs and
tables whose cells are resolved into a plain grid. Word checkboxes are turned into the glyphs
☒ / ☐ inside the text, so a choice reads the same from a DOCX, a PDF or a spreadsheet.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.sheet import SheetRows


@dataclass
class Paragraph:
    """One line or paragraph of running text (NFC)."""

    text: str
    style: str = ""  # style name when the format has one ("Heading 1", "Title" ...)
    where: str = "body"  # body | header | footer | textbox | note
    page: int | None = None  # 1-based page (PDF) when known


@dataclass(eq=False, slots=True)
class Cell:
    """One (possibly merged) table cell. Merged grid slots share the same Cell object.

    Slotted: a 100,000-row register holds two million cells (136 bytes each with NO_TABLES, 240
    as a plain dataclass with its own list).
    """

    text: str  # the cell's paragraphs joined by "\n" (nested tables excluded)
    row: int  # 0-based grid row of the cell's top-left slot
    col: int  # 0-based grid column of the cell's top-left slot
    rowspan: int = 1
    colspan: int = 1
    tables: list[Table] = field(default_factory=list)  # nested tables, in order (NO_TABLES below
    # for spreadsheet cells: they never nest tables, and a list per cell of a big register costs)
    value: object = None  # typed value from spreadsheets (date, datetime, int, float); else None
    number_format: str = ""  # spreadsheet number format, when known

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n") if self.text else []


@dataclass(eq=False)
class Table:
    """A grid of cells: rows[r][c]. Every row has the same length; merged slots repeat the Cell.

    Spreadsheet tables hold a pipeline.sheet.SheetRows (text rows, Cells made on demand) instead
    of a list: `grid` gives it to code that reads every row.
    """

    rows: list[list[Cell]]
    index: int = 0  # 1-based order among the document's tables (nested ones included)
    sheet: str | None = None  # spreadsheet sheet name (XLSX) or None
    first_row: int = 1  # spreadsheet row number of rows[0] (1-based), for locations
    where: str = "body"  # body | header | footer | textbox
    page: int | None = None  # 1-based page (PDF) when known
    depth: int = 0  # 0 for top-level tables, 1+ for nested tables

    @property
    def grid(self) -> SheetRows | None:
        """The text rows of a spreadsheet table (None for DOCX/PDF tables, whose rows are lists)."""
        rows = self.rows
        return None if isinstance(rows, list) else rows  # type: ignore[return-value]

    @property
    def n_rows(self) -> int:
        return len(self.rows)

    @property
    def n_cols(self) -> int:
        grid = self.grid
        if grid is not None:
            return grid.width
        return max((len(r) for r in self.rows), default=0)

    def row_texts(self, r: int) -> list[str]:
        """The texts of row r, one per slot (a merged cell's text in every slot it covers)."""
        grid = self.grid
        return grid.texts[r] if grid is not None else [c.text for c in self.rows[r]]

    def cell(self, r: int, c: int) -> Cell | None:
        if 0 <= r < len(self.rows) and 0 <= c < len(self.rows[r]):
            return self.rows[r][c]
        return None

    def distinct_cells(self, r: int) -> list[Cell]:
        """The cells of row r left to right, each merged cell once."""
        seen: list[Cell] = []
        for cell in self.rows[r]:
            if not seen or seen[-1] is not cell:
                if all(cell is not s for s in seen):
                    seen.append(cell)
        return seen

    def texts(self) -> list[list[str]]:
        """The grid as text: a merged cell's text appears in every slot it covers."""
        grid = self.grid
        if grid is not None:
            return [list(row) for row in grid.texts]
        return [[c.text for c in row] for row in self.rows]

    def iter_tables(self) -> Iterator[Table]:
        """Nested tables of this table, depth first (cheap: only cells holding tables are looked at)."""
        if self.grid is not None:
            return  # spreadsheet cells never hold tables
        seen: set[int] = set()
        for row in self.rows:
            for cell in row:
                if cell.tables and id(cell) not in seen:
                    seen.add(id(cell))
                    for t in cell.tables:
                        yield t
                        yield from t.iter_tables()

    def unique_cells(self) -> list[Cell]:
        """Every cell once, in reading order."""
        out: list[Cell] = []
        seen: set[int] = set()
        for row in self.rows:
            for cell in row:
                if id(cell) not in seen:
                    seen.add(id(cell))
                    out.append(cell)
        return out

    def location(self, r: int | None = None, c: int | None = None) -> str:
        """Human location in Vietnamese, e.g. "bảng 2, hàng 5" or "sheet 'Sổ HĐKP', hàng 12"."""
        parts = [f"sheet '{self.sheet}'"] if self.sheet else [f"bảng {self.index}"]
        if self.page:
            parts.insert(0, f"trang {self.page}")
        if r is not None:
            parts.append(f"hàng {self.first_row + r}")
        if c is not None:
            parts.append(f"cột {column_letter(c) if self.sheet else c + 1}")
        return ", ".join(parts)


Block = Paragraph | Table
NO_TABLES: list[Table] = ()  # type: ignore[assignment]  # shared, immutable: Cell.tables of sheet cells


@dataclass
class Document:
    """A whole file in the neutral model."""

    path: str  # inbox-relative POSIX path
    format: str  # docx | pdf | xlsx | csv
    blocks: list[Block] = field(default_factory=list)  # body, in reading order
    headers: list[Block] = field(default_factory=list)  # page headers and footers, all sections
    pages: int | None = None
    warnings: list[str] = field(default_factory=list)  # reader remarks worth showing people

    def all_blocks(self) -> Iterator[Block]:
        """Headers first (they carry document codes), then the body."""
        yield from self.headers
        yield from self.blocks

    def tables(self, include_headers: bool = True) -> list[Table]:
        """Every table, nested ones included, in reading order."""
        out: list[Table] = []
        source = self.all_blocks() if include_headers else iter(self.blocks)
        for block in source:
            if isinstance(block, Table):
                out.append(block)
                out.extend(block.iter_tables())
        return out

    def paragraphs(self, include_headers: bool = True) -> list[Paragraph]:
        source = self.all_blocks() if include_headers else iter(self.blocks)
        return [b for b in source if isinstance(b, Paragraph)]

    def text_lines(self, include_headers: bool = True) -> Iterator[str]:
        """All text line by line: paragraphs, then table cells row by row (nested included)."""
        source = self.all_blocks() if include_headers else iter(self.blocks)
        for block in source:
            if isinstance(block, Paragraph):
                yield from block.text.split("\n")
            else:
                yield from _table_lines(block)

    def full_text(self) -> str:
        return "\n".join(self.text_lines())


def _table_lines(table: Table) -> Iterator[str]:
    grid = table.grid
    if grid is not None:
        for _, _, text in grid.unique_texts():
            if text:
                yield from text.split("\n")
        return
    for cell in table.unique_cells():
        yield from cell.lines
        for nested in cell.tables:
            yield from _table_lines(nested)


def column_letter(c: int) -> str:
    """0-based column index → spreadsheet letters (0 → A, 26 → AA)."""
    s = ""
    c += 1
    while c:
        c, rem = divmod(c - 1, 26)
        s = chr(65 + rem) + s
    return s


def grid_from_texts(texts: list[list[str]], **table_kw: object) -> Table:
    """Build a Table from plain strings (no merges). Used by CSV/PDF readers and tests."""
    width = max((len(r) for r in texts), default=0)
    rows = [
        [Cell(text=(r[c] if c < len(r) else "") or "", row=i, col=c) for c in range(width)]
        for i, r in enumerate(texts)
    ]
    return Table(rows=rows, **table_kw)  # type: ignore[arg-type]
