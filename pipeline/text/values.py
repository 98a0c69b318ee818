"""Field values as people fill in forms: placeholders, ticked choices, numbers, retention periods.

Public API (stable, used by every extractor):
- ``is_placeholder(text) -> bool`` — nothing but dots, ellipses, underscores, slashes, dashes,
  "20…" and the words of an unfilled date ("ngày … tháng … năm 20…"); empty text counts too.
- ``clean_value(text) -> str`` — NFC, stripped, dotted leaders removed; "" for a placeholder.
- ``parse_choice(text, options) -> str | None`` and ``read_choice(text, options) -> Choice``.
- ``mark_state(text) -> bool | None`` — a text that is only a checkbox mark, and its state.
- ``normalize_request_number(text) -> str`` — comparison key of a "Số phiếu".
- ``parse_retention(text) -> dict | None`` — {"years": 3} / {"months": 36} / {"permanent": True}.
- ``parse_number(text) -> float | None`` and ``has_measure(text) -> bool``.
- ``unwrap_lines(text) -> str`` — rejoin lines a PDF wrapped inside a cell or paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.text.dates import InvalidValue, scan_dates
from pipeline.text.fold import fold, fold_with_map, nfc

_FILLER = ".…_/\\-–—:·,;"  # characters of dotted leaders and blank-date skeletons
_PLACEHOLDER_WORDS = re.compile(r"\b(?:ngay|thang|nam)\b|20(?=\s*[.…_])")


def is_placeholder(text: str) -> bool:
    """True when `text` holds no value: empty, or only filler ("……", "…/…/20…", "____", "-").

    An unfilled date skeleton "ngày … tháng … năm 20…" is a placeholder too; a real word or
    digit anywhere makes it a value.
    """
    folded = fold(text) if text else ""
    if not folded:
        return True
    rest = _PLACEHOLDER_WORDS.sub("", folded)
    if not all(ch in _FILLER or ch.isspace() for ch in rest):
        return False
    # The words of a date skeleton only make a placeholder with dots around them: a wrapped line
    # holding just "tháng" ("… hằng\ntháng") is a value.
    return rest == folded or any(ch in _FILLER for ch in rest)


def clean_value(text: str) -> str:
    """The value for output: NFC, each line stripped of leading/trailing dotted leaders, "" if none.

    A single final period is kept ("Đã hoàn thành."); runs of dots, ellipses and underscores go.
    """
    if not text:
        return ""
    lines = []
    for line in nfc(text).split("\n"):
        line = line.strip()
        if is_placeholder(line):
            continue
        line = re.sub(r"^(?:[.…_·]{2,}|…|_+)\s*", "", line)
        line = re.sub(r"\s*(?:[.…_·]{2,}|…|_+)$", "", line)
        line = line.strip()
        if line:
            lines.append(line)
    return "\n".join(lines)


_ITEM_START = re.compile(r"^\s*(?:[-+•*–—▪●○☐☒☑□■]|\(?\d{1,2}[.)]|[a-zđ]\)|[IVXLC]{1,5}\.)(?:\s|$)")


def unwrap_lines(text: str) -> str:
    """Rejoin the visual lines of a PDF cell or paragraph into the sentences they wrap.

    A PDF cannot tell a wrapped line from a new paragraph, so a line break stays only before a list
    item ("- ", "1.", "a)", a checkbox) or after a sentence end (". ! ? :") followed by a capital.
    """
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    out: list[str] = []
    for line in lines:
        if out and not _ITEM_START.match(line) and not (out[-1][-1] in ".!?:" and line[:1].isupper()):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# Choices: "☒ Đạt  ☐ Không đạt", "[x] Khắc phục [ ] Cải tiến", "Đạt X", or a plain "Đạt".

_SELECTED = "☒☑✓✔⊠■✗✘"
_UNSELECTED = "☐□"
# tokens of marks in folded text: glyphs, [x] (x) [ ] ( ), a standalone x
_MARK = re.compile(
    r"[" + _SELECTED + _UNSELECTED + r"]|\[\s*[x✓✔v]?\s*\]|\(\s*[x✓✔v]?\s*\)|(?<![^\W\d_])x(?![^\W\d_])"
)


def _mark_is_selected(token: str) -> bool:
    if token in _SELECTED:
        return True
    if token in _UNSELECTED:
        return False
    inner = token.strip("[]() ")
    return inner != ""  # "[x]" "(x)" "x" selected; "[ ]" "( )" not


def mark_state(text: str) -> bool | None:
    """A cell or word that is only a checkbox mark: True when selected ("X", "✓", "☒", "[x]"),
    False when unselected ("☐", "[ ]"), None when it is anything else (or empty)."""
    folded = fold(text or "")
    if folded == "v":  # a tick typed as a letter
        return True
    m = _MARK.fullmatch(folded) if folded else None
    return _mark_is_selected(m.group(0)) if m else None


@dataclass
class Choice:
    """What a choice text says: the value (first selected), all selected, whether marks were used."""

    value: str | None
    selected: list[str] = field(default_factory=list)
    marked: bool = False  # the text used checkbox marks

    @property
    def ambiguous(self) -> bool:
        return len(self.selected) > 1


@lru_cache(maxsize=256)
def _option_patterns(options: tuple[tuple[str, tuple[str, ...]], ...]) -> list[tuple[re.Pattern[str], str]]:
    """Each option label as a whole-word pattern on folded text, longest first."""
    variants = {fold(v): canon for canon, labels in options for v in [canon, *labels] if fold(v)}
    ordered = sorted(variants, key=len, reverse=True)
    return [(re.compile(r"(?<![^\W_])" + re.escape(v) + r"(?![^\W_])"), variants[v]) for v in ordered]


def _option_spans(folded: str, options: dict[str, list[str]]) -> list[tuple[int, int, str]]:
    """Where each option's labels occur, longest labels first, without overlaps, in text order."""
    key = tuple((canon, tuple(labels)) for canon, labels in options.items())
    taken: list[tuple[int, int, str]] = []
    for pattern, canon in _option_patterns(key):
        for m in pattern.finditer(folded):
            if all(m.end() <= s or e <= m.start() for s, e, _ in taken):
                taken.append((m.start(), m.end(), canon))
    return sorted(taken)


