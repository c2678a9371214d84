from __future__ import annotations

import pytest

from readinglist.core.errors import ImportFailed
from readinglist.core.importers.csljson import CslJsonImporter

IMPORTER = CslJsonImporter()
TEXT = """[
  {"id": "a", "type": "article-journal", "title": "First",
   "author": [{"family": "Curie", "given": "Marie"}, {"literal": "CERN"}],
   "issued": {"date-parts": [[1903, 5]]}, "keyword": "physics, radium"},
  {"id": "b", "type": "book", "title": "Second"}
]
"""


def test_items_become_records_with_their_lines() -> None:
    first, second = IMPORTER.parse(TEXT, "refs.json")
    assert first.authors == ["Curie, Marie", "CERN"]
    assert (first.year, first.entry_type, first.tags) == (1903, "article", ["physics", "radium"])
    assert (first.line, second.line, second.entry_type) == (2, 5, "book")


@pytest.mark.parametrize(
    ("text", "line"),
    [('[{"title": "a"},\n {"title": }]', 2), ('[{"title": "a"},\n 3]', 2), ('[{"id": "x"}]', 1)],
)
def test_malformed_item_refuses_the_file_naming_its_line(text: str, line: int) -> None:
    with pytest.raises(ImportFailed) as failure:
        IMPORTER.parse(text, "refs.json")
    assert failure.value.line == line


@pytest.mark.parametrize("text", ["[Title in brackets]\nabstract\n", '{"title": "x"}', "[]"])
def test_sniff_rejects_what_is_not_a_csl_array(text: str) -> None:
    assert not IMPORTER.sniff(text)
