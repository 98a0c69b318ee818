"""Where a label starts in one line of text, and where its value begins (SPEC §3.1).

A label counts when it starts the line — after leading numbering or bullets ("1.", "a)", "-",
"I.") — or follows a separator (tab, two spaces, "|", ";", a checkbox), and is followed by a colon,
a "(hint)", dotted leaders, a separator, a checkbox or the end of the line. Further "Label: value"
pairs on a line that starts with a label are recognised by their colon. Matching is on folded
text; when several labels fit one place, the longest wins.

Public API: ``LabelSpec``, ``LabelMatch``, ``Matcher.line_matches``, ``matcher_for(spec,
stop_labels)`` (compiled once per spec), ``match_label(text, spec, stop_labels=())`` and
``first_start(line)``.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from pipeline.text.fold import fold, fold_with_map, nfc

LabelSpec = dict[str, list[str]]

CHECKBOXES = "☐☒☑□■⊠✓✔"
# where a label may start: a line start, or after a tab, 2+ spaces, "|", ";" or a checkbox
_SEPARATOR = re.compile(r"\n|\t|[^\S\n]{2,}|[|;" + CHECKBOXES + r"]")
# leading numbering and bullets: "1.", "1.2)", "a)", "I.", "(1)", "-", "•", "+"
_NUMBERING = re.compile(
    r"\s*(?:(?:\(?(?:\d{1,2}(?:\.\d{1,2})*|[ivxlc]{1,5}|[a-zđ])[.)/](?!\d))|[-•+*–—·▪◦○●►]|\(\d{1,2}\))\s*",
    re.IGNORECASE,
)
# what may follow a label on its line (never across a line break, but a value may start below)
_HINT = re.compile(r"[^\S\n]*\((?![^\S\n]*[xX✓✔vV]?[^\S\n]*\))[^()\n]*\)")
_COLON = re.compile(r"[^\S\n]*[:：][^\S\n]*")
_AFTER_SEPARATOR = re.compile(r"(?:\t|[^\S\n]{2,}|[^\S\n]*[|;])[^\S\n]*")
_LEADERS = re.compile(r"[^\S\n]*(?:[.…_]{2,}|…)[.…_ \t]*")
_CHECK_AHEAD = re.compile(r"[^\S\n]*(?=[" + CHECKBOXES + r"\[(])")
_LINE_REST = re.compile(r"[^\S\n]*(?:\n|\Z)")
# the number of an item right before a label further along a line: "… 07/2026   2. Ngày lập: …"
_ITEM_NUMBER = re.compile(r"\s(\(?\d{1,2}(?:\.\d{1,2})*[.)])[^\S\n]*\Z")


@dataclass(frozen=True)
class LabelMatch:
    """A label recognised at the start of a text: which field, which variant, where its value begins."""

    field: str | None  # None for a stop label
    label: str
    start: int  # label start in the (NFC) text
    value_start: int  # where the value after the label begins in the text
    line_end: int = 0  # end of the line the label is on (its "\n" or the text's end)
    lead: int = -1  # where the label's item begins: before its numbering ("2. Ngày lập"); -1 = start

    @property
    def item_start(self) -> int:
        """Where the text before this label ends: its numbering is no part of the previous value."""
        return self.start if self.lead < 0 else self.lead



class Matcher:
    """Compiled labels of one spec (plus stop labels): longest label first at any position."""

    def __init__(self, spec: LabelSpec, stop_labels: Iterable[str] = ()) -> None:
        variants: dict[str, tuple[str | None, str]] = {}
        for name, labels in spec.items():
            for label in labels:
                key = _label_key(label)
                if key and (key not in variants or variants[key][0] is None):
                    variants[key] = (name, label)
        for label in stop_labels:
            key = _label_key(label)
            if key and key not in variants:
                variants[key] = (None, label)
        self.variants = variants
        ordered = sorted(variants, key=len, reverse=True)
        alternation = "|".join(_label_pattern(k) for k in ordered)
        self.regex = re.compile(r"(?<![^\W_])(?:" + alternation + r")(?![^\W_])") if ordered else None

    @staticmethod
    def key_of(matched: str) -> str:
        """The variant key of a matched text: spaces collapsed, none around "/"."""
        return _SLASH_SPACES.sub("/", " ".join(matched.split()))

    def matches(self, text: str, folded: str, index: list[int]) -> list[LabelMatch]:
        """Every label occurrence accepted in a text (NFC `text`, its fold_with_map and index map).

        A label may run over a line break (a PDF wraps a long label inside its cell).
        """
        if self.regex is None or not folded.strip():
            return []
        rev = _reverse_index(index, len(text))
        found: list[LabelMatch] = []
        for lead, start in _item_starts(text):
            if found and start < found[-1].value_start:
                continue
            hit = self._match_at(text, folded, index, rev, start, need_colon=False)
            if hit:
                found.append(dataclasses.replace(hit, lead=lead) if lead < start else hit)
        extra: list[LabelMatch] = []
        spans = sorted((h.start, h.value_start) for h in found)  # label spans, for a log-time "inside" test
        for i, hit in enumerate(found):  # further "Label: value" pairs on a line that starts with a label
            line_end = text.find("\n", hit.value_start)
            line_end = len(text) if line_end < 0 else line_end
            if i + 1 < len(found):  # the next accepted label scans its own stretch (keeps this linear)
                line_end = min(line_end, max(hit.value_start, found[i + 1].start))
            for m in self.regex.finditer(folded, rev[hit.value_start], rev[line_end]):
                begin = index[m.start()]
                if _inside(spans, begin) or (begin > 0 and not text[begin - 1].isspace()):
                    continue
                more = self._match_at(text, folded, index, rev, begin, need_colon=True)
                if more:
                    number = _ITEM_NUMBER.search(text, hit.value_start, begin)
                    extra.append(dataclasses.replace(more, lead=number.start(1)) if number else more)
                    bisect.insort(spans, (more.start, more.value_start))
        return sorted(found + extra, key=lambda h: h.start)

    def _match_at(
        self, line: str, folded: str, index: list[int], rev: list[int], start: int, need_colon: bool
    ) -> LabelMatch | None:
        m = self.regex.match(folded, rev[start]) if start < len(line) else None
        if not m:
            return None
        name, label = self.variants[self.key_of(m.group(0))]
        end = index[m.end() - 1] + 1
        value_start = _label_end(line, end, need_colon)
        if value_start is None:
            return None
        line_end = line.find("\n", end)
        return LabelMatch(name, label, start, value_start, len(line) if line_end < 0 else line_end)


_SLASH_SPACES = re.compile(r"\s*/\s*")


def _inside(spans: list[tuple[int, int]], position: int) -> bool:
    """Whether `position` falls inside one of the sorted, non-overlapping (start, end) label spans."""
    i = bisect.bisect_right(spans, (position, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= position < spans[i][1]


def _label_key(label: str) -> str:
    key = _SLASH_SPACES.sub("/", fold(label))
    m = _NUMBERING.match(key)
    if m and 0 < m.end() < len(key):
        key = key[m.end() :]
    key = re.sub(r"(\s*\([^()]*\))+\s*[:：]?\s*$", "", key)
    return key.rstrip(" :：").strip()


def _label_pattern(key: str) -> str:
    parts = [re.escape(word) for word in key.split(" ")]
    return r"\s+".join(parts).replace(r"/", r"\s*/\s*")


def _reverse_index(index: list[int], length: int) -> list[int]:
    """Original position → first folded position (length+1 slots; chars folding to "" map forward)."""
    rev = [len(index)] * (length + 1)
    for j in range(len(index) - 1, -1, -1):
        rev[index[j]] = j
    for i in range(length - 1, -1, -1):
        if rev[i] == len(index) and i + 1 <= length:
            rev[i] = rev[i + 1]
    return rev


def _item_starts(line: str) -> list[tuple[int, int]]:
    """(item start, label start) where a label may begin: line starts and after separators. The
    label starts after the item's numbering ("2. Ngày lập"), the item at its numbering."""
    starts = [0] + [m.end() for m in _SEPARATOR.finditer(line)]
    out: list[tuple[int, int]] = []
    for s in starts:
        while s < len(line) and line[s].isspace():
            s += 1
        lead = s
        m = _NUMBERING.match(line, s)
        if m and m.end() > s and m.end() < len(line):
            s = m.end()
        if s < len(line) and (not out or out[-1][1] != s):
            out.append((lead, s))
    return out


