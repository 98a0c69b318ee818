"""How a form layout puts a field's value on the page: one layout, three uses.

A layout function never writes a value directly; it asks a `Filler`. The plain Filler prints the
value or, when missing, the dotted placeholder of a blank form — so the same function makes the
blank template and the filled samples. `ControlFiller` wraps every value in a Word content control
(plain text / date picker / w14:checkbox), as forms filled in Word's form mode look. A later
docxtpl template only needs a Filler whose `missing` returns "{{ field }}" and whose `mark`
returns a Jinja condition.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from tools import docstyle as ds


class Filler:
    """Values of one form by canonical field name (SPEC §3.2); missing → dotted placeholder.

    A value may be a str, a date (printed dd/mm/yyyy), or for choice fields one of the options
    (rendered as checkboxes) or any other text (printed as typed — how an invalid choice looks).
    """

    def __init__(self, values: Mapping[str, Any] | None = None) -> None:
        self.values = dict(values or {})

    # -- what to print
    def has(self, field: str) -> bool:
        return self.values.get(field) not in (None, "", [])

    def get(self, field: str) -> Any:
        return self.values.get(field)

    def missing(self, field: str, n: int = 1) -> str:
        return ds.dots(n)

    def text(self, field: str, n: int = 1) -> str:
        value = self.values.get(field)
        if value in (None, ""):
            return self.missing(field, n)
        return ds.short_date(value) if isinstance(value, dt.date) else str(value)

    def mark(self, field: str, option: str) -> str:
        value = self.values.get(field)
        chosen = {value} if isinstance(value, str) else set(value or ())
        return ds.CHECKED if option in chosen else ds.UNCHECKED

    def is_choice(self, field: str, options: Sequence[str]) -> bool:
        """True when the value can be shown as ticks: empty, or every selected value an option."""
        value = self.values.get(field)
        if value in (None, ""):
            return True
        chosen = [value] if isinstance(value, str) else list(value)
        return all(v in options for v in chosen)

    # -- how to print it
    def put(self, p: Paragraph, field: str, *, n: int = 1, bold: bool = False) -> None:
        """Append the field's value to a paragraph."""
        self._value_run(p, field, self.text(field, n), bold=bold)

    def put_choices(self, p: Paragraph, field: str, options: Sequence[str], sep: str = "   ") -> None:
        """Append "☒ A   ☐ B"; a value outside the options is printed as text instead."""
        if not self.is_choice(field, options):
            self._value_run(p, field, str(self.values[field]))
            return
        for i, option in enumerate(options):
            self._mark_run(p, field, option)
            ds.add_run(p, f" {option}{sep if i < len(options) - 1 else ''}")

    def pair_line(self, container: Any, pairs: Sequence[tuple[str, str]], **kw: Any) -> Paragraph:
        """Two or more "Label: value" on one line separated by tabs, as printed forms do."""
        p = ds.para(container, **kw)
        for i, (label, field) in enumerate(pairs):
            ds.add_run(p, ("\t" if i else "") + f"{label}: ", bold=True)
            self.put(p, field)
        return p

    # -- hooks for subclasses
    def _value_run(self, p: Paragraph, field: str, text: str, *, bold: bool = False) -> Run:
        return ds.add_run(p, text, bold=bold)

    def _mark_run(self, p: Paragraph, field: str, option: str) -> Run:
        return ds.add_run(p, self.mark(field, option))


_TEXT_PR = '<w:sdtPr {ns}><w:alias w:val="{alias}"/><w:tag w:val="{tag}"/><w:id w:val="{id}"/>{kind}</w:sdtPr>'
_DATE_KIND = (
    '<w:date w:fullDate="{iso}T00:00:00Z"><w:dateFormat w:val="dd/MM/yyyy"/><w:lid w:val="vi-VN"/>'
    '<w:storeMappedDataAs w:val="dateTime"/><w:calendar w:val="gregorian"/></w:date>'
)
_CHECK_PR = (
    '<w:sdtPr {ns}><w:tag w:val="{tag}"/><w:id w:val="{id}"/><w14:checkbox>'
    '<w14:checked w14:val="{val}"/><w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
    '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/></w14:checkbox></w:sdtPr>'
)


class ControlFiller(Filler):
    """Values inside Word content controls: w:sdt text/date controls and w14:checkbox ticks."""

    def __init__(self, values: Mapping[str, Any] | None = None, first_id: int = 401) -> None:
        super().__init__(values)
        self._next_id = first_id

    def _id(self) -> int:
        self._next_id += 1
        return self._next_id

    def _wrap(self, run: Run, sdt_pr: str) -> None:
        """Move `run` into <w:sdt><w:sdtPr/><w:sdtContent>run</w:sdtContent></w:sdt>."""
        sdt = OxmlElement("w:sdt")
        run._r.addprevious(sdt)
        sdt.append(parse_xml(sdt_pr))
        content = OxmlElement("w:sdtContent")
        sdt.append(content)
        content.append(run._r)

    def _value_run(self, p: Paragraph, field: str, text: str, *, bold: bool = False) -> Run:
        run = ds.add_run(p, text, bold=bold)
        value = self.values.get(field)
        kind = _DATE_KIND.format(iso=value.isoformat()) if isinstance(value, dt.date) else "<w:text/>"
        if not self.has(field):
            kind = "<w:showingPlcHdr/>" + kind
        self._wrap(run, _TEXT_PR.format(ns=nsdecls("w"), alias=field, tag=field, id=self._id(), kind=kind))
        return run

    def _mark_run(self, p: Paragraph, field: str, option: str) -> Run:
        glyph = self.mark(field, option)
        run = ds.add_run(p, glyph)
        rpr = run._r.get_or_add_rPr()
        fonts = OxmlElement("w:rFonts")
        for attr in ("w:ascii", "w:eastAsia", "w:hAnsi"):
            fonts.set(qn(attr), "MS Gothic")
        fonts.set(qn("w:hint"), "eastAsia")
        rpr.insert(0, fonts)
        val = "1" if glyph == ds.CHECKED else "0"
        self._wrap(run, _CHECK_PR.format(ns=nsdecls("w", "w14"), tag=f"{field}:{option}", id=self._id(), val=val))
        return run
