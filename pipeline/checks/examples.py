"""Rule examples as data (sqlfluff's std_rule_cases pattern): build inputs, run one rule, compare.

An example lists records as extracted (`file`, `kind`, `fields`, `rows`, `columns`, `problems`,
`part`) or unreadable files (`file`, `error`), an `as_of`, and the expected findings by subject.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path
from typing import Any

from pipeline.catalog import Catalog
from pipeline.checks.corpus import build_corpus
from pipeline.checks.engine import evaluate
from pipeline.findings import Finding
from pipeline.process import FileResult
from pipeline.records import Problem, Record


def example_results(example: dict[str, Any]) -> list[FileResult]:
    by_file: dict[str, FileResult] = {}
    for entry in example.get("records", []):
        res = by_file.setdefault(entry["file"], FileResult(rel=entry["file"], size=0, mtime_ns=0))
        if "error" in entry:
            res.error, res.error_detail = entry["error"], entry.get("detail", "")
            continue
        res.records.append(Record(
            kind=entry["kind"],
            fields=dict(entry.get("fields", {})),
            rows=[dict(r) for r in entry.get("rows", [])],
            columns=list(entry.get("columns", [])),
            problems=[Problem(**p) for p in entry.get("problems", [])],
            part=entry.get("part"),
        ))
    return list(by_file.values())


def run_example(
    catalog: Catalog, rule_id: str, example: dict[str, Any], rules_dir: Path | None = None
) -> list[Finding]:
    as_of = example["as_of"]
    if not isinstance(as_of, dt.date):
        as_of = dt.date.fromisoformat(str(as_of))
    rules_dir = rules_dir or Path(__file__).resolve().parents[2] / "rules"
    return evaluate(catalog, build_corpus(example_results(example), rules_dir), as_of, only=[rule_id])


def mismatches(findings: list[Finding], expect: list[dict[str, Any]]) -> list[str]:
    """Human-readable differences between the findings and the expectation (empty = pass)."""
    problems: list[str] = []
    got = sorted(f.subject for f in findings)
    want = sorted(e["subject"] for e in expect)
    if got != want:
        problems.append(f"subjects {got} != expected {want}")
    by_subject: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_subject[f.subject].append(f)
        if "?" in f.message["vi"] + f.message["en"]:
            problems.append(f"{f.subject}: message has an unfilled placeholder: {f.message}")
    for e in expect:
        if not any(_satisfies(f, e) for f in by_subject.get(e["subject"], [])):
            problems.append(f"no finding of {e['subject']!r} matches {e}: {[f.message for f in findings]}")
    return problems


def _satisfies(finding: Finding, expected: dict[str, Any]) -> bool:
    text = finding.message["vi"] + finding.message["en"]
    if "message_contains" in expected and expected["message_contains"] not in text:
        return False
    return "file" not in expected or finding.file == expected["file"]
