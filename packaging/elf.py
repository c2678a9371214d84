"""ELF helpers for the Linux bundle: list ELF files, read what they link, clean run paths."""

from __future__ import annotations

import re
import shutil
import subprocess
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path


def is_elf(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"\x7fELF"


def is_shared_object(path: Path) -> bool:
    """True for a shared library (ET_DYN and named *.so*), False for an executable."""
    with path.open("rb") as handle:
        header = handle.read(18)
    return header[16:18] == b"\x03\x00" and ".so" in path.name


def elf_files(folder: Path) -> list[Path]:
    return [
        path
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.is_symlink() and is_elf(path)
    ]


def needed(path: Path) -> list[str]:
    """The sonames an ELF file links (its DT_NEEDED entries)."""
    output = subprocess.run(
        ["readelf", "--dynamic", "--wide", str(path)], check=True, capture_output=True, text=True
    ).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", output)


def fix_run_paths(folder: Path) -> int:
    """Drop absolute run paths (the build machine's Python prefix) and keep $ORIGIN ones.

    A Python built with a custom prefix (pyenv, say) bakes that prefix into libpython and
    its extension modules; in the bundle it points at a folder the user does not have.
    Return how many files changed.
    """
    patchelf = shutil.which("patchelf")
    if patchelf is None:
        raise RuntimeError("patchelf is missing (apt-get install patchelf)")
    changed = 0
    for path in elf_files(folder):
        current = subprocess.run(
            [patchelf, "--print-rpath", str(path)], check=True, capture_output=True, text=True
        ).stdout.strip()
        if not current:
            continue
        kept = [entry for entry in current.split(":") if entry.startswith("$ORIGIN")]
        if kept == current.split(":"):
            continue
        command = ["--set-rpath", ":".join(kept)] if kept else ["--remove-rpath"]
        subprocess.run([patchelf, *command, str(path)], check=True)
        changed += 1
    return changed


def strip_symbols(folder: Path) -> tuple[int, list[Path]]:
    """Strip symbol tables and debug information from the bundle's ELF files.

    PyInstaller's own strip option strips blindly, and strip breaks some libraries that
    auditwheel rewrote with patchelf: numpy's and SciPy's OpenBLAS then fail to load with
    "ELF load command address/offset not page-aligned". So each file is stripped into a
    copy, and the copy replaces it only if its LOAD segments are still aligned. Return how
    many files were stripped and the files left as they were.
    """
    strip = shutil.which("strip")
    if strip is None:
        raise RuntimeError("strip is missing (apt-get install binutils)")
    stripped, kept = 0, []
    for path in elf_files(folder):
        sections = subprocess.run(
            ["readelf", "--section-headers", "--wide", str(path)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        if " .symtab " not in sections and " .debug_info " not in sections:
            continue
        candidate = path.with_name(path.name + ".stripped")
        subprocess.run([strip, "--strip-unneeded", "-o", str(candidate), str(path)], check=True)
        if loads_aligned(candidate):
            candidate.replace(path)
            stripped += 1
        else:
            candidate.unlink()
            kept.append(path)
    return stripped, kept


_LOAD = re.compile(
    r"^\s*LOAD\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+0x[0-9a-f]+\s+0x[0-9a-f]+\s+0x[0-9a-f]+"
    r"\s+[RWE ]+\s+0x([0-9a-f]+)$",
    re.MULTILINE,
)


def loads_aligned(path: Path) -> bool:
    """Check what the dynamic loader checks: each LOAD segment's offset = address mod align."""
    headers = subprocess.run(
        ["readelf", "--program-headers", "--wide", str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    loads = _LOAD.findall(headers)
    return bool(loads) and all(
        (int(address, 16) - int(offset, 16)) % int(align, 16) == 0
        for offset, address, align in loads
    )
