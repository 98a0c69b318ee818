"""Waivers (SPEC §5): accepted findings still show, marked waived, and do not count for the exit code;
expired and unused waivers are reported; a broken waiver file stops the run (exit 2, file and line).

One overdue BM.CTCL.01 form gives CTCL010 (major) and CTCL011 (minor); an inbox without reviews and
objectives plans gives CTCL040 and CTCL052 (major, no file). Each run uses its own copy of rules/.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from capa_forms import capa_form, request
from qms_runner import ROOT, QmsRun, run_qms

from pipeline.catalog import load_catalog
from pipeline.emit.i18n import TEXT
from pipeline.errors import ConfigError
from pipeline.waivers import load_waivers

AS_OF = "2026-11-22"


def _project(root: Path) -> Path:
    """An inbox with one overdue request, a private copy of the rules, and qms.toml naming them."""
    capa_form(root / "inbox" / "capa" / "05-2026.docx", request("05/2026", "01/09/2026", "30/10/2026"))
    shutil.copytree(ROOT / "rules", root / "rules", ignore=shutil.ignore_patterns("waivers.yaml"))
    (root / "qms.toml").write_text('inbox = "inbox"\noutbox = "out"\nrules_dir = "rules"\n', encoding="utf-8")
    return root


def _check(root: Path, *extra: str) -> QmsRun:
    """`qms check` run from the project folder: ./qms.toml is picked up without --config."""
    return run_qms("check", "--as-of", AS_OF, *extra, cwd=root, outbox=root / "out")


def _by_rule(run: QmsRun) -> dict[str, dict[str, Any]]:
    findings = run.json("findings.json")["findings"]
    rules = [f["rule"] for f in findings]
    assert len(rules) == len(set(rules)), rules
    return {f["rule"]: f for f in findings}


WAIVERS = """\
# accepted findings of the ISO board
waivers:
  - rule: CTCL010
    path: "capa/*.docx"
    justification: "Gia hạn theo Quyết định 12/QĐ-BDT <b>&amp;</b>"
    approver: Võ Nam Thắng
    expires: 2027-01-31
  - rule: CTCL040
    fingerprint: "{ctcl040}"
    justification: Họp xem xét của lãnh đạo dời sang tháng 12
    approver: Trưởng ban
    expires: {as_of}
  - rule: ctcl052
    fingerprint: "{ctcl052}"
    justification: Kế hoạch MTCL đang trình ký
    approver: Trưởng ban
    expires: 2026-12-31
  - rule: CTCL011
    path: "capa/*"
    justification: Đã hết hạn hôm qua
    approver: Võ Nam Thắng
    expires: 2026-11-21
  - rule: CTCL030
    path: "so-theo-doi/*.xlsx"
    justification: Không còn phát hiện nào khớp
    approver: Võ Nam Thắng
    expires: 2027-06-30
