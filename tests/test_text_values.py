"""Placeholders, choices, request numbers, retention and numbers (SPEC §3.1, §3.2)."""

from __future__ import annotations

import unicodedata

import pytest

from pipeline.text.dates import InvalidValue
from pipeline.text.values import (
    clean_value,
    has_measure,
    is_placeholder,
    normalize_request_number,
    parse_choice,
    parse_number,
    parse_retention,
    read_choice,
)

RESULT = {"Đạt": ["Đạt"], "Không đạt": ["Không đạt"]}
KIND = {"Khắc phục": ["Hành động khắc phục", "HĐKP"], "Cải tiến": ["Đề xuất cải tiến"]}


@pytest.mark.parametrize("text", ["", "  ", "……", "....", "…/…/20…", "___", "-", "ngày … tháng … năm 20…"])
def test_placeholders(text: str) -> None:
    assert is_placeholder(text)
    assert clean_value(text) == ""


@pytest.mark.parametrize("text", ["Văn phòng", "20", "x", "05/2026", "Ngày 05 tháng 3 năm 2026"])
def test_not_placeholders(text: str) -> None:
    assert not is_placeholder(text)


def test_clean_value_strips_leaders_keeps_lines() -> None:
    raw = unicodedata.normalize("NFD", "  ……Văn phòng………\n……\n Đã hoàn thành. ")
    assert clean_value(raw) == "Văn phòng\nĐã hoàn thành."


@pytest.mark.parametrize(
    "text, expected",
    [
        ("☒ Đạt  ☐ Không đạt", "Đạt"),
        ("☐ Đạt  ☒ Không đạt", "Không đạt"),
        ("☐ Không đạt ☑ Đạt", "Đạt"),
        ("[x] Đạt [ ] Không đạt", "Đạt"),
        ("[ ] Đạt [x] Không đạt", "Không đạt"),
        ("( ) Đạt (x) Không đạt", "Không đạt"),
        ("Đạt ☐   Không đạt ☒", "Không đạt"),
        ("Đạt: X    Không đạt:", "Đạt"),
        ("✓ Không đạt", "Không đạt"),
        ("Không đạt", "Không đạt"),
        ("KHONG DAT", "Không đạt"),
        ("đạt", "Đạt"),
        ("☐ Đạt ☐ Không đạt", None),
        ("Đạt / Không đạt", None),
        ("……", None),
    ],
)
def test_parse_choice(text: str, expected: str | None) -> None:
    assert parse_choice(text, RESULT) == expected


def test_choice_longest_label_first() -> None:
    # "Không đạt" must never be read as "Đạt", with or without marks
    assert read_choice("☒ Không đạt", RESULT).selected == ["Không đạt"]
    assert parse_choice("hành động khắc phục", KIND) == "Khắc phục"
    assert parse_choice("☐ HĐKP ☒ Đề xuất cải tiến", KIND) == "Cải tiến"


def test_choice_several_selected_first_wins_and_is_reported() -> None:
    choice = read_choice("☒ Đạt ☒ Không đạt", RESULT)
    assert choice.value == "Đạt" and choice.ambiguous and choice.selected == ["Đạt", "Không đạt"]


def test_unknown_choice_raises() -> None:
    with pytest.raises(InvalidValue):
        parse_choice("Tốt", RESULT)
    with pytest.raises(InvalidValue):
        parse_choice("☒ Tốt", RESULT)


@pytest.mark.parametrize("a, b", [("Số: 05/2026/BDT", "5/2026/bdt"), ("05 / 2026 / BĐT", "5/2026/BDT"),
                                  ("Số phiếu: 007/2026", "7/2026")])
def test_request_numbers_equal(a: str, b: str) -> None:
    assert normalize_request_number(a) == normalize_request_number(b)


def test_request_numbers_differ() -> None:
    assert normalize_request_number("05/2026") != normalize_request_number("05/2025")
    assert normalize_request_number("……") == ""


@pytest.mark.parametrize(
    "text, expected",
    [("03 năm", {"years": 3}), ("3 năm", {"years": 3}), ("36 tháng", {"months": 36}),
     ("Vĩnh viễn", {"permanent": True}), ("LÂU DÀI", {"permanent": True}), ("", None),
     ("Theo quy định", None), ("…", None)],
)
def test_parse_retention(text: str, expected: dict | None) -> None:
    assert parse_retention(text) == expected


@pytest.mark.parametrize("text, expected", [("1.234,5", 1234.5), ("95,5%", 95.5), ("100", 100.0),
                                            ("2.5", 2.5), ("abc", None)])
def test_parse_number(text: str, expected: float | None) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [("Đạt 100% hồ sơ đúng hạn", True), ("Hoàn thành trước 30/6/2026", True), ("Giảm 2 lần khiếu nại", True),
     ("1. Nâng cao chất lượng phục vụ", False), ("a) Đảm bảo đúng hạn", False), ("II. Cải tiến", False)],
)
def test_has_measure(text: str, expected: bool) -> None:
    assert has_measure(text) is expected
