"""Run configuration: defaults, an optional `qms.toml`, and command-line overrides (SPEC §7–§9).

A wrong config stops the run before anything is written (exit 2) with a message naming the file
and line, because a nightly job silently running with defaults is worse than one that fails loudly.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from pipeline.errors import ConfigError
from pipeline.limits import Limits

DEFAULT_IGNORE = ["~$*", ".~lock.*", ".*", "Thumbs.db", "desktop.ini", "*.tmp", "*.part"]
DEFAULT_WITHDRAWN = ["het hieu luc", "obsolete", "luu tru", "thu hoi"]
SEVERITIES = ["major", "minor", "observation", "info"]
# Groups of the document register (PL03): a title and code patterns (fnmatch, compared folded and
# without spaces); a code goes to the first group with a matching pattern, else to the last group.
DEFAULT_REGISTER_GROUPS = [
    {"title": "Các tài liệu của hệ thống và quản lý điều hành",
     "codes": ["CSCL", "MTCL", "STCL", "QT.01*", "QT.02*", "QT.03*", "QT.04*"]},
    {"title": "Các quy trình giải quyết công việc theo chức năng, nhiệm vụ được giao", "codes": ["*"]},
]
FAIL_ON = [*SEVERITIES[:3], "never"]


@dataclass
class Config:
    inbox: Path = Path("inbox")
    outbox: Path = Path("outbox")
    rules_dir: Path = Path(__file__).resolve().parent.parent / "rules"
    state_path: Path | None = None  # default: <outbox>/state.sqlite (nightly issue)
    as_of: dt.date = field(default_factory=dt.date.today)
    lang: str = "vi"
    fail_on: str = "major"
    jobs: int = 0  # 0 = one worker per CPU
    settle_seconds: float | None = None  # None: 0 for `check` (reads everything), 120 for `nightly` (SPEC §8)
    keep_runs: int = 30  # runs kept under outbox/runs/
    ignore: list[str] = field(default_factory=lambda: list(DEFAULT_IGNORE))
    withdrawn_folders: list[str] = field(default_factory=lambda: list(DEFAULT_WITHDRAWN))
    register_groups: list[dict[str, Any]] = field(default_factory=lambda: [dict(g) for g in DEFAULT_REGISTER_GROUPS])
    agency_names: list[str] = field(default_factory=lambda: ["Ban Dân tộc", "Ban Dân tộc tỉnh Khánh Hòa"])
    limits: Limits = field(default_factory=Limits)
    waivers: Path | None = None  # default: <rules_dir>/waivers.yaml
    disabled_rules: list[str] = field(default_factory=list)
    rule_settings: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> severity and parameters
    source: str | None = None  # the config file read, for messages
    file_keys: frozenset[str] = frozenset()  # options the config file set (command defaults differ)

    @property
    def waivers_path(self) -> Path:
        return self.waivers or self.rules_dir / "waivers.yaml"

    @property
    def workers(self) -> int:
        return self.jobs if self.jobs > 0 else max(1, os.cpu_count() or 1)


_PATH_KEYS = {"inbox", "outbox", "rules_dir", "state_path", "waivers"}
_LIMIT_KEYS = {f.name for f in fields(Limits)}


def load_config(path: str | Path | None, overrides: dict[str, Any]) -> Config:
    """Defaults ← config file (`path`, else ./qms.toml when present) ← non-None overrides."""
    cfg = Config()
    file = Path(path) if path else (Path("qms.toml") if Path("qms.toml").is_file() else None)
    if path and not file.is_file():  # type: ignore[union-attr]
        raise ConfigError(f"{path}: config file not found")
    if file is not None:
        cfg = _apply_file(cfg, file)
    for key, value in overrides.items():
        if value is not None:
            cfg = _set(cfg, key, value, str(file or "command line"), None)
    return cfg


def _apply_file(cfg: Config, file: Path) -> Config:
    text = file.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{file}: {exc}") from exc
    base = file.resolve().parent
    for key, value in data.get("qms", data).items():
        if key == "limits" and isinstance(value, dict):
            for lkey, lvalue in value.items():
                if lkey not in _LIMIT_KEYS:
                    raise ConfigError(f"{file}:{_line_of(text, lkey)}: unknown limit {lkey!r}")
                cfg = replace(cfg, limits=replace(cfg.limits, **{lkey: _number(lvalue, file, text, lkey)}))
            continue
        if key == "rules" and isinstance(value, dict):
            cfg = _apply_rules(cfg, value, file, text)
            continue
        if key in _PATH_KEYS and isinstance(value, str) and not Path(value).is_absolute():
            value = str(base / value)
        cfg = _set(cfg, key, value, str(file), _line_of(text, key))
    return replace(cfg, source=str(file), file_keys=frozenset(data.get("qms", data)))


def _set(cfg: Config, key: str, value: Any, where: str, line: int | None) -> Config:
    at = f"{where}:{line}" if line else where
    known = {f.name for f in fields(Config)} - {"limits", "source", "file_keys", "disabled_rules", "rule_settings"}
    if key not in known:
        raise ConfigError(f"{at}: unknown option {key!r}")
    try:
        if key in _PATH_KEYS:
            value = Path(value)
        elif key == "as_of":
            value = parse_as_of(value)
        elif key == "lang" and value not in ("vi", "en"):
            raise ValueError("lang must be vi or en")
        elif key == "fail_on" and value not in FAIL_ON:
            raise ValueError(f"fail_on must be one of {', '.join(FAIL_ON)}")
        elif key in ("jobs", "keep_runs"):
            value = int(value)
            if value < 0:
                raise ValueError("jobs must be >= 0")
        elif key == "settle_seconds":
            value = float(value)
        elif key in ("ignore", "withdrawn_folders", "agency_names"):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValueError(f"{key} must be a list of strings")
        elif key == "register_groups":
            value = _register_groups(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{at}: {key}: {exc}") from exc
    return replace(cfg, **{key: value})


def _apply_rules(cfg: Config, table: dict[str, Any], file: Path, text: str) -> Config:
    """[rules] disable = [...]; [rules.CTCL011] severity = "info", progress_interval_days = 45."""
    disabled = table.get("disable", [])
    if not isinstance(disabled, list) or not all(isinstance(r, str) for r in disabled):
        raise ConfigError(f"{file}:{_line_of(text, 'disable')}: rules.disable must be a list of rule ids")
    settings = {}
    for rule_id, values in table.items():
        if rule_id == "disable":
            continue
        if not isinstance(values, dict):
            raise ConfigError(f"{file}:{_line_of(text, rule_id)}: rules.{rule_id} must be a table")
        header = next((n for n, ln in enumerate(text.splitlines(), 1) if f"rules.{rule_id}]" in ln), None)
        lines = {key: f"{file}:{_line_of(text, key, after=header or 0) or header or '?'}" for key in values}
        settings[rule_id] = {**values, "__where__": f"{file}:{header or '?'}", "__lines__": lines}
    return replace(cfg, disabled_rules=[r.upper() for r in disabled], rule_settings=settings)


def _register_groups(value: Any) -> list[dict[str, Any]]:
    """[[register_groups]] tables, each with a title and a non-empty list of code patterns."""
    if not isinstance(value, list) or not value:
        raise ValueError("register_groups must be a non-empty list of tables with title and codes")
    groups = []
    for group in value:
        if not isinstance(group, dict) or set(group) != {"title", "codes"} or not isinstance(group["title"], str) \
                or not isinstance(group["codes"], list) or not group["codes"] \
                or not all(isinstance(c, str) and c.strip() for c in group["codes"]):
            raise ValueError("each register group needs exactly: title = \"...\", codes = [\"pattern\", ...]")
        groups.append({"title": group["title"], "codes": list(group["codes"])})
    return groups


def parse_as_of(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ValueError(f"--as-of must be YYYY-MM-DD, got {value!r}") from exc


def _number(value: Any, file: Path, text: str, key: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise ConfigError(f"{file}:{_line_of(text, key)}: limit {key} must be a positive number")
    return value


def _line_of(text: str, key: str, after: int = 0) -> int | None:
    for number, line in enumerate(text.splitlines(), 1):
        if number > after and re.match(rf"\s*{re.escape(key)}\s*=", line):
            return number
    return None
