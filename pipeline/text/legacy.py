"""Legacy Vietnamese font encodings (TCVN3/ABC ".VnTime", VNI-Windows) turned into Unicode.

Old documents typed with those fonts store Vietnamese letters as Latin-1 symbols: TCVN3 writes
"Quản lý" as "Qu¶n lý", VNI as "Quaûn lyù". Both read as garbage and match no label, so they are
converted — but only when the evidence is overwhelming: the words the conversion would change must
be impossible Vietnamese syllables before and valid syllables after. Text holding any letter that
only Unicode has (ă đ ơ ư ạ … ỹ) is Unicode and is never touched.

Public API: ``fix_text(text) -> (text, encoding | None)``, ``fix_document(doc) -> doc`` (in place),
``ENCODINGS`` (display names). The tables are the published TCVN 5712:1993 VN3 and VNI-Windows
layouts, written as data below.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain

from pipeline.errors import ReadError
from pipeline.model import Document, Paragraph, Table
from pipeline.sheet import SheetRows

ENCODINGS = {"tcvn3": "TCVN3 (ABC, phông .VnTime)", "vni": "VNI (phông VNI-Times)"}

# TCVN3 (VN3): one legacy character per Vietnamese letter. Pairs "unicode legacy", by vowel.
_TCVN3_PAIRS = """
à µ á ¸ ả ¶ ã · ạ ¹  ă ¨ ằ » ắ ¾ ẳ ¼ ẵ ½ ặ Æ  â © ầ Ç ấ Ê ẩ È ẫ É ậ Ë
đ ®  è Ì é Ð ẻ Î ẽ Ï ẹ Ñ  ê ª ề Ò ế Õ ể Ó ễ Ô ệ Ö  ì × í Ý ỉ Ø ĩ Ü ị Þ
ò ß ó ã ỏ á õ â ọ ä  ô « ồ å ố è ổ æ ỗ ç ộ é  ơ ¬ ờ ê ớ í ở ë ỡ ì ợ î
ù ï ú ó ủ ñ ũ ò ụ ô  ư \u00ad ừ õ ứ ø ử ö ữ ÷ ự ù  ỳ ú ý ý ỷ û ỹ ü ỵ þ
Ă ¡ Â ¢ Đ § Ê £ Ô ¤ Ơ ¥ Ư ¦
"""

# VNI-Windows: a base letter followed by a modifier character. Tones in the order
# sắc huyền hỏi ngã nặng; "â" after a/e/o adds the circumflex, "ê" after a the breve.
_VNI_TONES = "ùøûõï"
_VNI_CIRCUMFLEX = ("â", "áàåãä")
_VNI_BREVE = ("ê", "éèúüë")
_VNI_I = "íìæóò"  # i with each tone (one character)
_VNI_SINGLE = {"ô": "ơ", "ö": "ư", "ñ": "đ", "î": "ỵ"}
_TONE_MARKS = "\u0301\u0300\u0309\u0303\u0323"  # sắc huyền hỏi ngã nặng


def _compose(base: str, *marks: str) -> str:
    return unicodedata.normalize("NFC", base + "".join(marks))


def _build_tcvn3() -> dict[str, str]:
    items = _TCVN3_PAIRS.split()
    table = {legacy: uni for uni, legacy in zip(items[::2], items[1::2], strict=True)}
    table["\u00ad"] = "ư"  # split() drops the soft hyphen: set it explicitly
    return table


def _build_vni() -> dict[str, str]:
    table: dict[str, str] = {}
    for upper in (False, True):
        def case(s: str, up: bool = upper) -> str:
            return s.upper() if up else s

        for base in "aeouy":
            for tone, mark in zip(_VNI_TONES, _TONE_MARKS, strict=True):
                table[case(base + tone)] = case(_compose(base, mark))
        for base, mod in (("ô", "ơ"), ("ö", "ư")):  # ơ ư with tones
            for tone, mark in zip(_VNI_TONES, _TONE_MARKS, strict=True):
                table[case(base + tone)] = case(_compose(mod, mark))
        for base in "aeo":
            plain, tones = _VNI_CIRCUMFLEX
            table[case(base + plain)] = case(_compose(base, "\u0302"))
            for tone, mark in zip(tones, _TONE_MARKS, strict=True):
                table[case(base + tone)] = case(_compose(base, "\u0302", mark))
        plain, tones = _VNI_BREVE
        table[case("a" + plain)] = case("ă")
        for tone, mark in zip(tones, _TONE_MARKS, strict=True):
            table[case("a" + tone)] = case(_compose("a", "\u0306", mark))
        for tone, mark in zip(_VNI_I, _TONE_MARKS, strict=True):
            table[case(tone)] = case(_compose("i", mark))
        for legacy, uni in _VNI_SINGLE.items():
            table[case(legacy)] = case(uni)
    table.pop("y" + "ï", None)  # VNI writes ỵ as the single "î"
    table.pop("Y" + "Ï", None)
    return table


TCVN3 = _build_tcvn3()
VNI = _build_vni()
_TABLES = {"tcvn3": TCVN3, "vni": VNI}
_VNI_PATTERN = re.compile("|".join(sorted(map(re.escape, VNI), key=len, reverse=True)))
# letters only Unicode Vietnamese has: their presence proves the text is already Unicode
_UNICODE_ONLY = re.compile("[ăĂđĐơƠưƯ\u1ea0-\u1ef9]")
_WORD = re.compile(r"[^\s.,;:!?()\[\]{}\"'“”‘’/\\|<>=+*&%$#@~`^0-9-]+")


def convert(text: str, encoding: str) -> str:
    """Convert `text` from a legacy encoding ("tcvn3" or "vni") to Unicode NFC, unconditionally."""
    if encoding == "vni":
        out = _VNI_PATTERN.sub(lambda m: VNI[m.group(0)], text)
    else:
        out = "".join(TCVN3.get(ch, ch) for ch in text)
        out = _WORD.sub(_restore_caps, out)  # .VnTimeH headings typed in capitals
    return unicodedata.normalize("NFC", out)


def _restore_caps(m: re.Match[str]) -> str:
    word = m.group(0)
    ascii_letters = [ch for ch in word if "a" <= ch.lower() <= "z"]
    if len(ascii_letters) >= 2 and all(ch.isupper() for ch in ascii_letters):
        return word.upper()
    return word


# ---------------------------------------------------------------------------------------------
# Plausibility: is a word a Vietnamese syllable?

_ONSETS = "ngh ng nh ch gh gi kh ph qu th tr b c d đ g h k l m n p r s t v x".split()
_RHYMES = set(
    """a ai ao au ay ac ach am an ang anh ap at ăc ăm ăn ăng ăp ăt âc âm ân âng âp ât âu ây
    e eo ec em en eng ep et ê êu êch êm ên ênh êp êt i ia iu ich im in inh ip it
    iêc iêm iên iêng iêp iêt iêu o oa oai oao oay oac oach oam oan oang oanh oap oat oăc oăm oăn
    oăng oăt oe oeo oen oet oi oc om on ong op ot ooc oong ô ôi ôc ôm ôn ông ôp ôt ơ ơi ơm ơn ơp ơt
    u ua uân uât uây uâng ui uê uêch uênh uơ uy uya uych uyn uynh uyp uyt uyu uyên uyêt uc um un ung
    up ut uôc uôi uôm uôn uông uôt ư ưa ưi ưu ưc ưm ưn ưng ưt ươ ươc ươi ươm ươn ương ươp ươt ươu
    y yêm yên yêt yêu""".split()
)


def _untone(word: str) -> tuple[str, int]:
    """Lower-case word without tone marks (vowel marks kept), and how many tone marks it had."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(ch in _TONE_MARKS for ch in decomposed)
    base = "".join(ch for ch in decomposed if ch not in _TONE_MARKS)
    return unicodedata.normalize("NFC", base), tones


