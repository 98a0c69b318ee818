"""Helpers every form extractor shares: field spec tables, typed values with Problems, signatures.

A form's labels live in rules/labels/<kind>.yaml (see capa_request.yaml for the format); this
module turns them into a `FormSpec`, finds the fields with pipeline.text.labels, and coerces each
found text to its type. A value that is present but wrong (31/02/2026, an unknown choice) becomes
None plus a Problem(code="invalid_value") naming the field — CTCL093 — never a silent drop.

Public API:
- ``FieldSpec``, ``FormSpec``, ``load_form_spec(kind, directory=None)``.
- ``invalid_value(field, value, location, reason, label="") -> Problem``.
- ``coerce_date(found, spec, problems)``, ``coerce_choice(found, spec, problems)``.
- ``choice_text(found)`` — a choice's whole row when its options sit in several cells.
- ``signature_name(text, hints=()) -> str`` and ``block_dates(text)``.
- ``fill_record(record, spec, found)`` — type every field of a spec into a Record.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pipeline.errors import ConfigError
from pipeline.extract.register_columns import load_labels
from pipeline.model import Cell
from pipeline.records import Problem, Record
from pipeline.text.dates import InvalidValue, date_from_cell, parse_date, scan_dates
from pipeline.text.fold import fold, nfc
from pipeline.text.labels import Found, LabelSpec
from pipeline.text.values import clean_value, is_placeholder, mark_state, read_choice, unwrap_lines

FIELD_TYPES = {"text", "date", "choice", "name", "date_list"}


@dataclass(frozen=True)
class FieldSpec:
    """One canonical field of a form: its labels and how its text is typed."""

    name: str
    labels: tuple[str, ...]
    type: str = "text"
    options: dict[str, list[str]] | None = None  # choice: canonical -> variants
    block_date: str | None = None  # name: the date field a date in the block fills

    @property
    def title(self) -> str:
        """The field's Vietnamese name for messages (its first label)."""
        return self.labels[0] if self.labels else self.name


@dataclass(frozen=True)
class FormSpec:
    """A form kind's label table as loaded from rules/labels/<kind>.yaml."""

    kind: str
    fields: dict[str, FieldSpec]
    code: str = ""
    titles: tuple[str, ...] = ()
    stop_labels: tuple[str, ...] = ()
    signature_hints: tuple[str, ...] = ()
    min_fields: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def labels(self) -> LabelSpec:
        return {name: list(f.labels) for name, f in self.fields.items()}


def load_form_spec(kind: str, directory: str | None = None) -> FormSpec:
    """The FormSpec of `kind` from rules/labels/<kind>.yaml; ConfigError names the file when wrong."""
    data = load_labels(kind, directory)
    fields: dict[str, FieldSpec] = {}
    for name, raw in (data.get("fields") or {}).items():
        raw = raw or {}
        ftype = raw.get("type", "text")
        labels = raw.get("labels") or []
        if ftype not in FIELD_TYPES or not labels or not all(isinstance(x, str) for x in labels):
            raise ConfigError(f"rules/labels/{kind}.yaml: field {name!r} needs labels and a known type")
        options = raw.get("options")
        if ftype == "choice" and not isinstance(options, dict):
            raise ConfigError(f"rules/labels/{kind}.yaml: choice field {name!r} needs options")
        options = {str(k): [str(x) for x in (v or [])] for k, v in options.items()} if options else None
        fields[name] = FieldSpec(name, tuple(labels), ftype, options, raw.get("block_date"))
    known = {"code", "titles", "stop_labels", "signature_hints", "min_fields", "fields"}
    return FormSpec(
        kind=kind,
        fields=fields,
        code=str(data.get("code") or ""),
        titles=tuple(data.get("titles") or ()),
        stop_labels=tuple(data.get("stop_labels") or ()),
        signature_hints=tuple(data.get("signature_hints") or ()),
        min_fields=int(data.get("min_fields") or 0),
        extra={k: v for k, v in data.items() if k not in known},
    )


# ---------------------------------------------------------------------------------------------
# Problems and typed values.


def invalid_value(field_name: str, value: str, location: str | None, reason: str, label: str = "") -> Problem:
    """The Problem behind CTCL093: a field holds a value that cannot be right."""
    shown = f"«{label}» ({field_name})" if label else field_name
    return Problem(
        code="invalid_value",
        message=f"Trường {shown} có giá trị không hợp lệ: «{value}» — {reason}",
        field=field_name,
        value=value,
        location=location,
    )


_PARTIAL = re.compile(r"[.…_]{2,}|…")


def coerce_date(found: Found, spec: FieldSpec, problems: list[Problem]) -> dt.date | None:
    """The date of a found value; None (+ a Problem when something unreadable was written).

    A typed spreadsheet date wins over the text. A half-filled skeleton ("05/…/2026") is blank.
    """
    try:
        if found.cell is not None and found.source != "inline" and found.cell.value is not None:
            value = date_from_cell(found.cell)
        else:
            value = parse_date(found.text)
    except InvalidValue as err:
        problems.append(invalid_value(spec.name, err.text, found.location, err.reason, spec.title))
        return None
    if value is None and found.text and not _PARTIAL.search(found.text):
        problems.append(invalid_value(spec.name, found.text, found.location, "không đọc được ngày", spec.title))
    return value