def _candidate_starts(line: str) -> list[int]:
    """Positions where a label may begin: line starts and after separators, numbering skipped."""
    return [s for _, s in _item_starts(line)]


def _label_end(line: str, end: int, need_colon: bool) -> int | None:
    """Where the value begins after a label ending at `end`, or None when this is no label."""
    pos = end
    while (m := _HINT.match(line, pos)):
        pos = m.end()
    if (m := _COLON.match(line, pos)):
        return m.end()
    if need_colon:
        return None
    if (m := _LINE_REST.match(line, pos)):
        return m.end()
    if (m := _AFTER_SEPARATOR.match(line, pos)) and m.end() > pos:
        return m.end()
    if (m := _LEADERS.match(line, pos)):
        return m.end()
    if (m := _CHECK_AHEAD.match(line, pos)):
        return m.end()
    return None


def match_label(text: str, spec: LabelSpec, stop_labels: Iterable[str] = ()) -> LabelMatch | None:
    """The label that starts `text`, or None. Handy for header rows of registers."""
    matcher = matcher_for(spec, stop_labels)
    text = nfc(text)
    folded, index = fold_with_map(text)
    hits = matcher.matches(text, folded, index)
    return hits[0] if hits and hits[0].start == first_start(text) else None


def matcher_for(spec: LabelSpec, stop_labels: Iterable[str] = ()) -> Matcher:
    """The compiled matcher of a spec, built once per distinct spec (label tables are static data)."""
    return _cached_matcher(tuple((k, tuple(v)) for k, v in spec.items()), tuple(stop_labels))


@lru_cache(maxsize=128)
def _cached_matcher(spec: tuple[tuple[str, tuple[str, ...]], ...], stop_labels: tuple[str, ...]) -> Matcher:
    return Matcher({k: list(v) for k, v in spec}, stop_labels)


def first_start(line: str) -> int:
    """Where a label starting `line` would begin (after numbering and bullets)."""
    starts = _candidate_starts(line)
    return starts[0] if starts else 0