def plausible_syllable(word: str) -> bool:
    """True when `word` can be one Vietnamese syllable (onset + known rhyme, one tone at most)."""
    base, tones = _untone(word)
    if tones > 1 or not base:
        return False
    for onset in [o for o in _ONSETS if base.startswith(o)] + [""]:
        rest = base[len(onset) :]
        if rest in _RHYMES or (onset == "gi" and ("i" + rest in _RHYMES or rest == "")):
            return True
    return False


@dataclass
class _Score:
    changed: int = 0  # words the conversion changes
    valid_after: int = 0  # ... that are Vietnamese syllables once converted
    invalid_before: int = 0  # ... that were not syllables as written

    def add(self, other: _Score) -> None:
        self.changed += other.changed
        self.valid_after += other.valid_after
        self.invalid_before += other.invalid_before

    def convincing(self, min_words: int) -> bool:
        return (
            self.changed >= min_words
            and self.valid_after >= 0.8 * self.changed
            and self.invalid_before >= 0.5 * self.changed
        )


def _score(text: str, encoding: str) -> _Score:
    score = _Score()
    if _UNICODE_ONLY.search(text):
        return score
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        after = convert(word, encoding)
        if after == word:
            continue
        score.changed += 1
        score.valid_after += plausible_syllable(after)
        score.invalid_before += not plausible_syllable(word)
    return score


