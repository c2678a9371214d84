from __future__ import annotations

import json

import pytest

from paperdata import hostile_papers
from readinglist.core.errors import InvalidValue
from readinglist.core.exporters import EXPORTERS, export, get


def test_formats_have_the_documented_names() -> None:
    assert list(EXPORTERS) == ["bibtex", "biblatex", "ris", "csl-json", "markdown", "csv"]


def test_unknown_format_names_the_known_ones() -> None:
    with pytest.raises(InvalidValue, match="bibtex"):
        get("endnote")


@pytest.mark.parametrize("name", list(EXPORTERS))
def test_every_format_exports_hostile_papers(name: str) -> None:
    papers = hostile_papers()
    result = export(name, papers)
    assert result.text.endswith("\n")


def test_csl_json_is_valid_json_with_one_item_per_paper() -> None:
    papers = hostile_papers()
    items = json.loads(export("csl-json", papers).text)
    assert [item["id"] for item in items] == [p.citation_key for p in papers]


def test_ris_values_never_span_lines() -> None:
    text = export("ris", hostile_papers()).text
    assert all(line[2:6] == "  - " for line in text.splitlines() if line)
