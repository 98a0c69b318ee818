"""records.json (qms-records/1) and findings.json (qms-findings/1), SPEC §5–§6."""

from __future__ import annotations

from collections import Counter
from typing import Any

from pipeline.catalog import SEVERITY_ORDER
from pipeline.errors import read_reason
from pipeline.findings import Finding
from pipeline.process import FileResult
from pipeline.records import Problem

RECORDS_SCHEMA = "qms-records/1"
FINDINGS_SCHEMA = "qms-findings/1"


def records_document(results: list[FileResult], lang: str = "vi") -> dict[str, Any]:
    """What was read from each file, so a person can see what the tool understood."""
    files: list[dict[str, Any]] = []
    for res in sorted(results, key=lambda r: r.rel):
        base = {"file": res.rel, "sha256": res.sha256, "size": res.size}
        if res.error:
            files.append({**base, "kind": "unreadable", "reason": res.error,
                          "problems": [read_reason(res.error, res.error_detail, lang)]})
            continue
        for rec in res.records or []:
            entry = {**base, **rec.to_json()}
            entry["problems"] = [*res.warnings, *(_problem_text(p) for p in rec.problems)]
            files.append(entry)
    return {"schema": RECORDS_SCHEMA, "files": files}  # dates converted by write_json's encoder


def _problem_text(problem: Problem) -> str:
    parts = [problem.message]
    if problem.field:
        parts.append(f"{problem.field} = \"{problem.value or ''}\"")
    if problem.location:
        parts.append(problem.location)
    return " — ".join(parts)


def findings_document(
    run: dict[str, Any], findings: list[Finding], resolved: list[dict[str, Any]],
    waivers: dict[str, Any] | None = None,
) -> dict[str, Any]:
    counted = [f for f in findings if not f.waived]
    by_severity = Counter(f.severity for f in counted)
    return {
        "schema": FINDINGS_SCHEMA,
        "run": run,
        "summary": {
            "by_severity": {s: by_severity.get(s, 0) for s in SEVERITY_ORDER},
            "by_rule": dict(sorted(Counter(f.rule for f in counted).items())),
            "waived": len(findings) - len(counted),
            "new": sum(f.status == "new" for f in findings),
            "resolved": len(resolved),
        },
        "findings": [f.to_json() for f in findings],
        "resolved": resolved,
        "waivers": waivers or {"expired": [], "unused": []},
    }
