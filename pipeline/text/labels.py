"""Find a field by its label anywhere in a document (SPEC §3.1), whatever the form's layout.

A label is recognised on folded text (no diacritics, any case, NFC or NFD) where it starts a
paragraph, a table cell or a line, or follows a separator — see pipeline.text.label_match. So a
label word inside running prose ("… nguyên nhân chủ yếu là …") is never a label.

When several labels could match at one place, the longest wins across all fields ("Số phiếu mới"
is follow_up_number, not number). The value of a label is, in order:
1. the text after it in the same paragraph/cell (up to the next label there, whose item number
   "2." is not part of this value; a PDF line's value goes on over the lines the page wrapped it
   onto, see _Finder._wrapped);
2. else the next non-empty cell to its right in the same row, unless that cell is a label (or
   most cells of the row are labels: a row of column heads reads its values below);
3. else the cell below, unless it is a label;
4. else (paragraphs) the following paragraphs up to the next label, heading or table.
Dotted placeholders are empty values ("").

Public API (stable):
- ``LabelSpec`` = dict[field, list of label variants].
- ``Found`` — text, location, label, field, table/row/col (0-based grid slot) when in a table,
  ``cell`` (the value's Cell, for typed spreadsheet values), ``raw`` (uncleaned text).
- ``TextIndex(doc)`` / ``index_of(doc)`` — the document folded once (index_of reuses the last ones);
  pass it instead of the Document to reuse it.
- ``find_fields(doc, spec, stop_labels=(), accept=None) -> dict[field, Found]`` — the first
  occurrence in reading order (a later one replaces it only when it is blank, see find_fields);
  absent fields are not in the dict.
- ``find_all(doc, labels, stop_labels=(), name="") -> list[Found]`` — every occurrence of one field.
- ``match_label(text, spec) -> LabelMatch | None`` — does this text start with a label of spec.
"""

from __future__ import annotations

import dataclasses
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from pipeline.model import Block, Cell, Document, Paragraph, Table
from pipeline.text.fold import fold, fold_with_map, nfc
from pipeline.text.label_match import (
    CHECKBOXES,
    LabelMatch,
    LabelSpec,
    Matcher,
    first_start,
    match_label,
    matcher_for,
)
from pipeline.text.values import clean_value

__all__ = ["Found", "LabelMatch", "LabelSpec", "TextIndex", "find_all", "find_fields", "index_of", "match_label"]


@dataclass
class Found:
    """A field's value as found: cleaned NFC text ("" for a placeholder) and where it was."""

    text: str
    location: str  # human Vietnamese: "đoạn 12", "bảng 1, hàng 3"
    label: str  # the label variant that matched, as written in the spec
    field: str = ""
    table: int | None = None  # Table.index of the value's table
    row: int | None = None  # 0-based grid row of the value's cell
    col: int | None = None  # 0-based grid column of the value's cell
    cell: Cell | None = dataclasses.field(default=None, repr=False, compare=False)
    raw: str = ""  # the value text before cleaning
    source: str = "inline"  # inline | right | below | following | none
    grid: Table | None = dataclasses.field(default=None, repr=False, compare=False)  # the value's table
    anchor: Paragraph | Cell | None = dataclasses.field(default=None, repr=False, compare=False)  # the label's
    label_location: str = ""  # where the label itself is
    label_line: str = ""  # the line (NFC) the label is written on


@dataclass
class _Unit:
    """One paragraph or table cell, folded once (with the map back to its NFC text)."""

    text: str
    folded: str
    index: list[int]  # folded position -> text position
    location: str
    area: str
    paragraph: Paragraph | None = None
    table: Table | None = None
    cell: Cell | None = None


# ---------------------------------------------------------------------------------------------
# The document, folded once.


