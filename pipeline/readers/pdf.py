"""PDF → neutral document model, with pdfplumber.

A PDF has no paragraphs or tables, only positioned glyphs and ruling lines. Ruled tables are
found from their lines (page.find_tables) and rebuilt as grids whose spanning cells are shared
like DOCX merges; a grid drawn inside another grid's cell becomes that Cell's nested table, and a
single ruled box (a frame) is not a table. All other text becomes one Paragraph per visual line.
Blocks are ordered top to bottom per page, so a form reads the same as its DOCX source.
"""

from __future__ import annotations

import bisect
import logging
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdftypes import resolve1
from pdfplumber.utils import cluster_list, cluster_objects, extract_words
from pdfplumber.utils.exceptions import PdfminerException

from pipeline.errors import ReadError
from pipeline.limits import Limits
from pipeline.model import Block, Cell, Document, Paragraph, Table
from pipeline.text.fold import nfc

X_TOLERANCE = 3  # pt: a gap wider than this between glyphs without a space glyph splits words
Y_TOLERANCE = 3  # pt: glyphs whose tops differ by less sit on one visual line
EDGE_TOLERANCE = 1.5  # pt: cell borders closer than this are one grid line
Char = dict[str, Any]
BBox = tuple[float, float, float, float]

# pdfminer logs a warning for every odd font or stream it works around: noise in a batch log.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


def read_pdf(path: str, rel: str, limits: Limits) -> Document:
    """Read a PDF; ReadError for encrypted, over-long, scanned, truncated or broken files."""
    try:
        return _read_pdf(path, rel, limits)
    except MemoryError:
        raise
    except Exception as exc:
        if (not isinstance(exc, ReadError) or exc.reason == "corrupt") and not _has_eof_marker(path):
            raise ReadError("truncated", "the PDF stops before its %%EOF end marker") from exc
        raise


def _has_eof_marker(path: str) -> bool:
    with open(path, "rb") as fh:
        fh.seek(0, 2)
        fh.seek(max(0, fh.tell() - 2048))
        return b"%%EOF" in fh.read()


def _read_pdf(path: str, rel: str, limits: Limits) -> Document:
    pdf = _open(path)
    try:
        count = _page_count(pdf)
        if count > limits.max_pdf_pages:
            raise ReadError("too_many_pages", f"{count} pages > limit {limits.max_pdf_pages}")
        doc = Document(path=rel, format="pdf", pages=0)
        readable = unmapped = 0
        for number, page in enumerate(pdf.pages, start=1):
            if number > limits.max_pdf_pages:  # /Count may lie
                raise ReadError("too_many_pages", f"more than {limits.max_pdf_pages} pages")
            try:
                blocks, page_readable, page_unmapped = read_page(page, number)
            finally:
                page.close()  # drop the page's cached layout objects
            readable += page_readable
            unmapped += page_unmapped
            doc.blocks.extend(blocks)
            doc.pages = number
    finally:
        pdf.close()
    if readable == 0:
        detail = "only glyphs without a Unicode mapping" if unmapped else "no characters on any page"
        raise ReadError("no_text_layer", detail)
    for index, table in enumerate(doc.tables(), start=1):  # nested tables included, reading order
        table.index = index
    if unmapped:
        doc.warnings.append(f"{unmapped} ký tự trong PDF không có bảng mã Unicode và đã bị bỏ qua")
    return doc


def _open(path: str) -> pdfplumber.PDF:
    try:
        return pdfplumber.open(path)
    except PdfminerException as exc:
        inner = exc.args[0] if exc.args else exc
        if isinstance(inner, PDFPasswordIncorrect):
            raise ReadError("encrypted", "the PDF needs a password to open") from exc
        if isinstance(inner, PDFEncryptionError):
            raise ReadError("encrypted", f"unsupported PDF encryption: {inner}") from exc
        raise ReadError("corrupt", f"{type(inner).__name__}: {inner}") from exc


