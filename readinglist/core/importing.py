"""Read a file into records: check it, decode it, pick its format, parse it.

Nothing here touches the library; ``commands.importing.ImportPapers`` adds the records.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from readinglist.core.errors import ImportFailed
from readinglist.core.importers import ParsedFile, registry
from readinglist.core.importers.decoding import decode

if TYPE_CHECKING:
    from pathlib import Path

# Larger files are refused rather than read into memory whole.
MAX_FILE_BYTES = 200 * 1024 * 1024


@dataclass(slots=True)
class ImportSummary:
    """What one file's import did, for a summary line or dialog."""

    source: str
    collection: str
    format: str = ""
    encoding: str = ""
    entries: int = 0
    added: int = 0
    already_present: int = 0
    likely_duplicates: int = 0
    new_ids: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None

    def describe(self) -> str:
        if self.error is not None:
            return self.error
        parts = [f"{self.added} new", f"{self.already_present} already present"]
        if self.likely_duplicates:
            parts.append(f"{self.likely_duplicates} likely duplicates")
        return f"{self.source}: {', '.join(parts)} (collection {self.collection!r})"


def read_file(path: Path, format_name: str | None = None) -> ParsedFile:
    """Parse the file at path; raise ImportFailed naming the file (and line) on any problem."""
    source = str(path)
    data = _read_bytes(path)
    decoded = decode(data, source)
    importer = registry.choose(path, decoded.text, format_name)
    with_warnings = getattr(importer, "parse_with_warnings", None)
    if with_warnings is not None:
        read: ParsedFile = with_warnings(decoded.text, source)
        records, warnings = read.records, list(read.warnings)
    else:
        records, warnings = importer.parse(decoded.text, source), []
    if not records:
        raise ImportFailed(source, "no papers found in the file")
    parsed = ParsedFile(
        records=records, format=importer.name, encoding=decoded.encoding, warnings=warnings
    )
    if decoded.assumed:
        parsed.warnings.append(
            f"{source}: not UTF-8; read as {decoded.encoding} (check accented letters)"
        )
    for record in records:
        if not record.title.strip():
            raise ImportFailed(source, "an entry has no title", line=record.line)
    return parsed


def _read_bytes(path: Path) -> bytes:
    source = str(path)
    try:
        if path.is_dir():
            raise ImportFailed(source, "this is a folder, not a file")
        # Non-blocking, so a FIFO without a writer cannot hang the import; the checks run
        # on the opened file, so a path swapped after a check cannot slip through.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as handle:
            status = os.fstat(handle.fileno())
            if not stat.S_ISREG(status.st_mode):
                raise ImportFailed(source, "not a regular file (a device, pipe or socket)")
            if status.st_size > MAX_FILE_BYTES:
                raise ImportFailed(
                    source,
                    f"the file is too large ({status.st_size // 2**20} MiB; the limit is "
                    f"{MAX_FILE_BYTES // 2**20} MiB)",
                )
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise ImportFailed(source, "no such file") from None
    except PermissionError:
        raise ImportFailed(source, "permission denied") from None
    except OSError as error:
        raise ImportFailed(source, f"cannot be read ({error.strerror or error})") from None
    if len(data) > MAX_FILE_BYTES:
        raise ImportFailed(source, "the file grew past the size limit while it was read")
    return data
