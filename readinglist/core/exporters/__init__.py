"""Exporters: turn papers into bibliography files and reading lists, chosen by format name."""

from __future__ import annotations

from typing import TYPE_CHECKING

from readinglist.core.errors import InvalidValue
from readinglist.core.exporters.base import Exporter, ExportOptions, ExportResult, GroupBy
from readinglist.core.exporters.bibtex import BibtexExporter
from readinglist.core.exporters.csljson import CslJsonExporter
from readinglist.core.exporters.csv import CsvExporter
from readinglist.core.exporters.markdown import MarkdownExporter
from readinglist.core.exporters.ris import RisExporter

if TYPE_CHECKING:
    from collections.abc import Sequence

    from readinglist.core.records import PaperDetail

__all__ = ["EXPORTERS", "ExportOptions", "ExportResult", "Exporter", "GroupBy", "export", "get"]

EXPORTERS: dict[str, Exporter] = {
    exporter.name: exporter
    for exporter in (
        BibtexExporter("bibtex", "BibTeX", biblatex=False),
        BibtexExporter("biblatex", "BibLaTeX", biblatex=True),
        RisExporter(),
        CslJsonExporter(),
        MarkdownExporter(),
        CsvExporter(),
    )
}
"""Every exporter by its ``--format`` name, in the order dialogs list them."""


def get(name: str) -> Exporter:
    """Return the exporter for a format name; raise InvalidValue naming the known ones."""
    try:
        return EXPORTERS[name]
    except KeyError:
        known = ", ".join(EXPORTERS)
        raise InvalidValue(f"unknown export format {name!r} (known: {known})") from None


def export(
    name: str, papers: Sequence[PaperDetail], options: ExportOptions | None = None
) -> ExportResult:
    """Export papers in the named format."""
    return get(name).export(papers, options or ExportOptions())
