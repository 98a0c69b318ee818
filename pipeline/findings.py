"""Findings: typed records of non-compliance with a place, and their stable fingerprints (SPEC §5).

The id is a fingerprint of (rule, subject key) only — never of row numbers or dates derived from
as_of — so the same problem keeps its id from night to night and when rows are inserted above it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from pipeline.catalog import SEVERITY_ORDER, Rule
from pipeline.text.fold import fold


@dataclass
class Finding:
    id: str
    rule: str
    severity: str
    title: dict[str, str]
    message: dict[str, str]
    clause: list[str]
    file: str | None
    location: str | None
    subject: str
    unit: str | None = None
    evidence: str | None = None
    status: str = "new"  # new | persisting
    first_seen: str | None = None
    draft: str | None = None
    waived: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        """Field by field (dataclasses.asdict deep-copies recursively: 40 µs a finding)."""
        out = dict(vars(self))
        out["title"], out["message"], out["clause"] = dict(self.title), dict(self.message), list(self.clause)
        if self.waived is None:
            del out["waived"]
        else:
            out["waived"] = dict(self.waived)
        return out


def fingerprint(rule: str, subject_key: str) -> str:
    """Stable id: folded subject key so case, diacritics and zero padding noise do not split ids."""
    return hashlib.sha256(f"{rule}\x1f{fold(subject_key)}".encode()).hexdigest()[:16]


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "?"


def make_finding(
    rule: Rule,
    *,
    subject: str,
    subject_key: str,
    file: str | None,
    location: str | None = None,
    unit: str | None = None,
    evidence: str | None = None,
    values: dict[str, Any] | None = None,
) -> Finding:
    """Fill the rule's message templates with `values` (plus file/subject/unit) and fingerprint it."""
    context = _Blank({"file": file or "", "subject": subject, "unit": unit or ""})
    context.update({k: "" if v is None else v for k, v in (values or {}).items()})
    return Finding(
        id=fingerprint(rule.id, subject_key),
        rule=rule.id,
        severity=rule.severity,
        title=dict(rule.title),
        message={lang: text.format_map(context) for lang, text in rule.message.items()},
        clause=list(rule.clause),
        file=file,
        location=location,
        subject=subject,
        unit=unit,
        evidence=evidence,
    )


def sort_key(f: Finding) -> tuple[int, str, str, str]:
    return (SEVERITY_ORDER[f.severity], f.rule, f.file or "", f.subject)


@dataclass
class Reconciled:
    findings: list[Finding]
    resolved: list[dict[str, Any]] = field(default_factory=list)


def reconcile(current: list[Finding], previous: dict[str, Any] | None, as_of: str) -> Reconciled:
    """Mark findings new or persisting against the previous run's findings.json; list the resolved."""
    before = {f["id"]: f for f in (previous or {}).get("findings", []) if isinstance(f, dict) and "id" in f}
    for finding in current:
        old = before.get(finding.id)
        finding.status = "persisting" if old else "new"
        finding.first_seen = (old or {}).get("first_seen") or as_of
        if old and old.get("draft") and not finding.draft:
            finding.draft = old["draft"]
    now = {f.id for f in current}
    resolved = [
        {k: old.get(k) for k in ("id", "rule", "subject", "file")}
        for fid, old in before.items()
        if fid not in now
    ]
    return Reconciled(findings=sorted(current, key=sort_key), resolved=resolved)
