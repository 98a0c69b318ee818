"""Folding makes label variants match: diacritics, đ, NFD, tone-mark placement, PDF lookalikes."""

from __future__ import annotations

import unicodedata

from pipeline.text.fold import fold, fold_with_map, nfc


def test_variants_fold_equal():
    assert fold("Khánh Hòa") == fold("Khánh Hoà") == fold("KHANH HOA") == "khanh hoa"
    assert fold("thủy") == fold("thuỷ")
    assert fold("Đơn vị   được\tyêu cầu") == "don vi duoc yeu cau"
    assert fold(unicodedata.normalize("NFD", "Nguyên nhân gốc rễ")) == "nguyen nhan goc re"


def test_pdf_lookalikes_map_to_u_horn_but_o_horn_stays():
    assert nfc("CHẤT LƢỢNG") == "CHẤT LƯỢNG"
    assert nfc("Ƣ ƣ") == "Ư ư"
    assert nfc("Ơ ơ") == "Ơ ơ"
    assert fold("LƢỢNG") == fold("lượng") == "luong"


def test_fold_with_map_points_back_into_the_original():
    text = nfc("Số phiếu: 05/2026")
    folded, index = fold_with_map(text)
    at = folded.index("phieu")
    assert text[index[at]:index[at + len("phieu") - 1] + 1] == "phiếu"
