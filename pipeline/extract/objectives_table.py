"""The table of quality objectives in an objectives plan or report (STCL Phụ lục 3).

STT | Mục tiêu | Chỉ tiêu | Biện pháp/Kế hoạch | Đơn vị/Người thực hiện | Thời hạn (| Kết quả thực
hiện | Đánh giá). Agencies word these headers differently, type them without diacritics, split
the header over two rows ("Đánh giá" over "Đạt" | "Không đạt"), number the columns in a row of
their own, group objectives under heading rows ("I. Mục tiêu về cải cách hành chính"), merge
cells, and — in a PDF — break the table at each page. All of that reads to one list of objectives.

A column absent from the table is None in every objective (unknown); a present but empty cell is "".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pipeline.errors import ConfigError
from pipeline.extract.common import invalid_value
from pipeline.extract.register_columns import load_labels
from pipeline.extract.titles import WORD
from pipeline.model import Document, Paragraph, Table
from pipeline.records import Problem
from pipeline.text.dates import InvalidValue
from pipeline.text.fold import fold
from pipeline.text.values import clean_value, is_placeholder, parse_choice, unwrap_lines

PLAN_FIELDS = ("no", "objective", "target", "measures", "owner", "deadline")
REPORT_FIELDS = (*PLAN_FIELDS, "result", "evaluation")
KNOWN_COLUMNS = (*REPORT_FIELDS, "eval_yes", "eval_no")
_HEADER_SCAN = 6
_ROMAN = re.compile(r"^(?:[IVXLC]+|[A-Z])\.?$")
_ROMAN_ITEM = re.compile(r"^(?:[IVXLC]+|[A-Z])[.)]\s+\S")
_INDEX_CELL = re.compile(r"^\(?\d{1,2}\)?$")


@dataclass(frozen=True)
class TableSpec:
    """Header labels (folded key, canonical column; longest first) and evaluation values."""

    labels: tuple[tuple[str, str], ...]
    evaluation: dict[str, list[str]]


def header_key(text: str) -> str:
    """A header cell as compared: folded, "(…)" notes dropped, words single-spaced, "/" kept."""
    key = re.sub(r"\([^()]*\)", " ", fold(text))
    return " ".join(WORD.findall(key.replace("/", " / "))).replace(" / ", "/")


@lru_cache(maxsize=4)
def table_spec(directory: str | None = None) -> TableSpec:
    """The objectives table spec from rules/labels/objectives.yaml (or `directory`)."""
    data = load_labels("objectives", directory)
    columns, evaluation = data.get("columns"), data.get("evaluation")
    where = "rules/labels/objectives.yaml"
    if not isinstance(columns, dict) or not {"objective", "no"} <= set(columns):
        raise ConfigError(f"{where}: 'columns' must map canonical columns (no, objective, …) to labels")
    unknown = {str(k) for k in columns} - set(KNOWN_COLUMNS)  # an unquoted `no:` is YAML's False
    if unknown:
        raise ConfigError(f"{where}: unknown column(s) {', '.join(sorted(unknown))}")
    if not isinstance(evaluation, dict) or not evaluation:
        raise ConfigError(f"{where}: 'evaluation' must map values (Đạt, Không đạt) to variants")
    labels = sorted(
        {(header_key(label), name) for name, items in columns.items() for label in items or [] if header_key(label)},
        key=lambda p: (-len(p[0]), p[0]),
    )
    options = {str(k): [str(v) for v in (vs or [])] for k, vs in evaluation.items()}
    return TableSpec(tuple(labels), options)


def column_of(text: str, spec: TableSpec) -> str | None:
    """The canonical column a header cell names (longest label wins; one-word labels match exactly)."""
    key = header_key(text)
    if not key:
        return None
    for label, name in spec.labels:
        if key == label or (" " in label and (key.startswith(label + " ") or key.startswith(label + "/"))):
            return name
    return None


@dataclass
class Layout:
    """Where the header is and which grid column holds which canonical column."""

    columns: dict[str, int]  # canonical -> grid column
    first_data: int  # first data row
    spec: TableSpec


def find_layout(table: Table, spec: TableSpec | None = None) -> Layout | None:
    """The header row (within the first rows) naming at least three columns, one of them Mục tiêu."""
    spec = spec or table_spec()
    for r in range(min(_HEADER_SCAN, table.n_rows)):
        found = _row_columns(table, r, spec)
        if len(found) < 3 or "objective" not in found:
            continue
        first = r + 1
        if first < table.n_rows and _is_sub_header(table, r, found, spec):
            lower = _row_columns(table, first, spec, skip_merged_from=r)
            found = {**{k: v for k, v in found.items() if v not in lower.values()}, **lower}
            first += 1
        while first < table.n_rows and _is_index_row(table, first):
            first += 1
        return Layout(found, first, spec)
    return None


def _row_columns(table: Table, r: int, spec: TableSpec, skip_merged_from: int | None = None) -> dict[str, int]:
    found: dict[str, int] = {}
    for c, cell in enumerate(table.rows[r]):
        if skip_merged_from is not None and table.cell(skip_merged_from, c) is cell:
            continue
        name = column_of(cell.text, spec)
        if name and name not in found:
            found[name] = c
    return found


def _is_sub_header(table: Table, r: int, upper: dict[str, int], spec: TableSpec) -> bool:
    """Row r+1 continues the header: it names a column, and its STT/Mục tiêu cells are merged or empty."""
    below = r + 1
    if not _row_columns(table, below, spec, skip_merged_from=r):
        return False
    for name in ("no", "objective"):
        c = upper.get(name)
        if c is not None and table.cell(below, c) is not table.cell(r, c) and table.rows[below][c].text.strip():
            return False
    return True


def _is_index_row(table: Table, r: int) -> bool:
    """A row numbering the columns: "(1) | (2) | (3) …" or "1 | 2 | 3 …"."""
    texts = [c.text.strip() for c in table.distinct_cells(r) if c.text.strip()]
    return len(texts) >= 3 and all(_INDEX_CELL.match(t) for t in texts)


@dataclass
class ObjectivesTable:
    """All objectives read from a document's objectives table(s)."""

    objectives: list[dict[str, Any]] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)  # canonical columns the table carries
    location: str = ""  # the first table's location
    problems: list[Problem] = field(default_factory=list)


