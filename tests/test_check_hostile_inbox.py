"""Bad input (SPEC §9) through `qms check`: every broken file gets CTCL090 with a clear reason, a PDF that
hangs the parser is killed at the time limit, the run completes, and the inbox is not written."""

from __future__ import annotations

import os
import shutil
import time

import pytest

from tests import hostile_files as hf
from tests.conftest import tree_digest
from tests.qms_runner import run_qms

CASES = {
    "Phiếu HĐKP/cut.docx": (hf.make_truncated_docx, "truncated", "cắt cụt"),
    "Phiếu HĐKP/secret.docx": (hf.make_encrypted_docx, "encrypted", "mật khẩu"),
    "bomb.docx": (hf.make_zip_bomb, "zip_bomb", "zip bomb"),
    "scan.pdf": (hf.make_scanned_pdf, "no_text_layer", "OCR"),
    "page.pdf": (hf.make_html_as_pdf, "wrong_type", "không khớp"),
    "hang.pdf": (hf.make_hang_pdf, "timeout", "quá thời gian"),
}
LEGACY = {"old.doc": (hf.make_legacy_doc, "legacy_doc", ".doc")}
IGNORED = ["~$phieu.docx", ".~lock.phieu.docx#", "Thumbs.db", "desktop.ini"]


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    inbox, outbox = root / "inbox", root / "outbox"
    cases = dict(CASES)
    if shutil.which("soffice"):
        cases.update(LEGACY)
    for name, (make, _, _) in cases.items():
        (inbox / name).parent.mkdir(parents=True, exist_ok=True)
        make(inbox / name)
    hf.make_docx(inbox / "ok.docx")
    for name in IGNORED:
        (inbox / name).write_bytes(b"\x00" * 162)
    config = root / "qms.toml"
    config.write_text("[limits]\ntimeout_seconds = 4\n", encoding="utf-8")
    before = tree_digest(inbox)
    started = time.monotonic()
    run = run_qms("check", "--inbox", str(inbox), "--outbox", str(outbox), "--as-of", "2026-11-22",
                  "--config", str(config), "--jobs", "2", outbox=outbox)
    run.seconds = time.monotonic() - started  # type: ignore[attr-defined]
    run.cases = cases  # type: ignore[attr-defined]
    run.unchanged = tree_digest(inbox) == before  # type: ignore[attr-defined]
    return run


def test_run_completes_with_every_file_accounted_for(hostile_run):
    assert hostile_run.code in (0, 1), hostile_run.stderr
    records = {e["file"]: e for e in hostile_run.json("records.json")["files"]}
    assert set(records) == set(hostile_run.cases) | {"ok.docx"}
    assert records["ok.docx"]["kind"] != "unreadable"


def test_each_broken_file_gets_ctcl090_with_its_reason(hostile_run):
    records = {e["file"]: e for e in hostile_run.json("records.json")["files"]}
    findings = {f["file"]: f for f in hostile_run.json("findings.json")["findings"] if f["rule"] == "CTCL090"}
    for name, (_, reason, words) in hostile_run.cases.items():
        assert records[name]["kind"] == "unreadable" and records[name]["reason"] == reason, records[name]
        assert name in findings, name
        assert words in findings[name]["message"]["vi"], findings[name]["message"]


def test_hung_pdf_is_killed_at_the_time_limit(hostile_run):
    assert hostile_run.seconds < 60, "the hung PDF was not stopped at its 4 s limit"


def test_ignored_files_are_not_read(hostile_run):
    seen = {e["file"] for e in hostile_run.json("records.json")["files"]}
    assert not seen & set(IGNORED)


def test_inbox_not_written(hostile_run):
    assert hostile_run.unchanged
    assert not any(name.startswith(".qms") for name in os.listdir(hostile_run.outbox.parent / "inbox"))
