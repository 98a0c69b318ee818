"""Management review topics (QT.03.CTCL §5.8.1.1/§5.8.1.2): which ones a document addresses.

A topic is addressed when a paragraph or cell of its section matches one of its keywords and
carries content besides them: at least `min_words` words that are not placeholder dots. A form
line "1. Tình trạng của các hành động …: ……" names the topic but says nothing, so the content
is what follows the line's colon; when that is empty, the lines below it (until the next item)
or the cells to its right. The keyword sets are data (rules/review_topics.yaml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from pipeline.errors import ConfigError
from pipeline.extract.titles import WORD, Line, is_heading_like, is_numbered, marker_level, strip_marker
from pipeline.records import Record
from pipeline.text.fold import fold
from pipeline.yaml_safe import safe_load

DEFAULT_FILE = Path(__file__).resolve().parents[2] / "rules" / "review_topics.yaml"
SECTIONS = ("input", "output")
_CONTINUATION_LIMIT = 40
_BULLETS = tuple("-+•*–—▪●○")
# words that may follow a section heading's keyword in plain text ("Đầu ra của cuộc họp xem xét")
_HEADING_WORDS = frozenset(
    "cua cuoc hop xem xet lanh dao chu tri toa va cac hanh dong ve he thong quan ly chat luong htqlcl "
    "xxld nam ket qua nhu sau".split()
)


@dataclass(frozen=True)
class Keyword:
    """A keyword as whole-word regexes of its parts: "rủi ro … cơ hội" needs both parts, in order."""

    text: str
    parts: tuple[re.Pattern[str], ...]

    def spans(self, folded: str) -> list[tuple[int, int]]:
        """Every occurrence of every part when the parts occur in order (linear: each part is looked
        for after the first occurrence of the previous one); [] when they do not."""
        pos = 0
        for part in self.parts:
            m = part.search(folded, pos)
            if m is None:
                return []
            pos = m.end()
        return [m.span() for part in self.parts for m in part.finditer(folded)]


@dataclass(frozen=True)
class Topic:
    """One review topic: id, section (input | output), keywords, titles for messages."""

    id: str
    section: str
    keywords: tuple[Keyword, ...]
    title: dict[str, str]

    def spans(self, folded: str) -> list[tuple[int, int]]:
        """Where the topic's keywords occur in folded text ([] when none matches)."""
        return [span for keyword in self.keywords for span in keyword.spans(folded)]


@dataclass(frozen=True)
class TopicSet:
    """The topics, the section headings of a minutes document and the content threshold."""

    topics: tuple[Topic, ...]
    headings: dict[str, tuple[str, ...]]  # section -> heading words (folded)
    min_words: int = 3
    source: str = ""

    def of(self, section: str) -> list[Topic]:
        return [t for t in self.topics if t.section == section]


def keyword(text: str) -> Keyword:
    """Compile a keyword: folded, whole words; "…" (or "...") separates parts that must all occur."""
    parts = [fold(p) for p in re.split(r"…|\.{3}", text) if fold(p)]
    if not parts:
        raise ValueError(f"empty keyword {text!r}")
    return Keyword(text, tuple(re.compile(r"(?<![^\W_])" + re.escape(p) + r"(?![^\W_])") for p in parts))


def parse_topic_set(data: Any, source: str = "") -> TopicSet:
    """Build a TopicSet from the YAML structure; ConfigError naming `source` when it is malformed."""
    where = source or "review topics"
    if not isinstance(data, dict) or not isinstance(data.get("topics"), list):
        raise ConfigError(f"{where}: expected a mapping with a 'topics' list")
    topics: list[Topic] = []
    for n, entry in enumerate(data["topics"], 1):
        if not isinstance(entry, dict) or not entry.get("id") or entry.get("section") not in SECTIONS:
            raise ConfigError(f"{where}: topic {n}: needs an id and a section (input or output)")
        keywords = entry.get("keywords")
        if not isinstance(keywords, list) or not keywords or not all(isinstance(k, str) for k in keywords):
            raise ConfigError(f"{where}: topic {entry['id']}: keywords must be a non-empty list of strings")
        try:
            compiled = tuple(keyword(k) for k in keywords)
        except ValueError as exc:
            raise ConfigError(f"{where}: topic {entry['id']}: {exc}") from exc
        title = entry.get("title") or {}
        topics.append(Topic(str(entry["id"]), entry["section"], compiled, dict(title)))
    ids = [t.id for t in topics]
    if len(set(ids)) != len(ids):
        raise ConfigError(f"{where}: topic ids must be unique")
    raw_headings = data.get("sections") or {}
    headings = {s: tuple(fold(h) for h in raw_headings.get(s, []) if fold(h)) for s in SECTIONS}
    min_words = data.get("min_words", 3)
    if not isinstance(min_words, int) or min_words < 0:
        raise ConfigError(f"{where}: min_words must be a non-negative integer")
    return TopicSet(tuple(topics), headings, min_words, source)


