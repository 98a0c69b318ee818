"""One generic test runs every example of every rule in rules/*.yaml (the sqlfluff pattern)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.catalog import load_catalog
from pipeline.checks.engine import validate_catalog
from pipeline.checks.examples import mismatches, run_example

ROOT = Path(__file__).resolve().parent.parent
CATALOG = load_catalog(ROOT / "rules")
CASES = [
    pytest.param(rule_id, example, id=f"{rule_id}-{example.get('name', i)}")
    for rule_id, rule_def in sorted(CATALOG.rules.items())
    for i, example in enumerate(rule_def.examples)
]


def test_catalog_is_valid():
    validate_catalog(CATALOG)


@pytest.mark.parametrize(("rule_id", "example"), CASES)
def test_rule_example(rule_id, example):
    findings = run_example(CATALOG, rule_id, example)
    assert not mismatches(findings, example["expect"]), mismatches(findings, example["expect"])


@pytest.mark.parametrize("rule_id", sorted(CATALOG.rules))
def test_every_rule_has_a_failing_and_a_passing_example(rule_id):
    examples = CATALOG[rule_id].examples
    assert any(e["expect"] for e in examples), f"{rule_id} has no failing example"
    assert any(not e["expect"] for e in examples), f"{rule_id} has no passing example"


SPEC_RULES = (
    "CTCL001 CTCL002 CTCL003 CTCL004 CTCL005 CTCL006 CTCL010 CTCL011 CTCL012 CTCL013 CTCL015 CTCL020 CTCL021 "
    "CTCL022 CTCL030 CTCL031 CTCL040 CTCL041 CTCL042 CTCL043 CTCL044 CTCL045 CTCL050 CTCL051 CTCL052 CTCL053 "
    "CTCL054 CTCL055 CTCL056 CTCL060 CTCL061 CTCL062 CTCL063 CTCL064 CTCL070 CTCL071 CTCL072 CTCL073 CTCL074 "
    "CTCL075 CTCL076 CTCL090 CTCL091 CTCL092 CTCL093"
).split()
DRAFT_RULES = {"CTCL022", "CTCL030", "CTCL031", "CTCL040", "CTCL056"}


def test_catalogue_is_exactly_the_spec():
    assert sorted(CATALOG.rules) == SPEC_RULES
    assert {r for r, d in CATALOG.rules.items() if d.draft} == DRAFT_RULES
