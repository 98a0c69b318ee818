"""Which row of a table is its header, and which canonical column each header cell names.

The label variants are data (rules/labels/*.yaml); this module compiles them once into a
lookup so a header cell is matched in one dictionary probe after the first time it is seen.
Registers, a procedure's HỒ SƠ table and its BIỂU MẪU table all use the same matcher.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from pipeline.errors import ConfigError
from pipeline.model import Cell, Table
from pipeline.text.fold import fold
from pipeline.yaml_safe import safe_load

LABELS_DIR = Path(__file__).resolve().parents[2] / "rules" / "labels"

_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_EDGE = " :*.-–;,"


@lru_cache(maxsize=16)
def load_labels(name: str, directory: str | None = None) -> dict[str, Any]:
    """The YAML label file `name` (e.g. "registers") from rules/labels/ or `directory`."""
    path = Path(directory or LABELS_DIR) / f"{name}.yaml"
    try:
        with open(path, encoding="utf-8") as fh:
            data = safe_load(fh)
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping at the top level")
    return data


@lru_cache(maxsize=16384)
def header_key(text: str) -> str:
    """A header cell's text as compared: folded, "(dd/mm/yyyy)" notes and edge punctuation removed."""
    if not text:
        return ""
    return fold(_PAREN.sub(" ", text)).strip(_EDGE)


@dataclass(frozen=True)
class Column:
    """One canonical column: how its cells are typed."""

    name: str
    type: str = "text"  # text | date | last_date | choice | retention
    options: dict[str, list[str]] | None = None
    strict: bool = False  # choice: an unknown value is an invalid value (else the text is kept)


@dataclass
class KindSpec:
    """A table kind: its columns, the columns it cannot do without, its label lookup."""

    name: str
    columns: dict[str, Column]
    required: list[list[str]]
    labels: list[tuple[str, str]]  # (folded label, column), longest first
    order: int = 0

    def matches(self, key: str) -> tuple[str, bool, int] | None:
        """(column, exact, label length) of the longest label that `key` equals or starts with."""
        for label, column in self.labels:
            if key == label:
                return column, True, len(label)
            if " " in label and key.startswith(label) and key[len(label)] in " /":
                return column, False, len(label)
        return None

    def required_ok(self, columns: set[str]) -> bool:
        return all(any(c in columns for c in group) for group in self.required)


def compile_kind(name: str, data: dict[str, Any], order: int = 0) -> KindSpec:
    """A KindSpec from its YAML mapping (columns: {name: {labels, type, options, strict}}, required)."""
    columns: dict[str, Column] = {}
    labels: list[tuple[str, str]] = []
    for col, spec in (data.get("columns") or {}).items():
        spec = spec or {}
        columns[col] = Column(col, spec.get("type", "text"), spec.get("options"), bool(spec.get("strict")))
        labels.extend((header_key(label), col) for label in spec.get("labels", []))
    labels = [lc for lc in labels if lc[0]]
    labels.sort(key=lambda lc: -len(lc[0]))
    return KindSpec(name, columns, [list(g) for g in data.get("required", [])], labels, order)


@dataclass
class TableSpec:
    """A family of table kinds that compete for a table (e.g. the five registers)."""

    kinds: list[KindSpec]
    min_labels: int = 3
    header_rows: int = 15
    _cache: dict[str, list[tuple[str, str, bool, int]]] = field(default_factory=dict, repr=False)

    def match(self, key: str) -> list[tuple[str, str, bool, int]]:
        """Every kind's reading of one header key: [(kind, column, exact, label length)], memoised."""
        hit = self._cache.get(key)
        if hit is None:
            hit = []
            for kind in self.kinds:
                m = kind.matches(key) if key else None
                if m:
                    hit.append((kind.name, *m))
            if len(self._cache) > 50_000:  # a long run meets many headers: keep memory flat
                self._cache.clear()
            self._cache[key] = hit
        return hit