def load_topic_set(path: str | Path | None = None) -> TopicSet:
    """Read a topic file (default rules/review_topics.yaml)."""
    path = Path(path) if path else DEFAULT_FILE
    return _load_cached(str(path.resolve()))


@lru_cache(maxsize=8)
def _load_cached(path: str) -> TopicSet:
    try:
        data = safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read review topics ({exc})") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise ConfigError(f"{path}{line}: invalid YAML: {getattr(exc, 'problem', exc)}") from exc
    return parse_topic_set(data, path)


def topic_set(params: dict[str, Any]) -> TopicSet:
    """The topics an extractor uses: params["review_topics"] (a TopicSet, its YAML data or a path), else
    the default file."""
    given = params.get("review_topics")
    if given is None:
        return load_topic_set()
    if isinstance(given, TopicSet):
        return given
    if isinstance(given, (str, Path)):
        return load_topic_set(given)
    return parse_topic_set(given, "params.review_topics")


# ---------------------------------------------------------------------------------------------
# Sections and addressed topics.


def find_heading(lines: list[Line], words: tuple[str, ...], start: int = 0, max_extra: int = 6) -> int | None:
    """Index of the first line from `start` that is a section heading beginning with one of `words`.

    The heading is the line's start after its list marker, up to a colon. It may go on for a few
    words of a meeting's vocabulary ("Đầu ra của cuộc họp xem xét của lãnh đạo"), or — when set as a
    heading (capitals, a numbered item, a colon) — for up to `max_extra` words without digits. So
    "Quyết định số 12/QĐ" or "Quyết định thành lập Ban ISO" in running text is not a heading.
    """
    for line in lines[start:]:
        if line.text.lstrip()[:1] in _BULLETS:  # "- Kết luận của đoàn đánh giá: …" is an item
            continue
        head = strip_marker(line.folded).split(":", 1)[0].strip()
        head_words = WORD.findall(head)
        set_apart = is_heading_like(line) or is_numbered(line.text) or ":" in line.folded
        for w in words:
            want = WORD.findall(w)
            extra = head_words[len(want) :]
            if head_words[: len(want)] != want:
                continue
            if all(x in _HEADING_WORDS for x in extra) or (
                set_apart and len(extra) <= max_extra and not any(ch.isdigit() for ch in "".join(extra))
            ):
                return line.index
    return None


@dataclass(frozen=True)
class Sections:
    """Reading-order ranges [begin, end) of a minutes document's input and output sections."""

    input: tuple[int, int]
    output: tuple[int, int] | None  # None: no output heading was found
    first_heading: int | None  # the first section heading: the meeting's particulars end there

    def spans(self) -> dict[str, tuple[int, int]]:
        """Both sections; a missing output section is empty, so every output topic reads as missing."""
        return {"input": self.input, "output": self.output or (0, 0)}


def minutes_sections(lines: list[Line], topics: TopicSet, start: int = 0) -> Sections:
    """Outputs run from the first output heading (after `start`) to the end; inputs from the first
    input heading before it (else from `start`) up to it."""
    out_at = find_heading(lines, topics.headings["output"], start)
    end = out_at if out_at is not None else len(lines)
    in_at = find_heading(lines[:end], topics.headings["input"], start)
    return Sections(
        input=(in_at if in_at is not None else start, end),
        output=(out_at, len(lines)) if out_at is not None else None,
        first_heading=in_at if in_at is not None else out_at,
    )


@dataclass(frozen=True)
class Addressed:
    """A topic found with content: where (its first matching line)."""

    topic: str
    section: str
    location: str


