"""Exit codes of SPEC §7 for usage and config errors, and nothing written when they happen."""

from __future__ import annotations

from tests.qms_runner import ROOT, run_qms


def test_unknown_option_exits_2(tmp_path):
    run = run_qms("check", "--bogus")
    assert run.code == 2 and "--bogus" in run.stderr


def test_bad_as_of_exits_2_and_writes_nothing(tmp_path):
    (tmp_path / "inbox").mkdir()
    run = run_qms("check", "--inbox", str(tmp_path / "inbox"), "--outbox", str(tmp_path / "out"),
                  "--as-of", "31/12/2026")
    assert run.code == 2 and "YYYY-MM-DD" in run.stderr
    assert not (tmp_path / "out").exists()


def test_config_error_names_file_and_line(tmp_path):
    (tmp_path / "inbox").mkdir()
    cfg = tmp_path / "qms.toml"
    cfg.write_text('lang = "vi"\nfail_on = "often"\n', encoding="utf-8")
    run = run_qms("check", "--config", str(cfg), "--inbox", str(tmp_path / "inbox"),
                  "--outbox", str(tmp_path / "out"))
    assert run.code == 2 and f"{cfg}:2" in run.stderr
    assert not (tmp_path / "out").exists()


def test_broken_rule_file_exits_2_before_writing(tmp_path):
    (tmp_path / "inbox").mkdir()
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "bad.yaml").write_text("rules:\n  - id: CTCL999\n    severity: huge\n", encoding="utf-8")
    cfg = tmp_path / "qms.toml"
    cfg.write_text(f'rules_dir = "{rules.as_posix()}"\n', encoding="utf-8")
    run = run_qms("check", "--config", str(cfg), "--inbox", str(tmp_path / "inbox"),
                  "--outbox", str(tmp_path / "out"))
    assert run.code == 2 and "bad.yaml:2" in run.stderr
    assert not (tmp_path / "out").exists()


def test_outbox_inside_inbox_is_refused(tmp_path):
    (tmp_path / "inbox").mkdir()
    run = run_qms("check", "--inbox", str(tmp_path / "inbox"), "--outbox", str(tmp_path / "inbox" / "out"))
    assert run.code == 2 and "inbox is never written" in run.stderr
    assert not (tmp_path / "inbox" / "out").exists()


def test_rules_lists_and_documents():
    listing = run_qms("rules")
    assert listing.code == 0 and "CTCL010" in listing.stdout and "CTCL022" in listing.stdout
    doc = run_qms("rules", "CTCL011", "--lang", "en")
    assert doc.code == 0
    assert "Monthly progress report missing" in doc.stdout and "progress_interval_days: 31" in doc.stdout
    assert "example 1" in doc.stdout and "PASS (no finding)" in doc.stdout
    assert run_qms("rules", "CTCL999").code == 2


def test_rule_file_naming_an_unknown_parameter_exits_2(tmp_path):
    import shutil

    (tmp_path / "inbox").mkdir()
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    text = (rules / "capa.yaml").read_text(encoding="utf-8")
    typo = text.replace("  - id: CTCL013\n", "  - id: CTCL013\n    params: {windw_days: 5}\n")
    (rules / "capa.yaml").write_text(typo, encoding="utf-8")
    cfg = tmp_path / "qms.toml"
    cfg.write_text(f'rules_dir = "{rules.as_posix()}"\n', encoding="utf-8")
    run = run_qms("check", "--config", str(cfg), "--inbox", str(tmp_path / "inbox"), "--outbox", str(tmp_path / "o"))
    assert run.code == 2 and "capa.yaml:" in run.stderr and "windw_days" in run.stderr
    assert not (tmp_path / "o").exists()
