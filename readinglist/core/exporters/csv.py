"""CSV export with a header row, safe to open in a spreadsheet.

A cell that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``,
``@``, tab or carriage return, after any apostrophes) gets a leading ``'``; the importer
removes exactly that apostrophe, so the round trip is lossless. Authors and tags are
joined with ``"; "``.
"""

from __future__ import annotations

import csv
import io
import re
from typing import TYPE_CHECKING

from readinglist.core.exporters.base import ExportOptions, ExportResult

if TYPE_CHECKING:
    from collections.abc import Sequence

    from readinglist.core.records import PaperDetail

COLUMNS = (
    "citation_key",
    "title",
    "authors",
    "year",
    "venue",
    "entry_type",
    "doi",
    "url",
    "status",
    "rating",
    "tags",
    "note",
    "abstract",
    "added_at",
)
LIST_SEPARATOR = "; "
FORMULA_START = re.compile(r"^'*[=+\-@\t\r]")


class CsvExporter:
    name = "csv"
    label = "CSV"
    extension = ".csv"

    def export(self, papers: Sequence[PaperDetail], options: ExportOptions) -> ExportResult:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        writer.writerows([defuse(cell) for cell in _row(paper)] for paper in papers)
        return ExportResult(buffer.getvalue())


def defuse(cell: str) -> str:
    """Prefix a cell a spreadsheet would evaluate with an apostrophe."""
    return "'" + cell if FORMULA_START.match(cell) else cell


def _row(paper: PaperDetail) -> list[str]:
    return [
        paper.citation_key or "",
        paper.title,
        LIST_SEPARATOR.join(paper.authors),
        str(paper.year) if paper.year is not None else "",
        paper.venue,
        paper.entry_type,
        paper.doi,
        paper.url,
        paper.status,
        str(paper.rating) if paper.rating is not None else "",
        LIST_SEPARATOR.join(paper.tags),
        paper.note,
        paper.abstract,
        paper.added_at.isoformat(timespec="seconds"),
    ]