def detect(texts: list[str], min_words: int = 3) -> str | None:
    """The legacy encoding the texts are written in, or None (Unicode, or not convincing)."""
    best: tuple[int, str] | None = None
    for encoding in _TABLES:
        total = _Score()
        for text in texts:
            total.add(_score(text, encoding))
        if total.convincing(min_words) and (best is None or total.valid_after > best[0]):
            best = (total.valid_after, encoding)
    return best[1] if best else None


def fix_text(text: str, min_words: int = 1) -> tuple[str, str | None]:
    """(Unicode text, encoding name) when `text` alone is convincingly TCVN3/VNI; else (text, None)."""
    encoding = detect([text], min_words)
    return (convert(text, encoding), encoding) if encoding else (text, None)


# ---------------------------------------------------------------------------------------------
# Whole documents.


def _table_cells(table: Table) -> list:
    cells = []
    for cell in table.unique_cells():
        cells.append(cell)
        for nested in cell.tables:
            cells.extend(_table_cells(nested))
    return cells


def _units(doc: Document) -> tuple[list, list[SheetRows]]:
    """Paragraphs and table cells (objects with a settable `text`), and the text grids of
    spreadsheet tables, whose two million cells are read as strings rather than made into Cells."""
    units: list = []
    grids: list[SheetRows] = []
    for block in doc.all_blocks():
        if isinstance(block, Paragraph):
            units.append(block)
        elif block.grid is not None:
            grids.append(block.grid)
        else:
            units.extend(_table_cells(block))
    return units, grids


def _replace(units: list, grids: list[SheetRows], change: Callable[[str], str | None]) -> None:
    """Give every unit and grid cell (a merged range once) the text `change` returns, if any."""
    for unit in units:
        if unit.text and (new := change(unit.text)) is not None:
            unit.text = new
    for grid in grids:
        for r, c, text in list(grid.unique_texts()):
            if text and (new := change(text)) is not None:
                grid.set_text(r, c, new)


_ODD_SYMBOLS = re.compile(  # Latin-1 symbols and letters that never occur inside a Vietnamese word
    "[\u00a1-\u00bf\u00d7\u00f7\u00e4-\u00e6\u00eb\u00ee\u00ef\u00f1\u00f6\u00f8\u00fb\u00fc\u00fe]"
)


# characters a legacy text is full of and Unicode Vietnamese never needs (a fast first filter)
_EVIDENCE = re.compile(
    "[\u00a1-\u00bf\u00e4-\u00e6\u00eb\u00ee\u00ef\u00f1\u00f6\u00f8\u00fb\u00fc"
    "\u00c4-\u00c6\u00cb\u00ce\u00cf\u00d1\u00d6\u00d8\u00db\u00dc\u00d7\u00f7\u00fe]"
)


def _looks_legacy(texts: list[str]) -> bool:
    """Many words holding symbols that never occur inside Vietnamese words (¶ ® ¸ ø û ï …)."""
    odd = _ODD_SYMBOLS
    words = [w for t in texts if not _UNICODE_ONLY.search(t) for w in _WORD.findall(t) if not w.isascii()]
    hits = sum(bool(odd.search(w)) for w in words)
    return hits >= 10 and hits >= 0.3 * len(words)


def fix_document(doc: Document) -> Document:
    """Convert every paragraph and cell of a TCVN3/VNI document to Unicode (in place) and warn.

    Detection looks at the document as a whole; units that already hold Unicode-only letters are
    left alone (a Unicode heading over a legacy body). Strong legacy evidence that neither table
    explains raises ReadError("legacy_font") rather than passing garbage on. Soft hyphens (U+00AD)
    survive the readers only for this: TCVN3 stores "ư" there; whatever is left afterwards is
    Word's invisible optional hyphen and is dropped.
    """
    units, grids = _units(doc)
    texts = [u.text for u in units if u.text]
    texts += [t for t in chain.from_iterable(chain.from_iterable(g.texts for g in grids)) if t]
    joined = "\n".join(texts)
    if _EVIDENCE.search(joined):
        encoding = detect(texts)
        if encoding is None and _looks_legacy(texts):
            raise ReadError("legacy_font", "văn bản có ký tự phông cũ nhưng không chuyển đổi được")
        if encoding is not None:
            _replace(units, grids, lambda t: None if _UNICODE_ONLY.search(t) else convert(t, encoding))
            doc.warnings.append(
                f"văn bản dùng bảng mã cũ {ENCODINGS[encoding]}; đã tự động chuyển sang Unicode — nên kiểm tra lại"
            )
    if "\u00ad" in joined:
        _replace(units, grids, lambda t: t.replace("\u00ad", "") if "\u00ad" in t else None)
    return doc
