"""Config errors name the file and line; overrides win over the file."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.config import load_config
from pipeline.errors import ConfigError


def test_file_values_and_overrides(tmp_path):
    cfg_file = tmp_path / "qms.toml"
    cfg_file.write_text('inbox = "in"\nfail_on = "minor"\n[limits]\ntimeout_seconds = 5\n', encoding="utf-8")
    cfg = load_config(cfg_file, {"fail_on": "never", "as_of": "2026-11-22"})
    assert cfg.inbox == tmp_path / "in"
    assert cfg.fail_on == "never"
    assert cfg.limits.timeout_seconds == 5
    assert cfg.as_of == dt.date(2026, 11, 22)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('inbox = "in"\n\nfail_on = "sometimes"\n', ":3: fail_on"),
        ('jobs = 2\ncolour = "blue"\n', ":2: unknown option 'colour'"),
        ("[limits]\nmax_pages = 3\n", ":2: unknown limit 'max_pages'"),
        ('inbox = "in\n', "at line 1"),
    ],
)
def test_errors_name_file_and_line(tmp_path, text, expected):
    cfg_file = tmp_path / "qms.toml"
    cfg_file.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(cfg_file, {})
    assert str(cfg_file) in str(err.value) and expected in str(err.value)


def test_bad_as_of_is_a_config_error():
    with pytest.raises(ConfigError, match="YYYY-MM-DD"):
        load_config(None, {"as_of": "22/11/2026"})
