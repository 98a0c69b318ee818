"""The OPC package (zip) of a DOCX: parts by name, relationships, the main document part.

Every failure of the container or of one part becomes a ReadError naming the part, so a broken
file is reported (CTCL090) and never crashes the run.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from dataclasses import dataclass
from urllib.parse import unquote

from lxml import etree

from pipeline.errors import ReadError
from pipeline.limits import Limits
from pipeline.readers.docx_xml import PKG_REL, parse_xml

_REL = f"{{{PKG_REL}}}Relationship"
_MAIN_PART = "word/document.xml"


@dataclass(frozen=True)
class Relationship:
    rid: str
    type: str  # full type URI; compare with is_type() (Transitional and Strict URIs differ)
    target: str  # resolved part name, or the raw target when external
    external: bool

    def is_type(self, kind: str) -> bool:
        return self.type.rsplit("/", 1)[-1] == kind


class Package:
    """Read access to the parts of an open zip, case-insensitively (OPC part names are)."""

    def __init__(self, zf: zipfile.ZipFile, limits: Limits) -> None:
        self._zf = zf
        self._limits = limits
        self._names = {_norm(info.filename): info for info in zf.infolist()}

    def has(self, part: str) -> bool:
        return _norm(part) in self._names

    def fingerprint(self, part: str) -> tuple[int, int] | None:
        """(CRC-32, size) of a part as the zip declares them: identical template parts match."""
        info = self._names.get(_norm(part))
        return None if info is None else (info.CRC, info.file_size)

    def read(self, part: str) -> bytes:
        info = self._names.get(_norm(part))
        if info is None:
            raise ReadError("corrupt", f"{part}: part missing")
        if info.file_size > self._limits.max_unzipped_bytes:
            raise ReadError("zip_bomb", f"{part}: declares {info.file_size} bytes")
        try:
            return self._zf.read(info)
        except EOFError as exc:
            raise ReadError("truncated", f"{part}: {exc}") from None
        except (zipfile.BadZipFile, zlib.error, NotImplementedError, OSError, ValueError) as exc:
            raise ReadError("corrupt", f"{part}: {exc}") from None

    def xml(self, part: str) -> etree._Element:
        return parse_xml(self.read(part), part)

    def relationships(self, part: str) -> dict[str, Relationship]:
        """The relationships of `part` (empty when it has no .rels part)."""
        folder, name = posixpath.split(part)
        rels_part = posixpath.join(folder, "_rels", name + ".rels")
        if not self.has(rels_part):
            return {}
        out: dict[str, Relationship] = {}
        for rel in self.xml(rels_part).iter(_REL):
            rid, target = rel.get("Id") or "", rel.get("Target") or ""
            external = (rel.get("TargetMode") or "").lower() == "external"
            resolved = target if external else _resolve(folder, target)
            out[rid] = Relationship(rid, rel.get("Type") or "", resolved, external)
        return out

    def main_part(self) -> str:
        """The main document part named by the package relationships, else word/document.xml."""
        for rel in self.relationships("").values():
            if rel.is_type("officeDocument") and not rel.external and self.has(rel.target):
                return rel.target
        if self.has(_MAIN_PART):
            return _MAIN_PART
        raise ReadError("corrupt", f"{_MAIN_PART}: main document part missing")


def open_zip(path: str) -> zipfile.ZipFile:
    """Open the container; a damaged zip is "truncated", something else entirely "wrong_type"."""
    try:
        return zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise ReadError(_bad_zip_reason(path), str(exc)) from None
    except (OSError, ValueError, EOFError) as exc:
        raise ReadError("corrupt", str(exc)) from None


def _bad_zip_reason(path: str) -> str:
    try:
        with open(path, "rb") as fh:
            head = fh.read(2)
    except OSError:
        return "corrupt"
    return "truncated" if head == b"PK" else "wrong_type"


def _norm(name: str) -> str:
    return name.replace("\\", "/").lstrip("/").lower()


def _resolve(folder: str, target: str) -> str:
    """A relationship target relative to the source part's folder (or absolute from the root)."""
    target = unquote(target.split("#", 1)[0])
    path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
    return posixpath.normpath(path).lstrip("/") if path else ""
