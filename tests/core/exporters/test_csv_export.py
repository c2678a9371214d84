from __future__ import annotations

import csv
import io

import pytest

from paperdata import paper
from readinglist.core.exporters import export
from readinglist.core.exporters.csv import COLUMNS


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_first_row_is_the_header() -> None:
    assert _rows(export("csv", [paper(1, "T")]).text)[0] == list(COLUMNS)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", "'="])
def test_formula_like_cells_get_a_leading_apostrophe(start: str) -> None:
    title = f'{start}HYPERLINK("http://evil")'
    row = _rows(export("csv", [paper(1, title, note=title)]).text)[1]
    assert row[COLUMNS.index("title")] == "'" + title
    assert row[COLUMNS.index("note")] == "'" + title


def test_ordinary_cells_are_left_alone() -> None:
    row = _rows(export("csv", [paper(1, 'It\'s fine, "quoted"', rating=3)]).text)[1]
    assert row[COLUMNS.index("title")] == 'It\'s fine, "quoted"'
    assert row[COLUMNS.index("rating")] == "3"
