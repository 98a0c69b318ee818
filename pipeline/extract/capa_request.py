"""BM.CTCL.01 — Phiếu yêu cầu hành động khắc phục/cải tiến (CAPA request), any layout.

Recognised by its title set as a heading near the start (or standing alone next to the form code
BM.CTCL.01), plus enough of its own field labels: a procedure that only names the form in its text
or its BIỂU MẪU table is not a form. Fields are read by label (rules/labels/capa_request.yaml), so
a two-column table, "Label: value" paragraphs and a labels-over-values table read alike, from DOCX
or PDF.

Output: every canonical field of SPEC §3.2 is present in Record.fields — None when absent or blank
(placeholder dots), dates as datetime.date, choices as their canonical value, progress_reports as
a list of dates (None when there is none). Invalid values are None plus Problem(code="invalid_value");
several ticked options give the first plus Problem(code="multiple_choices").
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from pipeline.extract import ExtractContext
from pipeline.extract.common import FormSpec, coerce_date, dates_in, fill_record, invalid_value, load_form_spec
from pipeline.extract.signatures import find_signatures, pick
from pipeline.extract.titles import find_title
from pipeline.model import Cell, Document, Paragraph, Table
from pipeline.records import Problem, Record
from pipeline.text.dates import InvalidValue, date_from_cell
from pipeline.text.fold import fold
from pipeline.text.labels import Found, find_all, find_fields, index_of, match_label

KIND = "capa_request"
PROGRESS = "progress_reports"


@lru_cache(maxsize=1)
def form_spec() -> FormSpec:
    """The label table of BM.CTCL.01 (rules/labels/capa_request.yaml)."""
    return load_form_spec(KIND)


def detect(doc: Document) -> bool:
    """A BM.CTCL.01 form: its title as a standalone heading and at least `min_fields` of its labels."""
    spec = form_spec()
    title = find_title(doc, spec.titles, codes=[spec.code] if spec.code else ())
    if title is None:
        return False
    found = find_fields(doc, spec.labels, spec.stop_labels, accept=lambda f: not title.holds(f))
    return len(found) >= spec.min_fields


def extract(doc: Document, ctx: ExtractContext) -> Record:
    """Every field of the form (see the module docstring for the conventions)."""
    spec = form_spec()
    index = index_of(doc)
    others = [label for name, f in spec.fields.items() if name != PROGRESS for label in f.labels]
    progress_labels = list(spec.fields[PROGRESS].labels)
    progress_found = find_all(index, progress_labels, [*others, *spec.stop_labels], name=PROGRESS)
    record = Record(kind=KIND)
    table_dates = _progress_from_table(doc, progress_found, record.problems)
    skip: set[int] = set(table_dates[2]) if table_dates else set()
    title = find_title(doc, spec.titles, codes=[spec.code] if spec.code else ())

    def accept(found: Found) -> bool:
        if title is not None and title.holds(found):
            return False  # the title's "HÀNH ĐỘNG KHẮC PHỤC/CẢI TIẾN" line is not the actions label
        return id(found.anchor) not in skip and (found.cell is None or id(found.cell) not in skip)

    found = find_fields(index, spec.labels, spec.stop_labels, accept=accept)
    if table_dates:
        found.pop(PROGRESS, None)
    fill_record(record, spec, found, unwrap=doc.format == "pdf")
    _names_from_signing_blocks(doc, record, spec)
    if table_dates:
        record.fields[PROGRESS] = table_dates[0] or None
        record.locations[PROGRESS] = table_dates[1]
    return record


def _names_from_signing_blocks(doc: Document, record: Record, spec: FormSpec) -> None:
    """A name its label left blank, taken from the signing block captioned with one of the field's
    labels ("NGƯỜI ĐỀ XUẤT", "LÃNH ĐẠO PHÊ DUYỆT"): a PDF runs side-by-side signing columns into one
    line, so the caption is no longer followed by its own name."""
    blank = [fs for fs in spec.fields.values() if fs.type == "name" and record.fields.get(fs.name) is None]
    signatures = find_signatures(doc) if blank else []
    for fs in blank:
        patterns = [rf"(?<![^\W_]){re.escape(fold(label))}(?![^\W_])" for label in fs.labels]
        signer = pick(signatures, *patterns)
        if signer is None or not signer.name:
            continue
        record.fields[fs.name] = signer.name
        record.locations[fs.name] = signer.location
        target = fs.block_date
        if target and signer.date_text and record.fields.get(target) is None:
            found = Found(signer.date_text, signer.location, fs.title, target)
            record.fields[target] = coerce_date(found, spec.fields.get(target, fs), record.problems)
            record.locations[target] = signer.location


# ---------------------------------------------------------------------------------------------
# Progress reports: a small Ngày | Nội dung table near the label, else the dates of its value.


def _progress_from_table(
    doc: Document, occurrences: list[Found], problems: list[Problem]
) -> tuple[list[dt.date], str, list[int]] | None:
    """(dates, location, ids of the table's cells) when a progress table belongs to the label."""
    for found in occurrences:
        located = _table_for(doc, found)
        if located is None:
            continue
        table, header_row = located
        return _read_progress(table, header_row, problems)
    return None


def _table_for(doc: Document, found: Found) -> tuple[Table, int] | None:
    anchor = found.anchor
    if isinstance(anchor, Cell):
        for holder in (found.cell, anchor):  # a table nested in the value cell or the label cell
            for nested in holder.tables if holder is not None else []:
                row = _date_header_row(nested, range(min(2, nested.n_rows)))
                if row is not None:
                    return nested, row
        table = _table_of(doc, anchor)
        if table is not None:  # header row right below the label's row, in the same table
            below = anchor.row + anchor.rowspan
            row = _date_header_row(table, range(below, min(below + 1, table.n_rows)))
            if row is not None:
                return table, row
    if isinstance(anchor, Paragraph):
        table = _next_table(doc, anchor)
        if table is not None:
            row = _date_header_row(table, range(min(2, table.n_rows)))
            if row is not None:
                return table, row
    return None


def _date_header_row(table: Table, rows: range) -> int | None:
    """The row among `rows` whose cells head a date column ("Ngày", "Ngày báo cáo", "Thời gian")."""
    for r in rows:
        heads = [fold(c.text).strip(" :") for c in table.distinct_cells(r)]
        if len(heads) >= 2 and any(_is_date_head(h) for h in heads):
            return r
    return None


def _is_date_head(head: str) -> bool:
    words = head.split()
    return bool(words) and len(words) <= 4 and (words[0] == "ngay" or head.startswith("thoi gian"))


def _read_progress(
    table: Table, header_row: int, problems: list[Problem]
) -> tuple[list[dt.date], str, list[int]]:
    heads = table.rows[header_row]
    col = next(c for c, cell in enumerate(heads) if _is_date_head(fold(cell.text).strip(" :")))
    dates: list[dt.date] = []
    cells = [id(c) for c in heads]
    spec = form_spec()
    for r in range(header_row + 1, table.n_rows):
        row = table.rows[r]
        first = next((c for c in table.distinct_cells(r) if c.text.strip()), None)
        hit = match_label(first.text, spec.labels) if first is not None else None
        if hit is not None and hit.field is not None:
            break  # the next field of the form
        cell = row[col]
        cells.extend(id(c) for c in row)
        try:
            value = date_from_cell(cell)
        except InvalidValue as err:
            problems.append(invalid_value(PROGRESS, err.text, table.location(r), err.reason, "Báo cáo tiến độ"))
            continue
        if value is not None:
            dates.append(value)
        elif cell.text.strip():  # several dates in one cell, or prose around a date
            dates.extend(dates_in(cell.text, table.location(r), spec.fields[PROGRESS], problems))
    return dates, table.location(header_row), cells


def _table_of(doc: Document, cell: Cell) -> Table | None:
    for table in doc.tables():
        for row in table.rows:
            if any(c is cell for c in row):
                return table
    return None


def _next_table(doc: Document, paragraph: Paragraph) -> Table | None:
    """The table right after `paragraph` (empty paragraphs skipped), in the body or the headers."""
    for blocks in (doc.blocks, doc.headers):
        for i, block in enumerate(blocks):
            if block is paragraph:
                for nxt in blocks[i + 1 :]:
                    if isinstance(nxt, Table):
                        return nxt
                    if nxt.text.strip():
                        return None
                return None
    return None