def _page_count(pdf: pdfplumber.PDF) -> int:
    """Declared page count from the page tree (cheap), else by walking the pages."""
    try:
        count = resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"])
        if isinstance(count, int) and count >= 0:
            return count
    except (KeyError, TypeError, AttributeError):
        pass
    return len(pdf.pages)


def read_page(page: pdfplumber.page.Page, number: int) -> tuple[list[Block], int, int]:
    """One page → (blocks top to bottom, readable glyph count, glyphs without Unicode mapping)."""
    if _overprinted(page.chars):  # bold faked by overprinting would double every letter
        page = page.dedupe_chars()
    chars = [c for c in page.chars if not _unmapped(c)]
    unmapped = len(page.chars) - len(chars)
    readable = sum(1 for c in chars if not c["text"].isspace())
    if not readable:
        return [], 0, unmapped
    # a 1-cell box is a frame around text, not a grid; smallest first so nested grids claim
    # their glyphs and find their parent before the grids around them
    grids = sorted((_grid(t.cells) for t in page.find_tables() if len(t.cells) > 1), key=_area)
    free = _fill_cells(grids, chars)
    placed: list[tuple[float, Block]] = [(top, Paragraph(text=text, page=number)) for top, text in text_lines(free)]
    for top, table in _nest(grids):
        table.page = number
        placed.append((top, table))
    placed.sort(key=itemgetter(0))
    return [block for _, block in placed], readable, unmapped


@dataclass
class _Grid:
    """A ruled table found on a page, with its grid lines to place glyphs and nested grids."""

    bbox: BBox
    xs: list[float]
    ys: list[float]
    table: Table

    def slot(self, x: float, y: float) -> Cell | None:
        r, c = bisect.bisect_right(self.ys, y) - 1, bisect.bisect_right(self.xs, x) - 1
        if 0 <= r < len(self.ys) - 1 and 0 <= c < len(self.xs) - 1:
            return self.table.rows[r][c]
        return None

    def holds(self, x: float, y: float) -> bool:
        return self.bbox[0] <= x < self.bbox[2] and self.bbox[1] <= y < self.bbox[3]


def _grid(cells: list[BBox]) -> _Grid:
    """Cell boxes → an empty Table grid; a box spanning several grid columns/rows is one shared Cell.

    pdfplumber reports None for slots covered by a spanning cell; the boxes themselves say how far
    each cell reaches, so the grid lines are the distinct box edges.
    """
    xs = _edges([c[0] for c in cells] + [c[2] for c in cells])
    ys = _edges([c[1] for c in cells] + [c[3] for c in cells])
    grid: list[list[Cell | None]] = [[None] * (len(xs) - 1) for _ in range(len(ys) - 1)]
    for x0, top, x1, bottom in sorted(cells, key=itemgetter(1, 0)):
        c0, c1 = _nearest(xs, x0), _nearest(xs, x1)
        r0, r1 = _nearest(ys, top), _nearest(ys, bottom)
        if c1 <= c0 or r1 <= r0 or grid[r0][c0] is not None:
            continue
        cell = Cell(text="", row=r0, col=c0, rowspan=r1 - r0, colspan=c1 - c0)
        for r in range(r0, r1):
            for c in range(c0, c1):
                if grid[r][c] is None:
                    grid[r][c] = cell
    rows = [
        [slot if slot is not None else Cell(text="", row=r, col=c) for c, slot in enumerate(line)]
        for r, line in enumerate(grid)
    ]
    bbox = (xs[0], ys[0], xs[-1], ys[-1])
    return _Grid(bbox=bbox, xs=xs, ys=ys, table=Table(rows=rows))


def _fill_cells(grids: list[_Grid], chars: list[Char]) -> list[Char]:
    """Give each glyph to the innermost grid cell under its centre; return the glyphs of no grid."""
    free: list[Char] = []
    per_cell: dict[int, tuple[Cell, list[Char]]] = {}
    for ch in chars:
        x, y = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        cell = next((g.slot(x, y) for g in grids if g.holds(x, y)), None)
        if cell is None:
            free.append(ch)
        else:
            per_cell.setdefault(id(cell), (cell, []))[1].append(ch)
    for cell, cell_chars in per_cell.values():
        cell.text = "\n".join(text for _, text in text_lines(cell_chars))
    return free


