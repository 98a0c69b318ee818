"""Rendering the DOCX templates of templates/ with docxtpl, so that any text comes out literally.

Document text is hostile input (SPEC §9): it may hold `& < >`, Jinja syntax or control characters.
So the Jinja environment autoescapes (XML specials), treats an undefined variable as an error (a
template and its context can never silently drift apart), and every value passes one `finalize`
step that also
  * writes `{` `}` as character references — docxtpl rewrites `{_{` `}_}` in its output, and a
    value is never re-read as a tag anyway;
  * shows control characters as their visible Unicode "control pictures" (U+2400…): XML cannot
    carry them, and docxtpl would turn \\a and \\f into paragraph and page breaks;
  * keeps line breaks (\\n, \\r\\n → a line break) and tabs.
Template files are read once per process (cached by path, size and mtime).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import Environment, StrictUndefined
from markupsafe import Markup, escape

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def visible_text(value: Any) -> str:
    """The text a value shows as: control characters as control pictures, CR/LF as LF."""
    text = "" if value is None else str(value)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub(lambda m: "\u2421" if m.group() == "\x7f" else chr(0x2400 + ord(m.group())), text)
    return _NOT_XML.sub("\ufffd", text)


def _literal(value: Any) -> Any:
    """Jinja `finalize`: every printed value as escaped XML text with braces as references."""
    if isinstance(value, Markup):
        return value
    text = str(escape(visible_text(value)))
    return Markup(text.replace("{", "&#123;").replace("}", "&#125;"))


def environment() -> Environment:
    """A fresh environment per render: docxtpl sets attributes on the one it is given."""
    return Environment(autoescape=True, undefined=StrictUndefined, finalize=_literal)


@lru_cache(maxsize=8)
def _template_bytes(path: str, size: int, mtime_ns: int) -> bytes:
    return Path(path).read_bytes()


def template_bytes(path: Path) -> bytes:
    stat = path.stat()
    return _template_bytes(str(path), stat.st_size, stat.st_mtime_ns)


def render_docx(template: Path, context: dict[str, Any], *, title: str, when: dt.date,
                identifier: str = "") -> bytes:
    """The rendered document as bytes; core properties are set from the arguments (deterministic)."""
    doc = DocxTemplate(io.BytesIO(template_bytes(template)))
    doc.render(context, jinja_env=environment(), autoescape=True)
    props = doc.docx.core_properties
    stamp = dt.datetime(when.year, when.month, when.day, 8, 0, 0)
    props.title = visible_text(title)[:255]
    props.author = props.last_modified_by = "qms"
    props.identifier = identifier
    props.created = props.modified = stamp
    props.revision = 1
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