def read_objectives(
    doc: Document, fields: tuple[str, ...] = REPORT_FIELDS, spec: TableSpec | None = None
) -> ObjectivesTable | None:
    """The objectives of every objectives table in the body, continuation tables included; None if none."""
    spec = spec or table_spec()
    out: ObjectivesTable | None = None
    layout: Layout | None = None
    previous: Table | None = None
    gap: list[Paragraph] = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            gap.append(block)
            continue
        own = find_layout(block, spec)
        if own is not None:
            layout, start = own, own.first_data
        elif layout is not None and previous is not None and _continues(previous, block, gap):
            start = 0
        else:
            layout, previous, gap = None, None, []
            continue
        if out is None:
            out = ObjectivesTable(location=block.location())
        _read_rows(block, layout, start, fields, out, continued=own is None, unwrap=doc.format == "pdf")
        out.columns = [f for f in fields if _has_column(layout, f)] or out.columns
        previous, gap = block, []
    return out


def _continues(previous: Table, table: Table, gap: list[Paragraph]) -> bool:
    """A table broken at a page: same column count, no header, at most a page number or two between."""
    short = all(len(p.text.split()) <= 12 for p in gap)
    return table.n_cols == previous.n_cols and len(gap) <= 3 and short and table.depth == previous.depth


def _has_column(layout: Layout, name: str) -> bool:
    if name == "evaluation":
        return any(k in layout.columns for k in ("evaluation", "eval_yes", "eval_no"))
    return name in layout.columns


