"""Reading the data rows of a located table: typed values, section markers, notes and footers.

Registers may hold 100,000 rows, so everything that depends only on the header (which grid
column feeds which field, how it is typed) is decided once; per row the work is a pass over
the cells plus one typed read per mapped column, and folding happens only on sparse rows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pipeline.extract.register_columns import Column, HeaderMatch
from pipeline.model import Cell, Table
from pipeline.records import Problem
from pipeline.sheet import SheetRows, slot_key
from pipeline.text.dates import InvalidValue, date_from_value, parse_date, scan_dates
from pipeline.text.fold import fold
from pipeline.text.values import clean_value, parse_choice, parse_retention, unwrap_lines

_EDGE_LEADERS = ".…_·"  # what clean_value strips from either end of a line (runs of dots, …, ___)
_EDGE_LEADERS_SET = frozenset(_EDGE_LEADERS)
_WORD_RUN = re.compile(r"[^\W_]+")
_BLANK_DATE_WORDS = frozenset({"ngay", "thang", "nam", "20"})
_NUMBERING = re.compile(r"\(?\d{1,2}\)?\.?|\(?[A-Z]\)?")
_MARKER = re.compile(r"\s*((?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})|[A-Z])\b\s*[.)/]?\s*(.*)", re.S)
# The first filled cell of a footer: notes, signature captions, totals, a place-date line.
_FOOTER = re.compile(
    r"(?:ghi chu|chu thich|luu y|nguoi lap|nguoi ghi|nguoi tong hop|nguoi theo doi|thu truong|"
    r"xac nhan cua|ky ten|ky, ghi ro|tong cong|tong so|truong ban|truong phong|pho truong|giam doc)\b"
    r"|^.{0,40}\bngay \S{1,4} thang \S{1,4} nam\b"
)
_CACHE_LIMIT = 50_000
_LINE_BREAK = re.compile(r"\s*\n\s*")

Reader = Callable[..., Any]  # (text) → value; a typed column's reader takes (text, value, number format)


def clean_text(text: str) -> str | None:
    """Text as a value: placeholders and dotted leaders removed, None when empty.

    Readers give NFC text already, so a one-line text with no edge spaces, no leader at either end
    and a first word that is not one of a blank date's words ("ngày … tháng … năm 20…") is its own
    value — that check is all most register cells need; the rest go through clean_value.
    """
    if not text:
        return None
    if ("\n" not in text and not text[0].isspace() and not text[-1].isspace() and text[0] not in _EDGE_LEADERS
            and not (text[-1] in "…_" or (text[-1] in ".·" and text[-2:-1] in _EDGE_LEADERS_SET))):
        word = _WORD_RUN.search(text)
        if word is not None and fold(word.group()) not in _BLANK_DATE_WORDS:
            return text
    return clean_value(text) or None


def read_text(text: str) -> str | None:
    return clean_text(text)


def read_wrapped(text: str) -> str | None:
    """Text of a PDF cell: the lines its narrow column wrapped rejoined into one text."""
    value = clean_text(text)
    return unwrap_lines(value) if value and "\n" in value else value


def read_code(text: str) -> str | None:
    """A code or number ("QT.02.ĐGNB", "05/2026/BDT"): a narrow column may wrap it anywhere, even
    inside a word ("QT.02.ĐGN" / "B"), and a code holds no line break — its lines are joined."""
    value = clean_text(text)
    return _LINE_BREAK.sub("", value) if value and "\n" in value else value


def _memo(parse: Callable[[str], Any]) -> Callable[[str], Any]:
    """Memoise a text parser per column (registers repeat their dates and choices); errors too."""
    cache: dict[str, Any] = {}

    def run(text: str) -> Any:
        hit = cache.get(text, cache)
        if hit is cache:
            try:
                hit = parse(text)
            except InvalidValue as exc:
                hit = exc
            if len(cache) > _CACHE_LIMIT:
                cache.clear()
            cache[text] = hit
        if isinstance(hit, InvalidValue):
            raise hit
        return hit

    return run


def _last_date(text: str) -> dt.date | None:
    matches = scan_dates(text)
    dates = [m.date for m in matches if m.date is not None]
    if dates:
        return max(dates)
    for m in matches:
        if m.error:
            raise m.error
    return None


def is_typed(column: Column) -> bool:
    """Columns whose reader takes the slot's typed value too (a real date cell of a workbook)."""
    return column.type in ("date", "last_date")


