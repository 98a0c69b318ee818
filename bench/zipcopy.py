"""Write many variants of one zip (DOCX/XLSX) fast: only the changed members are compressed again.

zipfile recompresses every member on write (a 40 kB DOCX holds 850 kB of XML: ~12 ms a copy);
here the untouched members keep their compressed bytes and CRC, so a copy costs one member.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

_DOS_TIME = (8 << 11) | 0  # 08:00:00
_DOS_DATE = ((2026 - 1980) << 9) | (11 << 5) | 20  # 2026-11-20, like the sample inbox


@dataclass(frozen=True)
class _Member:
    name: bytes
    data: bytes  # compressed (deflate, raw) bytes
    crc: int
    size: int


def _deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def _member(name: str, data: bytes) -> _Member:
    return _Member(name.encode("utf-8"), _deflate(data), zlib.crc32(data), len(data))


class ZipTemplate:
    """A zip read once; `write` emits it again with some members replaced."""

    def __init__(self, path: Path) -> None:
        with zipfile.ZipFile(path) as zf:
            self.texts = {info.filename: zf.read(info) for info in zf.infolist()}
        self._members = {name: _member(name, data) for name, data in self.texts.items()}

    def write(self, target: Path, replaced: dict[str, bytes] | None = None) -> None:
        """Write the zip with the members in `replaced` changed (or added, at the end)."""
        replaced = replaced or {}
        members = [_member(name, replaced[name]) if name in replaced else m for name, m in self._members.items()]
        members += [_member(name, data) for name, data in replaced.items() if name not in self._members]
        target.write_bytes(_archive(members))


def _archive(members: list[_Member]) -> bytes:
    local, central = bytearray(), bytearray()
    for m in members:
        offset = len(local)
        fixed = (20, 0x800, 8, _DOS_TIME, _DOS_DATE, m.crc, len(m.data), m.size, len(m.name))
        local += struct.pack("<4s5H3L2H", b"PK\x03\x04", *fixed, 0) + m.name + m.data
        central += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, *fixed, 0, 0, 0, 0, 0, offset) + m.name
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(central), len(local), 0)
    return bytes(local + central + end)
