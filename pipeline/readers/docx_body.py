"""Walk one WordprocessingML story (body, header, footer) into model blocks, in reading order.

python-docx's `paragraph.text` misses content controls, tracked insertions, text boxes and form
fields, so the XML is walked directly: wrappers (w:sdt, w:customXml, w:smartTag, w:hyperlink,
w:fldSimple, w:ins, w:moveTo ...) are read through, deletions and field instructions are not text,
mc:AlternateContent is read once, and text boxes follow the paragraph that anchors them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from pipeline.model import Block, Paragraph, Table
from pipeline.readers.docx_controls import PLACEHOLDER, form_checkbox, form_dropdown, sdt_mode
from pipeline.readers.docx_symbols import font_table, sym_text, symbol_font_text
from pipeline.readers.docx_table import CellMode, read_grid
from pipeline.readers.docx_xml import MATH_T, MC_ALTERNATE, Names, choose_branch, property_element
from pipeline.text.fold import nfc

ALT_CHUNK_WARNING = "có nội dung nhúng từ tệp khác (w:altChunk) không được đọc"


@dataclass(frozen=True)
class Styles:
    """Paragraph style ids → names (styles.xml), and the name of the default paragraph style."""

    names: dict[str, str] = field(default_factory=dict)
    default: str = ""

    def name(self, style_id: str | None) -> str:
        if not style_id:
            return self.default
        return self.names.get(style_id, style_id)


@dataclass
class _Field:
    """A complex field being read: before w:fldChar "separate" its runs are instructions."""

    instr: bool = True
    pending: str | None = None  # text shown at the field's end when it has no result runs
    had_text: bool = False


class StoryWalker:
    """Reads the stories of one part. Table indexes come from `next_index` (shared per document)."""

    def __init__(self, n: Names, styles: Styles, next_index: Callable[[], int], warnings: list[str]) -> None:
        self.n = n
        self.styles = styles
        self.next_index = next_index
        self.warnings = warnings
        self.where = "body"
        self.fields: list[_Field] = []
        self.quiet = 0  # > 0 inside content that shows no value (placeholders, replaced checkboxes)
        self.depth = 0  # table nesting depth
        self._skip_block = {n.sectPr, n.tcPr, n.tblPr, n.trPr, n.pPr, n.sdtPr, n.del_, n.moveFrom}
        self._skip_inline = {n.pPr, n.rPr, n.del_, n.moveFrom, n.sdtPr}
        self._newline = {n.br, n.cr}
        self._tab = {n.tab, n.ptab}
        self._shapes_tags = {n.drawing, n.pict, n.object}

    def read_story(self, root: etree._Element, where: str) -> list[Block]:
        """The blocks of a story element (w:body, w:hdr, w:ftr, w:txbxContent)."""
        saved = self.where, self.fields
        self.where, self.fields = where, []
        try:
            out: list[Block] = []
            self._blocks(root, out)
            return out
        finally:
            self.where, self.fields = saved

    # --- block level -------------------------------------------------------------------------

    def _blocks(self, parent: etree._Element, out: list[Block]) -> None:
        n = self.n
        for el in parent:
            tag = el.tag
            if tag == n.p:
                self._paragraph(el, out)
            elif tag == n.tbl:
                out.append(self._table(el))
            elif tag == n.sdt:
                self._block_sdt(el, out)
            elif tag in self._skip_block:
                continue
            elif tag == MC_ALTERNATE:
                branch = choose_branch(el)
                if branch is not None:
                    self._blocks(branch, out)
            elif tag == n.altChunk:
                if ALT_CHUNK_WARNING not in self.warnings:
                    self.warnings.append(ALT_CHUNK_WARNING)
            else:  # w:customXml, w:ins, w:moveTo and other wrappers: read through
                self._blocks(el, out)

    def _block_sdt(self, sdt: etree._Element, out: list[Block]) -> None:
        mode = sdt_mode(sdt, self.n)
        if mode is not None and mode != PLACEHOLDER:  # a block-level checkbox control
            out.append(Paragraph(text=mode, where=self.where))
            return
        content = sdt.find(self.n.sdtContent)
        if content is not None:
            self._quietly(mode is not None, self._blocks, content, out)

    def _paragraph(self, p: etree._Element, out: list[Block]) -> None:
        buf: list[str] = []
        boxes: list[Block] = []
        self._inline(p, buf, boxes)
        if self.fields:
            self._close_instructions()
        text = "".join(buf)
        text = text if text.isascii() else nfc(text)  # NFC and its mappings only touch non-ASCII
        out.append(Paragraph(text=text, style=self.styles.name(self._style_id(p)), where=self.where))
        if boxes:
            out.extend(boxes)

    def _style_id(self, p: etree._Element) -> str | None:
        ppr = property_element(p, self.n.pPr)
        for el in ppr if ppr is not None else ():
            if el.tag == self.n.pStyle:
                return el.get(self.n.val)
        return None

    def _table(self, tbl: etree._Element) -> Table:
        table = Table(rows=[], index=self.next_index(), where=self.where, depth=self.depth)
        self.depth += 1
        try:
            table.rows = read_grid(tbl, self.n, self._cell)
        finally:
            self.depth -= 1
        return table

    def _cell(self, tc: etree._Element, mode: CellMode) -> tuple[str, list[Table]]:
        blocks: list[Block] = []
        if mode is None:
            self._blocks(tc, blocks)
        else:
            self._quietly(True, self._blocks, tc, blocks)
        lines: list[str] = []
        tables: list[Table] = []
        for b in blocks:
            if isinstance(b, Paragraph):
                lines.append(b.text)
            else:
                tables.append(b)
        if mode is not None and mode != PLACEHOLDER:
            return mode, tables  # a cell-level checkbox control
        return "\n".join(lines), tables

    # --- inline level ------------------------------------------------------------------------

    def _inline(self, parent: etree._Element, buf: list[str], boxes: list[Block]) -> None:
        n = self.n
        for el in parent:
            tag = el.tag
            if tag == n.r:
                self._run(el, buf, boxes)
            elif tag in self._skip_inline:
                continue
            elif tag == n.sdt:
                self._inline_sdt(el, buf, boxes)
            elif tag == MC_ALTERNATE:
                branch = choose_branch(el)
                if branch is not None:
                    self._inline(branch, buf, boxes)
            elif tag in MATH_T:
                self._emit(buf, el.text or "")
            else:  # w:ins, w:moveTo, w:hyperlink, w:smartTag, w:customXml, w:fldSimple, m:oMath ...
                self._inline(el, buf, boxes)

    def _inline_sdt(self, sdt: etree._Element, buf: list[str], boxes: list[Block]) -> None:
        mode = sdt_mode(sdt, self.n)
        if mode is not None and mode != PLACEHOLDER:
            self._emit(buf, mode)  # the checkbox's state, whatever glyph it displays
            return
        content = sdt.find(self.n.sdtContent)
        if content is not None:
            self._quietly(mode is not None, self._inline, content, buf, boxes)

    def _run(self, r: etree._Element, buf: list[str], boxes: list[Block]) -> None:
        n = self.n
        fonts: tuple[str | None, str | None] | None = None  # set when the run is in a symbol font
        for el in r:
            tag = el.tag
            if tag == n.t:
                text = el.text or ""
                self._emit(buf, symbol_font_text(text, *fonts) if fonts else text)
            elif tag == n.rPr:
                fonts = self._symbol_fonts(el)
            elif tag in self._tab:
                self._emit(buf, "\t")
            elif tag in self._newline:
                self._emit(buf, "\n")
            elif tag == n.noBreakHyphen:
                self._emit(buf, "-")
            elif tag == n.softHyphen:  # invisible, but LibreOffice saves TCVN3's "ư" (byte 0xAD) this way
                self._emit(buf, "\u00ad")
            elif tag == n.sym:
                self._emit(buf, sym_text(el.get(n.font), el.get(n.char)))
            elif tag == n.fldChar:
                self._field_char(el, buf)
            elif tag in self._shapes_tags:
                if next(el.iter(n.txbxContent), None) is not None:  # most drawings are pictures
                    self._text_boxes(el, boxes)
            elif tag == MC_ALTERNATE:
                branch = choose_branch(el)
                if branch is not None:
                    self._run(branch, buf, boxes)
            # w:delText, w:instrText, footnote/comment references: not text

    def _symbol_fonts(self, rpr: etree._Element) -> tuple[str | None, str | None] | None:
        """The run's w:ascii and w:hAnsi fonts when either is a symbol font (Wingdings ...)."""
        for el in rpr:
            if el.tag == self.n.rFonts:
                ascii_font, high_font = el.get(self.n.ascii), el.get(self.n.hAnsi)
                if font_table(ascii_font) is not None or font_table(high_font) is not None:
                    return ascii_font, high_font
                return None
        return None

    def _text_boxes(self, shape: etree._Element, boxes: list[Block]) -> None:
        """Collect the text boxes (w:txbxContent) of a drawing or VML shape, each once."""
        for el in shape:
            tag = el.tag
            if tag == self.n.txbxContent:
                boxes.extend(self.read_story(el, "textbox" if self.where == "body" else self.where))
            elif tag == MC_ALTERNATE:
                branch = choose_branch(el)
                if branch is not None:
                    self._text_boxes(branch, boxes)
            elif isinstance(tag, str):
                self._text_boxes(el, boxes)

    # --- fields and visibility ---------------------------------------------------------------

    def _field_char(self, el: etree._Element, buf: list[str]) -> None:
        n = self.n
        kind = el.get(n.fldCharType)
        if kind == "begin":
            pending = None
            ff = el.find(n.ffData)
            if ff is not None:
                box = form_checkbox(ff, n)
                if box is not None:
                    self._emit(buf, box)
                pending = form_dropdown(ff, n)
            self.fields.append(_Field(pending=pending))
        elif kind == "separate" and self.fields:
            self.fields[-1].instr = False
        elif kind == "end" and self.fields:
            done = self.fields.pop()
            if done.pending and not done.had_text:
                self._emit(buf, done.pending)

    def _close_instructions(self) -> None:
        """Field instructions never span paragraphs: a field left open in one is dropped there.

        Without this, one malformed field (a "begin" with no "end") would hide the rest of the story.
        """
        for i, f in enumerate(self.fields):
            if f.instr:
                del self.fields[i:]
                return

    def _emit(self, buf: list[str], text: str) -> None:
        if not text or self.quiet:
            return
        fields = self.fields
        if fields:
            if any(f.instr for f in fields):
                return
            fields[-1].had_text = True
        buf.append(text)

    def _quietly(self, quiet: bool, walk: Callable[..., None], *args: object) -> None:
        self.quiet += quiet
        try:
            walk(*args)
        finally:
            self.quiet -= quiet
