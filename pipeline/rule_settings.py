"""Config over the catalogue: disable rules, change a rule's severity or parameters (no code change)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pipeline.catalog import SEVERITY_ORDER, Catalog
from pipeline.checks.engine import params_of
from pipeline.config import Config
from pipeline.errors import ConfigError


def configured_catalog(catalog: Catalog, cfg: Config) -> tuple[Catalog, list[str], dict[str, dict[str, Any]]]:
    """(catalog with severities changed, enabled rule ids, parameter overrides per rule)."""
    where = cfg.source or "config"
    for rule_id in cfg.disabled_rules:
        if rule_id not in catalog.rules:
            raise ConfigError(f"{where}: rules.disable names unknown rule {rule_id}")
    rules = dict(catalog.rules)
    overrides: dict[str, dict[str, Any]] = {}
    for rule_id, settings in cfg.rule_settings.items():
        settings = dict(settings)
        at = settings.pop("__where__", where)
        if rule_id.upper() not in rules:
            raise ConfigError(f"{at}: unknown rule {rule_id}")
        rule = rules[rule_id.upper()]
        severity = settings.pop("severity", None)
        if severity is not None:
            if severity not in SEVERITY_ORDER:
                raise ConfigError(f"{at}: rules.{rule_id}: unknown severity {severity!r}")
            rule = replace(rule, severity=severity)
        rules[rule.id] = rule
        if settings:
            try:
                params_of(rule, settings)
            except ConfigError as exc:
                raise ConfigError(f"{at}: {exc}") from exc
            overrides[rule.id] = settings
    enabled = [r for r in sorted(rules) if r not in cfg.disabled_rules]
    return Catalog(rules=rules, digest=catalog.digest), enabled, overrides