@lru_cache(maxsize=4)
def register_spec(directory: str | None = None) -> TableSpec:
    """The five register kinds of rules/labels/registers.yaml."""
    data = load_labels("registers", directory)
    kinds = [compile_kind(n, k, i) for i, (n, k) in enumerate((data.get("kinds") or {}).items())]
    return TableSpec(kinds, int(data.get("min_labels", 3)), int(data.get("header_rows", 15)))


@dataclass
class HeaderMatch:
    """Where a table's header is and what its columns are."""

    kind: str
    row: int  # 0-based index of the (first) header row
    height: int  # rows the header spans: 2 or more for a group header above sub-headers
    columns: dict[int, str]  # grid column -> canonical column
    score: int
    exact: int

    @property
    def data_start(self) -> int:
        return self.row + self.height


def _candidates(top: Cell, bottom: Cell | None) -> list[str]:
    """Texts a header column may be read as: one row, or a sub-header under a group header."""
    if bottom is None or bottom is top or not bottom.text.strip():
        return [header_key(top.text)]
    t, b = top.text, bottom.text
    if not t.strip():
        return [header_key(b)]
    return [header_key(b), header_key(f"{t} {b}"), header_key(f"{b} {t}"), header_key(t)]


def _evaluate(spec: TableSpec, per_col: list[list[str]]) -> dict[str, tuple[int, int, dict[int, str]]]:
    """Per kind: (score, exact count, column map) for one candidate header."""
    best: dict[str, dict[str, tuple[bool, int, int]]] = {}  # kind -> column -> (exact, length, grid col)
    for c, keys in enumerate(per_col):
        chosen: dict[str, tuple[str, bool, int]] = {}
        for key in keys:
            for kind, column, exact, length in spec.match(key):
                prev = chosen.get(kind)
                if prev is None or (exact, length) > (prev[1], prev[2]):
                    chosen[kind] = (column, exact, length)
        for kind, (column, exact, length) in chosen.items():
            cols = best.setdefault(kind, {})
            if column not in cols or (exact, length) > cols[column][:2]:
                cols[column] = (exact, length, c)
    out = {}
    for kind, cols in best.items():
        mapping = {c: column for column, (_, _, c) in cols.items()}
        out[kind] = (len(cols), sum(1 for e, _, _ in cols.values() if e), mapping)
    return out


def find_header(table: Table, spec: TableSpec, min_labels: int | None = None) -> HeaderMatch | None:
    """The best header of `table` for any kind of `spec`, or None.

    Each of the first `header_rows` rows is tried alone and together with the row below (a group
    header over sub-headers); a merged cell repeated across columns counts once. The kind must
    have its required columns; ties go to more exact labels, then to the kind listed first.
    """
    if table.n_rows == 0 or table.n_cols < 2:
        return None
    need = spec.min_labels if min_labels is None else min_labels
    order = {k.name: k.order for k in spec.kinds}
    by_name = {k.name: k for k in spec.kinds}
    best: HeaderMatch | None = None
    best_key: tuple = ()
    limit = min(spec.header_rows, table.n_rows)
    for r in range(limit):
        row = table.rows[r]
        below = table.rows[r + 1] if r + 1 < limit else None  # the whole header within the limit
        for height in (1, 2) if below is not None else (1,):
            per_col = []
            for c, cell in enumerate(row):
                repeated = c > 0 and row[c - 1] is cell and (height == 1 or below[c - 1] is below[c])
                per_col.append([] if repeated else _candidates(cell, below[c] if height == 2 else None))
            for kind, (score, exact, mapping) in _evaluate(spec, per_col).items():
                if score < need or not by_name[kind].required_ok(set(mapping.values())):
                    continue
                key = (score, exact, -height, -r, -order[kind])
                if best is None or key > best_key:
                    best = HeaderMatch(kind, r, height, mapping, score, exact)
                    best_key = key
    while best is not None and best.row > 0 and _merged_into(table.rows[best.row - 1], table.rows[best.row]):
        best.row -= 1  # a group row whose cells merge down into the header is part of it
        best.height += 1
    return best


def _merged_into(upper: list[Cell], lower: list[Cell]) -> bool:
    return any(a is b and a.text.strip() for a, b in zip(upper, lower, strict=False))
