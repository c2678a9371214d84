"""CSV files with a header row: ours (see ``exporters.csv``) and similar ones (Zotero's).

Columns are found by header name, case-insensitively, with a few common aliases
(``Author``, ``Publication Year``, ``Manual Tags``, ``Abstract Note``...); a ``title``
column is required. The delimiter is a comma, semicolon or tab, whichever splits the
header into known columns. A row with a different number of cells or an empty title
refuses the whole file, naming its line; a rating, year or status that makes no sense
is left empty with a warning. The apostrophe our exporter puts before a formula-like
cell is removed.
"""

from __future__ import annotations

import csv
import io
import re

from readinglist.core.errors import ImportFailed
from readinglist.core.exporters import fields
from readinglist.core.exporters.csv import LIST_SEPARATOR
from readinglist.core.importers.base import ParsedFile, find_year, registry
from readinglist.core.normalize import clean_text
from readinglist.core.records import PaperRecord

ALIASES = {
    "title": ("title",),
    "authors": ("authors", "author", "creators"),
    "year": ("year", "publication year", "date"),
    "venue": ("venue", "journal", "publication title", "publication", "container-title"),
    "entry_type": ("entry_type", "entry type", "item type", "type"),
    "doi": ("doi",),
    "url": ("url", "link"),
    "status": ("status", "readinglist-status"),
    "rating": ("rating", "readinglist-rating"),
    "tags": ("tags", "keywords", "manual tags"),
    "note": ("note", "notes"),
    "abstract": ("abstract", "abstract note"),
    "citation_key": ("citation_key", "citation key", "key", "id"),
}
_COLUMN_OF = {alias: column for column, aliases in ALIASES.items() for alias in aliases}
DELIMITERS = (",", ";", "\t")
# A header row longer than this is not a header (a known column name is at most 40).
MAX_HEADER_CHARS = 4000
_HEADER_CELL = re.compile(r"^[A-Za-z][A-Za-z0-9 _.-]{0,39}$")
_DEFUSED = re.compile(r"^'(?='*[=+\-@\t\r])")


class CsvImporter:
    name = "csv"
    label = "CSV with a header row (.csv)"
    extensions: tuple[str, ...] = (".csv", ".tsv")

    def sniff(self, text: str) -> bool:
        """Accept a header of column names among which are a title and another known one."""
        return _dialect(_first_line(text)) is not None

    def parse(self, text: str, source: str) -> list[PaperRecord]:
        return self.parse_with_warnings(text, source).records

    def parse_with_warnings(self, text: str, source: str) -> ParsedFile:
        """Read every row; raise ImportFailed at the first malformed one."""
        text = text.lstrip("\ufeff")
        delimiter = _dialect(_first_line(text))
        if delimiter is None:
            raise ImportFailed(source, "the first line is no header with a 'title' column", 1)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        header: list[str] | None = None
        records: list[PaperRecord] = []
        warnings: list[str] = []
        line = 1
        try:
            for row in reader:
                start, line = line, reader.line_num + 1
                if not any(cell.strip() for cell in row):
                    continue
                if header is None:
                    header = [_COLUMN_OF.get(cell.strip().lower(), "") for cell in row]
                    continue
                if len(row) != len(header):
                    raise ImportFailed(
                        source, f"expected {len(header)} cells, found {len(row)}", line=start
                    )
                cells = {name: _undefuse(cell) for name, cell in zip(header, row, strict=True)}
                records.append(_record(cells, source, start, warnings))
        except csv.Error as error:
            raise ImportFailed(source, f"malformed CSV: {error}", line=line) from None
        if not records:
            raise ImportFailed(source, "no rows below the header", line=1)
        return ParsedFile(records, format=self.name, warnings=warnings)


def _first_line(text: str) -> str:
    for line in text.lstrip("\ufeff").splitlines():
        if line.strip():
            return line
    return ""


def _dialect(header: str) -> str | None:
    """Return the delimiter that splits header into known columns including title."""
    if len(header) > MAX_HEADER_CHARS:  # also keeps csv's field size limit out of reach
        return None
    for delimiter in DELIMITERS:
        cells = next(csv.reader([header], delimiter=delimiter), [])
        names = [cell.strip().lower() for cell in cells]
        known = {_COLUMN_OF[name] for name in names if name in _COLUMN_OF}
        if (
            len(cells) >= 2
            and "title" in known
            and len(known) >= 2
            and all(_HEADER_CELL.match(cell.strip()) for cell in cells)
        ):
            return delimiter
    return None


def _undefuse(cell: str) -> str:
    return _DEFUSED.sub("", cell)


def _record(cells: dict[str, str], source: str, line: int, warnings: list[str]) -> PaperRecord:
    def cell(name: str) -> str:
        return cells.get(name, "").strip()

    title = clean_text(cell("title"))
    if not title:
        raise ImportFailed(source, "row has no title", line=line)
    year = find_year(cell("year"))
    rating = fields.parse_rating(None, cell("rating"))
    status = fields.parse_status(None, cell("status"))
    for name, value, parsed in (
        ("rating", cell("rating"), rating),
        ("status", cell("status"), status),
    ):
        if value and parsed is None:
            warnings.append(f"{source}, line {line}: {name} {value!r} ignored")
    return PaperRecord(
        title=title,
        abstract=clean_text(cell("abstract")),
        authors=_split(cell("authors")),
        year=year,
        venue=clean_text(cell("venue")),
        doi=cell("doi"),
        url=cell("url"),
        entry_type=cell("entry_type"),
        citation_key=cell("citation_key"),
        tags=list(dict.fromkeys(_split(cell("tags")))),
        rating=rating,
        status=status,
        note="\n".join(t for t in (clean_text(p) for p in cell("note").splitlines()) if t),
        line=line,
    )


def _split(value: str) -> list[str]:
    separator = LIST_SEPARATOR.strip()
    return [clean_text(part) for part in value.split(separator) if part.strip()]


registry.register(CsvImporter())