def read_choice(text: str, options: dict[str, list[str]]) -> Choice:
    """Read a choice. `options` maps each canonical value to its label variants.

    With checkbox marks (before the options, or after them when the text puts them there) the
    selected options are those marked ☒ ☑ ✓ ✔ ⊠ ■ [x] (x) X; ☐ □ [ ] ( ) are unselected.
    Without marks, a text naming exactly one option selects it; one naming several (an
    unfilled "Khắc phục / Cải tiến") selects none. Empty or placeholder text → Choice(None).
    Raises InvalidValue("unknown choice") when a non-empty text names no option at all.
    """
    original = nfc(text or "").strip()
    if is_placeholder(original):
        return Choice(None)
    folded, _ = fold_with_map(original)
    spans = _option_spans(folded, options)
    marks = [
        m
        for m in _MARK.finditer(folded)
        if all(not (s <= m.start() < e) for s, e, _ in spans)  # an "x" inside a label is no mark
    ]
    if not spans:
        if marks and not any(_mark_is_selected(m.group(0)) for m in marks):
            return Choice(None, marked=True)
        raise InvalidValue(original, "lựa chọn không xác định")
    if not marks:
        names = list(dict.fromkeys(c for _, _, c in spans))
        return Choice(names[0], names) if len(names) == 1 else Choice(None, [])
    # marks precede their options ("☒ Đạt ☐ Không đạt") unless the text opens with an option ("Đạt: X")
    use = _marks_adjacent(folded, spans, marks, before=marks[0].start() < spans[0][0])
    selected = list(dict.fromkeys(c for (_, _, c), sel in zip(spans, use, strict=True) if sel))
    return Choice(selected[0] if selected else None, selected, marked=True)