def addressed_topics(
    lines: list[Line], topics: TopicSet, section: str, span: tuple[int, int]
) -> list[Addressed]:
    """The topics of `section` addressed within lines[span[0]:span[1]], in topic-file order."""
    begin, end = span
    found: dict[str, Addressed] = {}
    for i in range(begin, min(end, len(lines))):
        for topic in topics.of(section):
            if topic.id in found or not topic.spans(lines[i].folded):
                continue
            if _has_content(lines, i, end, topic, topics):
                found[topic.id] = Addressed(topic.id, section, lines[i].location)
    return [found[t.id] for t in topics.of(section) if t.id in found]


def _has_content(lines: list[Line], i: int, end: int, topic: Topic, topics: TopicSet) -> bool:
    line = lines[i]
    folded = line.folded
    colon = folded.find(":")
    if colon >= 0 and _word_count(folded[colon + 1 :], topic) >= topics.min_words:
        return True
    continuation = _continuation(lines, i, end, topics)
    if continuation is not None:
        return sum(_word_count(text, topic) for text in continuation) >= topics.min_words
    if colon >= 0:
        return False
    # a sentence of its own ("Trong năm không có sự KPH nào phát sinh.") — not a bare numbered item
    if is_numbered(line.text) and not line.text.rstrip().endswith((".", ";", "!")):
        return False
    return _word_count(folded, topic) >= topics.min_words


def _continuation(lines: list[Line], i: int, end: int, topics: TopicSet) -> list[str] | None:
    """The folded texts under line i: following lines up to the next item, heading or topic label;
    for a cell without further lines, the cells to its right. None when there is nothing below.

    Dotted lines left blank are the item's answer area: text after them (the closing "Cuộc họp kết
    thúc …" under the last item of a blank form) belongs to something else.
    """
    line = lines[i]
    bullet = line.text.lstrip()[:1] if line.text.lstrip()[:1] in _BULLETS else ""
    level = marker_level(line.text)
    texts: list[str] = []
    for nxt in lines[i + 1 : min(end, i + 1 + _CONTINUATION_LIMIT)]:
        if line.in_cell and not nxt.same_container(line):
            break
        if _stops(nxt, bullet, level, topics):
            break
        if nxt.words and texts and not any(WORD.search(t) for t in texts):
            break
        texts.append(strip_marker(nxt.folded))
    if texts:
        return texts
    if line.in_cell and line.table is not None and line.cell is not None and line.row is not None:
        right = [c for c in line.table.distinct_cells(line.row) if c.col > line.cell.col]
        if right:
            return [fold(c.text) for c in right]
    return None


def _stops(line: Line, bullet: str, level: int | None, topics: TopicSet) -> bool:
    """The next item: a numbered line of the same or a higher outline level ("2." after "1.", but not
    "a)" under "1."), a heading, the same bullet, or another topic's label."""
    own = marker_level(line.text)
    if own is not None and (level is None or own <= level):
        return True
    if is_heading_like(line) and len(line.words) >= 2:
        return True
    if bullet and line.text.lstrip().startswith(bullet):
        return True
    label = line.folded.split(":", 1)[0] if ":" in line.folded else ""
    return bool(label) and any(t.spans(label) for t in topics.topics)


def _word_count(folded: str, topic: Topic) -> int:
    """Words of content in folded text: the topic's keywords and list markers removed."""
    text = strip_marker(folded.strip())
    spans = sorted(topic.spans(text))
    kept, pos = [], 0
    for s, e in spans:
        if s >= pos:
            kept.append(text[pos:s])
            pos = e
    kept.append(text[pos:])
    return len(WORD.findall(" ".join(kept)))


def record_topics(
    record: Record, lines: list[Line], topics: TopicSet, sections: dict[str, tuple[int, int]]
) -> None:
    """Set fields["topics"] (addressed ids, sorted) and fields["topic_sections"] ({section: ids in file
    order}) for the given section ranges; locations["topics.<id>"] says where each was found."""
    by_section: dict[str, list[str]] = {}
    for section, span in sections.items():
        found = addressed_topics(lines, topics, section, span)
        by_section[section] = [a.topic for a in found]
        for a in found:
            record.locations[f"topics.{a.topic}"] = a.location
    record.fields["topics"] = sorted(t for ids in by_section.values() for t in ids)
    record.fields["topic_sections"] = by_section
