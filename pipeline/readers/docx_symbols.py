"""Symbol-font characters mapped to Unicode.

Forms often draw their tick boxes in Wingdings: with Insert → Symbol (w:sym 0xF0A8 empty box,
0xF0FE boxed check ...) or by typing "¨"/"þ" in a run set in that font (LibreOffice also saves
w:sym that way, as U+F0xx text). The model carries checkbox states as the glyphs ☒ / ☐, so boxes
become those; ticks become ✓; a few other common symbols get their Unicode character.
"""

from __future__ import annotations

CHECKED = "\u2612"  # ☒
UNCHECKED = "\u2610"  # ☐
TICK = "\u2713"  # ✓

# Font byte (0x20..0xFF) → text. Sources: the fonts' published Unicode mappings.
_WINGDINGS = {
    0x6F: UNCHECKED,  # □ white square
    0x70: UNCHECKED,  # bold white square
    0x71: UNCHECKED,  # ❑ shadowed white square
    0x72: UNCHECKED,  # ❒ shadowed white square
    0xA8: UNCHECKED,  # ◻ white medium square (Word's usual empty box)
    0x78: CHECKED,  # ⌧ X in a rectangle
    0xFD: CHECKED,  # ☒ ballot box with X
    0xFE: CHECKED,  # ☑ ballot box with check (Word's usual ticked box)
    0xFC: TICK,  # ✓
    0xFB: "\u2717",  # ✗ ballot X (a cross, not a selection)
    0x6C: "\u25cf",  # ● bullet
    0x6E: "\u25a0",  # ■ black square (a bullet, not a box)
    0x9F: "\u2022",  # •
    0xA7: "\u25aa",  # ▪
    0xD8: "\u27a2",  # ➢
    0xE8: "\u2794",  # ➔
}
_WINGDINGS_2 = {
    0xA3: UNCHECKED,  # ⬜ white large square
    0x52: CHECKED,  # ☑
    0x53: CHECKED,  # ☒
    0x54: CHECKED,  # ☒ (bold)
    0x51: CHECKED,  # 🗵 ballot box with script X
    0x50: TICK,  # ✓
    0x4F: "\u2717",  # ballot script X
}
_SYMBOL = {
    0xD6: "\u221a",  # √ (often used as a tick)
    0xB4: "\u00d7",  # ×
    0xB7: "\u2022",  # •
    0xB0: "\u00b0",  # °
    0xB1: "\u00b1",  # ±
    0xA3: "\u2264",  # ≤
    0xB3: "\u2265",  # ≥
    0xB9: "\u2260",  # ≠
    0xAE: "\u2192",  # →
}
_FONTS = {"wingdings": _WINGDINGS, "wingdings 2": _WINGDINGS_2, "symbol": _SYMBOL}


def font_table(font: str | None) -> dict[int, str] | None:
    """The mapping of a symbol font, None for ordinary text fonts."""
    return _FONTS.get((font or "").strip().lower()) if font else None


def symbol_font_text(text: str, ascii_font: str | None, high_font: str | None) -> str:
    """Text of a run whose w:rFonts name a symbol font (w:ascii for U+0020–007F, w:hAnsi above).

    Characters the table does not know are kept as they are.
    """
    low, high = font_table(ascii_font), font_table(high_font)
    if low is None and high is None:
        return text
    out = []
    for ch in text:
        point = ord(ch)
        if 0xF020 <= point <= 0xF0FF:
            table, byte = low or high, point - 0xF000
        elif 0x20 < point <= 0xFF:
            table, byte = (low if point < 0x80 else high), point
        else:
            table, byte = None, point
        out.append(table.get(byte, ch) if table else ch)
    return "".join(out)


def sym_text(font: str | None, code: str | None) -> str:
    """Text for <w:sym w:font=... w:char=...>: a mapped glyph, else the code point itself."""
    try:
        point = int(code or "", 16)
    except ValueError:
        return ""
    table = font_table(font)
    byte = point - 0xF000 if 0xF000 <= point <= 0xF0FF else point
    if table is not None and byte in table:
        return table[byte]
    if 0 < point <= 0x10FFFF and not 0xD800 <= point <= 0xDFFF:
        return chr(point)
    return ""
