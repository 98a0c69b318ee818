"""`qms rules` text: the list of rules, or one rule's doc with its examples."""

from __future__ import annotations

from typing import Any

import yaml

from pipeline.catalog import Catalog, Rule
from pipeline.checks.engine import params_of
from pipeline.records import to_jsonable


def rules_list(catalog: Catalog, lang: str = "vi") -> str:
    lines = [f"{'id':8} {'severity':11} {'draft':5} title"]
    for rule_id, rule in sorted(catalog.rules.items()):
        lines.append(f"{rule_id:8} {rule.severity:11} {'yes' if rule.draft else '':5} {rule.title[lang]}")
    return "\n".join(lines)


def rule_doc(rule: Rule, lang: str = "vi") -> str:
    other = "en" if lang == "vi" else "vi"
    lines = [
        f"{rule.id} — {rule.title[lang]} ({rule.title[other]})",
        f"severity: {rule.severity}    draft: {'yes' if rule.draft else 'no'}",
        f"clause: {', '.join(rule.clause) or '—'}",
        f"defined in: {rule.source}",
        "",
        rule.doc.strip(),
        "",
        f"message ({lang}): {rule.message[lang]}",
    ]
    params = params_of(rule)
    if params:
        lines += ["", "parameters:"] + [f"  {k}: {v}" for k, v in params.items()]
    for i, example in enumerate(rule.examples, 1):
        verdict = "FAIL (finding expected)" if example["expect"] else "PASS (no finding)"
        lines += ["", f"example {i}: {example.get('name', '')} — {verdict}", _yaml(example)]
    return "\n".join(lines)


def _yaml(example: dict[str, Any]) -> str:
    data = {k: to_jsonable(v) for k, v in example.items() if k != "name"}
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return "\n".join("    " + line for line in text.rstrip().splitlines())