def choice_text(found: Found) -> str:
    """The text a choice is read from: its value, or — options spread over the cells of its row
    ("☒ | Khắc phục | ☐ | Cải tiến") — the row from the value cell on. Options set over a row of
    marks (| Đạt | Không đạt | above | ✓ | |), in the rows of the form or in a small table nested
    in the value cell, read as "☒ Đạt  ☐ Không đạt"."""
    cell = found.cell
    if cell is not None and not clean_value(found.raw):
        for nested in cell.tables:
            for r in range(nested.n_rows - 1):
                stacked = _stacked_choice(nested.distinct_cells(r), nested.rows[r + 1])
                if stacked:
                    return stacked
    if found.source != "right" or found.grid is None or cell is None or found.row is None:
        return found.raw
    grid, row = found.grid, found.row
    options = [c for c in grid.distinct_cells(row) if c.col >= cell.col]
    below = grid.rows[row + cell.rowspan] if row + cell.rowspan < grid.n_rows else None
    label = found.anchor
    if below is not None and isinstance(label, Cell):  # the row below still belongs to this label
        under_label = below[label.col]
        if under_label is label or not under_label.text.strip():
            stacked = _stacked_choice(options, below)
            if stacked:
                return stacked
    return "  ".join(c.text for c in options if c.text.strip())


def _stacked_choice(options: list[Cell], below: list[Cell]) -> str | None:
    """Options in `options` with their marks in the `below` row's cells under them, as one line;
    None unless every cell under an option is a mark or empty and at least one is a mark."""
    parts: list[str] = []
    marked = False
    for option in options:
        if not option.text.strip():
            continue
        under = below[option.col] if option.col < len(below) else None
        if under is None or under is option:
            return None
        state = mark_state(under.text) if under.text.strip() else False
        if state is None:
            return None
        marked = marked or bool(under.text.strip())
        parts.append(f"{'☒' if state else '☐'} {' '.join(option.text.split())}")
    return "  ".join(parts) if marked and len(parts) >= 2 else None


def coerce_choice(found: Found, spec: FieldSpec, problems: list[Problem]) -> str | None:
    """The canonical option selected; None + a Problem for an unknown choice.

    Several options ticked → the first, and a Problem(code="multiple_choices") says so.
    """
    text = choice_text(found)
    try:
        choice = read_choice(text, spec.options or {})
    except InvalidValue as err:
        problems.append(invalid_value(spec.name, clean_value(err.text), found.location, err.reason, spec.title))
        return None
    if choice.ambiguous:
        problems.append(Problem(
            code="multiple_choices",
            message=f"Trường «{spec.title}» ({spec.name}) đánh dấu nhiều lựa chọn: "
            f"{', '.join(choice.selected)}; đã lấy «{choice.value}»",
            field=spec.name, value=clean_value(text), location=found.location,
        ))
    return choice.value


# ---------------------------------------------------------------------------------------------
# Signature blocks.

DEFAULT_HINTS = ("Ký, ghi rõ họ tên", "Ký và ghi rõ họ tên", "Ký, họ tên", "Ký tên", "Đã ký", "Chữ ký")
_NAME_PREFIX = re.compile(r"^\s*(?:họ\s*(?:và)?\s*tên|ho\s*(?:va)?\s*ten)\s*[:：]\s*", re.IGNORECASE)
_ROLE_LINE = re.compile(r"^\s*(?:chức\s*vụ|chuc\s*vu|đơn\s*vị|don\s*vi)\s*[:：]", re.IGNORECASE)
_HINT_PAREN = re.compile(r"\((?:[^()]*\b(?:ký|ky|họ\s+tên|ho\s+ten|chữ\s+ký)\b[^()]*)\)", re.IGNORECASE)
# what stays of a date line once its date is cut out: "ngày", "Ngày … tháng … năm …", a comma
_DANGLING_DATE = re.compile(r"[,;\s]*\b(?:ngày|ngay)\b.*$|[,;\s]*(?:tháng|năm)\b[\s.…_]*$", re.IGNORECASE)


def _is_hint(line: str, hints: Iterable[str]) -> bool:
    folded = fold(line).strip(" ()[]")
    if not folded:
        return True
    if line.strip().startswith("(") and line.strip().endswith(")"):
        return True  # "(Ký, ghi rõ họ tên)", "(chữ ký)", any bracketed instruction line
    return any(folded == fold(h) or folded.startswith(fold(h) + " ") for h in hints)


_ROLE_WORDS = re.compile(
    r"\b(?:truong|pho|giam doc|lanh dao|chanh|thu ky|chu tich|chu tri|nguoi|ban|phong|kt|tm|q|iso|"
    r"phe duyet|kiem tra|xac nhan|dai dien|can bo|chuyen vien)\b"
)


