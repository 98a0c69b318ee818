"""Signing blocks of administrative documents (Decree 30/2020 layout): who signed, in which role.

A signing block is a role caption ("CHỦ TRÌ", "KT. TRƯỞNG BAN" / "PHÓ TRƯỞNG BAN", "PHÊ DUYỆT"),
room for the signature ("(Ký, ghi rõ họ tên)", "(Đã ký)", blank lines), then the signer's name; a
date line inside the block ("Ngày 20/12/2026") belongs to it. Blocks sit side by side in a
borderless table (each column read top to bottom) or in paragraphs whose columns are separated by
tabs. A PDF's text layer may run two columns into one line ("NGƯỜI LẬP PHÊ DUYỆT"): captions are
split at role words, and a name line that cannot be split among several open blocks is left out
rather than given to the wrong signer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.model import Document, Paragraph, Table
from pipeline.text.dates import scan_dates
from pipeline.text.fold import fold, nfc

_ROLE_WORDS = re.compile(
    r"\b(?:truong|pho|chu tri|chu toa|thu ky|giam doc|lanh dao|phe duyet|duyet|nguoi lap|nguoi viet|"
    r"kt|tm|q|chanh|thanh vien|dai dien|xac nhan|kiem tra|soan thao|xem xet|iso|chu tich|ban|"
    r"nguoi bao cao|nguoi de nghi|nguoi de xuat|nguoi yeu cau|thu truong|can bo)\b"
)
# role words written with diacritics, so that the name "Trường" is not the role "Trưởng"
_ROLE_WORDS_VI = re.compile(
    r"(?<!\w)(?:trưởng|phó|chủ trì|chủ tọa|chủ toạ|thư ký|giám đốc|lãnh đạo|phê duyệt|duyệt|người lập|"
    r"người viết|kt\.|tm\.|q\.|chánh|thành viên|đại diện|xác nhận|kiểm tra|soạn thảo|xem xét|iso|"
    r"chủ tịch|ban|người báo cáo|người đề nghị|người đề xuất|người yêu cầu|thủ trưởng|cán bộ)(?!\w)"
)
# where a caption starts inside a line holding several ("THƯ KÝ ISO LÃNH ĐẠO BAN CHỈ ĐẠO ISO")
_CAPTION_START = re.compile(
    r"(?<!\S)(?=(?:(?:KT|TM|Q)\.\s*)?(?:PHÓ\s+)?(?:NGƯỜI|PHÊ DUYỆT|THƯ KÝ|CHỦ TRÌ|CHỦ TỌA|TRƯỞNG|LÃNH ĐẠO|"
    r"GIÁM ĐỐC|XÁC NHẬN|ĐẠI DIỆN|KT\.|TM\.|Q\.|PHÓ)\b)"
)
_GLUE = ("CỦA", "VÀ", "KT.", "TM.", "Q.", "PHÓ", "BAN")  # a caption goes on after these words
_INCOMPLETE = frozenset({"lanh dao", "dai dien"})  # a caption never ends with these alone
_INSTRUCTION = re.compile(r"^\(.*\)$|^(?:da ky|ky ten|ky va|chu ky|dong dau)\b|^ky\s*,")
_NEUTRAL = re.compile(r"^\s*(?:[-+•*]|noi nhan\b)")  # the recipients list beside a signer
_NAME_WORD = re.compile(r"^[^\W\d_]+$")
_TITLE_PREFIX = re.compile(r"^(?:ths|ts|pgs|gs|ks|cn|bs|ls)\.?\s+", re.IGNORECASE)
_SPLIT = re.compile(r"\t+|\s{3,}")
_LEADING_NOTE = re.compile(r"^(\([^()]*\))\s*(\S.*)$")
# surnames that are not also common middle or given names (Văn, Hà, Mai …), to split merged names
_SURNAMES = frozenset(
    "nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý đoàn đinh lương trương "
    "trịnh phùng tạ lưu quách".split()
)


@dataclass
class Signature:
    """One signing block: the role lines, the signer's name, and a date written inside the block."""

    roles: list[str]  # NFC role lines, top to bottom ("KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN")
    name: str | None = None
    date_text: str = ""  # the block's date line as written (parse with pipeline.text.dates)
    location: str = ""

    @property
    def role(self) -> str:
        return " / ".join(self.roles)

    @property
    def folded_role(self) -> str:
        return fold(" ".join(self.roles))


