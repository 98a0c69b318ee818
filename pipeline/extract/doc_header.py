"""The header block of a controlled document: `Mã hiệu`, `Lần ban hành`, `Ngày ban hành`.

The block appears in page headers and/or as a table repeated at the top of every page, and the
occurrences do not always agree (QT.03.CTCL says "QT.03.CTCL" on page 1 and "QT.CTCL" after):
every occurrence is kept so the rules can compare them (CTCL070). Label and value may share a
cell or line ("Mã hiệu: QT.CTCL", colon optional: "Lần ban hành 03") or sit in adjacent cells.
A label counts at the start of a line, or anywhere when a colon (or, for revision and date, a
digit) follows it — so running prose that mentions "mã hiệu" is not read as a header.

Revision is kept as written ("03"); compare revisions with `revision_key` ("03" and "3" → "3")
and codes with `code_key` (folded, Đ → d, spaces around separators removed).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.extract.register_columns import load_labels
from pipeline.model import Block, Cell, Document, Paragraph, Table
from pipeline.text.dates import InvalidValue, parse_date
from pipeline.text.fold import fold, fold_with_map, nfc

FIELDS = ("code", "revision", "issued_on")
_SEPARATOR_SPACES = re.compile(r"\s*([.\-/_])\s*")
_CODE_TOKEN = re.compile(r"[^\W_][\w.\-/]{0,39}")
_REVISION = re.compile(r"[\s:.\-]*(?:l[aầ]n\s*)?(\d{1,3})(?!\d)", re.IGNORECASE)
_MAX_LINE = 240  # header lines are short; long prose lines are not scanned
_SHEET_ROWS = 15  # a sheet's header block sits above its data: a 100,000-row register is not scanned


def normalize_code(text: str) -> str:
    """A code as written, tidied: NFC, no spaces around dots/dashes, no trailing punctuation."""
    code = _SEPARATOR_SPACES.sub(r"\1", nfc(text or "").strip())
    return re.sub(r"\s+", " ", code).strip(" .,;:")


def code_key(text: str) -> str:
    """Comparison key of a code: "QT.02.ĐGNB" and "qt. 02 .dgnb" → "qt.02.dgnb"."""
    return fold(normalize_code(text)).replace(" ", "")


def revision_key(text: str | None) -> str:
    """Comparison key of a revision: its digits without leading zeros ("03" → "3"); "" when none."""
    m = re.search(r"\d+", text or "")
    return str(int(m.group(0))) if m else ""


def _as_code(segment: str) -> str | None:
    """The code at the start of `segment` when it looks like one (upper-case letters, digits, dots)."""
    seg = normalize_code(segment)
    m = _CODE_TOKEN.match(seg)
    if not m:
        return None
    token = m.group(0).rstrip(".-/")
    letters = [ch for ch in token if ch.isalpha()]
    if len(token) < 2 or not letters or any(ch.islower() for ch in letters):
        return None
    return token


@dataclass
class Hit:
    """One label with its value: code text, revision text, or date (error when impossible)."""

    field: str
    value: str | dt.date | None
    raw: str
    error: InvalidValue | None = None


@dataclass
class Occurrence:
    """One header block: a table, or a group of nearby lines."""

    location: str
    hits: dict[str, Hit] = field(default_factory=dict)
    title: str | None = None
    in_page_header: bool = False

    def get(self, name: str) -> object:
        hit = self.hits.get(name)
        return hit.value if hit else None

    @property
    def valid(self) -> bool:
        """A header block, not a stray label: it has a code, two fields, or sits in a page header."""
        return "code" in self.hits or len(self.hits) >= 2 or (self.in_page_header and bool(self.hits))

    def to_json(self) -> dict[str, object]:
        return {"code": self.get("code"), "revision": self.get("revision"),
                "issued_on": self.get("issued_on"), "location": self.location}


@dataclass(frozen=True)
class HeaderLabels:
    pattern: re.Pattern[str]
    field_of: dict[str, str]
    agency: tuple[str, ...]
    title_words: tuple[str, ...]


@lru_cache(maxsize=4)
def header_labels(directory: str | None = None) -> HeaderLabels:
    data = load_labels("controlled_document", directory)
    field_of = {fold(label): name for name in FIELDS for label in data["header"][name]}
    alternatives = "|".join(
        re.escape(label).replace(r"\ ", r"\s+") for label in sorted(field_of, key=len, reverse=True)
    )
    pattern = re.compile(r"(?<![^\W_])(" + alternatives + r")(?![^\W_])")
    agency = tuple(nfc(a).casefold() for a in data.get("agency_prefixes", []))
    words = tuple(fold(w) for w in data.get("title_words", []))
    return HeaderLabels(pattern, field_of, agency, words)


def scan_line(line: str, labels: HeaderLabels) -> tuple[list[Hit], bool]:
    """The hits of one line, and whether the line ends with a label awaiting its value elsewhere."""
    if not line or len(line) > _MAX_LINE:
        return [], False
    original = nfc(line)
    folded, index = fold_with_map(original)
    accepted = []
    for m in labels.pattern.finditer(folded):
        after = folded[m.end() :].lstrip()
        name = labels.field_of[" ".join(m.group(1).split())]
        at_start = not folded[: m.start()].strip(" -*•+\t")
        if at_start or after.startswith(":") or (name != "code" and after[:1].isdigit()):
            accepted.append((m, name))
    hits: list[Hit] = []
    dangling = False
    for i, (m, name) in enumerate(accepted):
        end = accepted[i + 1][0].start() if i + 1 < len(accepted) else len(folded)
        start_o = index[m.end() - 1] + 1
        end_o = index[end] if end < len(folded) else len(original)
        segment = original[start_o:end_o] if end > m.end() else ""
        segment = segment.strip().lstrip(":").strip()
        if not segment:
            dangling = i == len(accepted) - 1
            if dangling:
                hits.append(Hit(name, None, ""))  # value to be found in the next cell / line
            continue
        hit = value_hit(name, segment)
        if hit:
            hits.append(hit)
    return hits, dangling


def value_hit(name: str, segment: str) -> Hit | None:
    """Read the value of field `name` from the text after its label; None when it is not one."""
    if name == "code":
        code = _as_code(segment)
        return Hit(name, code, segment) if code else None
    if name == "revision":
        m = _REVISION.match(segment)
        return Hit(name, m.group(1), segment) if m else None
    try:
        day = parse_date(segment)
    except InvalidValue as exc:
        return Hit(name, None, segment, exc)
    return Hit(name, day, segment) if day else None


def _place(block: Block) -> str:
    where = {"header": "đầu trang", "footer": "chân trang"}.get(block.where, "")
    page = f"trang {block.page}" if block.page else ""
    return ", ".join(p for p in (page, where) if p)


def line_hits(lines: list[tuple[int, str]], labels: HeaderLabels) -> list[tuple[int, Hit]]:
    """The hits of numbered lines; a label ending its line takes its value from the next line
    when that line holds no label ("Ngày ban hành:" / "20/7/2023" in a narrow cell). A label
    left without a value is returned with value None (its value may sit in the next cell)."""
    out: list[tuple[int, Hit]] = []
    pending: tuple[int, Hit] | None = None
    for pos, line in lines:
        if not line.strip():
            continue
        hits, dangling = scan_line(line, labels)
        if pending is not None:
            value = None if hits else value_hit(pending[1].field, line.strip())
            out.append((pos, value) if value else pending)
            pending = None
            if value:
                continue
        for k, hit in enumerate(hits):
            if dangling and k == len(hits) - 1:
                pending = (pos, hit)
            else:
                out.append((pos, hit))
    if pending is not None:
        out.append(pending)
    return out


def table_occurrence(table: Table, labels: HeaderLabels) -> tuple[Occurrence, set[int], tuple[int, int]]:
    """The header block a table holds (maybe empty), the ids of the cells its labels and values
    use, and the first and last rows they occupy (a PDF may glue the block to the table above)."""
    in_header = table.where in ("header", "footer")
    occ = Occurrence(_place(table) if in_header else table.location(), in_page_header=in_header)
    used: set[int] = set()
    rows: list[int] = []
    for r in range(table.n_rows if table.sheet is None else min(table.n_rows, _SHEET_ROWS)):
        cells = table.distinct_cells(r)
        for ci, cell in enumerate(cells):
            hits = line_hits(list(enumerate(cell.lines)), labels)
            if not hits:
                continue
            used.add(id(cell))
            rows.append(r)
            for _, hit in hits:
                if hit.value is None and hit.error is None:
                    hit = _value_right(cells[ci + 1 :], hit.field, labels, used) or hit
                if (hit.value is not None or hit.error) and hit.field not in occ.hits:
                    occ.hits[hit.field] = hit
    return occ, used, (min(rows, default=0), max(rows, default=-1))


def _value_right(cells: list[Cell], name: str, labels: HeaderLabels, used: set[int]) -> Hit | None:
    """The value of a label whose cell holds nothing else: the next filled cell to the right."""
    for cell in cells:
        text = next((ln for ln in cell.lines if ln.strip()), "")
        if not text:
            continue
        if labels.pattern.match(fold(text)):
            return None  # the next cell is another label: this one is a column header
        hit = value_hit(name, text)
        if hit:
            used.add(id(cell))
        return hit
    return None


def paragraph_occurrences(paragraphs: list[Paragraph], labels: HeaderLabels) -> list[tuple[int, Occurrence]]:
    """Header blocks written as lines: hits within three paragraphs of each other, no field twice.
    Each comes with the index of its first paragraph."""
    out: list[tuple[int, Occurrence]] = []
    current: Occurrence | None = None
    last_i = -10
    lines = [(i, line) for i, par in enumerate(paragraphs) for line in par.text.split("\n")]
    for i, hit in line_hits(lines, labels):
        if hit.value is None and hit.error is None:
            continue
        if current is None or i - last_i > 3 or hit.field in current.hits:
            par = paragraphs[i]
            in_header = par.where in ("header", "footer")
            loc = _place(par) if in_header else ", ".join(filter(None, [_place(par), f"đoạn {i + 1}"]))
            current = Occurrence(loc, in_page_header=in_header)
            out.append((i, current))
        current.hits[hit.field] = hit
        last_i = i
    return out


def find_occurrences(doc: Document, directory: str | None = None) -> list[Occurrence]:
    """Every valid header block in reading order: page headers and footers first, then the body."""
    labels = header_labels(directory)
    out: list[Occurrence] = []
    for source in (doc.headers, doc.blocks):
        found: list[tuple[int, Occurrence]] = []  # (block position, occurrence)
        paragraphs: list[Paragraph] = []
        positions: list[int] = []
        for pos, block in enumerate(source):
            if isinstance(block, Paragraph):
                paragraphs.append(block)
                positions.append(pos)
                continue
            for table in [block] if block.sheet is not None else [block, *block.iter_tables()]:
                occ, used, span = table_occurrence(table, labels)
                if occ.valid:
                    occ.title = header_title(table, used, span, labels)
                    found.append((pos, occ))
        found.extend((positions[i], o) for i, o in paragraph_occurrences(paragraphs, labels) if o.valid)
        out.extend(occ for _, occ in sorted(found, key=lambda f: f[0]))
    return out


def _is_agency(line: str, labels: HeaderLabels) -> bool:
    low = nfc(line).strip().casefold() + " "
    return low.startswith(labels.agency)


def _title_lines(cell: Cell, labels: HeaderLabels) -> list[str]:
    """A cell's lines that may be title: not the agency name (even wrapped over lines), not "Trang 1/5"."""
    lines = [ln.strip() for ln in cell.lines if ln.strip()]
    if lines and _is_agency(" ".join(lines), labels):
        start = next((k for k, ln in enumerate(lines) if fold(ln).startswith(labels.title_words)), len(lines))
        lines = lines[start:]
    return [ln for ln in lines if not re.match(r"trang\W*\d", fold(ln))]


