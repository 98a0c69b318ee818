"""Hardened XML parsing and WordprocessingML names for the DOCX reader.

Word writes "Transitional" parts; Word's "Strict Open XML" option writes the same elements in
other namespaces. Tag names are built per namespace so one walker reads both.
"""

from __future__ import annotations

from functools import lru_cache

from lxml import etree

from pipeline.errors import ReadError

W_TRANSITIONAL = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
R_NAMESPACES = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
)
MATH_NAMESPACES = (
    "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "http://purl.oclc.org/ooxml/officeDocument/math",
)
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"

MC_ALTERNATE = f"{{{MC}}}AlternateContent"
MC_CHOICE = f"{{{MC}}}Choice"
MC_FALLBACK = f"{{{MC}}}Fallback"
W14_CHECKBOX = f"{{{W14}}}checkbox"
W14_CHECKED = f"{{{W14}}}checked"
W14_VAL = f"{{{W14}}}val"
MATH_T = frozenset(f"{{{ns}}}t" for ns in MATH_NAMESPACES)
R_ID = tuple(f"{{{ns}}}id" for ns in R_NAMESPACES)

_FALSE = frozenset({"0", "false", "off", "none"})

# Local names of the w: elements and attributes the reader looks at.
_LOCAL_NAMES = (
    "document body hdr ftr p r t tab ptab br cr noBreakHyphen softHyphen sym delText instrText "
    "fldChar fldSimple ffData checkBox checked default ddList listEntry result drawing pict object "
    "txbxContent sdt sdtPr sdtContent showingPlcHdr ins moveTo moveFrom pPr pStyle rPr "
    "tbl tblPr tblGrid gridCol tr trPr tc tcPr gridSpan vMerge hMerge gridBefore gridAfter "
    "sectPr headerReference footerReference altChunk customXml smartTag hyperlink "
    "style styles name type styleId val font char fldCharType rFonts ascii hAnsi"
).split()


class Names:
    """Clark-notation tag and attribute names of one WordprocessingML namespace (n.p == '{ns}p')."""

    def __init__(self, namespace: str) -> None:
        self.namespace = namespace
        for local in _LOCAL_NAMES:
            setattr(self, local, f"{{{namespace}}}{local}")
        self.del_ = f"{{{namespace}}}del"  # "del" is a Python keyword

    def __getattr__(self, local: str) -> str:  # only reached for names missing above: a bug
        raise AttributeError(f"WordprocessingML name {local!r} not declared in _LOCAL_NAMES")


@lru_cache(maxsize=4)
def names_for(namespace: str) -> Names:
    return Names(namespace)


def names_of(root: etree._Element, part: str) -> Names:
    """The namespace of a WordprocessingML part, from its root element."""
    namespace = etree.QName(root).namespace
    if namespace not in (W_TRANSITIONAL, W_STRICT):
        raise ReadError("corrupt", f"{part}: not a WordprocessingML part ({namespace})")
    return names_for(namespace)


def parse_xml(data: bytes, part: str) -> etree._Element:
    """Parse one part without entities, DTDs or network; a DTD is refused (OPC forbids it)."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise ReadError("corrupt", f"{part}: malformed XML ({exc})") from None
    if root is None:
        raise ReadError("corrupt", f"{part}: empty XML")
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise ReadError("corrupt", f"{part}: DTD declarations are not allowed in Office Open XML")
    return root


def truthy(value: str | None) -> bool:
    """An OOXML on/off attribute value ("1", "true", "on" ...); absent means off."""
    return value is not None and value.strip().lower() not in _FALSE


def on_off(el: etree._Element | None, val_attr: str, absent: bool = False) -> bool:
    """An OOXML on/off property element: present without a value means on."""
    if el is None:
        return absent
    value = el.get(val_attr)
    return value is None or truthy(value)


def property_element(el: etree._Element, pr_tag: str) -> etree._Element | None:
    """el's property element (w:pPr, w:tcPr, w:trPr ...): the schema puts it first, so only
    the first child is looked at, which keeps the walk fast."""
    first = next(iter(el), None)
    return first if first is not None and first.tag == pr_tag else None


def properties(el: etree._Element, pr_tag: str) -> dict[str, etree._Element]:
    """The children of el's property element by tag."""
    pr = property_element(el, pr_tag)
    return {} if pr is None else {child.tag: child for child in pr}


def int_val(el: etree._Element | None, val_attr: str, default: int, maximum: int) -> int:
    """An integer w:val clamped to 0..maximum; default when absent or not a number."""
    if el is None:
        return default
    try:
        return max(0, min(int(el.get(val_attr) or default), maximum))
    except ValueError:
        return default


def choose_branch(alternate: etree._Element) -> etree._Element | None:
    """mc:AlternateContent: the first Choice, else the Fallback — never both (text would double)."""
    fallback = None
    for child in alternate:
        if child.tag == MC_CHOICE:
            return child
        if child.tag == MC_FALLBACK and fallback is None:
            fallback = child
    return fallback


def r_id(el: etree._Element) -> str | None:
    """The r:id attribute in either relationship namespace."""
    for attr in R_ID:
        value = el.get(attr)
        if value:
            return value
    return None
