"""`qms nightly` on a shared drive (SPEC §8): incremental, one run at a time, crash-safe, with history."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from docx import Document as DocxDocument

from tests.conftest import tree_digest
from tests.qms_runner import qms_command, run_qms
from tests.test_fingerprints import ROWS, write_log

AS_OF = "2026-11-22"


def make_form(path: Path, number: str, unit: str) -> Path:
    doc = DocxDocument()
    doc.add_paragraph("PHIẾU YÊU CẦU HÀNH ĐỘNG KHẮC PHỤC/CẢI TIẾN")
    table = doc.add_table(rows=0, cols=2)
    for label, value in [("Số phiếu", number), ("Ngày lập", "01/10/2026"), ("Đơn vị được yêu cầu", unit),
                         ("Người yêu cầu", "Nguyễn Thị Nguyệt"),
                         ("Nội dung yêu cầu", f"Sổ theo dõi {number} chưa cập nhật"),
                         ("Thời hạn hoàn thành", "30/11/2026")]:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    old = time.time() - 3600
    os.utime(path, (old, old))
    return path


def make_inbox(root: Path, forms: int = 6) -> Path:
    inbox = root / "Ổ chung" / "Hồ sơ ISO 2026"
    for i in range(forms):
        make_form(inbox / "Phiếu HĐKP" / f"phiếu {i + 1:02d}.docx", f"{i + 1:02d}/2026", "Văn phòng")
    write_log(inbox / "Sổ theo dõi" / "sổ HĐKP.xlsx", ROWS)
    old = time.time() - 3600
    os.utime(inbox / "Sổ theo dõi" / "sổ HĐKP.xlsx", (old, old))
    return inbox


def nightly(inbox: Path, outbox: Path, *extra: str):
    return run_qms("nightly", "--inbox", str(inbox), "--outbox", str(outbox), "--as-of", AS_OF, *extra, outbox=outbox)


def findings(outbox: Path) -> dict:
    return json.loads((outbox / "findings.json").read_text(encoding="utf-8"))


def test_second_run_reads_nothing_and_changes_are_incremental(tmp_path):
    inbox, outbox = make_inbox(tmp_path), tmp_path / "out"
    before = tree_digest(inbox)
    first = nightly(inbox, outbox)
    assert first.code == 0, first.stderr
    assert "7 read, 0 cached" in first.stdout
    ids = {f["id"] for f in findings(outbox)["findings"]}

    second = nightly(inbox, outbox)
    assert "0 read, 7 cached" in second.stdout
    assert {f["id"] for f in findings(outbox)["findings"]} == ids

    make_form(inbox / "Phiếu HĐKP" / "phiếu 01.docx", "01/2026", "Thanh tra")
    third = nightly(inbox, outbox)
    assert "1 read, 6 cached" in third.stdout

    (inbox / "Phiếu HĐKP" / "phiếu 02.docx").unlink()
    before = tree_digest(inbox)
    fourth = nightly(inbox, outbox)
    resolved = findings(outbox)["resolved"]
    assert resolved and all(r["file"] == "Phiếu HĐKP/phiếu 02.docx" for r in resolved)
    assert "0 read, 6 cached" in fourth.stdout
    assert tree_digest(inbox) == before


def test_recently_modified_file_is_pending_then_read(tmp_path):
    inbox, outbox = make_inbox(tmp_path, forms=2), tmp_path / "out"
    fresh = make_form(inbox / "Phiếu HĐKP" / "mới.docx", "09/2026", "Thanh tra")
    now = time.time() - 10
    os.utime(fresh, (now, now))
    first = nightly(inbox, outbox)
    assert "1 pending" in first.stdout
    assert "Phiếu HĐKP/mới.docx" not in {e["file"] for e in json.loads((outbox / "records.json").read_text())["files"]}
    old = time.time() - 600
    os.utime(fresh, (old, old))
    second = nightly(inbox, outbox)
    assert "1 read" in second.stdout and "0 pending" in second.stdout


def test_corrupt_state_is_set_aside_and_rebuilt(tmp_path):
    inbox, outbox = make_inbox(tmp_path, forms=2), tmp_path / "out"
    assert nightly(inbox, outbox).code == 0
    ids = {f["id"] for f in findings(outbox)["findings"]}
    (outbox / "state.sqlite").write_bytes(b"this is not a database" * 100)
    for side in ("state.sqlite-wal", "state.sqlite-shm"):
        (outbox / side).unlink(missing_ok=True)
    run = nightly(inbox, outbox)
    assert run.code == 0, run.stderr
    assert "3 read" in run.stdout
    assert {f["id"] for f in findings(outbox)["findings"]} == ids
    assert list(outbox.glob("state.sqlite.broken-*"))


def test_concurrent_run_exits_3_naming_the_holder_and_wait_waits(tmp_path):
    from filelock import FileLock

    inbox, outbox = make_inbox(tmp_path, forms=1), tmp_path / "out"
    outbox.mkdir()
    lock = FileLock(str(outbox / "state.sqlite.lock"))
    lock.acquire()
    (outbox / "state.sqlite.lock.owner").write_text('{"host": "may-chu-iso", "pid": 4242, "started": "x"}')
    try:
        run = nightly(inbox, outbox)
        assert run.code == 3 and "may-chu-iso" in run.stderr and "4242" in run.stderr
        waiting = subprocess.Popen([*qms_command(), "nightly", "--inbox", str(inbox), "--outbox", str(outbox),
                                    "--as-of", AS_OF, "--wait"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(2)
        assert waiting.poll() is None, "--wait did not wait"
    finally:
        lock.release()
    assert waiting.wait(timeout=120) == 0


def test_stale_lock_from_a_dead_process_is_taken_over(tmp_path):
    inbox, outbox = make_inbox(tmp_path, forms=1), tmp_path / "out"
    outbox.mkdir()
    dead = subprocess.Popen(["true"])
    dead.wait()
    (outbox / "state.sqlite.lock").write_text("")
    (outbox / "state.sqlite.lock.owner").write_text(json.dumps({"host": "x", "pid": dead.pid, "started": "y"}))
    assert nightly(inbox, outbox).code == 0


@pytest.mark.slow
def test_sigkill_at_any_moment_leaves_previous_outputs_intact(tmp_path):
    inbox, outbox = make_inbox(tmp_path, forms=40), tmp_path / "out"
    assert nightly(inbox, outbox).code == 0
    names = ["findings.json", "records.json", "findings.xlsx", "report.html"]
    for delay in (0.3, 0.8, 1.5, 2.5, 4.0):
        for i in range(0, 40, 3):  # force re-reading so the run has work to be killed in
            make_form(inbox / "Phiếu HĐKP" / f"phiếu {i + 1:02d}.docx", f"{i + 1:02d}/2026", "Thanh tra")
        proc = subprocess.Popen([*qms_command(), "nightly", "--inbox", str(inbox), "--outbox", str(outbox),
                                 "--as-of", AS_OF, "--jobs", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        for name in names:
            data = (outbox / name).read_bytes()
            assert data, name
            if name.endswith(".json"):
                json.loads(data)
        for office_file in [*outbox.glob("drafts/*.docx"), *outbox.glob("register/*.*"), outbox / "findings.xlsx"]:
            with zipfile.ZipFile(office_file) as archive:  # a complete file, never a torn one
                assert archive.testzip() is None, office_file
        run = nightly(inbox, outbox)
        assert run.code == 0, run.stderr
        json.loads((outbox / "findings.json").read_text(encoding="utf-8"))


def test_history_keeps_the_last_runs(tmp_path):
    inbox, outbox = make_inbox(tmp_path, forms=1), tmp_path / "out"
    config = tmp_path / "qms.toml"
    config.write_text("keep_runs = 2\n", encoding="utf-8")
    for _ in range(3):
        assert nightly(inbox, outbox, "--config", str(config)).code == 0
    runs = sorted((outbox / "runs").iterdir())
    assert len(runs) == 2
    manifest = json.loads((runs[-1] / "manifest.json").read_text(encoding="utf-8"))
    assert {f["file"] for f in manifest["files"]} == {"Phiếu HĐKP/phiếu 01.docx", "Sổ theo dõi/sổ HĐKP.xlsx"}
    assert all(len(f["sha256"]) == 64 for f in manifest["files"])
    assert (runs[-1] / "findings.json").exists() and (runs[-1] / "run.log").read_text(encoding="utf-8")


def test_changed_rules_re_evaluate_cached_records_without_re_reading(tmp_path):
    inbox, outbox = make_inbox(tmp_path, forms=2), tmp_path / "out"
    assert nightly(inbox, outbox).code == 0
    overdue = [f for f in findings(outbox)["findings"] if f["rule"] == "CTCL010"]
    assert overdue and all(f["severity"] == "major" for f in overdue)
    config = tmp_path / "qms.toml"
    config.write_text('[rules.CTCL010]\nseverity = "minor"\n', encoding="utf-8")
    run = nightly(inbox, outbox, "--config", str(config))
    assert "0 read, 3 cached" in run.stdout
    again = [f for f in findings(outbox)["findings"] if f["rule"] == "CTCL010"]
    assert {f["id"] for f in again} == {f["id"] for f in overdue}
    assert all(f["severity"] == "minor" for f in again)
