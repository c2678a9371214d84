"""BibTeX and BibLaTeX export that compiles with plain pdflatex whatever the text.

Every value is written in braces, through ``latex.to_latex``, which escapes each brace and
LaTeX special, so no title can close its field or entry. Title words with a capital
letter are braced (``{BERT}``, ``{Bayesian}``) so styles that lower-case titles keep them.

Fields beyond the bibliographic ones (see ``fields`` for rating and status):

- tags go to ``keywords``, comma-separated;
- the note goes to ``annote`` in BibTeX (the classic annotation field, which standard
  styles never print: ``note`` would print a private note in a manuscript's references)
  and to ``annotation`` in BibLaTeX;
- a field that lost characters pdflatex cannot typeset (CJK, emoji...) is also written
  untouched as ``readinglist-original-<field>``; no style prints it and the importer
  prefers it, so a round trip is lossless.

The venue goes to ``journal`` (BibLaTeX ``journaltitle``) for articles, ``booktitle``
for parts of books and proceedings, else ``howpublished``. The file starts with
JabRef's ``% Encoding: UTF-8`` line.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import quote

from readinglist.core import citekeys
from readinglist.core.exporters import fields
from readinglist.core.exporters.base import ExportOptions, ExportResult, describe
from readinglist.core.exporters.latex import LatexText, describe_losses, to_latex

if TYPE_CHECKING:
    from collections.abc import Sequence

    from readinglist.core.records import PaperDetail

ORIGINAL_PREFIX = "readinglist-original-"
BIBTEX_TYPES = frozenset(
    "article book booklet conference inbook incollection inproceedings manual "
    "mastersthesis misc phdthesis proceedings techreport unpublished".split()
)
BIBLATEX_TYPES = BIBTEX_TYPES | frozenset(
    "bookinbook collection dataset inreference mvbook mvcollection mvproceedings "
    "mvreference online patent periodical reference report software suppbook "
    "suppcollection suppperiodical thesis www electronic".split()
)
BOOK_PART_TYPES = frozenset({"inproceedings", "incollection", "inbook", "conference"})
DEFAULT_TYPE = "misc"
_URL_SAFE = "".join(chr(c) for c in range(0x21, 0x7F) if chr(c) not in "{}\\")
_AND = re.compile(r"\band\b", re.IGNORECASE)
# Letters, accented letters (``{\'e}``, ``{\"\i}``, ``{\l}``), spaces and ``.,-'``.
_PLAIN_NAME = re.compile(
    r"^(?:[A-Za-z .,'-]"
    r"|\{\\[^A-Za-z\s{}]\\?[A-Za-z]\}"  # {\'e} {\"\i}
    r"|\{\\[A-Za-z]{1,2}(?:\{\\?[A-Za-z]\})?\})*$"  # {\l} {\AE} {\v{r}}
)


class BibtexExporter:
    """Write BibTeX (``biblatex=False``) or BibLaTeX entries."""

    def __init__(self, name: str, label: str, biblatex: bool) -> None:
        self.name = name
        self.label = label
        self.extension = ".bib"
        self.biblatex = biblatex

    def export(self, papers: Sequence[PaperDetail], options: ExportOptions) -> ExportResult:
        result = ExportResult("")
        taken: set[str] = set()
        # One list of pieces joined once: the text of 10,000 entries is copied only once.
        parts = ["% Encoding: UTF-8\n"]
        for paper in papers:
            parts += ("\n", self._entry(paper, taken, result.warnings))
        result.text = "".join(parts)
        return result

    def _entry(self, paper: PaperDetail, taken: set[str], warnings: list[str]) -> str:
        key = _citation_key(paper, taken, warnings)
        values: list[tuple[str, LatexText]] = []
        if paper.authors:
            names = [_name(author) for author in paper.authors]
            values.append(("author", _join(names, " and ")))
        values.append(("title", to_latex(paper.title, protect_capitals=True)))
        if paper.venue:
            values.append((self._venue_field(paper.entry_type), to_latex(paper.venue)))
        if paper.abstract:
            values.append(("abstract", to_latex(paper.abstract)))
        if paper.tags:
            values.append(("keywords", _join([to_latex(t) for t in paper.tags], ", ")))
        if paper.note:
            values.append(("annotation" if self.biblatex else "annote", to_latex(paper.note)))
        lines = [f"  {name} = {{{text.latex}}}," for name, text in values]
        lines += [f"  {name} = {{{value}}}," for name, value in _plain_fields(paper)]
        lossy = [(name, text) for name, text in values if text.lossy]
        for name, _ in lossy:
            original = _original(paper, name)
            lines.append(f"  {ORIGINAL_PREFIX}{name} = {{{original.latex}}},")
        if lossy:
            losses = "; ".join(f"{name}: {describe_losses(text)}" for name, text in lossy)
            warnings.append(f"{describe(paper)}: for pdflatex {losses}")
        return f"@{self._entry_type(paper.entry_type)}{{{key},\n" + "\n".join(lines) + "\n}\n"

    def _entry_type(self, entry_type: str) -> str:
        kind = entry_type.strip().lower()
        known = BIBLATEX_TYPES if self.biblatex else BIBTEX_TYPES
        return kind if kind in known else DEFAULT_TYPE

    def _venue_field(self, entry_type: str) -> str:
        kind = self._entry_type(entry_type)
        if kind == "article":
            return "journaltitle" if self.biblatex else "journal"
        return "booktitle" if kind in BOOK_PART_TYPES else "howpublished"


def _citation_key(paper: PaperDetail, taken: set[str], warnings: list[str]) -> str:
    """Return the stored key, or a generated one when it is missing, invalid or repeated."""
    stored = paper.citation_key or ""
    base = stored if citekeys.is_valid_key(stored) else ""
    base = base or citekeys.base_key(paper.title, paper.authors, paper.year)
    key = citekeys.unique_key(base, taken.__contains__)
    taken.add(key)
    if stored and key != stored:
        warnings.append(f"{describe(paper)}: citation key {stored!r} written as {key!r}")
    return key


def _name(author: str, keep_unicode: bool = False) -> LatexText:
    """Encode one author; brace names that BibTeX or biber would split or abbreviate wrongly.

    A name with " and ", more than two commas, or anything but letters (with accents),
    spaces and ``.,-'`` is written as one braced unit, like a corporate author: biber
    otherwise takes ``}`` or a math letter as an initial and writes unbalanced LaTeX.
    """
    if not keep_unicode and ("{" in author or "}" in author):
        # biber takes a leading brace as the initial and writes it unbalanced into the .bbl
        braces = [ch for ch in author if ch in "{}"]
        author = author.replace("{", "(").replace("}", ")")
        text = to_latex(author)
        text.transliterated += braces
    else:
        text = to_latex(author, keep_unicode=keep_unicode)
    if _AND.search(author) or author.count(",") > 2 or not _PLAIN_NAME.match(text.latex):
        text.latex = "{" + text.latex + "}"
    return text


def _join(parts: list[LatexText], separator: str) -> LatexText:
    return LatexText(
        separator.join(part.latex for part in parts),
        [ch for part in parts for ch in part.transliterated],
        [ch for part in parts for ch in part.dropped],
    )


def _plain_fields(paper: PaperDetail) -> list[tuple[str, str]]:
    """Return the fields whose values need no LaTeX: year, identifiers, rating, status."""
    pairs = [
        ("year", str(paper.year) if paper.year is not None else None),
        ("doi", _verbatim(paper.doi)),
        ("url", _verbatim(paper.url)),
        (fields.RANKING_FIELD, fields.jabref_ranking(paper.rating)),
        (fields.READSTATUS_FIELD, fields.jabref_readstatus(paper.status)),
        (fields.RATING_FIELD, fields.own_rating(paper.rating)),
        (fields.STATUS_FIELD, fields.own_status(paper.status)),
    ]
    return [(name, value) for name, value in pairs if value]


def _verbatim(value: str) -> str:
    """Percent-encode what a verbatim field (url, doi) cannot hold: braces, backslash, spaces."""
    return quote(value.strip(), safe=_URL_SAFE)


def _original(paper: PaperDetail, name: str) -> LatexText:
    if name == "author":
        return _join([_name(author, keep_unicode=True) for author in paper.authors], " and ")
    if name == "keywords":
        return _join([to_latex(tag, keep_unicode=True) for tag in paper.tags], ", ")
    value = {"title": paper.title, "abstract": paper.abstract}.get(name)
    if value is None:
        value = paper.note if name in ("annote", "annotation") else paper.venue
    return to_latex(value, keep_unicode=True)
