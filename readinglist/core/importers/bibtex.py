"""BibTeX and BibLaTeX files (bibtexparser), with LaTeX turned into Unicode (pylatexenc).

A malformed entry (unbalanced braces, a missing comma...) refuses the whole file, naming
the line where that entry starts: a file that does not parse is usually cut short or not
BibTeX at all, and importing the entries around the damage would lose papers silently.
A repeated citation key is no error: both entries are read and a warning names them.

Fields read: ``title``, ``author``, ``year`` (else ``date``), the venue (``journal``,
``journaltitle``, ``booktitle``, ``howpublished``, ``publisher``...), ``abstract``,
``doi``, ``url``, ``keywords`` (split at commas and semicolons, into tags), the note
(``annotation``, ``annote``, ``comment``, else ``note``), JabRef's ``ranking`` and
``readstatus`` and our own fields (see ``exporters.fields``); a
``readinglist-original-<field>`` written by our exporter wins over ``<field>``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from bibtexparser.entrypoint import parse_string
from bibtexparser.model import (
    DuplicateBlockKeyBlock,
    Entry,
    ExplicitComment,
    ImplicitComment,
    ParsingFailedBlock,
    Preamble,
    String,
)
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from readinglist.core.errors import ImportFailed
from readinglist.core.exporters import fields
from readinglist.core.exporters.bibtex import ORIGINAL_PREFIX
from readinglist.core.importers.base import ParsedFile, find_year, registry
from readinglist.core.normalize import clean_text
from readinglist.core.records import PaperRecord

if TYPE_CHECKING:
    from bibtexparser.library import Library

# How much of a file the sniffer parses; a guess needs no more.
SNIFF_CHARS = 64_000
VENUE_FIELDS = (
    "journal",
    "journaltitle",
    "booktitle",
    "howpublished",
    "publisher",
    "school",
    "institution",
    "organization",
    "eprinttype",
)
NOTE_FIELDS = ("annotation", "annote", "comment", "note")
_ENTRY_START = re.compile(r"^\s*@\s*[A-Za-z]+\s*[{(]", re.MULTILINE)
_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_KEYWORD_SEPARATOR = re.compile(r"[,;]")
# What only pylatexenc understands: macros, math, ties, ligatures ("--" is an en dash).
_MACRO_GROUP = re.compile(r"(\{\\[^{}\s]*(?:\{[^{}]*\})?\})")
_NEEDS_DECODER = re.compile(r"[\\$~%]|--|``|''|[!?]`|<<|>>")


def _decoder() -> LatexNodes2Text:
    database = get_default_latex_context_db()
    database.add_context_category(
        "readinglist",
        prepend=True,
        macros=[
            MacroTextSpec("textasciicircum", "^"),
            MacroTextSpec("textasciitilde", "~"),
            MacroTextSpec("newline", "\n"),
            MacroTextSpec("textbraceleft", "{"),
            MacroTextSpec("textbraceright", "}"),
        ],
    )
    return LatexNodes2Text(latex_context=database, math_mode="text")


_DECODER = _decoder()


def latex_to_text(latex: str) -> str:
    """Return the Unicode text a LaTeX field value means (``{\\'e}`` is ``é``)."""
    if not _NEEDS_DECODER.search(latex):
        return latex.replace("{", "").replace("}", "")
    parts = _MACRO_GROUP.split(latex)
    plain, groups = parts[0::2], parts[1::2]
    if any(_NEEDS_DECODER.search(part) for part in plain):
        return str(_DECODER.latex_to_text(latex))
    # Only braced macros like {\'e} or {\&}, as our exporter writes: decode each once.
    decoded = [_decode_group(group) for group in groups] + [""]
    return "".join(
        p.replace("{", "").replace("}", "") + d for p, d in zip(plain, decoded, strict=True)
    )


@lru_cache(maxsize=4096)
def _decode_group(group: str) -> str:
    return str(_DECODER.latex_to_text(group))


class BibtexImporter:
    name = "bibtex"
    label = "BibTeX / BibLaTeX (.bib)"
    extensions: tuple[str, ...] = (".bib", ".bibtex", ".biblatex")

    def sniff(self, text: str) -> bool:
        """Accept text whose start parses as entries with nothing but comments between."""
        head = _head(text)
        if not head:
            return False
        library = parse_string(head)
        return bool(library.entries) and _only_entries(library)

    def parse(self, text: str, source: str) -> list[PaperRecord]:
        return self.parse_with_warnings(text, source).records

    def parse_with_warnings(self, text: str, source: str) -> ParsedFile:
        """Read every entry; raise ImportFailed at the first malformed one."""
        library = parse_string(text.lstrip("\ufeff"))
        warnings: list[str] = []
        entries: list[Entry] = []
        for block in library.blocks:
            if isinstance(block, DuplicateBlockKeyBlock):
                duplicate = block.ignore_error_block
                if isinstance(duplicate, Entry):
                    warnings.append(
                        f"{source}, line {_line(block)}: citation key {block.key!r} repeats "
                        "an earlier entry; both were read"
                    )
                    entries.append(duplicate)
            elif isinstance(block, ParsingFailedBlock):
                raise ImportFailed(source, f"malformed entry: {_reason(block)}", line=_line(block))
            elif isinstance(block, Entry):
                entries.append(block)
        if not entries:
            raise ImportFailed(source, "no BibTeX entries found", line=1)
        records = [_record(entry, source, warnings) for entry in entries]
        return ParsedFile(records, format=self.name, warnings=warnings)


def _head(text: str) -> str:
    """Return the file's first SNIFF_CHARS, cut before an entry that may be incomplete."""
    text = text.lstrip("\ufeff")
    first = _ENTRY_START.search(text)
    if first is None or not _comments_only(text[: first.start()]):
        return ""
    if len(text) <= SNIFF_CHARS:
        return text
    starts = [match.start() for match in _ENTRY_START.finditer(text, 0, SNIFF_CHARS)]
    return text[: starts[-1]] if len(starts) > 1 else text[:SNIFF_CHARS]


def _comments_only(text: str) -> bool:
    return all(not line.strip() or line.lstrip().startswith("%") for line in text.splitlines())


def _only_entries(library: Library) -> bool:
    """Return whether every block parsed and the text between them is only % comments."""
    for block in library.blocks:
        if isinstance(block, ParsingFailedBlock):
            return False
        if isinstance(block, ImplicitComment) and not _comments_only(block.comment):
            return False
        if not isinstance(block, Entry | ExplicitComment | ImplicitComment | String | Preamble):
            return False
    return True


def _line(block: ParsingFailedBlock | Entry) -> int:
    return (block.start_line or 0) + 1


def _reason(block: ParsingFailedBlock) -> str:
    message = str(block.error).strip().splitlines()
    return " ".join(part.strip() for part in message[-1:]) or "it does not parse"


def _record(entry: Entry, source: str, warnings: list[str]) -> PaperRecord:
    raw = {name.lower(): _text(field.value) for name, field in entry.fields_dict.items()}

    def value(name: str) -> str:
        return raw.get(ORIGINAL_PREFIX + name) or raw.get(name, "")

    title = clean_text(latex_to_text(value("title")))
    if not title:
        raise ImportFailed(source, f"entry {entry.key!r} has no title", line=_line(entry))
    year = find_year(raw.get("year") or raw.get("date") or "")
    venue_field = next((name for name in VENUE_FIELDS if raw.get(name)), "")
    note_field = next((name for name in NOTE_FIELDS if value(name)), "")
    rating = fields.parse_rating(raw.get(fields.RANKING_FIELD), raw.get(fields.RATING_FIELD))
    status = fields.parse_status(raw.get(fields.READSTATUS_FIELD), raw.get(fields.STATUS_FIELD))
    if raw.get(fields.RANKING_FIELD) and rating is None:
        warnings.append(f"{source}, line {_line(entry)}: ranking {raw['ranking']!r} ignored")
    return PaperRecord(
        title=title,
        abstract=_paragraphs(latex_to_text(value("abstract"))),
        authors=_authors(value("author")),
        year=year,
        venue=clean_text(latex_to_text(value(venue_field))) if venue_field else "",
        doi=_verbatim(raw.get("doi", "")),
        url=_verbatim(raw.get("url", "")),
        entry_type=entry.entry_type.lower(),
        citation_key=entry.key,
        tags=_tags(value("keywords")),
        rating=rating,
        status=status,
        note=_paragraphs(latex_to_text(value(note_field))) if note_field else "",
        line=_line(entry),
    )


def _text(value: object) -> str:
    return value if isinstance(value, str) else str(value)


def _authors(value: str) -> list[str]:
    names = (clean_text(latex_to_text(name)) for name in _split_top_level(value, _AND))
    return [name for name in names if name]


def _tags(value: str) -> list[str]:
    tags = (clean_text(latex_to_text(tag)) for tag in _split_top_level(value, _KEYWORD_SEPARATOR))
    return list(dict.fromkeys(tag for tag in tags if tag))


def _split_top_level(value: str, separator: re.Pattern[str]) -> list[str]:
    """Split at separators outside braces (``{Smith and Sons}`` stays one author)."""
    parts, depth, start = [], 0, 0
    index = 0
    while index < len(value):
        char = value[index]
        if char == "\\":
            index += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif depth == 0 and (match := separator.match(value, index)):
            parts.append(value[start:index])
            start = index = match.end()
            continue
        index += 1
    parts.append(value[start:])
    return [part.strip() for part in parts if part.strip()]


def _paragraphs(text: str) -> str:
    """Clean each line of a multi-line field, keeping the line breaks."""
    lines = (clean_text(line) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _verbatim(value: str) -> str:
    """Read a url or doi: verbatim, but some files escape ``_`` or ``%`` in it anyway."""
    value = value.strip()
    return re.sub(r"\\([_%&#$~])", r"\1", value) if "\\" in value else value


registry.register(BibtexImporter())
