"""CSL-JSON files: a JSON array of items, as written by Zotero, pandoc and our exporter.

JSON that does not parse, or an item that is not an object with a title, refuses the
whole file, naming the line where it starts. Names come back as "Family, Given" (or the
literal name); ``keyword`` becomes tags (our exact ``custom.readinglist-tags`` wins),
``annote`` (else ``note``) the note; rating, status and entry type come from ``custom``
(see ``exporters.csljson``).
"""

from __future__ import annotations

import json
import re
from typing import Any

from readinglist.core.errors import ImportFailed
from readinglist.core.exporters import fields
from readinglist.core.exporters.csljson import CSL_TYPES, ENTRY_TYPE_KEY, TAGS_KEY
from readinglist.core.importers.base import ParsedFile, find_year, registry, year_from
from readinglist.core.normalize import clean_text
from readinglist.core.records import PaperRecord

_ENTRY_TYPES = {csl: bib for bib, csl in reversed(CSL_TYPES.items())}
_WHITESPACE = re.compile(r"\s*")


class CslJsonImporter:
    name = "csl-json"
    label = "CSL-JSON (.json)"
    extensions: tuple[str, ...] = (".json", ".csl.json", ".csljson")

    def sniff(self, text: str) -> bool:
        """Accept a JSON array of objects of which at least one has a title and a type."""
        text = text.lstrip("\ufeff").strip()
        if not text.startswith("[") or not text.endswith("]"):
            return False
        try:
            items = json.loads(text)
        except ValueError:
            return False
        return (
            isinstance(items, list)
            and all(isinstance(item, dict) for item in items)
            and any("title" in item and "type" in item for item in items)
        )

    def parse(self, text: str, source: str) -> list[PaperRecord]:
        return self.parse_with_warnings(text, source).records

    def parse_with_warnings(self, text: str, source: str) -> ParsedFile:
        """Read every item; raise ImportFailed at the first malformed one."""
        records = [_record(item, source, line) for item, line in _items_with_lines(text, source)]
        if not records:
            raise ImportFailed(source, "no CSL-JSON items found", line=1)
        return ParsedFile(records, format=self.name)


def _items_with_lines(text: str, source: str) -> list[tuple[Any, int]]:
    """Decode the top-level array item by item, noting where each item starts."""
    text = text.lstrip("\ufeff")
    decoder = json.JSONDecoder()
    index = _WHITESPACE.match(text, 0).end()  # type: ignore[union-attr]
    if not text.startswith("[", index):
        raise ImportFailed(source, "CSL-JSON must be an array of items ('[')", line=1)
    items: list[tuple[Any, int]] = []
    line, counted = 1, 0
    index = _WHITESPACE.match(text, index + 1).end()  # type: ignore[union-attr]
    while not text.startswith("]", index):
        if items:
            if not text.startswith(",", index):
                raise _failed(source, text, index, "expected ',' or ']' between items")
            index = _WHITESPACE.match(text, index + 1).end()  # type: ignore[union-attr]
        try:
            item, end = decoder.raw_decode(text, index)
        except json.JSONDecodeError as error:
            raise _failed(source, text, error.pos, f"invalid JSON: {error.msg}") from None
        line, counted = line + text.count("\n", counted, index), index
        items.append((item, line))
        index = _WHITESPACE.match(text, end).end()  # type: ignore[union-attr]
        if index >= len(text):
            raise _failed(source, text, index, "the array is not closed with ']'")
    if text[index + 1 :].strip():
        raise _failed(source, text, index + 1, "text after the closing ']'")
    return items


def _failed(source: str, text: str, index: int, message: str) -> ImportFailed:
    return ImportFailed(source, message, line=text.count("\n", 0, index) + 1)


def _record(item: Any, source: str, line: int) -> PaperRecord:
    if not isinstance(item, dict):
        raise ImportFailed(source, "a CSL-JSON item must be an object", line=line)
    title = clean_text(_string(item.get("title")))
    if not title:
        raise ImportFailed(source, "item has no title", line=line)
    custom: dict[str, Any] = item["custom"] if isinstance(item.get("custom"), dict) else {}
    tags = custom.get(TAGS_KEY)
    if not isinstance(tags, list):
        tags = re.split(r"[,;]", _string(item.get("keyword")))
    entry_type = _string(custom.get(ENTRY_TYPE_KEY)) or _ENTRY_TYPES.get(
        _string(item.get("type")), "misc"
    )
    return PaperRecord(
        title=title,
        abstract=clean_text(_string(item.get("abstract"))),
        authors=[name for name in map(_name, _list(item.get("author"))) if name],
        year=_year(item.get("issued")),
        venue=clean_text(_string(item.get("container-title"))),
        doi=_string(item.get("DOI")).strip(),
        url=_string(item.get("URL")).strip(),
        entry_type=entry_type,
        citation_key=_string(item.get("citation-key") or item.get("id")).strip(),
        tags=list(dict.fromkeys(clean_text(_string(tag)) for tag in tags if _string(tag).strip())),
        rating=fields.parse_rating(None, _string(custom.get(fields.RATING_FIELD))),
        status=fields.parse_status(None, _string(custom.get(fields.STATUS_FIELD))),
        note=_lines(_string(item.get("annote") or item.get("note"))),
        line=line,
    )


def _string(value: Any) -> str:
    if value is None or isinstance(value, dict | list):
        return ""
    return str(value)


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _name(name: Any) -> str:
    if not isinstance(name, dict):
        return clean_text(_string(name))
    if literal := clean_text(_string(name.get("literal"))):
        return literal
    family = " ".join(
        part
        for part in (_string(name.get("non-dropping-particle")), _string(name.get("family")))
        if part
    )
    given = clean_text(_string(name.get("given")))
    family = clean_text(family)
    return f"{family}, {given}" if family and given else family or given


def _year(issued: Any) -> int | None:
    if isinstance(issued, dict):
        parts = issued.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            return year_from(parts[0][0])
        return find_year(_string(issued.get("raw") or issued.get("literal")))
    return None


def _lines(text: str) -> str:
    cleaned = (clean_text(line) for line in text.splitlines())
    return "\n".join(line for line in cleaned if line)


registry.register(CslJsonImporter())
