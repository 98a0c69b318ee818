"""Rule selection in qms.toml and --fail-on (SPEC §4, §7): disable rules, change a rule's severity or
parameters without code changes; a name the catalogue does not know stops the run (exit 2, the file).

Two open long-running BM.CTCL.01 requests without progress reports, 40 and 82 days old: CTCL011
(minor, every 31 days) fires for both by default, only for the older one at 45 days. An inbox
without reviews and objectives plans also gives CTCL040 and CTCL052 (major).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from capa_forms import capa_form, request
from qms_runner import ROOT, QmsRun, run_qms

from pipeline.catalog import load_catalog
from pipeline.config import load_config
from pipeline.errors import ConfigError
from pipeline.rule_settings import configured_catalog

DISABLE_GLOBALS = '[rules]\ndisable = ["CTCL040", "CTCL052"]\n'


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("rule-config") / "inbox"
    capa_form(folder / "01-2026.docx", request("01/2026", "13/10/2026", "31/12/2026"))
    capa_form(folder / "02-2026.docx", request("02/2026", "01/09/2026", "31/12/2026"))
    return folder


def _check(inbox: Path, outbox: Path, config: str | None = None, *extra: str) -> QmsRun:
    args = ["check", "--inbox", str(inbox), "--outbox", str(outbox), "--as-of", "2026-11-22", *extra]
    if config is not None:
        path = outbox.parent / f"{outbox.name}.toml"
        path.write_text(config, encoding="utf-8")
        args += ["--config", str(path)]
    run = run_qms(*args, outbox=outbox)
    assert "Traceback" not in run.stderr, run.stderr
    return run


def _found(run: QmsRun) -> list[tuple[str, str, str]]:
    return sorted((f["rule"], f["severity"], f["file"] or "") for f in run.json("findings.json")["findings"])


@pytest.fixture(scope="module")
def default(inbox: Path) -> QmsRun:
    return _check(inbox, inbox.parent / "default")


def test_defaults_and_fail_on(default, inbox, tmp_path):
    assert _found(default) == [("CTCL011", "minor", "01-2026.docx"), ("CTCL011", "minor", "02-2026.docx"),
                               ("CTCL040", "major", ""), ("CTCL052", "major", "")]
    assert default.code == 1  # check fails on major by default
    assert _check(inbox, tmp_path / "never", None, "--fail-on", "never").code == 0


def test_disabled_rules_do_not_run(inbox, tmp_path):
    run = _check(inbox, tmp_path / "out", DISABLE_GLOBALS)
    assert {rule for rule, _, _ in _found(run)} == {"CTCL011"}
    assert run.code == 0  # only minors left
    assert _check(inbox, tmp_path / "minor", DISABLE_GLOBALS, "--fail-on", "minor").code == 1


def test_severity_and_parameter_from_config(default, inbox, tmp_path):
    config = DISABLE_GLOBALS + '\n[rules.CTCL011]\nseverity = "info"\nprogress_interval_days = 45\n'
    run = _check(inbox, tmp_path / "out", config, "--fail-on", "observation")
    assert _found(run) == [("CTCL011", "info", "02-2026.docx")]  # 40 days ≤ 45: the newer one is fine
    assert run.code == 0  # info is below observation
    doc = run.json("findings.json")
    assert doc["summary"]["by_severity"] == {"major": 0, "minor": 0, "observation": 0, "info": 1}
    before = next(f for f in default.json("findings.json")["findings"] if f["file"] == "02-2026.docx")
    assert doc["findings"][0]["id"] == before["id"]  # same finding, same fingerprint, new severity


@pytest.mark.parametrize(("fail_on", "where", "code"), [("minor", "command line", 0), ("observation", "config", 1)])
def test_fail_on_ladder(inbox, tmp_path, fail_on, where, code):
    config = DISABLE_GLOBALS + '\n[rules.CTCL011]\nseverity = "observation"\n'
    if where == "config":
        run = _check(inbox, tmp_path / "out", f'fail_on = "{fail_on}"\n' + config)
    else:
        run = _check(inbox, tmp_path / "out", config, "--fail-on", fail_on)
    assert {severity for _, severity, _ in _found(run)} == {"observation"}
    assert run.code == code


UNKNOWN = {
    "rule id": ('lang = "vi"\n[rules.CTCL999]\nseverity = "info"\n', ":2: unknown rule CTCL999"),
    "parameter": ("[rules.CTCL011]\nprogress_days = 45\n", ":2: rules.CTCL011: unknown parameter(s) progress_days"),
    "severity": ('[rules.CTCL011]\nseverity = "critical"\n', ":2: rules.CTCL011: unknown severity 'critical'"),
}


@pytest.mark.parametrize("case", UNKNOWN)
def test_unknown_name_exits_2_naming_the_file(inbox, tmp_path, case):
    config, expected = UNKNOWN[case]
    run = _check(inbox, tmp_path / "out", config)
    assert run.code == 2
    assert f"{tmp_path / 'out.toml'}{expected}" in run.stderr, run.stderr
    assert not (tmp_path / "out").exists()


def _configured(tmp_path: Path, text: str) -> tuple[Any, list[str], dict[str, Any]]:
    path = tmp_path / "qms.toml"
    path.write_text(text, encoding="utf-8")
    return configured_catalog(load_catalog(ROOT / "rules"), load_config(path, {}))


@pytest.mark.parametrize(("text", "expected"), [
    ('[rules]\ndisable = ["CTCL999"]\n', "rules.disable names unknown rule CTCL999"),
    ('[rules]\ndisable = "CTCL040"\n', ":2: rules.disable must be a list"),
    ("[rules]\nCTCL011 = 45\n", ":2: rules.CTCL011 must be a table"),
    ('[rules.CTCL011]\nprogress_interval_days = "45"\n', "progress_interval_days must be a whole number"),
    ("[rules.CTCL011]\nprogress_interval_days = true\n", "progress_interval_days must be a whole number"),
    ("[rules.CTCL061]\nminimum_retention = 3\n", "minimum_retention must be a table"),
])
def test_config_mistakes_name_the_file(tmp_path, text, expected):
    with pytest.raises(ConfigError) as error:
        _configured(tmp_path, text)
    assert str(error.value).startswith(str(tmp_path / "qms.toml")) and expected in str(error.value)


def test_lowercase_ids_and_params_reach_the_rule(tmp_path):
    catalog, enabled, overrides = _configured(
        tmp_path, '[rules]\ndisable = ["ctcl040"]\n[rules.ctcl011]\nseverity = "major"\nlong_running_days = 60\n')
    assert "CTCL040" not in enabled and "CTCL052" in enabled
    assert catalog["CTCL011"].severity == "major" and overrides == {"CTCL011": {"long_running_days": 60}}