def _is_role_caption(line: str) -> bool:
    """A capitalised role line of a signing block ("TRƯỞNG BAN", "KT. CHÁNH VĂN PHÒNG")."""
    letters = [ch for ch in line if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters) and bool(_ROLE_WORDS.search(fold(line)))


def signature_name(text: str, hints: Iterable[str] = DEFAULT_HINTS, wrapped: bool = False) -> str:
    """The signer's name in a signature block's value: hints, role and date lines dropped.

    "(Ký, ghi rõ họ tên)\\n\\nNguyễn Văn A" → "Nguyễn Văn A"; "Họ tên: Nguyễn Văn A" → the name.
    The last remaining line is the name (names sit at the bottom of a signing block). `wrapped`
    (PDF cells) rejoins a name the page broke over lines ("Nguyễn Thị" / "Nguyệt").
    """
    hints = tuple(hints) or DEFAULT_HINTS
    lines: list[tuple[str, bool]] = []
    roles = 0
    for line in _HINT_PAREN.sub("", clean_value(text)).split("\n"):
        line = line.strip()
        if not line or _is_hint(line, hints) or _ROLE_LINE.match(line):
            continue
        if _is_role_caption(line):
            roles += 1
            continue
        dated = False
        for m in scan_dates(line):  # "Võ Nam Thắng, ngày 02/11/2026" → "Võ Nam Thắng"
            line, dated = line.replace(m.raw, " "), True
        cut = _DANGLING_DATE.sub("", line)
        dated = dated or cut != line
        line = _NAME_PREFIX.sub("", cut).strip(" .,;:-–")
        if line and not is_placeholder(line):
            lines.append((line, dated))
    # a line that held a date is a name only when nothing else is ("Khánh Hòa, ngày …" above a
    # role caption is a place)
    plain = [x for x, dated in lines if not dated]
    chosen = plain or ([] if roles else [x for x, _ in lines])
    if not chosen:
        return ""
    name = chosen[-1]
    if wrapped:
        for before in reversed(chosen[:-1]):
            joined = f"{before} {name}"
            if not (_capitalised(joined) and len(joined.split()) <= 5):
                break
            name = joined
    return nfc(name)


def _capitalised(text: str) -> bool:
    """Every word starts with a capital letter, as a person's name does ("Nguyễn Thị Nguyệt")."""
    return all(w[:1].isupper() for w in text.split())


def block_date_text(text: str) -> str:
    """The first date-like fragment written in a block ("Ngày 02/11/2026"), or ""."""
    matches = scan_dates(text or "")
    return matches[0].raw if matches else ""


# ---------------------------------------------------------------------------------------------
# A whole record.


def fill_record(record: Record, spec: FormSpec, found: dict[str, Found], unwrap: bool = False) -> None:
    """Type every field of `spec` into `record.fields`, with locations and problems.

    Every canonical field is present: None when absent or blank, date lists included (a form
    carries all its fields, so rules may treat None as "empty"). A name field's block date
    ("Ngày 02/11/2026" under the signature) fills its `block_date` field when that has no value.
    `unwrap` (PDF sources) rejoins text values that the page layout wrapped over several lines.
    """
    for name, fs in spec.fields.items():
        f = found.get(name)
        value: Any = None
        if f is not None:
            record.locations[name] = f.location
            value = _typed(f, fs, spec, record.problems, unwrap)
            if unwrap and fs.type == "text" and value:
                value = unwrap_lines(value)
        record.fields[name] = value
    for name, fs in spec.fields.items():
        target = fs.block_date
        f = found.get(name)
        if not target or f is None or record.fields.get(target) is not None or target in _problem_fields(record):
            continue
        raw = block_date_text(f.raw)
        if raw:
            record.fields[target] = coerce_date(
                Found(raw, f.location, f.label, target), spec.fields.get(target, fs), record.problems
            )
            record.locations[target] = f.location


def _typed(f: Found, fs: FieldSpec, spec: FormSpec, problems: list[Problem], unwrap: bool = False) -> Any:
    if fs.type == "date":
        return coerce_date(f, fs, problems)
    if fs.type == "choice":
        return coerce_choice(f, fs, problems)
    if fs.type == "name":
        return signature_name(f.raw, spec.signature_hints, wrapped=unwrap) or None
    if fs.type == "date_list":
        return dates_in(f.raw, f.location, fs, problems) or None
    return f.text or None


def dates_in(text: str, location: str, fs: FieldSpec, problems: list[Problem]) -> list[dt.date]:
    """Every date of a text (progress reports in one cell); impossible ones become Problems."""
    out: list[dt.date] = []
    for m in scan_dates(text):
        if m.date is not None:
            out.append(m.date)
        elif m.error is not None:
            problems.append(invalid_value(fs.name, m.raw, location, m.error.reason, fs.title))
    return out


def _problem_fields(record: Record) -> set[str]:
    return {p.field for p in record.problems if p.field}
