"""Run LibreOffice headless to convert documents (DOCX→PDF, DOCX→DOC, XLSX→XLS ...).

Each call uses its own throw-away profile so parallel calls (tests, helpers) never collide.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path


def soffice() -> str | None:
    """Path of the LibreOffice binary, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(src: Path | str, fmt: str, outdir: Path | str, timeout: float = 180) -> Path:
    """Convert `src` to `fmt` (e.g. "pdf", "doc", "xls", "docx") into `outdir`; return the new path."""
    binary = soffice()
    if not binary:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    src, outdir = Path(src), Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        cmd = [
            binary, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
            "--convert-to", fmt, "--outdir", str(outdir), str(src),
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    target = outdir / (src.stem + "." + fmt.split(":")[0])
    if proc.returncode != 0 or not target.exists():
        raise RuntimeError(f"LibreOffice failed on {src}: {proc.stdout} {proc.stderr}")
    return target