"""


@pytest.fixture(scope="module")
def waived(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = _project(tmp_path_factory.mktemp("waivers"))
    before = _check(root)
    assert before.code == 1, before.stderr
    ids = {rule: f["id"] for rule, f in _by_rule(before).items()}
    assert {"CTCL010", "CTCL011", "CTCL040", "CTCL052"} <= set(ids), "the overdue form was not read as expected"
    waivers = root / "accepted" / "waivers.yaml"
    waivers.parent.mkdir()
    waivers.write_text(WAIVERS.format(ctcl040=ids["CTCL040"], ctcl052=ids["CTCL052"], as_of=AS_OF),
                       encoding="utf-8")
    with (root / "qms.toml").open("a", encoding="utf-8") as toml:
        toml.write('waivers = "accepted/waivers.yaml"\n')
    after = _check(root)
    return {"root": root, "before": before, "after": after, "ids": ids, "file": waivers}


def test_waived_findings_do_not_fail_the_run(waived):
    after = waived["after"]
    assert after.code == 0, after.stdout + after.stderr  # every major is waived; CTCL011 is minor
    assert "major 0, minor 1" in after.stdout


def test_waived_findings_still_show_marked(waived):
    before, after = _by_rule(waived["before"]), _by_rule(waived["after"])
    assert set(after) == set(before) and {f["id"] for f in after.values()} == set(waived["ids"].values())
    assert after["CTCL010"]["waived"] == {"justification": "Gia hạn theo Quyết định 12/QĐ-BDT <b>&amp;</b>",
                                          "approver": "Võ Nam Thắng", "expires": "2027-01-31"}
    assert after["CTCL040"]["waived"]["expires"] == AS_OF  # a waiver applies through its expiry date
    assert after["CTCL052"]["waived"]["approver"] == "Trưởng ban"  # rule ids are not case-sensitive
    assert "waived" not in after["CTCL011"]  # its waiver expired the day before as_of
    summary = waived["after"].json("findings.json")["summary"]
    assert summary["by_severity"]["major"] == 0 and summary["by_severity"]["minor"] == 1
    assert summary["waived"] == 3 and "CTCL010" not in summary["by_rule"]


def test_expired_and_unused_waivers_are_reported(waived):
    report = waived["after"].json("findings.json")["waivers"]
    text = waived["file"].read_text(encoding="utf-8").splitlines()
    line = {rule: text.index(f"  - rule: {rule}") + 1 for rule in ("CTCL011", "CTCL030")}
    assert [(w["rule"], w["source"]) for w in report["expired"]] == [("CTCL011", f"{waived['file']}:{line['CTCL011']}")]
    assert [(w["rule"], w["source"]) for w in report["unused"]] == [("CTCL030", f"{waived['file']}:{line['CTCL030']}")]
    assert report["unused"][0]["path"] == "so-theo-doi/*.xlsx" and report["expired"][0]["expires"] == "2026-11-21"


def test_fail_on_counts_what_is_not_waived(waived):
    assert _check(waived["root"], "--fail-on", "minor").code == 1  # CTCL011: its waiver expired


def test_report_html_marks_waivers(waived):
    html = (waived["root"] / "out" / "report.html").read_text(encoding="utf-8")
    w = TEXT["vi"]
    for rule in ("CTCL010", "CTCL040", "CTCL052"):
        row = html.split(f'id="f-{waived["ids"][rule]}"')[0].rsplit("<tr", 1)[1]
        assert 'class="waived"' in row
    unwaived = html.split(f'id="f-{waived["ids"]["CTCL011"]}"')[0].rsplit("<tr", 1)[1]
    assert 'class="waived"' not in unwaived
    assert f"{w['waived']}: Gia hạn theo Quyết định 12/QĐ-BDT &lt;b&gt;&amp;amp;&lt;/b&gt;" in html
    section = html.split('<section id="waivers">')[1].split("</section>")[0]
    assert w["waivers_expired"] in section and w["waivers_unused"] in section
    assert "Đã hết hạn hôm qua" in section and "so-theo-doi/*.xlsx" in section and "CTCL010" not in section


def test_findings_xlsx_marks_waivers(waived):
    w = TEXT["vi"]
    sheet = openpyxl.load_workbook(waived["root"] / "out" / "findings.xlsx").worksheets[0]
    header = [c.value for c in sheet[1]]
    rows = {row[header.index(w["rule"])]: row[header.index(w["waived"])] for row in sheet.iter_rows(min_row=2,
                                                                                                   values_only=True)}
    assert rows["CTCL040"] == "Họp xem xét của lãnh đạo dời sang tháng 12"
    assert not rows["CTCL011"]


def test_default_waivers_file_in_rules(tmp_path, waived):
    """Without a `waivers` setting, <rules_dir>/waivers.yaml is read."""
    root = _project(tmp_path)
    (root / "rules" / "waivers.yaml").write_text(
        "waivers:\n"
        f"  - {{rule: CTCL040, fingerprint: '{waived['ids']['CTCL040']}', justification: Dời họp,"
        f" approver: Trưởng ban, expires: 2026-12-31}}\n", encoding="utf-8")
    run = _check(root, "--fail-on", "never")
    assert run.code == 0
    assert _by_rule(run)["CTCL040"]["waived"]["justification"] == "Dời họp"
    assert "waived" not in _by_rule(run)["CTCL052"]


BROKEN = {
    "no approver": ("  - {rule: CTCL010, path: '*', justification: x, expires: 2027-01-01}\n", "approver"),
    "neither fingerprint nor path": ("  - {rule: CTCL010, justification: x, approver: y, expires: 2027-01-01}\n",
                                     "fingerprint or path"),
    "bad expiry": ("  - {rule: CTCL010, path: '*', justification: x, approver: y, expires: next month}\n",
                   "YYYY-MM-DD"),
    "unknown rule": ("  - {rule: CTCL01O, path: '*', justification: x, approver: y, expires: 2027-01-01}\n",
                     "unknown rule CTCL01O"),
    "misspelt key": ("  - {rule: CTCL010, path: '*', justification: x, approver: y, expiry: 2027-01-01}\n",
                     "expiry"),
}


def _broken_file(folder: Path, entry: str) -> Path:
    """A waivers file whose second entry (line 3) is `entry`."""
    path = folder / "waivers.yaml"
    path.write_text("waivers:\n  - {rule: CTCL040, path: '*', justification: x, approver: y, expires: 2027-01-01}\n"
                    + entry, encoding="utf-8")
    return path


@pytest.mark.parametrize("case", BROKEN)
def test_broken_waiver_names_file_and_line(tmp_path, case):
    entry, expected = BROKEN[case]
    path = _broken_file(tmp_path, entry)
    with pytest.raises(ConfigError) as error:
        load_waivers(path, load_catalog(ROOT / "rules").rules)
    assert str(error.value).startswith(f"{path}:3: ") and expected in str(error.value)


def test_broken_waiver_stops_the_run_before_writing(tmp_path):
    root = _project(tmp_path)
    path = _broken_file(root, BROKEN["unknown rule"][0])
    with (root / "qms.toml").open("a", encoding="utf-8") as toml:
        toml.write('waivers = "waivers.yaml"\n')
    run = _check(root)
    assert run.code == 2 and f"{path}:3" in run.stderr and "CTCL01O" in run.stderr, run.stdout + run.stderr
    assert not (root / "out").exists()


def test_configured_waivers_file_must_exist(tmp_path):
    root = _project(tmp_path)
    with (root / "qms.toml").open("a", encoding="utf-8") as toml:
        toml.write('waivers = "missing.yaml"\n')
    run = _check(root)
    assert run.code == 2 and "missing.yaml" in run.stderr and "not found" in run.stderr
    assert not (root / "out").exists()
