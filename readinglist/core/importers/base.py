"""The importer interface and the registry that chooses an importer for a file."""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from readinglist.core.errors import ImportFailed

if TYPE_CHECKING:
    from pathlib import PurePath

    from readinglist.core.records import PaperRecord

_YEAR = re.compile(r"\b(\d{4})\b")


def find_year(text: str) -> int | None:
    """Return the first four-digit year in text (as in "2021", "2021-05-01", "Spring 2021")."""
    match = _YEAR.search(text)
    return int(match.group(1)) if match else None


def year_from(value: object) -> int | None:
    """Return value as a year (1 to 9999) if it is one, else None."""
    try:
        year = int(str(value).strip())
    except (TypeError, ValueError, OverflowError):
        return None
    return year if 1 <= year <= 9999 else None


# Other names for a format, as the exporters name them (BibLaTeX is read as BibTeX).
ALIASES = {"biblatex": "bibtex"}

# Modules whose import registers an importer; new formats are added here.
IMPORTER_MODULES = (
    "readinglist.core.importers.bibtex",
    "readinglist.core.importers.ris",
    "readinglist.core.importers.csljson",
    "readinglist.core.importers.csvfile",
    "readinglist.core.importers.pasted",  # last: strict formats are sniffed first
)


@dataclass(slots=True)
class ParsedFile:
    """The records read from one file and what the reader had to assume."""

    records: list[PaperRecord]
    format: str
    encoding: str = "utf-8"
    warnings: list[str] = field(default_factory=list)


class Importer(Protocol):
    """A reader for one file format."""

    name: str
    """Short id used by ``--format`` (e.g. ``pasted``, ``bibtex``)."""
    label: str
    """Human name shown in dialogs (e.g. "BibTeX")."""
    extensions: tuple[str, ...]
    """Lower-case file name endings this format usually has, with the dot."""

    def sniff(self, text: str) -> bool:
        """Return whether text looks like this format (used when the extension says nothing)."""
        ...

    def parse(self, text: str, source: str) -> list[PaperRecord]:
        """Read every record; raise ImportFailed naming the line of the first bad entry."""
        ...


class ImporterRegistry:
    """The known importers, in the order they are tried when sniffing content."""

    def __init__(self) -> None:
        self._importers: dict[str, Importer] = {}
        self._loaded = False

    def register(self, importer: Importer) -> Importer:
        self._importers[importer.name] = importer
        return importer

    def all(self) -> list[Importer]:
        self._load()
        return list(self._importers.values())

    def names(self) -> list[str]:
        """Every name ``--format`` accepts: each importer's, then the aliases."""
        return [importer.name for importer in self.all()] + list(ALIASES)

    def get(self, name: str) -> Importer:
        self._load()
        try:
            return self._importers[ALIASES.get(name, name)]
        except KeyError:
            known = ", ".join(self._importers)
            raise ImportFailed(name, f"unknown import format (known: {known})") from None

    def choose(self, path: PurePath, text: str, format_name: str | None = None) -> Importer:
        """Pick the importer named, else the first whose sniffer knows the content, else by name.

        Content goes first: exports saved as .txt, or pasted lists named .bib, must still be
        read as what they are. Sniffers are tried in registry order, strict formats before
        the permissive pasted-list reader. A file no sniffer knows goes to the importer of
        its extension, whose parser then names the line that is wrong.
        """
        if format_name:
            return self.get(format_name)
        importers = self.all()
        for importer in importers:
            if importer.sniff(text):
                return importer
        suffix = path.suffix.lower()
        for importer in importers:
            if suffix and suffix in importer.extensions:
                return importer
        names = ", ".join(imp.label for imp in importers)
        raise ImportFailed(
            str(path), f"not a recognised paper list (readinglist reads: {names})", line=1
        )

    def _load(self) -> None:
        if not self._loaded:
            self._loaded = True
            for module in IMPORTER_MODULES:
                importlib.import_module(module)


registry = ImporterRegistry()
