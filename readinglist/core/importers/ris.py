"""RIS files (rispy), as written by Zotero, Mendeley, EndNote and our exporter.

The file is checked line by line before rispy reads it: outside a record only blank
lines may appear, each record runs from ``TY  -`` to ``ER  -`` and has a title. A
record that breaks this refuses the whole file, naming its line, since a damaged RIS
file usually means a truncated download or another format. Lines without a tag inside
a record continue the previous value, as rispy reads them.

Rating and status come from ``C1``/``C2`` values ``readinglist-rating: N`` and
``readinglist-status: S`` (see ``exporters.ris``); keywords (``KW``) become tags and
notes (``N1``) the note.
"""

from __future__ import annotations

import re
from typing import Any

import rispy

from readinglist.core.errors import ImportFailed
from readinglist.core.exporters import fields
from readinglist.core.exporters.ris import RIS_TYPES
from readinglist.core.importers.base import ParsedFile, find_year, registry
from readinglist.core.normalize import clean_text
from readinglist.core.records import PaperRecord

SNIFF_LINES = 200
_TAG_LINE = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$")
_OWN_FIELD = re.compile(r"^\s*(readinglist-[a-z]+)\s*:\s*(.*?)\s*$")
_ENTRY_TYPES = {ris: bib for bib, ris in reversed(RIS_TYPES.items())}


class RisImporter:
    name = "ris"
    label = "RIS (.ris)"
    extensions: tuple[str, ...] = (".ris",)

    def sniff(self, text: str) -> bool:
        """Accept text whose first record is all tag lines from ``TY  -`` to ``ER  -``."""
        lines = [line for line in _lines(text)[:SNIFF_LINES] if line.strip()]
        if not lines or not lines[0].startswith("TY  - ") or len(lines[0]) < 7:
            return False
        for line in lines[1:]:
            match = _TAG_LINE.match(line.rstrip())
            if match is None:
                return False
            if match.group(1) == "ER":
                return True
        return False

    def parse(self, text: str, source: str) -> list[PaperRecord]:
        return self.parse_with_warnings(text, source).records

    def parse_with_warnings(self, text: str, source: str) -> ParsedFile:
        """Read every record; raise ImportFailed at the first malformed one."""
        lines = _lines(text)
        starts = _record_starts(lines, source)
        try:
            entries = rispy.loads("\n".join(lines))
        except (KeyError, ValueError, IndexError, TypeError) as error:
            # rispy raises these for tags it cannot place (e.g. a stray "C2" in a type
            # without that field); the file is malformed, not the program.
            raise ImportFailed(source, f"malformed RIS ({error!r})", line=1) from None
        if len(entries) != len(starts):
            raise ImportFailed(source, "the RIS records could not be told apart", line=1)
        records = [
            _record(entry, source, line) for entry, line in zip(entries, starts, strict=True)
        ]
        return ParsedFile(records, format=self.name)


def _lines(text: str) -> list[str]:
    return re.split(r"\r\n|\r|\n", text.lstrip("\ufeff"))


def _record_starts(lines: list[str], source: str) -> list[int]:
    """Return the line number of each record's ``TY`` line; refuse a malformed file."""
    starts: list[int] = []
    start: int | None = None
    for number, line in enumerate(lines, start=1):
        match = _TAG_LINE.match(line.rstrip())
        tag = match.group(1) if match else None
        if start is None:
            if tag == "TY":
                start = number
                starts.append(number)
            elif line.strip():
                raise ImportFailed(source, "expected a record starting with 'TY  -'", number)
        elif tag == "TY":
            raise ImportFailed(source, "record has no 'ER  -' line before the next", start)
        elif tag == "ER":
            start = None
    if start is not None:
        raise ImportFailed(source, "the last record has no 'ER  -' line", line=start)
    if not starts:
        raise ImportFailed(source, "no RIS records found", line=1)
    return starts


def _record(entry: dict[str, Any], source: str, line: int) -> PaperRecord:
    def first(*keys: str) -> str:
        for key in keys:
            value = entry.get(key)
            if isinstance(value, list):
                value = value[0] if value else ""
            if value:
                return str(value).strip()
        return ""

    title = clean_text(first("title", "primary_title", "translated_title", "short_title"))
    if not title:
        raise ImportFailed(source, "record has no title (TI or T1)", line=line)
    own = _own_fields(entry)
    year = find_year(first("year", "publication_year", "date"))
    notes = entry.get("notes") or []
    return PaperRecord(
        title=title,
        abstract=clean_text(first("abstract", "notes_abstract")),
        authors=[
            clean_text(a) for a in [*entry.get("authors", []), *entry.get("first_authors", [])]
        ],
        year=year,
        venue=clean_text(
            first("journal_name", "secondary_title", "alternate_title3", "alternate_title1")
        ),
        doi=first("doi"),
        url=first("urls"),
        entry_type=_ENTRY_TYPES.get(first("type_of_reference").upper(), "misc"),
        citation_key=first("id"),
        tags=list(dict.fromkeys(clean_text(k) for k in entry.get("keywords", []) if k.strip())),
        rating=fields.parse_rating(None, own.get(fields.RATING_FIELD)),
        status=fields.parse_status(None, own.get(fields.STATUS_FIELD)),
        note="\n".join(clean_text(note) for note in notes if note.strip()),
        line=line,
    )


def _own_fields(entry: dict[str, Any]) -> dict[str, str]:
    """Return our ``readinglist-*: value`` pairs from the custom fields C1..C8."""
    found = {}
    for number in range(1, 9):
        value = entry.get(f"custom{number}")
        if isinstance(value, str) and (match := _OWN_FIELD.match(value)):
            found[match.group(1)] = match.group(2)
    return found


registry.register(RisImporter())
