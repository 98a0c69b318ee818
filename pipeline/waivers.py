"""Waivers: accepted findings (SPEC §5). A waived finding still shows, marked, but does not fail the run.

A waiver names a rule and either a fingerprint or a path glob, with a justification, an approver
and an expiry date. Expired waivers no longer apply and are reported; unused ones are reported too,
so the list does not rot.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from pipeline.errors import ConfigError
from pipeline.findings import Finding

REQUIRED = ("rule", "justification", "approver", "expires")
OPTIONAL = ("fingerprint", "path")


@dataclass
class Waiver:
    rule: str
    fingerprint: str | None
    path: str | None
    justification: str
    approver: str
    expires: dt.date
    source: str

    def matches(self, finding: Finding) -> bool:
        if finding.rule != self.rule:
            return False
        if self.fingerprint:
            return finding.id == self.fingerprint
        return bool(finding.file) and fnmatch.fnmatch(finding.file or "", self.path or "")

    def to_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "fingerprint": self.fingerprint, "path": self.path,
                "justification": self.justification, "approver": self.approver,
                "expires": self.expires.isoformat(), "source": self.source}


def load_waivers(path: Path | None, known_rules: Iterable[str] | None = None, required: bool = False) -> list[Waiver]:
    """The waivers in `path`; a configured (`required`) file that is missing, an unknown key or rule
    id, or an entry lacking a field stops the run: a typo must not silently un-waive or over-waive."""
    if path is None or not path.is_file():
        if required:
            raise ConfigError(f"{path}: waivers file not found")
        return []
    rules = {r.upper() for r in known_rules} if known_rules is not None else None
    try:
        nodes = yaml.compose(path.read_text(encoding="utf-8"))
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ConfigError(f"{path}{f':{mark.line + 1}' if mark else ''}: invalid YAML") from exc
    entries = (data or {}).get("waivers") or [] if isinstance(data, dict) or data is None else None
    if not isinstance(entries, list):
        raise ConfigError(f"{path}: expected a mapping with a 'waivers' list")
    lines = _entry_lines(nodes)
    waivers = []
    for i, entry in enumerate(entries):
        where = f"{path}:{lines[i] if i < len(lines) else '?'}"
        if not isinstance(entry, dict):
            raise ConfigError(f"{where}: each waiver must be a mapping")
        unknown = sorted(set(map(str, entry)) - {*REQUIRED, *OPTIONAL})
        if unknown:
            raise ConfigError(f"{where}: unknown waiver key(s) {', '.join(unknown)}")
        missing = [k for k in REQUIRED if not entry.get(k)]
        if missing or not (entry.get("fingerprint") or entry.get("path")):
            missing += [] if (entry.get("fingerprint") or entry.get("path")) else ["fingerprint or path"]
            raise ConfigError(f"{where}: waiver lacks {', '.join(missing)}")
        expires = entry["expires"]
        if isinstance(expires, dt.datetime):
            expires = expires.date()
        elif not isinstance(expires, dt.date):
            try:
                expires = dt.date.fromisoformat(str(expires))
            except ValueError as exc:
                raise ConfigError(f"{where}: expires must be YYYY-MM-DD") from exc
        rule = str(entry["rule"]).strip().upper()
        if rules is not None and rule not in rules:
            raise ConfigError(f"{where}: waiver names unknown rule {entry['rule']}")
        fingerprint = str(entry["fingerprint"]) if entry.get("fingerprint") else None  # YAML reads 1234 as int
        pattern = str(entry["path"]) if entry.get("path") else None
        waivers.append(Waiver(rule, fingerprint, pattern, str(entry["justification"]), str(entry["approver"]),
                              expires, where))
    return waivers


def _entry_lines(node: Any) -> list[int]:
    if node is None or not hasattr(node, "value"):
        return []
    for key, value in node.value if isinstance(node.value, list) else []:
        if getattr(key, "value", None) == "waivers" and hasattr(value, "value"):
            return [item.start_mark.line + 1 for item in value.value]
    return []


@dataclass
class WaiverReport:
    expired: list[Waiver]
    unused: list[Waiver]

    def to_json(self) -> dict[str, Any]:
        return {"expired": [w.to_json() for w in self.expired], "unused": [w.to_json() for w in self.unused]}


def apply_waivers(findings: list[Finding], waivers: list[Waiver], as_of: dt.date) -> WaiverReport:
    """Mark findings waived by a valid waiver; return expired and unused waivers."""
    used: set[int] = set()
    for finding in findings:
        for i, waiver in enumerate(waivers):
            if waiver.expires >= as_of and waiver.matches(finding):
                finding.waived = {"justification": waiver.justification, "approver": waiver.approver,
                                  "expires": waiver.expires.isoformat()}
                used.add(i)
                break
    expired = [w for w in waivers if w.expires < as_of]
    unused = [w for i, w in enumerate(waivers) if i not in used and w.expires >= as_of]
    return WaiverReport(expired, unused)