class _Column:
    """Reads one column line by line: role captions, room for the signature, then the name."""

    def __init__(self, location: str) -> None:
        self.location = location
        self.blocks: list[Signature] = []
        self.current: Signature | None = None
        self.pending_date = ""
        self.gap = False

    @property
    def waiting(self) -> bool:
        return self.current is not None

    def feed(self, raw: str) -> None:
        text = nfc(raw).strip()
        folded = fold(text)
        if not folded or _INSTRUCTION.match(folded) or set(folded) <= set(".…_-/ "):
            self.gap = True
        elif is_date_line(text):
            if self.current is None:
                self.pending_date = text
            elif not self.current.date_text:
                self.current.date_text = text
        elif _NEUTRAL.match(folded):
            pass
        elif self.current is not None and is_name_line(text) and (
            not _has_role_word(text) or (self.gap and text.isascii())
        ):
            self.current.name = _TITLE_PREFIX.sub("", text)
            self._close()
        elif is_role_line(text):
            if self.current is not None and self.gap:  # a new caption after a gap: the last block is unsigned
                self._close()
            if self.current is None:
                self.current = Signature([text], date_text=self.pending_date, location=self.location)
                self.pending_date = ""
            else:
                self.current.roles.append(text)
            self.gap = False
        else:  # running text: a caption before it was a heading, not a signing block
            self.current, self.gap, self.pending_date = None, False, ""

    def _close(self) -> None:
        assert self.current is not None
        self.blocks.append(self.current)
        self.current, self.gap, self.pending_date = None, False, ""

    def finish(self) -> list[Signature]:
        if self.current is not None:
            self._close()
        return self.blocks


def find_signatures(doc: Document) -> list[Signature]:
    """Every signing block of the body, column by column within each table or run of paragraphs."""
    out: list[Signature] = []
    run: list[Paragraph] = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            run.append(block)
            continue
        out.extend(_from_paragraphs(run))
        run = []
        out.extend(_from_table(block))
    out.extend(_from_paragraphs(run))
    return out


def _from_table(table: Table) -> list[Signature]:
    out: list[Signature] = []
    for c in range(table.n_cols):
        column = _Column(table.location(None, c))
        seen: set[int] = set()
        for r in range(table.n_rows):
            cell = table.cell(r, c)
            if cell is None or id(cell) in seen or cell.col != c:
                continue
            seen.add(id(cell))
            for line in cell.text.split("\n") if cell.text.strip() else [""]:
                column.feed(line)
        out.extend(column.finish())
    for cell in table.unique_cells():
        for nested in cell.tables:
            out.extend(_from_table(nested))
    return out


def _from_paragraphs(run: list[Paragraph]) -> list[Signature]:
    """Columns of paragraphs: a line's parts go to the columns in order. A line of one part goes to
    the only column waiting for a name; with several waiting (a PDF that ran the columns together),
    a merged name line is split at surnames (or left out), a single name goes to the first waiting
    column (the shorter block's name comes first), a date line to the last (the approver's block is
    on the right), an instruction to all."""
    columns: list[_Column] = []
    for p in run:
        location = f"trang {p.page}" if p.page else "cuối văn bản"
        for raw in p.text.split("\n"):
            parts = line_parts(raw)
            while len(columns) < len(parts):
                columns.append(_Column(location))
            if len(parts) > 1:
                for column, part in zip(columns, parts, strict=False):
                    column.feed(part)
                continue
            waiting = [c for c in columns if c.waiting]
            text = parts[0]
            if len(waiting) > 1 and is_name_line(text, max_words=12) and not is_name_line(text, max_words=5):
                for column, name in zip(waiting, split_names(text, len(waiting)) or [], strict=False):
                    column.feed(name)
            elif len(waiting) > 1 and (not text or _INSTRUCTION.match(fold(text))):
                for column in waiting:
                    column.feed(text)
            elif len(waiting) > 1 and is_date_line(text):
                waiting[-1].feed(text)
            else:
                (waiting[0] if waiting else columns[0]).feed(text)
    return [s for column in columns for s in column.finish()]


def line_parts(raw: str) -> list[str]:
    """The columns of one line: split at tabs or wide spaces, after a leading "(…)" note, and
    between role captions run together ("Nơi nhận: TRƯỞNG BAN", "NGƯỜI LẬP PHÊ DUYỆT")."""
    text = raw.strip()
    if not text:
        return [""]
    out: list[str] = []
    for part in _SPLIT.split(text):
        part = part.strip()
        note = _LEADING_NOTE.match(part)
        pieces = [note.group(1), note.group(2)] if note else [part]
        for piece in pieces:
            out.extend(_split_captions(piece))
    return out or [""]


