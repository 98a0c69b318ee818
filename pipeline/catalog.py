"""The rule catalogue: every rules/*.yaml file holding a `rules:` list (SPEC §4).

Rules are data; code only evaluates them. A malformed rule file stops the run (exit 2) naming
the file and line, before anything is written.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pipeline.errors import ConfigError
from pipeline.yaml_safe import SafeLoader

SEVERITY_ORDER = {"major": 0, "minor": 1, "observation": 2, "info": 3}
REQUIRED = ("id", "severity", "title", "message")


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    title: dict[str, str]
    message: dict[str, str]
    clause: list[str] = field(default_factory=list)
    draft: bool = False
    doc: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    examples: list[dict[str, Any]] = field(default_factory=list)
    source: str = ""  # file:line


@dataclass
class Catalog:
    rules: dict[str, Rule]
    digest: str  # changes whenever any rule file changes (re-evaluate rules, SPEC §8)

    def __getitem__(self, rule_id: str) -> Rule:
        return self.rules[rule_id]


class _LineLoader(SafeLoader):  # type: ignore[valid-type,misc]
    """SafeLoader that remembers the line of each mapping, for error messages."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_catalog(rules_dir: Path) -> Catalog:
    rules: dict[str, Rule] = {}
    digest = hashlib.sha256()
    for path in sorted(rules_dir.glob("*.yaml")):
        raw = path.read_bytes()
        digest.update(path.name.encode() + b"\0" + raw)
        try:
            data = yaml.load(raw, Loader=_LineLoader)  # noqa: S506 — SafeLoader subclass
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = f":{mark.line + 1}" if mark else ""
            raise ConfigError(f"{path}{line}: invalid YAML: {getattr(exc, 'problem', exc)}") from exc
        if not isinstance(data, dict) or "rules" not in data:
            continue  # a data file (labels, keyword sets), not a rule family
        for entry in data["rules"] or []:
            rule = _rule(entry, path)
            if rule.id in rules:
                raise ConfigError(f"{rule.source}: rule {rule.id} defined twice (also {rules[rule.id].source})")
            rules[rule.id] = rule
    return Catalog(rules=rules, digest=digest.hexdigest()[:16])


def _rule(entry: Any, path: Path) -> Rule:
    if not isinstance(entry, dict):
        raise ConfigError(f"{path}: each rule must be a mapping")
    line = entry.pop("__line__", "?")
    where = f"{path}:{line}"
    entry = _strip_lines(entry)
    missing = [k for k in REQUIRED if k not in entry]
    if missing:
        raise ConfigError(f"{where}: rule {entry.get('id', '?')} lacks {', '.join(missing)}")
    if entry["severity"] not in SEVERITY_ORDER:
        raise ConfigError(f"{where}: rule {entry['id']}: unknown severity {entry['severity']!r}")
    for key in ("title", "message"):
        if not isinstance(entry[key], dict) or not {"vi", "en"} <= set(entry[key]):
            raise ConfigError(f"{where}: rule {entry['id']}: {key} needs vi and en")
    known = {"id", "severity", "title", "message", "clause", "draft", "doc", "params", "examples"}
    unknown = set(entry) - known
    if unknown:
        raise ConfigError(f"{where}: rule {entry['id']}: unknown key(s) {', '.join(sorted(unknown))}")
    return Rule(**entry, source=where)


def _strip_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k != "__line__"}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value
