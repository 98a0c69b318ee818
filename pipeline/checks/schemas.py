"""Cerberus schemas per document kind (rules/schemas.yaml), mapped to findings.

The extractors coerce first (Vietnamese dates, choices); cerberus then checks required fields and
types with normalize=False (its normalisation is slow and cannot parse our dates). One validator per
kind per process: cerberus validators are not thread-safe, and workers are processes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from cerberus import Validator
from cerberus.schema import SchemaError

from pipeline.errors import ConfigError
from pipeline.yaml_safe import safe_load

REQUIRED_RULES = {"nullable", "empty", "required"}


@dataclass(frozen=True)
class Violation:
    field: str
    rule: str  # the finding: the field's meta rule for a blank required field, else CTCL093
    constraint: str  # cerberus rule that failed (type, allowed, nullable …)
    value: Any


@lru_cache(maxsize=8)
def load_schemas(rules_dir: Path) -> dict[str, Validator]:
    path = rules_dir / "schemas.yaml"
    if not path.is_file():
        return {}
    try:
        data = safe_load(path.read_text(encoding="utf-8")) or {}
        return {kind: Validator(schema, allow_unknown=True) for kind, schema in (data.get("schemas") or {}).items()}
    except (yaml.YAMLError, SchemaError, AttributeError) as exc:
        raise ConfigError(f"{path}: invalid schema: {exc}") from exc


def violations(rules_dir: Path, kind: str, fields: dict[str, Any],
               memo: dict[tuple[str, str], list[Violation]] | None = None) -> list[Violation]:
    """The schema's complaints about `fields`. With `memo` (one per run: Corpus.schema_memo), equal
    contents are validated once — CTCL001 checks a request's fields, CTCL093 the same fields on its
    form's record, and cerberus needs ~0.7 ms a form."""
    if memo is None:
        return _violations(rules_dir, kind, fields)
    key = (kind, repr(sorted(fields.items())))
    found = memo.get(key)
    if found is None:
        found = memo[key] = _violations(rules_dir, kind, fields)
    return found


def _violations(rules_dir: Path, kind: str, fields: dict[str, Any]) -> list[Violation]:
    validator = load_schemas(rules_dir).get(kind)
    if validator is None or validator.validate(fields, normalize=False):
        return []
    out = []
    tree = validator.document_error_tree
    for name in [n for n in validator.schema if n in validator.errors]:  # in the schema's field order
        meta = (validator.schema.get(name) or {}).get("meta") or {}
        for error in tree[name].errors:
            required = error.rule in REQUIRED_RULES
            rule = meta.get("rule", "CTCL093") if required else "CTCL093"
            out.append(Violation(name, rule, error.rule or "", error.value))
    return out
