"""Folding: how two Vietnamese strings are compared.

People type labels with or without diacritics, in NFD or NFC, with either tone-mark placement
(hòa/hoà), and some PDF tools emit Ƣ/ƣ for Ư/ư or a Wingdings box as a private-use code point. All
of that must match; output text stays NFC.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Ƣ ƣ → Ư ư; and the Wingdings tick boxes that a PDF's text layer keeps as their private-use code
# points (Word's Insert → Symbol boxes, printed to PDF): empty box, ticked boxes, tick; and the
# Symbol-font bullet of Word's lists. Only code points of the upper half (U+F0A0–F0FF): the lower one
# holds the Symbol font's Greek letters.
_LOOKALIKES = str.maketrans({
    "\u01a2": "\u01af", "\u01a3": "\u01b0",
    "\uf0a8": "\u2610", "\uf0fd": "\u2612", "\uf0fe": "\u2612", "\uf0fc": "\u2713", "\uf0b7": "\u2022",
})
_SPACES = re.compile(r"\s+")
# Soft hyphen U+00AD is NOT removed by nfc(): TCVN3 stores "ư" there, and the legacy fix runs after the
# readers; fold_char() drops it for matching.
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)


_SPECIAL = re.compile("[\u01a2\u01a3\u200b\u200c\u200d\u2060\ufeff\uf0a8\uf0b7\uf0fc-\uf0fe]")


def nfc(text: str) -> str:
    """Normalise for output: NFC, lookalikes mapped, zero-width characters removed.

    Fast path (it runs on every paragraph): ASCII, or already-NFC text without special characters.
    """
    if text.isascii() or (unicodedata.is_normalized("NFC", text) and not _SPECIAL.search(text)):
        return text
    return unicodedata.normalize("NFC", text.translate(_LOOKALIKES)).translate(_ZERO_WIDTH)


@lru_cache(maxsize=65536)
def fold_char(ch: str) -> str:
    """Fold one NFC character: casefold, strip marks, đ→d."""
    if ch in "đĐ":
        return "d"
    if ch == "\u00ad":  # soft hyphen: invisible, never part of a word when matching
        return ""
    if ch.isspace():
        return " "
    base = unicodedata.normalize("NFD", ch.translate(_LOOKALIKES))
    return "".join(c for c in base if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=262144)
def fold(text: str) -> str:
    """Matching form: casefold, no diacritics, đ→d, single spaces, trimmed.

    Removing every mark makes both tone placements (hòa/hoà) identical. Cached: units, codes and
    labels repeat across a register's rows.
    """
    if text.isascii():
        return " ".join(text.lower().split())
    text = nfc(text)
    return _SPACES.sub(" ", "".join(fold_char(ch) for ch in text)).strip()


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """Fold without collapsing spaces, and return for each folded char its index in `text`.

    Lets a caller find a label in the folded form and cut the original (NFC) text at the same place.
    `text` must already be NFC.
    """
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        f = fold_char(ch)
        out.append(f)
        index.extend([i] * len(f))
    return "".join(out), index