def _marks_adjacent(
    folded: str, spans: list[tuple[int, int, str]], marks: list[re.Match[str]], before: bool
) -> list[bool | None]:
    """For each option span, the state of the mark right before (or after) it, None when no mark."""
    out: list[bool | None] = []
    for start, end, _ in spans:
        state = None
        for m in marks:
            gap = folded[m.end() : start] if before else folded[end : m.start()]
            ok = m.end() <= start if before else m.start() >= end
            if ok and re.fullmatch(r"[\s:.\-]*", gap):
                state = _mark_is_selected(m.group(0))
                break
        out.append(state)
    return out


def parse_choice(text: str, options: dict[str, list[str]]) -> str | None:
    """The selected option's canonical value, or None. Several selected → the first (see read_choice)."""
    return read_choice(text, options).value


# ---------------------------------------------------------------------------------------------
# Numbers, request numbers, retention.

_PLAIN_REQUEST_NUMBER = re.compile(r"\d+(?:[/.-][0-9A-Za-z]+)*", re.ASCII)
_LEADING_ZEROS = re.compile(r"(?<!\d)0+(?=\d)")
_REQUEST_PREFIX = re.compile(r"^\s*(?:so\s*phieu|so|no|n°|number)\s*[:.]?\s*")


@lru_cache(maxsize=262144)
def normalize_request_number(text: str) -> str:
    """Comparison key of a request number: "Số: 05/2026/BĐT" and "5/2026/bdt" → "5/2026/bdt".

    Folded, a leading "Số"/"Số phiếu" label removed, spaces removed, leading zeros of numeric parts
    stripped. Empty or placeholder text → "".
    """
    if _PLAIN_REQUEST_NUMBER.fullmatch(text):  # "05/2026", "12/2026/BDT": most of a 100,000-row log
        return _LEADING_ZEROS.sub("", text.lower())
    if is_placeholder(text or ""):
        return ""
    key = _REQUEST_PREFIX.sub("", fold(text))
    key = re.sub(r"\s+", "", key).strip(".;,")
    return re.sub(r"\d+", lambda m: str(int(m.group(0))), key)


def parse_retention(text: str) -> dict[str, int | bool] | None:
    """Retention period: "03 năm" → {"years": 3}, "36 tháng" → {"months": 36},
    "Vĩnh viễn"/"Lâu dài" → {"permanent": True}; anything else (or empty) → None (unspecified)."""
    folded = fold(text or "")
    if not folded:
        return None
    if re.search(r"\b(?:vinh vien|lau dai)\b", folded):
        return {"permanent": True}
    m = re.search(r"(?<![\d.,])(\d{1,3})\s*(nam|thang)\b", folded)
    if not m or int(m.group(1)) == 0:
        return None
    return {"years" if m.group(2) == "nam" else "months": int(m.group(1))}


_NUMBER = re.compile(r"(?<![\w.,])[-+]?\d+(?:[.,]\d+)*(?![\w])")
_LEADING_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*[.)]|[a-zđ][.)]|[ivxlc]+[.)])\s+", re.IGNORECASE)


def parse_number(text: str) -> float | None:
    """The first number in `text`, Vietnamese style: "1.234,5" → 1234.5, "95,5%" → 95.5, "100" → 100.

    A group of thousands separated by dots needs three digits per group ("1.234"); otherwise a
    single dot or comma is a decimal mark ("2.5", "2,5").
    """
    m = _NUMBER.search(nfc(text or ""))
    if not m:
        return None
    raw = m.group(0)
    if re.fullmatch(r"[-+]?\d{1,3}(?:\.\d{3})+(?:,\d+)?", raw):
        raw = raw.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"[-+]?\d{1,3}(?:,\d{3})+\.\d+", raw):
        raw = raw.replace(",", "")
    elif raw.count(",") == 1 and "." not in raw:
        raw = raw.replace(",", ".")
    elif raw.count(".") > 1 or raw.count(",") > 0:
        return None
    try:
        return float(raw)
    except ValueError:
        return None


def has_measure(text: str) -> bool:
    """True when `text` carries a number, a percentage or a date (a measurable target, CTCL054).

    Leading list numbering ("1.", "a)", "II.") does not count as a number.
    """
    body = _LEADING_NUMBERING.sub("", nfc(text or ""))
    if any(m.date or m.error for m in scan_dates(body)):
        return True
    return bool(re.search(r"\d", body))
