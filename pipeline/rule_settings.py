"""Config over the catalogue: disable rules, change a rule's severity or parameters (no code change).

Every name is checked against the catalogue and every parameter value against the type of its
default, so a typo stops the run (exit 2, naming the config file) instead of silently using defaults
or crashing a rule halfway through a nightly run.
"""

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
        lines = settings.pop("__lines__", {})
        if rule_id.upper() not in rules:
            raise ConfigError(f"{at}: unknown rule {rule_id}")
        rule = rules[rule_id.upper()]
        severity = settings.pop("severity", None)
        if severity is not None:
            if severity not in SEVERITY_ORDER:
                known = ", ".join(SEVERITY_ORDER)
                raise ConfigError(f"{lines.get('severity', at)}: rules.{rule_id}: unknown severity {severity!r} "
                                  f"(one of {known})")
            rule = replace(rule, severity=severity)
        rules[rule.id] = rule
        if settings:
            _check_params(rule.id, params_of(rule), settings, {name: lines.get(name, at) for name in settings})
            overrides[rule.id] = settings
    enabled = [r for r in sorted(rules) if r not in cfg.disabled_rules]
    return Catalog(rules=rules, digest=catalog.digest), enabled, overrides


def _check_params(rule_id: str, current: dict[str, Any], given: dict[str, Any], at: dict[str, str]) -> None:
    """Names the rule declares, values of the same type as the current value (bool is not a number)."""
    unknown = sorted(set(given) - set(current))
    if unknown:
        known = ", ".join(sorted(current)) or "none"
        raise ConfigError(f"{at[unknown[0]]}: rules.{rule_id}: unknown parameter(s) {', '.join(unknown)} "
                          f"(known: {known})")
    for name, value in given.items():
        default = current[name]
        if default is None or _same_kind(value, default):
            continue
        raise ConfigError(f"{at[name]}: rules.{rule_id}: {name} must be {_kind(default)}, got {value!r}")


def _same_kind(value: Any, default: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(value, bool) and isinstance(default, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float))
    return isinstance(value, type(default))


def _kind(default: Any) -> str:
    names = {bool: "true or false", int: "a whole number", float: "a number", str: "text", list: "a list",
             dict: "a table"}
    return names.get(type(default), type(default).__name__)
