"""The rule engine: rule functions registered by id, parameters from rules/*.yaml (SPEC §4).

A rule function is pure: `fn(corpus, params, as_of) -> Iterable[Hit]`. It declares its parameters
with defaults; the YAML may override them, and naming a parameter the rule does not know is a
rule-file error (exit 2) — a typo must not silently fall back to a default.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from pipeline.catalog import Catalog, Rule
from pipeline.checks.corpus import Corpus
from pipeline.errors import ConfigError
from pipeline.findings import Finding, make_finding

FAMILIES = ["input", "capa", "recurrence", "review", "objectives", "records", "documents"]


@dataclass
class Hit:
    """One finding's facts before the catalogue gives it words."""

    subject: str  # human: "BM.CTCL.01 05/2026"
    key: str  # subject key for the fingerprint: never row numbers or as_of-dependent values
    file: str | None
    location: str | None = None
    unit: str | None = None
    evidence: str | None = None
    values: dict[str, Any] = field(default_factory=dict)  # for the message templates


RuleFn = Callable[[Corpus, dict[str, Any], dt.date], Iterable[Hit]]


@dataclass(frozen=True)
class Registered:
    fn: RuleFn
    defaults: dict[str, Any]


REGISTRY: dict[str, Registered] = {}


def rule(rule_id: str, **defaults: Any) -> Callable[[RuleFn], RuleFn]:
    """Register a rule function with its parameter defaults."""

    def decorate(fn: RuleFn) -> RuleFn:
        if rule_id in REGISTRY:
            raise RuntimeError(f"rule {rule_id} registered twice")
        REGISTRY[rule_id] = Registered(fn, defaults)
        return fn

    return decorate


def load_families() -> dict[str, Registered]:
    for family in FAMILIES:
        try:
            import_module(f"pipeline.checks.{family}")
        except ModuleNotFoundError as exc:
            if exc.name != f"pipeline.checks.{family}":
                raise
    return REGISTRY


def params_of(rule_def: Rule, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """The rule's defaults ← its YAML params ← config overrides; unknown names are errors."""
    registered = load_families().get(rule_def.id)
    defaults = registered.defaults if registered else {}
    merged = dict(defaults)
    for where, given in ((rule_def.source, rule_def.params), ("config", overrides or {})):
        unknown = set(given) - set(defaults)
        if unknown:
            raise ConfigError(f"{where}: rule {rule_def.id}: unknown parameter(s) {', '.join(sorted(unknown))}")
        merged.update(given)
    return merged


def validate_catalog(catalog: Catalog) -> None:
    """Every catalogued rule has code, and every parameter it names exists."""
    registry = load_families()
    for rule_def in catalog.rules.values():
        if rule_def.id not in registry:
            raise ConfigError(f"{rule_def.source}: rule {rule_def.id} has no implementation")
        params_of(rule_def)


def evaluate(
    catalog: Catalog,
    corpus: Corpus,
    as_of: dt.date,
    only: Iterable[str] | None = None,
    overrides: dict[str, dict[str, Any]] | None = None,
) -> list[Finding]:
    """Run every (or the `only`) catalogued rule; one Finding per Hit."""
    registry = load_families()
    findings: list[Finding] = []
    wanted = set(only) if only is not None else None
    for rule_id, rule_def in sorted(catalog.rules.items()):
        if wanted is not None and rule_id not in wanted:
            continue
        params = params_of(rule_def, (overrides or {}).get(rule_id))
        for hit in registry[rule_id].fn(corpus, params, as_of):
            findings.append(make_finding(
                rule_def, subject=hit.subject, subject_key=hit.key, file=hit.file, location=hit.location,
                unit=hit.unit, evidence=hit.evidence, values=hit.values,
            ))
    return findings
