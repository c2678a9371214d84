from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from paperdata import hostile_papers, sample_list_papers
from readinglist.core.exporters import export
from readinglist.core.exporters.csljson import csl_name
from readinglist.core.importers.base import registry

if TYPE_CHECKING:
    from readinglist.core.records import PaperDetail, PaperRecord

FORMATS = {
    "bibtex": "bibtex",
    "biblatex": "bibtex",
    "ris": "ris",
    "csl-json": "csl-json",
    "csv": "csv",
}


def _canonical_name(name: str) -> str:
    """Return a name as CSL-JSON gives it back: "Family, Given"."""
    parts = csl_name(name)
    return parts.get("literal") or f"{parts['family']}, {parts['given']}"


def _expected(paper: PaperDetail, export_format: str) -> tuple[object, ...]:
    authors = list(paper.authors)
    if export_format == "csl-json":
        authors = [_canonical_name(name) for name in authors]
    return (
        paper.title,
        paper.abstract,
        list(paper.tags),
        paper.rating,
        paper.status,
        paper.note,
        authors,
        paper.year,
        paper.doi,
        paper.citation_key,
    )


def _actual(record: PaperRecord) -> tuple[object, ...]:
    return (
        record.title,
        record.abstract,
        record.tags,
        record.rating,
        record.status,
        record.note,
        record.authors,
        record.year,
        record.doi,
        record.citation_key,
    )


@pytest.mark.parametrize("export_format", list(FORMATS))
@pytest.mark.parametrize(
    "papers", [hostile_papers(), sample_list_papers()], ids=["hostile", "samples"]
)
def test_export_then_import_gives_the_same_papers(
    export_format: str, papers: list[PaperDetail]
) -> None:
    text = export(export_format, papers).text
    records = registry.get(FORMATS[export_format]).parse(text, "roundtrip")
    assert [_actual(r) for r in records] == [_expected(p, export_format) for p in papers]


@pytest.mark.parametrize("export_format", list(FORMATS))
def test_exports_are_recognised_by_content(export_format: str) -> None:
    text = export(export_format, hostile_papers()).text
    assert registry.get(FORMATS[export_format]).sniff(text)
    assert [imp.name for imp in registry.all() if imp.name != "pasted" and imp.sniff(text)] == [
        FORMATS[export_format]
    ]
