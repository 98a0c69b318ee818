"""A rerun over unchanged inputs reuses the last evaluation (pipeline/snapshot.py), and only then."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from tests.qms_runner import run_qms
from tests.test_nightly import AS_OF, findings, make_form, make_inbox, nightly

REUSED = "nothing changed since the last run"


def check(inbox: Path, outbox: Path, *extra: str):
    args = ["check", "--inbox", str(inbox), "--outbox", str(outbox), "--fail-on", "never", *extra]
    if "--as-of" not in extra:
        args += ["--as-of", AS_OF]
    return run_qms(*args, outbox=outbox)


def by_id(outbox: Path) -> dict[str, dict]:
    return {f["id"]: f for f in findings(outbox)["findings"]}


def test_unchanged_rerun_reuses_findings_and_keeps_records(tmp_path):
    inbox, outbox = make_inbox(tmp_path, forms=3), tmp_path / "out"
    first = check(inbox, outbox)
    assert first.code == 0, first.stderr
    assert REUSED not in first.stdout
    before = by_id(outbox)
    records = outbox / "records.json"
    records_bytes, records_mtime = records.read_bytes(), records.stat().st_mtime_ns

    second = check(inbox, outbox)
    assert second.code == 0, second.stderr
    assert REUSED in second.stdout
    assert "0 read, 4 cached" in second.stdout
    after = by_id(outbox)
    assert set(after) == set(before) and before
    assert all(f["status"] == "persisting" for f in after.values())
    assert all(after[i]["first_seen"] == before[i]["first_seen"] for i in before)
    assert {k: v for k, v in after.items()} == {
        i: {**f, "status": "persisting"} for i, f in before.items()
    }
    assert records.read_bytes() == records_bytes and records.stat().st_mtime_ns == records_mtime
    runs = sorted((outbox / "runs").iterdir())
    assert len(runs) == 2
    manifest = json.loads((runs[-1] / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["files"]) == 4 and all(len(f["sha256"]) == 64 for f in manifest["files"])
    assert findings(outbox)["run"]["files_cached"] == 4


def test_any_change_takes_the_full_path(tmp_path):
    inbox, outbox = make_inbox(tmp_path, forms=2), tmp_path / "out"
    assert check(inbox, outbox).code == 0
    overdue = {i for i, f in by_id(outbox).items() if f["rule"] == "CTCL010"}

    later = check(inbox, outbox, "--as-of", "2027-06-30")  # a new as_of: the forms' deadlines have passed
    assert REUSED not in later.stdout
    assert {i for i, f in by_id(outbox).items() if f["rule"] == "CTCL010"} > overdue

    assert check(inbox, outbox).code == 0  # back to AS_OF: evaluated again, not the stale snapshot
    assert {i for i, f in by_id(outbox).items() if f["rule"] == "CTCL010"} == overdue

    form = inbox / "Phiếu HĐKP" / "phiếu 01.docx"
    then = time.time() - 1800
    os.utime(form, (then, then))  # a new mtime, same bytes: hashed, not re-read, but re-evaluated
    touched = check(inbox, outbox)
    assert REUSED not in touched.stdout and "0 read, 3 cached" in touched.stdout

    make_form(inbox / "Phiếu HĐKP" / "phiếu 09.docx", "09/2026", "Thanh tra")
    added = check(inbox, outbox)
    assert REUSED not in added.stdout and "1 read, 3 cached" in added.stdout
    assert any("09/2026" in f["subject"] for f in by_id(outbox).values())

    config = tmp_path / "qms.toml"
    config.write_text('[rules]\ndisable = ["CTCL010"]\n', encoding="utf-8")
    disabled = check(inbox, outbox, "--config", str(config))
    assert REUSED not in disabled.stdout
    assert not any(f["rule"] == "CTCL010" for f in by_id(outbox).values())


def test_missing_records_json_is_rebuilt(tmp_path):
    inbox, outbox = make_inbox(tmp_path, forms=1), tmp_path / "out"
    assert check(inbox, outbox).code == 0
    expected = json.loads((outbox / "records.json").read_text(encoding="utf-8"))
    (outbox / "records.json").unlink()
    again = check(inbox, outbox)
    assert REUSED not in again.stdout and "0 read, 2 cached" in again.stdout
    assert json.loads((outbox / "records.json").read_text(encoding="utf-8")) == expected


def test_nightly_stages_still_get_the_records_when_nothing_changed(tmp_path):
    inbox, outbox = make_inbox(tmp_path, forms=2), tmp_path / "out"
    assert nightly(inbox, outbox).code == 0
    register = sorted((outbox / "register").iterdir())
    assert register
    for path in register:
        path.unlink()
    again = nightly(inbox, outbox)
    assert again.code == 0, again.stderr
    assert REUSED in again.stdout
    assert sorted((outbox / "register").iterdir()) == register  # rebuilt from the cached records
