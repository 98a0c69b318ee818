"""The sample inbox's manifest: tests/sample_expectations/*.yaml merged (what each sample should give)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pipeline.records import to_jsonable

ROOT = Path(__file__).resolve().parent.parent
INBOX = ROOT / "inbox"


@dataclass
class Manifest:
    as_of: dt.date
    files: dict[str, dict[str, Any]] = field(default_factory=dict)
    global_findings: list[dict[str, Any]] = field(default_factory=list)

    def triggers(self) -> set[tuple[str | None, str]]:
        """(file, rule) pairs expected; file None for findings that have no file."""
        pairs = {(name, rule) for name, spec in self.files.items() for rule in spec.get("triggers") or []}
        pairs |= {(None, g["rule"]) for g in self.global_findings}
        return pairs


def load_manifest(directory: Path = ROOT / "tests" / "sample_expectations") -> Manifest:
    manifest: Manifest | None = None
    for path in sorted(directory.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        as_of = data.get("as_of")
        if manifest is None:
            manifest = Manifest(as_of=as_of)
        assert as_of == manifest.as_of, f"{path}: as_of differs between manifests"
        for name, spec in (data.get("files") or {}).items():
            assert name not in manifest.files, f"{name} listed twice"
            manifest.files[name] = spec or {}
        manifest.global_findings.extend(data.get("global") or [])
    assert manifest is not None, "no sample manifest"
    return manifest


def comparable(value: Any) -> Any:
    """Manifest values (YAML dates, numbers) in the form records.json uses."""
    return to_jsonable(value)


def _norm(text: str) -> str:
    return " ".join(text.split())


def matches(expected: Any, actual: Any) -> bool:
    """Manifest semantics: text compares with whitespace collapsed (a PDF wraps cell text); lists of
    scalars compare as multisets (topic order is not meaningful); dicts and lists of dicts compare
    on the keys the manifest gives."""
    expected = comparable(expected)
    if isinstance(expected, str) and isinstance(actual, str):
        return _norm(expected) == _norm(actual)
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(matches(v, actual.get(k)) for k, v in expected.items())
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return False
        if all(isinstance(e, dict) for e in expected):
            return all(matches(e, a) for e, a in zip(expected, actual, strict=True))
        return sorted(map(str, expected)) == sorted(map(str, actual))
    return expected == actual