class TextIndex:
    """Every paragraph and cell of a document in reading order, folded once for label matching."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.units: list[_Unit] = []
        self.cell_unit: dict[int, int] = {}  # id(cell) -> unit position
        self._body_paragraphs = 0
        self._occurrences: dict[int, tuple[Matcher, dict[int, list[LabelMatch]]]] = {}
        self._widths: dict[int | None, int] = {}
        for block in doc.headers:
            self._add_block(block, header=True)
        for block in doc.blocks:
            self._add_block(block, header=False)

    def line_width(self, page: int | None) -> int:
        """The longest paragraph line of a PDF page, in characters: how long a full line is."""
        if page not in self._widths:
            self._widths[page] = max(
                (len(u.text) for u in self.units if u.paragraph is not None and u.paragraph.page == page),
                default=0,
            )
        return self._widths[page]

    def occurrence_cache(self, matcher: Matcher) -> dict[int, list[LabelMatch]]:
        """Label occurrences per unit for one matcher, shared by every search with that matcher."""
        entry = self._occurrences.get(id(matcher))
        if entry is None or entry[0] is not matcher:
            entry = (matcher, {})
            self._occurrences[id(matcher)] = entry
        return entry[1]

    def _add_block(self, block: Block, header: bool) -> None:
        if isinstance(block, Paragraph):
            area = block.where if not header or block.where != "body" else "header"
            if not header:
                self._body_paragraphs += 1
            location = self._paragraph_location(block, header)
            self.units.append(_make_unit(block.text, location, area, paragraph=block))
        else:
            self._add_table(block, header)

    def _paragraph_location(self, p: Paragraph, header: bool) -> str:
        if header:
            return "chân trang" if p.where == "footer" else "đầu trang"
        where = f"đoạn {self._body_paragraphs}"
        return f"trang {p.page}, {where}" if p.page else where

    def _add_table(self, table: Table, header: bool) -> None:
        area = "header" if header and table.where == "body" else table.where
        prefix = {"header": "đầu trang, ", "footer": "chân trang, "}.get(area, "")
        for cell in table.unique_cells():
            self.cell_unit[id(cell)] = len(self.units)
            location = prefix + table.location(cell.row)
            self.units.append(_make_unit(cell.text, location, area, table=table, cell=cell))
            for nested in cell.tables:
                self._add_table(nested, header)


def _make_unit(text: str, location: str, area: str, **kw: object) -> _Unit:
    text = nfc(text or "")
    folded, index = fold_with_map(text)
    return _Unit(text, folded, index, location, area, **kw)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# Finding fields.


class _Finder:
    def __init__(self, index: TextIndex, spec: LabelSpec, stop_labels: Iterable[str]) -> None:
        self.index = index
        self.matcher = matcher_for(spec, stop_labels)
        self._occ = index.occurrence_cache(self.matcher)

    def occurrences(self, pos: int) -> list[LabelMatch]:
        if pos not in self._occ:
            unit = self.index.units[pos]
            self._occ[pos] = self.matcher.matches(unit.text, unit.folded, unit.index)
        return self._occ[pos]

    def starts_with_label(self, pos: int) -> bool:
        unit = self.index.units[pos]
        occ = self.occurrences(pos)
        if not occ:
            return False
        return occ[0].start == first_start(unit.text)

    def all_found(self, settled: Callable[[LabelMatch], bool] = lambda o: False) -> Iterable[Found]:
        """Every field occurrence in reading order, resolved to its value unless `settled`."""
        for pos in range(len(self.index.units)):
            occ = self.occurrences(pos)
            for k, o in enumerate(occ):
                if o.field is not None and not settled(o):
                    yield self.resolve(pos, occ, k)

    def resolve(self, pos: int, occ: list[LabelMatch], k: int) -> Found:
        unit = self.index.units[pos]
        o = occ[k]
        raw = _inline_text(unit, o, occ[k + 1] if k + 1 < len(occ) else None)
        base = dict(label=o.label, field=o.field or "")
        found = self._resolve(pos, occ, k, raw, base)
        found.anchor = unit.cell if unit.cell is not None else unit.paragraph
        found.label_location = unit.location
        found.label_line = _line_at(unit.text, o.start)
        return found

    def _resolve(self, pos: int, occ: list[LabelMatch], k: int, raw: str, base: dict[str, str]) -> Found:
        unit = self.index.units[pos]
        if clean_value(raw):
            if k + 1 == len(occ) and unit.paragraph is not None and unit.paragraph.page is not None:
                raw = self._wrapped(pos, raw)
            return self._found(unit, raw, "inline", **base)
        if k + 1 < len(occ):  # another label follows in the same paragraph/cell: this one is blank
            return self._found(unit, raw, "inline", **base)
        if unit.cell is not None:
            return self._from_grid(unit, **base)
        following = self._following(pos)
        if following is not None:
            return self._found(following[0], following[1], "following", **base)
        return self._found(unit, raw, "inline", **base)

    def _from_grid(self, unit: _Unit, **base: str) -> Found:
        table, cell = unit.table, unit.cell
        assert table is not None and cell is not None
        slot: Cell | None = None
        below = table.cell(cell.row + cell.rowspan, cell.col)
        below_ok = below is not None and below is not cell and not self._is_label_cell(below)
        # a row that is mostly labels heads the row below: its odd caption is no value
        heads_row = below_ok and below is not None and below.text.strip() and self._mostly_labels(table, cell.row)
        for right in [] if heads_row else table.distinct_cells(cell.row):
            if right.col <= cell.col or right is cell:
                continue
            if not right.text.strip():
                slot = slot or right
                continue
            if not self._is_label_cell(right):
                return self._found(self._unit_of(right), right.text, "right", **base)
            break
        if below_ok and below is not None:
            if below.text.strip() or slot is None:
                return self._found(self._unit_of(below), below.text, "below", **base)
        if slot is not None:
            return self._found(self._unit_of(slot), "", "right", **base)
        return self._found(unit, "", "none", **base)

    def _wrapped(self, pos: int, raw: str) -> str:
        """A PDF line's value continued on the lines the page wrapped it onto.

        A PDF has lines, not paragraphs: the next line continues the value when it is no label nor
        heading and starts in lower case, continues a row of checkboxes, or follows a line that
        filled the page's width without ending a sentence.
        """
        start = self.index.units[pos]
        last = start.text.rstrip()
        for nxt in range(pos + 1, min(pos + 20, len(self.index.units))):
            unit = self.index.units[nxt]
            text = unit.text.strip()
            if unit.paragraph is None or unit.area != start.area or not text:
                break
            if self.starts_with_label(nxt) or _is_heading(unit):
                break
            lower = text[:1].islower()
            boxes = text[:1] in CHECKBOXES and any(ch in CHECKBOXES for ch in raw)
            full = len(last) >= 0.8 * self.index.line_width(unit.paragraph.page) and last[-1:] not in ".:;!?"
            if not (lower or boxes or full):
                break
            raw, last = f"{raw}\n{text}", text
        return raw

    def _following(self, pos: int) -> tuple[_Unit, str] | None:
        start = self.index.units[pos]
        texts: list[str] = []
        first: _Unit | None = None
        for nxt in range(pos + 1, len(self.index.units)):
            unit = self.index.units[nxt]
            if unit.paragraph is None or unit.area != start.area:
                break
            if not unit.text.strip():
                continue
            if self.starts_with_label(nxt) or _is_heading(unit):
                break
            texts.append(unit.text)
            first = first or unit
            if len(texts) >= 50:
                break
        if first is None:
            return None
        return first, "\n".join(texts)

    def _mostly_labels(self, table: Table, row: int) -> bool:
        filled = [c for c in table.distinct_cells(row) if c.text.strip()]
        return 2 * sum(self._is_label_cell(c) for c in filled) > len(filled)

    def _is_label_cell(self, cell: Cell) -> bool:
        pos = self.index.cell_unit.get(id(cell))
        return pos is not None and self.starts_with_label(pos)

    def _unit_of(self, cell: Cell) -> _Unit:
        return self.index.units[self.index.cell_unit[id(cell)]]

    @staticmethod
    def _found(unit: _Unit, raw: str, source: str, label: str, field: str) -> Found:
        table, cell = unit.table, unit.cell
        return Found(
            text=clean_value(raw), location=unit.location, label=label, field=field,
            table=table.index if table is not None else None,
            row=cell.row if cell is not None else None, col=cell.col if cell is not None else None,
            cell=cell, raw=raw, source=source, grid=table,
        )


def _line_at(text: str, pos: int) -> str:
    """The line of `text` holding position `pos`."""
    end = text.find("\n", pos)
    return text[text.rfind("\n", 0, pos) + 1 : end if end >= 0 else len(text)]


def _inline_text(unit: _Unit, o: LabelMatch, nxt: LabelMatch | None) -> str:
    """Text after the label up to the next label of the same unit."""
    end = max(o.value_start, nxt.item_start) if nxt else len(unit.text)
    return unit.text[o.value_start : end].strip()


def _is_heading(unit: _Unit) -> bool:
    style = fold(unit.paragraph.style) if unit.paragraph else ""
    if style.startswith(("heading", "title", "tieu de")):
        return True
    text = unit.text.strip()
    letters = [ch for ch in text if ch.isalpha()]
    return len(text.split()) >= 3 and len(letters) >= 6 and all(ch.isupper() for ch in letters)


_RECENT: list[tuple[weakref.ref[Document], TextIndex]] = []


def index_of(doc: Document | TextIndex) -> TextIndex:
    """The TextIndex of a document, reused while the same Document object is asked for again
    (detect() then extract() on one file). Documents are not changed once read."""
    if isinstance(doc, TextIndex):
        return doc
    for ref, index in _RECENT:
        if ref() is doc:
            return index
    index = TextIndex(doc)
    _RECENT.insert(0, (weakref.ref(doc), index))
    del _RECENT[4:]
    return index


def find_fields(
    doc: Document | TextIndex,
    spec: LabelSpec,
    stop_labels: Iterable[str] = (),
    accept: Callable[[Found], bool] | None = None,
) -> dict[str, Found]:
    """Each field of `spec` found in `doc`, first occurrence in reading order.

    A later occurrence replaces an earlier blank one only when it has a value and a label at least
    as specific (as long): "Ngày lập: ……" is not overridden by a bare "Ngày: 02/11/2026" further
    down. `stop_labels` are texts that are not fields but end a value (captions, section titles);
    `accept` can reject occurrences (e.g. those inside a table the caller reads itself).
    Fields never found are absent from the result.
    """
    out: dict[str, Found] = {}

    def settled(o: LabelMatch) -> bool:  # a field with a value keeps it: no need to read more
        return o.field in out and bool(out[o.field].text)

    for found in _Finder(index_of(doc), spec, stop_labels).all_found(settled):
        if accept is not None and not accept(found):
            continue
        current = out.get(found.field)
        if current is None or (not current.text and found.text and len(found.label) >= len(current.label)):
            out[found.field] = found
    return out


def find_all(
    doc: Document | TextIndex, labels: list[str], stop_labels: Iterable[str] = (), name: str = ""
) -> list[Found]:
    """Every occurrence of one field's labels in reading order (placeholders included, text "").

    Pass the other fields' labels as `stop_labels` so that longer labels of other fields win.
    `name` is copied into Found.field.
    """
    return list(_Finder(index_of(doc), {name: list(labels)}, stop_labels).all_found())