def _nest(grids: list[_Grid]) -> list[tuple[float, Table]]:
    """Put grids drawn inside another grid's cell into that Cell.tables; return the top-level ones."""
    top_level: list[tuple[float, Table]] = []
    for i, grid in enumerate(grids):
        x, y = (grid.bbox[0] + grid.bbox[2]) / 2, (grid.bbox[1] + grid.bbox[3]) / 2
        parent = next((p for p in grids[i + 1 :] if _inside(grid.bbox, p.bbox)), None)
        cell = parent.slot(x, y) if parent else None
        if cell is None:
            top_level.append((grid.bbox[1], grid.table))
        else:
            cell.tables.append(grid.table)
    tops = {id(g.table): g.bbox[1] for g in grids}
    for _, table in top_level:
        _order_nested(table, tops, depth=0)
    return top_level


def _order_nested(table: Table, tops: dict[int, float], depth: int) -> None:
    table.depth = depth
    for cell in table.unique_cells():
        cell.tables.sort(key=lambda t: tops[id(t)])
        for nested in cell.tables:
            _order_nested(nested, tops, depth + 1)


def _inside(inner: BBox, outer: BBox) -> bool:
    tol = EDGE_TOLERANCE
    return (
        inner[0] >= outer[0] - tol
        and inner[1] >= outer[1] - tol
        and inner[2] <= outer[2] + tol
        and inner[3] <= outer[3] + tol
    )


def _overprinted(chars: list[Char]) -> bool:
    """Whether two glyphs share text, font and size within 1 pt (what dedupe_chars removes).

    pdfplumber's dedupe_chars sorts every glyph and restores their order with list.index, which is
    quadratic: a third of the time of a one-page form. Most PDFs have no overprinting, so a
    1-pt grid of glyphs is looked up first (9 neighbouring slots each) and dedupe runs only when
    a candidate pair exists.
    """
    seen: set[tuple[Any, ...]] = set()
    for ch in chars:
        ident = (ch.get("upright"), ch["text"], ch.get("fontname"), ch.get("size"))
        y, x = int(ch["doctop"] // 1), int(ch["x0"] // 1)
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                if (ident, y + dy, x + dx) in seen:
                    return True
        seen.add((ident, y, x))
    return False


def _unmapped(ch: Char) -> bool:
    """A glyph whose font has no ToUnicode entry comes out as '(cid:123)': not text."""
    return ch["text"].startswith("(cid:")


def _area(grid: _Grid) -> float:
    x0, top, x1, bottom = grid.bbox
    return (x1 - x0) * (bottom - top)


def text_lines(chars: list[Char]) -> list[tuple[float, str]]:
    """Glyphs → visual lines (top, NFC text), top to bottom; words joined by one space."""
    if not chars:
        return []
    words = extract_words(chars, x_tolerance=X_TOLERANCE, y_tolerance=Y_TOLERANCE)
    out: list[tuple[float, str]] = []
    for line in cluster_objects(words, itemgetter("top"), Y_TOLERANCE):
        line.sort(key=itemgetter("x0"))
        text = nfc(" ".join(w["text"] for w in line)).strip()
        if text:
            out.append((min(w["top"] for w in line), text))
    out.sort(key=itemgetter(0))
    return out


def _edges(values: list[float]) -> list[float]:
    """Distinct grid lines: nearly equal coordinates clustered into their mean."""
    return [sum(group) / len(group) for group in cluster_list(values, EDGE_TOLERANCE)]


def _nearest(edges: list[float], value: float) -> int:
    i = bisect.bisect_left(edges, value)
    if i == len(edges) or (i > 0 and value - edges[i - 1] < edges[i] - value):
        return i - 1
    return i
