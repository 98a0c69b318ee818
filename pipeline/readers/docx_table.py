"""A w:tbl as a plain grid: merges resolved, every row the same length, merged slots share a Cell.

Word stores horizontal merges as w:gridSpan (or the legacy w:hMerge), vertical merges as
w:vMerge restart/continue, and skipped grid columns as w:gridBefore/w:gridAfter. Real files break
these rules (a "continue" with nothing above, spans past the grid, rows of uneven length), so
every inconsistency falls back to a plain cell instead of an error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from lxml import etree

from pipeline.model import Cell, Table
from pipeline.readers.docx_controls import sdt_mode
from pipeline.readers.docx_xml import MC_ALTERNATE, Names, choose_branch, int_val, properties

MAX_COLUMNS = 256  # Word allows 63; anything wider is hostile or broken

# mode of a cell's content: None (plain), "placeholder" (content control showing its prompt),
# or a checkbox glyph replacing the content (cell-level checkbox content control).
CellMode = str | None
ContentReader = Callable[[etree._Element, CellMode], tuple[str, list[Table]]]


@dataclass
class _Slot:
    """One w:tc as read, before it is placed in the grid."""

    text: str
    tables: list[Table]
    span: int
    vmerge: str | None  # "restart" | "continue" | None
    hmerge: str | None


def read_grid(tbl: etree._Element, n: Names, content: ContentReader) -> list[list[Cell]]:
    """The table's rows as a rectangular grid. `content` reads a cell's text and nested tables."""
    grid: list[list[Cell]] = []
    widths: list[int] = []  # each row's extent including its w:gridAfter
    open_cells: set[int] = set()  # ids of real cells (padding cells never merge)
    for tr in _rows(tbl, n):
        trpr = properties(tr, n.trPr)
        if n.del_ in trpr:
            continue  # a tracked row deletion
        r = len(grid)
        row: list[Cell] = []
        _pad(row, r, int_val(trpr.get(n.gridBefore), n.val, 0, MAX_COLUMNS))
        for tc, mode in _cells(tr, n):
            _place(_read_slot(tc, mode, n, content), row, grid, r, open_cells)
        grid.append(row)
        widths.append(len(row) + int_val(trpr.get(n.gridAfter), n.val, 0, MAX_COLUMNS))
    width = min(max([_grid_columns(tbl, n), *widths]), MAX_COLUMNS)
    for r, row in enumerate(grid):
        _pad(row, r, width - len(row))  # w:gridAfter and rows shorter than the grid
    return grid


def _place(slot: _Slot, row: list[Cell], grid: list[list[Cell]], r: int, open_cells: set[int]) -> None:
    col = len(row)
    if col >= MAX_COLUMNS:
        return
    span = min(slot.span, MAX_COLUMNS - col)
    if slot.hmerge == "continue" and row and id(row[-1]) in open_cells and row[-1].row == r:
        cell = row[-1]  # legacy horizontal merge: widen the cell on the left
        if cell.rowspan == 1:
            cell.colspan += span
            _absorb(cell, slot)
            row.extend([cell] * span)
            return
    above = grid[r - 1][col] if r > 0 and col < len(grid[r - 1]) else None
    if (
        slot.vmerge == "continue"
        and above is not None
        and id(above) in open_cells
        and above.col == col
        and above.colspan == span
    ):
        above.rowspan += 1
        _absorb(above, slot)
        row.extend([above] * span)
        return
    cell = Cell(text=slot.text, row=r, col=col, colspan=span, tables=slot.tables)
    open_cells.add(id(cell))
    row.extend([cell] * span)


def _absorb(cell: Cell, slot: _Slot) -> None:
    """Keep whatever a merged-away slot holds (normally nothing) instead of losing it."""
    if slot.text.strip():
        cell.text = f"{cell.text}\n{slot.text}" if cell.text else slot.text
    cell.tables.extend(slot.tables)


def _read_slot(tc: etree._Element, mode: CellMode, n: Names, content: ContentReader) -> _Slot:
    tcpr = properties(tc, n.tcPr)
    span = max(1, int_val(tcpr.get(n.gridSpan), n.val, 1, MAX_COLUMNS))
    text, tables = content(tc, mode)
    return _Slot(text, tables, span, _merge(tcpr.get(n.vMerge), n), _merge(tcpr.get(n.hMerge), n))


def _merge(el: etree._Element | None, n: Names) -> str | None:
    """w:vMerge / w:hMerge: "restart", "continue" (also when the value is omitted), or None."""
    if el is None:
        return None
    return "restart" if el.get(n.val) == "restart" else "continue"


def _pad(row: list[Cell], r: int, count: int) -> None:
    """Grid slots no w:tc covers (gridBefore/gridAfter, short rows): one empty cell spanning them.

    One object per run of slots, so a hostile grid declaration cannot multiply Cell objects.
    """
    count = max(0, min(count, MAX_COLUMNS - len(row)))
    if count:
        row.extend([Cell(text="", row=r, col=len(row), colspan=count)] * count)


def _rows(parent: etree._Element, n: Names) -> Iterator[etree._Element]:
    """w:tr elements, also when wrapped in row-level content controls or custom XML."""
    for el in parent:
        tag = el.tag
        if tag == n.tr:
            yield el
        elif tag == n.sdt:
            content = el.find(n.sdtContent)
            if content is not None:
                yield from _rows(content, n)
        elif tag == n.customXml:
            yield from _rows(el, n)
        elif tag == MC_ALTERNATE:
            branch = choose_branch(el)
            if branch is not None:
                yield from _rows(branch, n)


def _cells(
    parent: etree._Element, n: Names, mode: CellMode = None
) -> Iterator[tuple[etree._Element, CellMode]]:
    """w:tc elements with their content mode, also inside cell-level content controls."""
    for el in parent:
        tag = el.tag
        if tag == n.tc:
            yield el, mode
        elif tag == n.sdt:
            content = el.find(n.sdtContent)
            if content is not None:
                yield from _cells(content, n, mode or sdt_mode(el, n))
        elif tag == n.customXml:
            yield from _cells(el, n, mode)
        elif tag == MC_ALTERNATE:
            branch = choose_branch(el)
            if branch is not None:
                yield from _cells(branch, n, mode)


def _grid_columns(tbl: etree._Element, n: Names) -> int:
    grid = tbl.find(n.tblGrid)
    return 0 if grid is None else sum(1 for el in grid if el.tag == n.gridCol)


