"""DOCX reader: a Word file → the neutral Document model (SPEC §3).

The zip and XML are read directly (lxml, hardened parser) instead of through python-docx, whose
object API skips content controls, insertions and text boxes, repeats merged cells, and is slow.

Table numbering: body tables (nested included) are numbered 1.. in reading order, so "bảng 2"
is the second table a person sees in the body; header/footer tables continue after them.
Text boxes in the body become blocks with where="textbox"; inside a header/footer they keep
where="header"/"footer" (they belong to the page header people see).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import TypeVar

from lxml import etree

from pipeline.errors import ReadError
from pipeline.limits import Limits
from pipeline.model import Block, Document
from pipeline.readers.docx_body import StoryWalker, Styles
from pipeline.readers.docx_package import Package, Relationship, open_zip
from pipeline.readers.docx_xml import Names, names_of, r_id, truthy

T = TypeVar("T")

# Documents made from one template share a large styles.xml (python-docx's is 350 kB, 6 ms to
# parse): its style names are kept per (CRC-32, size), a handful of templates per worker.
_STYLES_CACHE: dict[tuple[int, int], Styles] = {}
_STYLES_CACHE_SIZE = 16


def read_docx(path: str, rel: str, limits: Limits) -> Document:
    """Read the DOCX at `path`; `rel` is its inbox-relative path. Raises ReadError when unreadable."""
    with open_zip(path) as zf:
        pkg = Package(zf, limits)
        main = pkg.main_part()
        root = pkg.xml(main)
        n = names_of(root, main)
        doc_rels = _guarded(main + " relationships", pkg.relationships, main)
        styles = _guarded("styles", _styles, pkg, doc_rels)
        warnings: list[str] = []
        next_index = itertools.count(1).__next__
        blocks = _guarded(main, _body, root, n, main, styles, next_index, warnings)
        headers = _headers(pkg, root, n, doc_rels, styles, next_index, warnings)
    return Document(path=rel, format="docx", blocks=blocks, headers=headers, pages=None, warnings=warnings)


def _body(
    root: etree._Element, n: Names, part: str, styles: Styles, next_index: Callable[[], int],
    warnings: list[str],
) -> list[Block]:
    body = root.find(n.body)
    if root.tag != n.document or body is None:
        raise ReadError("corrupt", f"{part}: no w:document/w:body")
    return StoryWalker(n, styles, next_index, warnings).read_story(body, "body")


def _headers(
    pkg: Package,
    root: etree._Element,
    n: Names,
    doc_rels: dict[str, Relationship],
    styles: Styles,
    next_index: Callable[[], int],
    warnings: list[str],
) -> list[Block]:
    """Every header/footer part referenced from any section (default, first, even), each once."""
    kinds = {n.headerReference: "header", n.footerReference: "footer"}
    seen: set[str] = set()
    out: list[Block] = []
    for sect in root.iter(n.sectPr):
        for ref in sect:
            where = kinds.get(ref.tag)
            rel = doc_rels.get(r_id(ref) or "") if where else None
            if where is None or rel is None or rel.external or rel.target in seen:
                continue
            seen.add(rel.target)
            if not pkg.has(rel.target):
                label = "đầu trang" if where == "header" else "chân trang"
                warnings.append(f"thiếu phần {label} {rel.target} (tệp DOCX không đầy đủ)")
                continue
            part_root = pkg.xml(rel.target)
            story = _guarded(rel.target, _story, part_root, rel.target, where, styles, next_index, warnings)
            out.extend(story)
    return out


def _story(
    root: etree._Element, part: str, where: str, styles: Styles, next_index: Callable[[], int],
    warnings: list[str],
) -> list[Block]:
    return StoryWalker(names_of(root, part), styles, next_index, warnings).read_story(root, where)


def _styles(pkg: Package, doc_rels: dict[str, Relationship]) -> Styles:
    """Style id → name from styles.xml (optional part: without it paragraphs have no style name)."""
    part = next((r.target for r in doc_rels.values() if r.is_type("styles") and not r.external), "")
    part = part or "word/styles.xml"
    key = pkg.fingerprint(part)
    if key is None:
        return Styles()
    if key in _STYLES_CACHE:
        return _STYLES_CACHE[key]
    root = pkg.xml(part)
    n = names_of(root, part)
    names: dict[str, str] = {}
    default = ""
    for style in root.iter(n.style):
        name_el = style.find(n.name)
        style_id, name = style.get(n.styleId), name_el.get(n.val) if name_el is not None else None
        if not style_id or not name:
            continue
        names[style_id] = name
        if style.get(n.type) == "paragraph" and truthy(style.get(n.default)):
            default = name
    styles = Styles(names, default)
    if len(_STYLES_CACHE) >= _STYLES_CACHE_SIZE:
        _STYLES_CACHE.clear()  # simple and thread-safe; templates are few
    _STYLES_CACHE[key] = styles
    return styles


def _guarded(part: str, read: Callable[..., T], *args: object) -> T:
    """Run one part's reading; anything but a ReadError becomes ReadError("corrupt") naming the part."""
    try:
        return read(*args)
    except ReadError:
        raise
    except RecursionError:
        raise ReadError("corrupt", f"{part}: nesting too deep") from None
    except Exception as exc:  # noqa: BLE001 — a hostile part must not crash the run
        raise ReadError("corrupt", f"{part}: {type(exc).__name__}: {exc}") from None