def header_title(table: Table, used: set[int], span: tuple[int, int], labels: HeaderLabels) -> str | None:
    """The title inside a header table: the cells of the block's rows that are neither labels, values
    nor the agency, read column by column (a title split over rows "QUY TRÌNH / CẢI TIẾN HỆ THỐNG")."""
    first, last = span
    cells = [
        c for c in table.unique_cells()
        if id(c) not in used and c.row <= last and c.row + c.rowspan - 1 >= first and c.text.strip()
    ]
    cells.sort(key=lambda c: (c.col, c.row))
    lines: list[str] = []
    for cell in cells:
        lines.extend(ln for ln in _title_lines(cell, labels) if ln not in lines)
    title = re.sub(r"\s+", " ", " ".join(lines)).strip()
    return title or None


def paragraph_title(doc: Document, directory: str | None = None) -> str | None:
    """The big title paragraph: the first body paragraph starting with a document-type word
    ("QUY TRÌNH …", "SỔ TAY CHẤT LƯỢNG"), joined with the upper-case lines that continue it."""
    labels = header_labels(directory)
    paragraphs = [p for p in doc.paragraphs(include_headers=False) if p.text.strip()][:60]
    for i, par in enumerate(paragraphs):
        text = par.text.strip()
        if not mostly_upper(text) or ":" in text or not fold(text).startswith(labels.title_words):
            continue
        parts = [text]
        for nxt in paragraphs[i + 1 : i + 4]:
            t = nxt.text.strip()
            if not mostly_upper(t) or ":" in t or _is_agency(t, labels) or labels.pattern.match(fold(t)):
                break
            parts.append(t)
        return re.sub(r"\s+", " ", " ".join(parts))
    return None


def mostly_upper(text: str) -> bool:
    """Titles are set in capitals: at least 80% of the letters are upper case."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)
