"""Finding ids are stable (SPEC §5): inserting rows above a register row, renaming/moving the file's
folder for CAPA findings, or moving as_of by a day keeps them; a fixed finding moves to `resolved`."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from openpyxl import Workbook

from tests.qms_runner import run_qms

ROWS = [
    ["05/2026", dt.date(2026, 5, 1), "Văn phòng", "Chậm cập nhật sổ theo dõi văn bản", dt.date(2026, 10, 1), None],
    ["06/2026", dt.date(2026, 6, 1), "Thanh tra", "Thiếu phiếu kiểm soát hồ sơ", dt.date(2026, 11, 25), None],
]


def write_log(path: Path, rows: list[list], title_rows: int = 1) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Sổ HĐKP"
    for i in range(title_rows):
        ws.append([f"SỔ THEO DÕI HÀNH ĐỘNG KHẮC PHỤC — dòng tiêu đề {i + 1}"])
    ws.append([])
    ws.append(["Số phiếu", "Ngày lập", "Đơn vị", "Nội dung", "Thời hạn", "Ngày đóng"])
    for row in rows:
        ws.append(row)
    for line in ws.iter_rows():
        for cell in line:
            if isinstance(cell.value, dt.date):
                cell.number_format = "dd/mm/yyyy"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


def ids(outbox: Path, rule: str | None = None) -> dict[str, str]:
    import json

    findings = json.loads((outbox / "findings.json").read_text(encoding="utf-8"))["findings"]
    return {f["subject"]: f["id"] for f in findings if rule is None or f["rule"] == rule}


def check(inbox: Path, outbox: Path, as_of: str = "2026-11-22") -> None:
    run = run_qms("check", "--inbox", str(inbox), "--outbox", str(outbox), "--as-of", as_of, "--fail-on", "never")
    assert run.code == 0, run.stderr


def test_ids_survive_inserted_rows_moved_files_and_the_next_day(tmp_path):
    inbox = tmp_path / "inbox"
    write_log(inbox / "Sổ theo dõi" / "so-hdkp.xlsx", ROWS)
    check(inbox, tmp_path / "a")
    first = ids(tmp_path / "a", "CTCL010")
    assert "BM.CTCL.01 05/2026" in first

    write_log(inbox / "Sổ theo dõi" / "so-hdkp.xlsx", [ROWS[1], *ROWS[:1]], title_rows=4)
    check(inbox, tmp_path / "b")
    assert ids(tmp_path / "b", "CTCL010") == first

    shutil.move(str(inbox / "Sổ theo dõi"), str(inbox / "Lưu 2026"))
    check(inbox, tmp_path / "c")
    assert ids(tmp_path / "c", "CTCL010") == first

    check(inbox, tmp_path / "d", as_of="2026-11-23")
    assert ids(tmp_path / "d", "CTCL010") == first


def test_fixed_finding_is_resolved_on_the_next_run(tmp_path):
    import json

    inbox, outbox = tmp_path / "inbox", tmp_path / "outbox"
    write_log(inbox / "so.xlsx", ROWS)
    check(inbox, outbox)
    overdue = ids(outbox, "CTCL010")["BM.CTCL.01 05/2026"]
    closed = [ROWS[0][:5] + [dt.date(2026, 9, 30)], ROWS[1]]
    write_log(inbox / "so.xlsx", closed)
    check(inbox, outbox)
    doc = json.loads((outbox / "findings.json").read_text(encoding="utf-8"))
    assert overdue in {r["id"] for r in doc["resolved"]}
    assert overdue not in {f["id"] for f in doc["findings"]}
    persisting = [f for f in doc["findings"] if f["rule"] == "CTCL013"]
    assert persisting and all(f["status"] == "persisting" and f["first_seen"] == "2026-11-22" for f in persisting)