def _read_rows(
    table: Table, layout: Layout, start: int, fields: tuple[str, ...], out: ObjectivesTable, continued: bool,
    unwrap: bool = False,
) -> None:
    """Objectives of the rows from `start`; `unwrap` (PDF) rejoins texts the narrow cells wrapped."""
    group = out.objectives[-1].get("group") if out.objectives else None
    tidy = (lambda text: unwrap_lines(clean_value(text))) if unwrap else clean_value
    for r in range(start, table.n_rows):
        values = {name: tidy(table.rows[r][c].text) for name, c in layout.columns.items()}
        if not any(values.values()):
            continue
        heading = _group_heading(table, r, layout, values)
        if heading is not None:
            group = heading
            continue
        numbered = any(o.get("no") for o in out.objectives)
        if out.objectives and not values.get("no") and (
            not values.get("objective") or (continued and r == start and numbered)
        ):
            _append(out.objectives[-1], values, fields)
            continue
        out.objectives.append(_objective(table, r, layout, values, fields, group, out.problems))


def _group_heading(table: Table, r: int, layout: Layout, values: dict[str, str]) -> str | None:
    """The title of a heading row ("I. Mục tiêu về cải cách hành chính"), else None."""
    filled = [c for c in table.distinct_cells(r) if clean_value(c.text)]
    if len(filled) == 1 and filled[0].colspan >= 2:  # one cell merged across the row
        return clean_value(filled[0].text)
    objective_cell = table.rows[r][layout.columns["objective"]] if "objective" in layout.columns else None
    others = [k for k, c in layout.columns.items() if k not in ("no", "objective")
              and table.rows[r][c] is not objective_cell]  # a title merged across the row is one cell
    if any(values.get(k) for k in others):
        return None
    no, objective = values.get("no", ""), values.get("objective", "")
    if no and (_ROMAN.match(no) or _ROMAN_ITEM.match(no) or (len(no.split()) >= 2 and not re.search(r"\d", no))):
        return f"{no} {objective}".strip() if objective and objective != no else no
    if not no and objective and objective.upper() == objective and any(ch.isalpha() for ch in objective):
        return objective
    return None


def _objective(
    table: Table, r: int, layout: Layout, values: dict[str, str], fields: tuple[str, ...],
    group: str | None, problems: list[Problem],
) -> dict[str, Any]:
    location = table.location(r)
    item: dict[str, Any] = {}
    for name in fields:
        if name == "evaluation":
            item[name] = _evaluation(values, layout, location, problems)
        elif name in layout.columns:
            item[name] = values.get(name, "")
        else:
            item[name] = None
    if item.get("no"):
        item["no"] = normalize_no(item["no"])
    item["group"] = group
    item["location"] = location
    return item


def _append(previous: dict[str, Any], values: dict[str, str], fields: tuple[str, ...]) -> None:
    """A row continuing the previous objective (a row broken across pages): join its texts."""
    for name in fields:
        if name in ("no", "evaluation") or not values.get(name) or previous.get(name) is None:
            continue
        if values[name] != previous[name]:  # merged cells repeat their text
            previous[name] = f"{previous[name]}\n{values[name]}".strip()


def _evaluation(values: dict[str, str], layout: Layout, location: str, problems: list[Problem]) -> str | None:
    if "evaluation" not in layout.columns and ("eval_yes" in layout.columns or "eval_no" in layout.columns):
        yes, no = values.get("eval_yes", ""), values.get("eval_no", "")
        if yes and no:
            both = f"Đạt: {yes}; Không đạt: {no}"
            problems.append(_invalid(both, location, "cả hai ô Đạt và Không đạt được đánh dấu"))
            return None
        return "Đạt" if yes else "Không đạt" if no else None
    text = values.get("evaluation", "")
    if not text or is_placeholder(text):
        return None
    try:
        return parse_choice(text, layout.spec.evaluation)
    except InvalidValue as exc:
        problems.append(_invalid(text, location, exc.reason))
        return None


def _invalid(text: str, location: str, reason: str) -> Problem:
    return invalid_value("objectives.evaluation", text, location, reason, "Đánh giá")


def normalize_no(text: str) -> str:
    """STT as a pairing key: "01." → "1"; other text stripped of a final dot."""
    text = text.strip().rstrip(".").strip()
    return (text.lstrip("0") or "0") if text.isascii() and text.isdigit() else text