def make_reader(column: Column, wrapped: bool = False) -> Reader:
    """The reader of one column (see the types in rules/labels/registers.yaml); `wrapped`: the
    table comes from a PDF, whose cells keep the lines their width wrapped."""
    if column.type == "code":
        return read_code
    if is_typed(column):
        parse = _memo(parse_date if column.type == "date" else _last_date)

        def read_date(text: str, value: object, number_format: str) -> dt.date | None:
            if value is not None and not isinstance(value, str):
                return date_from_value(value, number_format, text)  # a date, or a serial in a date-formatted cell
            text = text.strip()
            return parse(text) if text else None

        return read_date
    if column.type == "choice":
        options = {k: list(v or []) for k, v in (column.options or {}).items()}

        def choose(text: str) -> str | None:
            try:
                value = parse_choice(text, options)
            except InvalidValue:
                if column.strict:
                    raise
                value = None
            return value if value or column.strict else (clean_value(text) or None)

        parse_c = _memo(choose)

        def read_choice(text: str) -> str | None:
            text = text.strip()
            return parse_c(text) if text else None

        return read_choice
    return _memo(read_wrapped if wrapped else read_text)  # units, names, statuses repeat down a log


def _read_typed(reader: Reader, r: int, c: int, texts: list[str], cells: list[Cell] | None,
                grid: SheetRows | None) -> Any:
    """A typed column's value: from the Cell when the row was read through its Cells, else from
    the spreadsheet slot's typed value (a date cell) beside its text. SheetRows.value would give a
    text slot its text as value; a date reader ignores text values, so none is made here (this
    runs for every date cell of a 100,000-row log)."""
    if cells is not None:
        cell = cells[c]
        return reader(cell.text, cell.value, cell.number_format)
    assert grid is not None
    hit = grid.typed.get(slot_key(r, c) + grid.typed_offset) if grid.typed else None
    return reader(texts[c], *hit) if hit is not None else reader(texts[c], None, "")


