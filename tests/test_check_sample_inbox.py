"""`qms check` on the shipped sample inbox: every file gets its kind, the manifest's fields are read,
the findings are exactly those the manifest expects, the exit code follows SPEC §7, and the inbox is
left byte-identical."""

from __future__ import annotations

from collections import defaultdict

import pytest

from tests.conftest import tree_digest
from tests.qms_runner import run_qms
from tests.sample_manifest import INBOX, comparable, load_manifest, matches

MANIFEST = load_manifest()


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory):
    outbox = tmp_path_factory.mktemp("outbox")
    before = tree_digest(INBOX)
    run = run_qms("check", "--inbox", str(INBOX), "--outbox", str(outbox), "--as-of", MANIFEST.as_of.isoformat(),
                  outbox=outbox)
    run.inbox_unchanged = tree_digest(INBOX) == before  # type: ignore[attr-defined]
    return run


def test_inbox_is_byte_identical_after_a_run(sample_run):
    assert sample_run.inbox_unchanged


def test_exit_code_follows_fail_on_major(sample_run):
    findings = sample_run.json("findings.json")["findings"]
    majors = [f for f in findings if f["severity"] == "major" and not f.get("waived")]
    assert sample_run.code == (1 if majors else 0), sample_run.stderr


def test_every_sample_file_has_its_kind(sample_run):
    records = sample_run.json("records.json")
    assert records["schema"] == "qms-records/1"
    kinds = defaultdict(set)
    for entry in records["files"]:
        kinds[entry["file"]].add(entry["kind"])
    for name, spec in MANIFEST.files.items():
        expected = spec["kind"]
        if expected == "ignored":
            assert name not in kinds, f"{name} should be ignored"
        else:
            assert expected in kinds.get(name, set()), f"{name}: expected {expected}, read {kinds.get(name)}"


def test_unreadable_and_unknown_files_are_reported_with_reasons(sample_run):
    records = {e["file"]: e for e in sample_run.json("records.json")["files"]}
    findings = sample_run.json("findings.json")["findings"]
    for name, spec in MANIFEST.files.items():
        if spec["kind"] == "unreadable":
            assert records[name]["reason"] == spec["reason"], name
            assert any(f["rule"] == "CTCL090" and f["file"] == name for f in findings), name
        if spec["kind"] == "unknown":
            assert any(f["rule"] == "CTCL091" and f["file"] == name for f in findings), name


def test_manifest_fields_are_read(sample_run):
    by_file = defaultdict(list)
    for entry in sample_run.json("records.json")["files"]:
        by_file[entry["file"]].append(entry)
    wrong = []
    for name, spec in MANIFEST.files.items():
        for field, expected in (spec.get("fields") or {}).items():
            got = [e.get("fields", {}).get(field) for e in by_file.get(name, [])]
            if not any(matches(expected, value) for value in got):
                wrong.append(f"{name}: {field} = {got}, expected {comparable(expected)!r}")
    assert not wrong, "\n".join(wrong)


def test_findings_are_exactly_the_manifests(sample_run):
    findings = sample_run.json("findings.json")["findings"]
    got = {(f["file"], f["rule"]) for f in findings}
    expected = MANIFEST.triggers()
    missing, extra = sorted(expected - got, key=str), sorted(got - expected, key=str)
    assert not missing and not extra, f"missing: {missing}\nextra: {extra}"


def test_every_rule_fires_on_the_samples(sample_run):
    fired = {f["rule"] for f in sample_run.json("findings.json")["findings"]}
    from tests.test_rule_examples import SPEC_RULES

    assert sorted(set(SPEC_RULES) - fired) == []


def test_manifest_register_rows_are_read(sample_run):
    rows_by_file = defaultdict(list)
    for entry in sample_run.json("records.json")["files"]:
        rows_by_file[entry["file"]].extend(entry.get("rows") or [])
    wrong = []
    for name, spec in MANIFEST.files.items():
        expected = spec.get("rows")
        if not expected:
            continue
        actual = rows_by_file.get(name, [])
        if len(actual) != len(expected):
            wrong.append(f"{name}: {len(actual)} rows read, {len(expected)} expected")
        for row in expected:
            if not any(matches(row, got) for got in actual):
                wrong.append(f"{name}: no row matches {comparable(row)}")
    assert not wrong, "\n".join(wrong)
