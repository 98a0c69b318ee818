"""The parts of a controlled document besides its header block: approval block, BIỂU MẪU table,
HỒ SƠ table. Each is found by its labels (rules/labels/controlled_document.yaml), not by position.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.extract.doc_header import normalize_code
from pipeline.extract.register_columns import TableSpec, compile_kind, header_key, register_spec
from pipeline.extract.registers import locate_tables, read_register
from pipeline.model import Cell, Document, Paragraph, Table
from pipeline.records import Problem
from pipeline.text.fold import fold
from pipeline.text.values import clean_value

ROLES = ("drafted_by", "reviewed_by", "approved_by")
_NUMBERING = re.compile(r"^[\divxlc]+[.)]?\s+|^[-*•+]\s*")
_PARENS = re.compile(r"\([^)]*\)")
_SIGN_NOTE = re.compile(r"\s*(?:da ky|ky ten|ky, ghi ro ho ten|ky va ghi ro ho ten|chu ky)\s*[:.]?\s*$")
_SPACES = re.compile(r"\s+")


def _role_of(key: str, roles: dict[str, list[str]]) -> str | None:
    for role, variants in roles.items():
        for v in variants:
            if key == v or (" " in v and key.startswith(v + " ")):
                return role
    return None


def approval_block(doc: Document, data: dict[str, Any]) -> tuple[dict[str, str | None], str | None]:
    """Names of the drafter, reviewer and approver, and where the block is.

    The block is a table with a row naming at least two roles (Soạn thảo | Xem xét | Phê duyệt) and,
    below it, a row labelled "Họ tên"/"Họ và tên" holding the names. Without such a row (no label
    column), the last filled line under each role is its name. An empty name is None.
    """
    spec = data.get("approval") or {}
    roles = {r: [header_key(v) for v in spec.get(r, [])] for r in ROLES}
    name_keys = {header_key(v) for v in spec.get("name_row", [])}
    for table in doc.tables(include_headers=False):
        for r in range(min(table.n_rows, 12)):
            role_cols: dict[str, Cell] = {}
            for cell in table.distinct_cells(r):
                role = _role_of(header_key(cell.text), roles)
                if role and role not in role_cols:
                    role_cols[role] = cell
            if len(role_cols) < 2:
                continue
            names = _names(table, r, role_cols, name_keys)
            return {role: names.get(role) for role in ROLES}, table.location()
    return {role: None for role in ROLES}, None


def _names(table: Table, r: int, role_cols: dict[str, Cell], name_keys: set[str]) -> dict[str, str | None]:
    left = min(c.col for c in role_cols.values())
    for r2 in range(r + 1, table.n_rows):
        row = table.rows[r2]
        if any(header_key(row[c].text) in name_keys for c in range(left)):
            return {role: _name(table.cell(r2, cell.col), row[:left]) for role, cell in role_cols.items()}
    if left > 0:
        return {}  # labelled rows but no "Họ tên" row: names unknown
    out: dict[str, str | None] = {}
    for role, cell in role_cols.items():
        below = [table.cell(r2, cell.col) for r2 in range(r + 1, table.n_rows)]
        names = [n for c in below if c is not None and c is not cell for n in [_clean_name(c.text)] if n]
        out[role] = names[-1] if names else None
    return out


def _name(cell: Cell | None, label_cells: list[Cell]) -> str | None:
    if cell is None or any(cell is c for c in label_cells):
        return None
    return _clean_name(cell.text)


def _clean_name(text: str) -> str | None:
    """A name on one line (a PDF wraps long names), without a "Họ tên:" label, "(đã ký)" notes or
    signature instructions ("Ký tên", "Đã ký")."""
    lines = [_PARENS.sub(" ", ln) for ln in clean_value(text).split("\n")]
    lines = [ln for ln in lines if ln.strip() and not _SIGN_NOTE.match(fold(ln))]
    text = re.sub(r"(?i)^\s*h[ọo]\s*(v[àa]\s*)?t[êe]n\s*:?", "", " ".join(lines))
    text = re.sub(r"\s+", " ", text).strip(" :.-")
    return text or None


def _headings(doc: Document) -> dict[int, str]:
    """For each body table, the folded text of the last non-empty paragraph before it (numbering removed)."""
    out: dict[int, str] = {}
    last = ""
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            if block.text.strip():
                last = _NUMBERING.sub("", fold(block.text)).strip(" :.")
            continue
        for table in [block, *block.iter_tables()]:
            out[id(table)] = last
    return out


def _one_line(text: str | None) -> str | None:
    """Names and holders are one line; a PDF wraps them inside the cell."""
    return _SPACES.sub(" ", text).strip() if text else text


def _row_location(row: dict[str, Any]) -> str:
    parts = [f"trang {row['page']}"] if row.get("page") else []
    parts.append(f"sheet '{row['sheet']}'" if row.get("sheet") else f"bảng {row.get('table')}")
    parts.append(f"hàng {row['row']}")
    return ", ".join(parts)


def forms_table(doc: Document, data: dict[str, Any]) -> tuple[list[dict[str, Any]], list[Problem]]:
    """The BIỂU MẪU table: [{code, name, location}] — a table with a code and a name column, under a
    heading "BIỂU MẪU" or with "biểu mẫu" in its column labels."""
    spec_data = data.get("forms_table") or {}
    spec = TableSpec([compile_kind("forms", spec_data)], int(spec_data.get("min_labels", 2)), 5)
    words = tuple(fold(w) for w in data.get("forms_headings", []))
    headings = _headings(doc)
    for reg in locate_tables(doc, spec):
        head = reg.table.rows[reg.header.row]
        in_labels = any("bieu mau" in header_key(c.text) for c in head)
        if not (in_labels or headings.get(id(reg.table), "") in words):
            continue
        rows, problems = read_register(reg, spec)
        forms = [
            {"code": normalize_code(row["code"]) if row.get("code") else None, "name": _one_line(row.get("name")),
             "location": _row_location(row)}
            for row in rows
            if row.get("code") or row.get("name")
        ]
        return forms, problems
    return [], []


def records_table(doc: Document, directory: str | None = None) -> tuple[list[dict[str, Any]], list[Problem]]:
    """The HỒ SƠ table: [{name, holder, retention (text), retention_parsed, location}].

    Read with the records-register columns (Tên hồ sơ | Trách nhiệm lưu | Thời gian lưu), two labels
    being enough inside a procedure. An empty retention stays empty (None): the rules report it.
    """
    kind = next(k for k in register_spec(directory).kinds if k.name == "records_register")
    spec = TableSpec([kind], 2, 15)
    out: list[dict[str, Any]] = []
    problems: list[Problem] = []
    for reg in locate_tables(doc, spec):
        rows, found = read_register(reg, spec)
        problems.extend(found)
        for row in rows:
            out.append({
                "name": _one_line(row.get("name")),
                "holder": _one_line(row.get("holder")),
                "retention": row.get("retention"),
                "retention_parsed": row.get("retention_parsed"),
                "location": _row_location(row),
            })
    return out, problems