@dataclass
class RowReader:
    """Reads the data rows under one header into dicts {canonical column: typed value, sheet, row}."""

    header: HeaderMatch
    columns: dict[str, Column]
    table: Table  # the table holding the header

    def __post_init__(self) -> None:
        self.wrapped = self.table.page is not None  # a PDF table: its cells hold wrapped lines
        self.plan = [
            (c, name, make_reader(self.columns[name], self.wrapped), self.columns[name].type == "retention",
             is_typed(self.columns[name]))
            for c, name in sorted(self.header.columns.items())
            if name in self.columns
        ]
        self.mapped = {c for c, *_ in self.plan}
        self.group: tuple[str, str] | None = None
        self.seen_data = False
        self.last: dict[str, Any] | None = None  # the last data row read, and whether its first
        self.last_numbered = False  # grid cell was filled (a numbered row that a page may cut)
        self.header_rows = {tuple(self.table.row_texts(r)) for r in range(self.header.row, self.header.data_start)}
        self.header_firsts = {texts[0] for texts in self.header_rows if texts}
        bottom = self.table.row_texts(self.header.data_start - 1)
        self.titles = {c: " ".join(bottom[c].split()) or name for c, name, *_ in self.plan}

    def read(self, table: Table, start: int, problems: list[Problem],
             continued: bool = False) -> list[dict[str, Any]]:
        """The rows of `table` from `start` on; `continued` for a table that continues the previous
        one on the next page, whose first row may be the tail of a row the page break cut.

        A spreadsheet row without merged cells is read from its texts alone (no Cell is made: a
        register may hold 100,000 rows); other rows through their Cells."""
        out: list[dict[str, Any]] = []
        sheet, first, base = table.sheet, table.first_row, _base(table)
        grid = table.grid
        for r in range(start, table.n_rows):
            if grid is not None and r not in grid.merged_rows:
                texts, cells = grid.texts[r], None
                count = _count_filled(texts)
                filled: list[Cell] = []
            else:
                cells = table.rows[r]
                texts = [cell.text for cell in cells]
                filled = _filled(cells)
                count = len(filled)
            if not count:
                continue
            if continued:
                continued = False
                if self.last is not None and self.last_numbered and not texts[0].strip():
                    self._append_tail(r, texts, cells, grid)
                    continue
            if texts[0] in self.header_firsts and tuple(texts) in self.header_rows:
                continue  # a header repeated on a new page
            if r == start and _is_numbering(texts):
                continue  # "(1) (2) (3)" under the header
            if count <= 2:
                if cells is None:
                    cells = table.rows[r]
                    filled = _filled(cells)
                role = self._sparse_role(filled, cells)
                if role == "stop":
                    break
                if role != "data":
                    continue
            record: dict[str, Any] = dict(base)
            record["sheet"] = sheet
            record["row"] = first + r
            for c, name, reader, retention, typed in self.plan:  # rows of a grid all have n_cols cells
                try:
                    value = _read_typed(reader, r, c, texts, cells, grid) if typed else reader(texts[c])
                except InvalidValue as exc:
                    problems.append(_problem(table, r, c, name, self.titles[c], exc))
                    value = None
                record[name] = value
                if retention:
                    record[name + "_parsed"] = parse_retention(value) if value else None
            if self.group:
                record["group"], record["group_title"] = self.group
            out.append(record)
            self.seen_data = True
            self.last, self.last_numbered = record, bool(texts[0].strip())
        return out

    def _append_tail(self, r: int, texts: list[str], cells: list[Cell] | None, grid: SheetRows | None) -> None:
        """Join the tail of a row cut by a page break to that row: text is appended, empty
        typed values are filled."""
        last = self.last
        assert last is not None
        for c, name, reader, retention, typed in self.plan:
            try:
                value = _read_typed(reader, r, c, texts, cells, grid) if typed else reader(texts[c])
            except InvalidValue:
                value = None
            if value is None:
                continue
            kind = self.columns[name].type
            if kind not in ("date", "last_date", "choice") and last.get(name):  # a text: the page cut it
                glue = "" if kind == "code" else "\n"  # a code holds no line break
                last[name] = f"{last[name]}{glue}{value}"
            elif last.get(name) is None:
                last[name] = value
            if retention:
                last[name + "_parsed"] = parse_retention(last[name])

    def _sparse_role(self, filled: list[Cell], row: list[Cell]) -> str:
        """data | stop (footer) | group (section marker, remembered) | note (skipped)."""
        first = filled[0]
        folded = fold(first.text[:80]).lstrip("-*•+ ")
        if _FOOTER.match(folded):
            return "stop" if self.seen_data else "note"
        spans = sum(1 for cell in row if cell is first) > 1
        m = _MARKER.fullmatch(first.text)
        if m and m.group(1):
            title = filled[1].text if len(filled) == 2 else m.group(2)
            if title.strip() and (len(filled) == 2 or spans or m.group(2)):
                self.group = (m.group(1), clean_text(title) or "")
                return "group"
        if len(filled) == 1 and (spans or first.col not in self.mapped or _looks_like_note(first.text)):
            return "note"
        return "data"


def _looks_like_note(text: str) -> bool:
    """A lone remark: "* Số liệu tính đến …", "(Kèm theo …)", or a sentence longer than any key value."""
    text = text.strip()
    return text[:1] in "*(※" or len(text) > 60


def _filled(row: list[Cell]) -> list[Cell]:
    """The distinct non-empty cells of a row, at most three (enough to tell sparse rows)."""
    filled: list[Cell] = []
    prev = None
    for cell in row:
        if cell is prev:
            continue
        prev = cell
        text = cell.text
        if text and not text.isspace():
            filled.append(cell)
            if len(filled) > 2:
                break
    return filled


def _count_filled(texts: list[str]) -> int:
    """Non-empty slots of a row without merges, counted up to three (enough to tell sparse rows)."""
    count = 0
    for text in texts:
        if text and not text.isspace():
            count += 1
            if count > 2:
                break
    return count


def _is_numbering(texts: list[str]) -> bool:
    """A column-number row such as "(1) (2) (3)" or "1 2 3 4" right under a header."""
    filled = [t.strip() for t in texts if t.strip()]
    return len(filled) >= 3 and all(_NUMBERING.fullmatch(t) for t in filled)


def _base(table: Table) -> dict[str, Any]:
    """Where a row lives besides its row number: the table (and page) of a DOCX/PDF table."""
    if table.sheet is not None:
        return {}
    base: dict[str, Any] = {"table": table.index}
    if table.page:
        base["page"] = table.page
    return base


def _problem(table: Table, r: int, c: int, name: str, title: str, exc: InvalidValue) -> Problem:
    return Problem(
        code="invalid_value",
        message=f"Giá trị không hợp lệ ở cột “{title}”: {exc.reason} (“{exc.text}”)",
        field=name,
        value=exc.text,
        location=table.location(r, c),
        row=table.first_row + r,
    )