def _split_captions(text: str) -> list[str]:
    """"Nơi nhận: TRƯỞNG BAN" → two parts; "THƯ KÝ ISO LÃNH ĐẠO BAN CHỈ ĐẠO ISO" → two captions."""
    words = text.split()
    tail = len(words)
    while tail > 0 and _is_caps(words[tail - 1]):
        tail -= 1
    head, caps = " ".join(words[:tail]), words[tail:]
    if len(caps) < 2 or not is_role_line(" ".join(caps)):
        return [text]
    starts = [m.start() for m in _CAPTION_START.finditer(" ".join(caps))]
    joined = " ".join(caps)
    cuts = [0] + [s for s in starts if s > 0 and joined[:s].split()[-1] not in _GLUE]
    captions: list[str] = []
    for a, b in zip(cuts, [*cuts[1:], len(joined)], strict=True):
        caption = joined[a:b].strip()
        if captions and fold(captions[-1]) in _INCOMPLETE:  # "LÃNH ĐẠO" + "PHÊ DUYỆT" is one caption
            captions[-1] = f"{captions[-1]} {caption}"
        elif caption:
            captions.append(caption)
    if any(not is_role_line(c) for c in captions):
        captions = [joined]
    return ([head] if head else []) + captions


def _is_caps(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def split_names(text: str, count: int) -> list[str] | None:
    """Split "Nguyễn Thị Nguyệt Phạm Duy Khánh" into `count` names, each starting with a common
    surname; None when there is no split, or more than one (no guessing)."""
    words = nfc(text).split()
    starts = [k for k, w in enumerate(words) if w.lower() in _SURNAMES]
    if not starts or starts[0] != 0 or len(starts) < count:
        return None
    found = []
    for combo in _choose(starts[1:], count - 1):
        cuts = [0, *combo, len(words)]
        names = [" ".join(words[a:b]) for a, b in zip(cuts, cuts[1:], strict=False)]
        if all(2 <= len(n.split()) <= 5 for n in names):
            found.append(names)
    return found[0] if len(found) == 1 else None


def _choose(items: list[int], k: int) -> list[tuple[int, ...]]:
    if k == 0:
        return [()]
    return [(x, *rest) for i, x in enumerate(items) for rest in _choose(items[i + 1 :], k - 1)]


def _has_role_word(text: str) -> bool:
    if text.isascii():
        return bool(_ROLE_WORDS.search(fold(text)))
    return bool(_ROLE_WORDS_VI.search(nfc(text).lower()))


def is_role_line(text: str) -> bool:
    """A signer's caption: a few words naming a role, in capitals ("THƯ KÝ", "LÃNH ĐẠO BAN ISO") or
    not ("Phê duyệt"); never a numbered heading or a "label:" line."""
    text = nfc(text).strip()
    if not text or len(text.split()) > 8 or not re.fullmatch(r"[^\W\d_][\w .,/-]*", text):
        return False
    if re.match(r"^(?:[IVXLC]+|[A-Z])\.\s", text) or not _has_role_word(text):
        return False
    return _is_caps(text) or len(text.split()) <= 5


def is_name_line(text: str, max_words: int = 6) -> bool:
    """A person's name: two to six capitalised words, letters only ("Võ Nam Thắng", "VÕ NAM THẮNG")."""
    words = _TITLE_PREFIX.sub("", nfc(text).strip()).split()
    if not 2 <= len(words) <= max_words:
        return False
    return all(_NAME_WORD.match(w) and w[0].isupper() for w in words)


def is_date_line(text: str) -> bool:
    """"Ngày 20/12/2026", "Ngày … tháng … năm …", "Khánh Hòa, ngày …", or a bare date."""
    folded = fold(text)
    if re.match(r"^ngay\b", folded) or re.match(r"^[^\d:;]{2,60},\s*ngay\b", folded):
        return True
    dates = scan_dates(text)
    return len(dates) == 1 and not re.sub(r"[\W_]", "", text.replace(dates[0].raw, ""))


def pick(signatures: list[Signature], *patterns: str) -> Signature | None:
    """The first block whose folded role matches one of `patterns` (regexes), trying them in order;
    blocks with a signer's name first."""
    for named in (True, False):
        for pattern in patterns:
            for sig in signatures:
                if bool(sig.name) == named and re.search(pattern, sig.folded_role):
                    return sig
    return None
