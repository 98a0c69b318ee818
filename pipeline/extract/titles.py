"""Document titles: which standalone heading near the start names the document's kind.

Classification is by content (SPEC §3.2). A form's title is a heading of its own near the start
("BIÊN BẢN HỌP XEM XÉT CỦA LÃNH ĐẠO NĂM 2026"), possibly broken over lines, typed without
diacritics, or split Decree-30 style into the document type and its subject ("THÔNG BÁO" /
"Kết quả xem xét của lãnh đạo ..."). A procedure that merely mentions the same words in running
text, or lists the form in its BIỂU MẪU table, must not match: the heading has to start a line,
be followed by at most a short suffix, and be set as a heading (upper case or a heading style),
unless the form code is also present and the title stands alone.

The reading order of lines (`reading_lines`) is shared with section and signature finders.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

from pipeline.model import Cell, Document, Paragraph, Table
from pipeline.records import Record
from pipeline.text.fold import fold, nfc
from pipeline.text.labels import Found

WORD = re.compile(r"[^\W_]+")
_MARKER = re.compile(r"^\s*(?:[-+•*–—▪●○]|\(?(?:\d+(?:\.\d+)*|[ivxlc]+|[a-zđ])[.)])\s*", re.IGNORECASE)
_NUMBERED = re.compile(r"^\s*\(?(?:\d+(?:\.\d+)*|[IVXLCivxlc]+|[a-zđA-ZĐ])[.)]\s*")
_HEADING_STYLES = ("title", "heading", "tieu de", "subtitle")
_TITLE_SUFFIX_WORDS = frozenset("nam cua ve lan ky dot quy thang tai".split())
GAP = "…"  # in title words: up to _GAP_WORDS words of any kind
_GAP_WORDS = 8


@dataclass(frozen=True, eq=False)
class Line:
    """One line of text in reading order, with where it sits (a paragraph or a table cell)."""

    text: str  # NFC, stripped
    folded: str
    index: int  # position in the reading order
    location: str
    paragraph: Paragraph | None = None
    table: Table | None = None
    cell: Cell | None = None
    row: int | None = None  # grid row the cell was read in
    alone: bool = True  # a paragraph, or the only non-empty cell of its row
    where: str = "body"  # body | header | footer | textbox
    block: int = -1  # index of the top-level block (in Document.blocks or .headers) holding the line

    @property
    def words(self) -> list[str]:
        return WORD.findall(self.folded)

    @property
    def in_cell(self) -> bool:
        return self.cell is not None

    def same_container(self, other: Line) -> bool:
        """Both lines in one cell, or both in running text."""
        return self.cell is other.cell


def reading_lines(doc: Document, limit: int | None = None) -> list[Line]:
    """Every non-empty line of the body in reading order: paragraphs, and table cells row by row,
    left to right. A merged cell is read once (in its first row); nested tables follow its lines.
    With `limit`, reading stops after the block that reaches that many lines (cheap detection).
    """
    return lines_of(doc.blocks, limit)


def header_lines(doc: Document) -> list[Line]:
    """The lines of the page headers and footers."""
    return lines_of(doc.headers)


def lines_of(blocks: Iterable[Paragraph | Table], limit: int | None = None) -> list[Line]:
    out: list[Line] = []
    n_par = 0
    for k, block in enumerate(blocks):
        if limit is not None and len(out) >= limit:
            break
        if isinstance(block, Paragraph):
            n_par += 1
            where = f"trang {block.page}, đoạn {n_par}" if block.page else f"đoạn {n_par}"
            for raw in block.text.split("\n"):
                _add(out, raw, where, paragraph=block, where_kind=block.where, block=k)
        else:
            _table_lines(out, block, k, limit)
    return out


def _add(out: list[Line], raw: str, location: str, where_kind: str = "body", **kw: object) -> None:
    text = nfc(raw).strip()
    if text:
        out.append(Line(text, fold(text), len(out), location, where=where_kind, **kw))  # type: ignore[arg-type]


def _table_lines(out: list[Line], table: Table, block: int, limit: int | None = None) -> None:
    """Lines of a table, row by row; stops at a row start once `limit` lines exist (a 100,000-row
    register must not become 2 million lines just to look for a title near the top)."""
    seen: set[int] = set()
    for r in range(table.n_rows):
        if limit is not None and len(out) >= limit:
            return
        cells = table.distinct_cells(r)
        filled = [c for c in cells if c.text.strip()]
        for cell in cells:
            if id(cell) in seen:
                continue
            seen.add(id(cell))
            location = table.location(r, cell.col)
            for raw in cell.text.split("\n"):
                _add(out, raw, location, where_kind=table.where, table=table, cell=cell, row=r,
                     alone=len(filled) <= 1, block=block)
            for nested in cell.tables:
                _table_lines(out, nested, block)


def is_heading_like(line: Line) -> bool:
    """Set as a heading: mostly capital letters, or a title/heading paragraph style."""
    if line.paragraph is not None and fold(line.paragraph.style).startswith(_HEADING_STYLES):
        return True
    letters = [ch for ch in line.text if ch.isalpha()]
    cased = [ch for ch in letters if ch.isupper() or ch.islower()]
    return len(cased) >= 2 and sum(ch.isupper() for ch in cased) >= 0.7 * len(cased)


def strip_marker(folded: str) -> str:
    """Folded text without its leading list marker ("1.", "II.", "a)", "-", "+")."""
    return _MARKER.sub("", folded, count=1)


def is_numbered(text: str) -> bool:
    """Starts with a numbered list marker ("1.", "2)", "II.", "a)") — a new item, not a bullet."""
    return bool(_NUMBERED.match(text))


def marker_level(text: str) -> int | None:
    """Outline level of a numbered marker: 0 "II.", 1 "2.", 2 "2.1", 3 "a)"; None without one."""
    m = _NUMBERED.match(text)
    if not m:
        return None
    mark = m.group(0).strip().strip("().")
    if re.fullmatch(r"\d+", mark):
        return 1
    if re.fullmatch(r"\d+(?:\.\d+)+", mark):
        return 2
    if re.fullmatch(r"[IVXLC]+", mark):
        return 0
    return 3


def expand_title(title: str) -> list[str]:
    """Variants of a title with optional words in parentheses: "BÁO CÁO (KẾT QUẢ) THỰC HIỆN" → 2."""
    parts = re.split(r"(\([^)]*\))", title)
    choices = [[p[1:-1], ""] if p.startswith("(") else [p] for p in parts]
    return list(dict.fromkeys(" ".join("".join(c).split()) for c in product(*choices)))


def title_words(title: str) -> tuple[str, ...]:
    """A title as folded words; "…" becomes GAP (a few words of any kind)."""
    parts = [WORD.findall(fold(part)) for part in title.split("…")]
    out: list[str] = []
    for k, part in enumerate(parts):
        out.extend(([GAP] if k else []) + part)
    return tuple(out)


@dataclass(frozen=True)
class TitleMatch:
    """A title found in a document: the heading as read and what follows the title words."""

    title: str  # the variant that matched, as given
    text: str  # the heading lines as read (NFC), joined by spaces
    rest: str  # NFC text after the title words: suffix of the heading and its continuation lines
    location: str
    first: int  # reading-order index of the heading's first line
    last: int  # reading-order index of the heading's last line (continuation included)
    keys: frozenset[tuple[int, str]] = frozenset()  # (id of its paragraph/cell, folded line) per line

    def holds(self, found: Found) -> bool:
        """Whether a label was found inside the title ("… / HÀNH ĐỘNG KHẮC PHỤC/CẢI TIẾN" is no field)."""
        return (id(found.anchor), fold(found.label_line)) in self.keys


def find_title(
    doc: Document,
    titles: Sequence[str],
    codes: Sequence[str] = (),
    window: int = 40,
    max_suffix: int = 12,
    lines: list[Line] | None = None,
) -> TitleMatch | None:
    """The first line among the first `window` that starts one of `titles` as a standalone heading.

    Titles may contain optional words in parentheses and "…" for a few words of any kind ("THÔNG
    BÁO KẾT LUẬN … XEM XÉT CỦA LÃNH ĐẠO"). A match must begin a line, may run over up to
    four lines of one container, and may be followed by at most `max_suffix` words on its last line
    ("NĂM 2026", "CỦA VĂN PHÒNG"). Its first line must look like a heading; when any of `codes`
    (form codes such as "BM.CTCL.02") appears near the start, a title standing alone in its
    paragraph or row, or opening the title cell of a header block that starts the document, is enough.
    """
    lines = lines if lines is not None else reading_lines(doc, limit=window + 8)
    variants = _variants(tuple(titles))
    coded = any(has_code(doc, code, lines=lines[:window]) for code in codes)
    found = _search(lines, window, variants, coded, max_suffix)
    if found is None:  # a title set in the page header
        found = _search(header_lines(doc), window, variants, coded, max_suffix)
        if found is not None:
            found = TitleMatch(found.title, found.text, found.rest, found.location, -1, -1, found.keys)
    return found


@lru_cache(maxsize=64)
def _variants(titles: tuple[str, ...]) -> list[tuple[tuple[str, ...], str]]:
    """Every variant of the titles as words, longest first."""
    return sorted(
        {(title_words(v), v) for t in titles for v in expand_title(t) if title_words(v)},
        key=lambda p: (-len(p[0]), p[1]),
    )


def _search(
    lines: list[Line], window: int, variants: list[tuple[tuple[str, ...], str]], coded: bool, max_suffix: int
) -> TitleMatch | None:
    for i, line in enumerate(lines[:window]):
        if not (is_heading_like(line) or (coded and (line.alone or _opens_header_cell(lines, i)))):
            continue
        seq = _words_from(lines, i)
        for words, variant in variants:
            end = _match_from(seq, words, max_suffix)
            if end is None:
                continue
            last, offset = end
            rest_lines = [_after_words(lines[last].text, offset)] + _continuation(lines, last)
            last += len(rest_lines) - 1
            text = " ".join(x.text for x in lines[i : last + 1])
            rest = " ".join(r for r in rest_lines if r).strip(" :-–")
            keys = frozenset((id(x.paragraph if x.paragraph is not None else x.cell), x.folded)
                             for x in lines[i : last + 1])
            return TitleMatch(variant, text, rest, line.location, i, last, keys)
    return None


def _opens_header_cell(lines: list[Line], i: int) -> bool:
    """Line i opens a cell of the first row of a table that starts the document: the title cell of a
    header block (agency | title | code), which never stands alone in its row."""
    line = lines[i]
    return (line.cell is not None and line.row == 0 and (i == 0 or lines[i - 1].cell is not line.cell)
            and all(x.table is line.table for x in lines[:i]))


def _words_from(lines: list[Line], i: int) -> list[tuple[str, int]]:
    """(word, line index) of the lines a title starting at line i may run over: up to four lines of
    one container, up to a line without words."""
    seq: list[tuple[str, int]] = []
    for j in range(i, min(i + 4, len(lines))):
        if (j > i and not lines[j].same_container(lines[i])) or not lines[j].words:
            break
        seq.extend((w, j) for w in lines[j].words)
    return seq


def _match_from(seq: list[tuple[str, int]], words: tuple[str, ...], max_suffix: int) -> tuple[int, int] | None:
    """(last line index, words of the title on that line) when `words` start `seq`; else None.

    Lines before the title's last one hold title words only, its last line at most `max_suffix`
    words more. A GAP stands for a few words of any kind ("Kết luận của Giám đốc Sở tại cuộc họp
    xem xét …"); the shortest gap that fits wins.
    """
    for end in _title_ends(words, seq, 0, 0):
        if end == 0:
            continue
        last = seq[end - 1][1]
        if sum(1 for _, j in seq[end:] if j == last) <= max_suffix:
            return last, sum(1 for _, j in seq[:end] if j == last)
    return None


def _title_ends(words: tuple[str, ...], seq: list[tuple[str, int]], w: int, s: int) -> Iterator[int]:
    """Where in `seq` the title words[w:] end when matched from seq[s] on, shortest gaps first."""
    if w == len(words):
        yield s
    elif words[w] == GAP:
        for k in range(min(_GAP_WORDS, len(seq) - s) + 1):
            yield from _title_ends(words, seq, w + 1, s + k)
    elif s < len(seq) and seq[s][0] == words[w]:
        yield from _title_ends(words, seq, w + 1, s + 1)


def _after_words(text: str, n_words: int) -> str:
    """The text of a line after its first `n_words` words."""
    matches = list(WORD.finditer(text))
    if n_words >= len(matches):
        return ""
    return text[matches[n_words - 1].end() :].strip() if n_words else text


def _continuation(lines: list[Line], last: int, limit: int = 2) -> list[str]:
    """Short lines completing a title: "NĂM 2026", "CỦA VĂN PHÒNG", "VỀ HTQLCL", "(Lần 2)", or a
    year wrapped onto its own line in a PDF ("… NĂM" / "2026") — not the first section heading."""
    out: list[str] = []
    for line in lines[last + 1 : last + 1 + limit]:
        words = line.words
        suffix = bool(words) and (words[0] in _TITLE_SUFFIX_WORDS or re.fullmatch(r"(?:19|20)\d{2}", words[0]))
        if not (line.same_container(lines[last]) and suffix) or ":" in line.text or len(words) > 10:
            break
        if not (is_heading_like(line) or len(words) == 1 or line.text.lstrip().startswith("(")):
            break
        out.append(line.text)
    return out


def code_words(code: str) -> tuple[str, ...]:
    """A form code as comparable words: "BM.CTCL.02" and "BM-CTCL-2" → ("bm", "ctcl", "2")."""
    return tuple(_unpadded(w) for w in WORD.findall(fold(code)))


def _unpadded(word: str) -> str:
    return (word.lstrip("0") or "0") if word.isascii() and word.isdigit() else word


def has_code(doc: Document, code: str, lines: list[Line] | None = None) -> bool:
    """The code appears in the page headers/footers or in `lines` (default: the whole body)."""
    want = code_words(code)
    pool = header_lines(doc)
    pool += lines if lines is not None else reading_lines(doc)
    for line in pool:
        words = tuple(_unpadded(w) for w in line.words)
        for k in range(len(words) - len(want) + 1):
            if words[k : k + len(want)] == want:
                return True
    return False


def blocks_before(doc: Document, lines: list[Line], index: int) -> Document:
    """The document cut before the block holding lines[index] (the whole document when out of range)."""
    if not 0 <= index < len(lines) or lines[index].block < 0:
        return doc
    return Document(doc.path, doc.format, blocks=doc.blocks[: lines[index].block], headers=doc.headers)


def year_in(text: str) -> int | None:
    """The year a title names: "NĂM 2026" first, else any four-digit year 1900–2099."""
    folded = fold(text)
    m = re.search(r"\bnam\s+((?:19|20)\d{2})\b", folded) or re.search(r"\b((?:19|20)\d{2})\b", folded)
    return int(m.group(1)) if m else None


def titled_record(
    doc: Document, kind: str, titles: Sequence[str], codes: Sequence[str] = ()
) -> tuple[Record, list[Line], int]:
    """A new record of `kind` with the document's title, its reading lines, and where the body starts
    (the line after the title) — the common opening of every titled form's extractor."""
    record = Record(kind=kind)
    lines = reading_lines(doc)
    match = find_title(doc, titles, codes=codes, lines=lines)
    start = match.last + 1 if match is not None and match.last >= 0 else 0
    if match is not None:
        record.fields["title"] = match.text
    return record, lines, start
