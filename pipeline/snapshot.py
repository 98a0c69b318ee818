"""The nothing-changed fast path: a rerun over the same inputs reuses the last evaluation (SPEC §10).

Rules are pure functions of the records, the rule files, the rule settings and `--as-of`; records
are pure functions of the file bytes, the reading code and the reading settings. So when every
file has the size and modification time it had at the last run and none of those versions
changed, the rules' findings are the last run's findings: the run skips loading the cached
records, the rules and records.json, and only reconciles, writes the run's own outputs and
history. Any difference — one touched file, a new `--as-of`, an edited rule file or config
value — takes the full path (which still reads only the files that changed).
"""

from __future__ import annotations

import hashlib
import json
import pickle
from dataclasses import asdict, dataclass, field
from typing import Any

from pipeline import __version__
from pipeline.catalog import Catalog
from pipeline.discover import Discovery
from pipeline.findings import Finding


@dataclass
class Snapshot:
    """What a run over unchanged inputs needs from the last full run."""

    findings: list[Finding]  # as the rules returned them (before waivers and reconciliation)
    failed: int  # unreadable files (run header)
    manifest: list[dict[str, Any]] = field(default_factory=list)  # runs/<id>/manifest.json's files


def reading_key(extractor: str, params: dict[str, Any], limits: Any) -> str:
    """The cache version of extracted records: reading code and data, plus the settings readers and
    extractors are given (limits, withdrawn folders, agency names) — changing one re-reads."""
    settings = json.dumps({"params": params, "limits": asdict(limits)}, sort_keys=True, default=str)
    return f"{extractor}-{hashlib.sha256(settings.encode()).hexdigest()[:8]}"


def inputs_key(reading: str, catalog: Catalog, enabled: list[str], overrides: dict[str, Any], as_of: str,
               lang: str, found: Discovery) -> str:
    """Everything a run's findings and records.json depend on, as one digest: the configured
    catalogue is its files' digest plus the severities and parameters config gave."""
    digest = hashlib.sha256()
    severities = {rule_id: rule.severity for rule_id, rule in catalog.rules.items()}
    head = {"tool": __version__, "reading": reading, "rules": catalog.digest, "severities": severities,
            "enabled": enabled, "overrides": overrides, "as_of": as_of, "lang": lang}
    digest.update(json.dumps(head, sort_keys=True, default=str).encode())
    for label, files in (("files", found.files), ("pending", found.pending)):
        digest.update(f"\n{label}\n".encode())
        for f in files:
            digest.update(f"{f.rel}\0{f.size}\0{f.mtime_ns}\n".encode())
    return digest.hexdigest()


def dump(snapshot: Snapshot) -> bytes:
    return pickle.dumps(snapshot, pickle.HIGHEST_PROTOCOL)


def load(blob: bytes) -> Snapshot | None:
    try:
        value = pickle.loads(blob)  # noqa: S301 — our own state, written by this program
    except Exception:  # noqa: BLE001 — an old or damaged snapshot only costs a full run
        return None
    return value if isinstance(value, Snapshot) else None
