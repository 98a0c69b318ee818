"""The sample inbox and its manifests: reproducible, complete, and covering every rule of SPEC §4."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from rapidfuzz.fuzz import token_set_ratio

from pipeline.config import DEFAULT_IGNORE
from pipeline.discover import is_ignored
from pipeline.errors import READ_REASONS
from pipeline.text.fold import fold
from tests.conftest import AS_OF, ROOT, needs_soffice
from tools.samples import forms
from tools.samples.__main__ import _files, generate
from tools.samples.form_scenario_capa import CASES
from tools.samples.form_scenario_registers import LOG_ONLY, NC_ROWS, ROUNDS, STREAK

INBOX = ROOT / "inbox"
EXPECT = ROOT / "tests" / "sample_expectations"
# Every rule id of SPEC §4.
RULES = [f"CTCL{n:03d}" for n in (
    1, 2, 3, 4, 5, 6, 10, 11, 12, 13, 15, 20, 21, 22, 30, 31, 40, 41, 42, 43, 44, 45,
    50, 51, 52, 53, 54, 55, 56, 60, 61, 62, 63, 64, 70, 71, 72, 73, 74, 75, 76, 90, 91, 92, 93)]
FORMS_RULES = [r for r in RULES if r < "CTCL060" or r in ("CTCL064", "CTCL092", "CTCL093")]
KINDS = {"capa_request", "review_minutes", "review_report", "review_notice", "objectives_plan",
         "objectives_report", "controlled_document", "capa_log", "nc_log", "audit_register",
         "records_register", "document_register", "unreadable", "unknown", "ignored"}
ENTRY_KEYS = {"kind", "reason", "fields", "triggers", "note", "rows"}


def _manifests() -> dict[str, dict[str, Any]]:
    out = {}
    for path in sorted(EXPECT.glob("*.yaml")):
        out[path.stem] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return out


@pytest.fixture(scope="module")
def manifests() -> dict[str, dict[str, Any]]:
    found = _manifests()
    assert "forms" in found, "tests/sample_expectations/forms.yaml is missing"
    return found


# ---------------------------------------------------------------- manifest shape and completeness


def test_manifests_have_the_documented_shape(manifests: dict[str, dict[str, Any]]) -> None:
    for name, data in manifests.items():
        assert data["as_of"] == AS_OF, name
        assert set(data) <= {"as_of", "files", "global"}, name
        for rel, entry in data["files"].items():
            where = f"{name}.yaml: {rel}"
            assert "\\" not in rel and not rel.startswith("/"), where
            assert set(entry) <= ENTRY_KEYS, where
            assert entry["kind"] in KINDS, where
            assert ("reason" in entry) == (entry["kind"] == "unreadable"), where
            if "reason" in entry:
                assert entry["reason"] in READ_REASONS, where
            assert isinstance(entry.get("fields", {}), dict), where
            triggers = entry.get("triggers", [])
            assert isinstance(triggers, list) and set(triggers) <= set(RULES), where
            assert len(triggers) == len(set(triggers)), where
        for item in data.get("global") or []:
            assert item["rule"] in RULES and item.get("subject"), name


def test_manifests_list_exactly_the_files_of_the_inbox(manifests: dict[str, dict[str, Any]]) -> None:
    listed: dict[str, str] = {}
    for name, data in manifests.items():
        for rel in data["files"]:
            assert rel not in listed, f"{rel} is listed in {listed.get(rel)}.yaml and {name}.yaml"
            listed[rel] = name
    on_disk = _files(INBOX)
    assert on_disk, "the sample inbox is empty: run python -m tools.samples"
    assert sorted(set(listed) - on_disk) == [], "listed in a manifest but not in inbox/"
    unlisted = sorted(rel for rel in on_disk - set(listed)
                      if not any(is_ignored(part, DEFAULT_IGNORE) for part in rel.split("/")))
    assert unlisted == [], "files of inbox/ that no manifest lists"
    for name, data in manifests.items():
        for rel, entry in data["files"].items():
            if entry["kind"] == "ignored":
                assert is_ignored(rel.rsplit("/", 1)[-1], DEFAULT_IGNORE), f"{name}.yaml: {rel}"


def test_every_rule_is_triggered_by_some_sample(manifests: dict[str, dict[str, Any]]) -> None:
    if "documents" not in manifests:
        pytest.skip("tests/sample_expectations/documents.yaml not written yet")
    fired = {r for data in manifests.values() for e in data["files"].values() for r in e.get("triggers", [])}
    fired |= {item["rule"] for data in manifests.values() for item in data.get("global") or []}
    assert sorted(set(RULES) - fired) == []


def test_forms_samples_trigger_the_forms_rules(manifests: dict[str, dict[str, Any]]) -> None:
    data = manifests["forms"]
    fired = {r for e in data["files"].values() for r in e["triggers"]}
    fired |= {item["rule"] for item in data["global"]}
    assert sorted(set(FORMS_RULES) - fired) == []
    clean = [rel for rel, e in data["files"].items() if not e["triggers"]]
    assert len(clean) >= 10, "clean samples are needed too: rules must have passing cases"


def test_forms_manifest_is_the_scenarios_current_one(manifests: dict[str, dict[str, Any]]) -> None:
    """forms.yaml is generated from the scenario: regenerate it after editing the scenario."""
    current = yaml.safe_load(yaml.safe_dump(forms.manifest(), allow_unicode=True, sort_keys=False))
    assert manifests["forms"] == current, "run: python -m tools.samples --write-manifests"


# ---------------------------------------------------------------- the scenario's own claims


def _similarity() -> float:
    data = yaml.safe_load((ROOT / "rules" / "recurrence.yaml").read_text(encoding="utf-8"))
    for rule in data.get("rules", []):
        if rule.get("id") == "CTCL030":
            return float((rule.get("params") or {}).get("similarity", 85))
    return 85.0


def _similar(a: str, b: str) -> bool:
    return token_set_ratio(fold(a), fold(b)) >= _similarity()


def _capas() -> list[dict[str, Any]]:
    return [c.values for c in CASES] + LOG_ONLY


def test_recurrence_stories_hold_at_the_rules_threshold() -> None:
    """CTCL030 fires only for the 4-round streak, CTCL031 only for the intended recurrence."""
    assert all(_similar(STREAK[0], text) for text in STREAK)
    first = ROUNDS[1][1]
    streak_unit = next(unit for _, unit, text, *_ in NC_ROWS if text == STREAK[0])
    answering = [v["number"] for v in _capas() if v["unit"] == streak_unit and v.get("description")
                 and v["opened_on"] and v["opened_on"] >= first and _similar(STREAK[0], v["description"])]
    assert answering == []
    recurrences = []
    for rnd, unit, text, _, _ in NC_ROWS:
        recorded = ROUNDS[rnd][1] + dt.timedelta(days=2)
        for v in _capas():
            if (v["unit"] == unit and v.get("verification") == "Đạt" and v.get("closed_on")
                    and v["closed_on"] < recorded and _similar(text, v.get("description") or "")):
                recurrences.append((ROUNDS[rnd][0], v["number"]))
    assert recurrences == [("Đợt 1/2026", "06/2025")]


def test_failed_request_is_cited_by_no_other_request() -> None:
    """CTCL022 on 12/2026 relies on no other request's text citing its number."""
    failed = [c.values["number"] for c in CASES if c.values.get("verification") == "Không đạt"
              and not c.values.get("follow_up_number")]
    assert failed == ["12/2026"]
    texts = [str(val) for v in _capas() for key, val in v.items() if key != "number" and isinstance(val, str)]
    assert not any("12/2026" in t for t in texts)


# ---------------------------------------------------------------- reproducibility


def test_generation_refuses_a_folder_with_foreign_files(tmp_path: Path) -> None:
    target = tmp_path / "inbox"
    (target / "Phiếu HĐKP").mkdir(parents=True)
    foreign = target / "Phiếu HĐKP" / "của tôi.docx"
    foreign.write_bytes(b"not generated")
    with pytest.raises(FileExistsError, match="của tôi.docx"):
        generate(target, generators=())
    assert foreign.read_bytes() == b"not generated"
    assert generate(target, generators=(), force=True) == []
    assert not foreign.exists()


@pytest.mark.slow
@needs_soffice()
def test_regenerating_gives_the_committed_file_names(tmp_path: Path) -> None:
    target = tmp_path / "inbox"
    written = generate(target)
    assert set(written) == _files(target)
    assert set(written) == _files(INBOX)
    for rel in forms.manifest()["files"]:  # the forms part never depends on the other generator
        assert (target / rel).stat().st_size > 0, rel
