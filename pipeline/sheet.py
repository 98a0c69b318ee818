"""The rows of a spreadsheet table (XLSX sheet, CSV), kept as text and made into Cells on demand.

A 100,000-row register holds two million cells; a Cell object costs ~0.8 µs to make and ~140
bytes to keep, which alone took longer than frictionless needs to validate the whole file. So
spreadsheet readers store each row as a list of strings (typed values — dates, numbers — in a
sparse map) and `Table.rows` hands out Cell rows only for the rows someone looks at (title rows,
the header, a merged section row). Code that reads every row (register rows, legacy-font
detection, full text) goes through `texts` and `typed` instead.

Merged ranges: every slot of a range holds the top-left text in `texts` (as Table.texts() always
did) and, once made, shares one Cell; rows touched by a merge are listed in `merged_rows` so a
row reader can tell plain rows (one slot = one cell) from rows that need the Cell view.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, overload

from pipeline.model import NO_TABLES, Cell

Range = tuple[int, int, int, int]  # 0-based, inclusive: first row, first col, last row, last col
COL_BITS = 14  # spreadsheets have at most 16,384 columns


def slot_key(r: int, c: int) -> int:
    """The key of a slot in SheetRows.typed."""
    return r << COL_BITS | c


class SheetRows(Sequence[list[Cell]]):
    """Rows of a spreadsheet table; `rows[r]` makes (once) the Cells of row r."""

    def __init__(self, texts: list[list[str]], typed: dict[int, tuple[Any, str]] | None = None,
                 merges: Sequence[Range] = (), typed_first_row: int = 0) -> None:
        self.texts = texts  # every row has `width` strings
        self.width = max((len(row) for row in texts), default=0)
        # slot_key(typed_first_row + r, c) → (value, number format) of the cells whose value is not
        # their text (dates, numbers): int keys and shared value pairs, as a 100,000-row log has
        # half a million date cells (tuple keys and a pair per cell took ~100 MB)
        self.typed = typed or {}
        self.typed_offset = typed_first_row << COL_BITS
        self.anchor: dict[tuple[int, int], Range] = {}  # every slot of a merged range → the range
        self.merged_rows: set[int] = set()
        for rng in merges:
            r0, c0, r1, c1 = rng
            text = texts[r0][c0]
            for r in range(r0, r1 + 1):
                self.merged_rows.add(r)
                for c in range(c0, c1 + 1):
                    self.anchor[(r, c)] = rng
                    texts[r][c] = text
        self._rows: dict[int, list[Cell]] = {}
        self._merged: dict[Range, Cell] = {}

    def __len__(self) -> int:
        return len(self.texts)

    @overload
    def __getitem__(self, index: int) -> list[Cell]: ...

    @overload
    def __getitem__(self, index: slice) -> list[list[Cell]]: ...

    def __getitem__(self, index: int | slice) -> list[Cell] | list[list[Cell]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self.texts)))]
        if index < 0:
            index += len(self.texts)
        if not 0 <= index < len(self.texts):
            raise IndexError(index)
        row = self._rows.get(index)
        if row is None:
            row = self._rows[index] = self._make(index)
        return row

    def __iter__(self) -> Iterator[list[Cell]]:
        for r in range(len(self.texts)):
            yield self[r]

    def value(self, r: int, c: int) -> tuple[Any, str]:
        """(typed value, number format) of a slot; a text cell's value is its text (None if empty)."""
        hit = self.typed.get(slot_key(r, c) + self.typed_offset) if self.typed else None
        if hit is not None:
            return hit
        text = self.texts[r][c]
        return (text or None), ""

    def _make(self, r: int) -> list[Cell]:
        row: list[Cell] = []
        for c, text in enumerate(self.texts[r]):
            rng = self.anchor.get((r, c))
            if rng is None:
                value, fmt = self.value(r, c)
                row.append(Cell(text, r, c, tables=NO_TABLES, value=value, number_format=fmt))
                continue
            cell = self._merged.get(rng)
            if cell is None:
                r0, c0, r1, c1 = rng
                value, fmt = self.value(r0, c0)
                cell = self._merged[rng] = Cell(self.texts[r0][c0], r0, c0, r1 - r0 + 1, c1 - c0 + 1,
                                                tables=NO_TABLES, value=value, number_format=fmt)
            row.append(cell)
        return row

    def set_text(self, r: int, c: int, text: str) -> None:
        """Replace a slot's text (legacy-font conversion) — the whole merged range, and made Cells."""
        rng = self.anchor.get((r, c))
        slots = [(r, c)] if rng is None else [(rr, cc) for rr in range(rng[0], rng[2] + 1)
                                               for cc in range(rng[1], rng[3] + 1)]
        for rr, cc in slots:
            self.texts[rr][cc] = text
            made = self._rows.get(rr)
            if made is not None:
                made[cc].text = text

    def unique_texts(self) -> Iterator[tuple[int, int, str]]:
        """(r, c, text) of every cell once — a merged range at its top-left slot — in reading order."""
        anchor = self.anchor
        for r, row in enumerate(self.texts):
            if r in self.merged_rows:
                for c, text in enumerate(row):
                    rng = anchor.get((r, c))
                    if rng is None or (rng[0], rng[1]) == (r, c):
                        yield r, c, text
            else:
                for c, text in enumerate(row):
                    yield r, c, text
