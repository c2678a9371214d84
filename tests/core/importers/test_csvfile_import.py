from __future__ import annotations

import pytest

from readinglist.core.errors import ImportFailed
from readinglist.core.importers.csvfile import CsvImporter

IMPORTER = CsvImporter()


def test_zotero_style_columns_are_recognised() -> None:
    text = (
        "Key,Item Type,Publication Year,Author,Title,Manual Tags\n"
        'K1,journalArticle,2020,"Doe, J",A title,x; y\n'
    )
    (record,) = IMPORTER.parse(text, "z.csv")
    assert (record.title, record.year, record.authors, record.tags) == (
        "A title",
        2020,
        ["Doe, J"],
        ["x", "y"],
    )
    assert record.line == 2


def test_semicolon_delimited_files_are_read() -> None:
    (record,) = IMPORTER.parse("title;rating\nT;3\n", "x.csv")
    assert record.rating == 3


def test_defusing_apostrophe_is_removed() -> None:
    (record,) = IMPORTER.parse("title,note\n'=1+1,'-x\n", "x.csv")
    assert (record.title, record.note) == ("=1+1", "-x")


def test_row_with_wrong_cell_count_refuses_the_file_naming_its_line() -> None:
    with pytest.raises(ImportFailed) as failure:
        IMPORTER.parse('title,year\nok,2020\n"multi\nline",2021\nbad\n', "x.csv")
    assert failure.value.line == 5


def test_nonsense_rating_is_dropped_with_a_warning() -> None:
    parsed = IMPORTER.parse_with_warnings("title,rating,status\nT,9,done\n", "x.csv")
    assert (parsed.records[0].rating, parsed.records[0].status) == (None, None)
    assert len(parsed.warnings) == 2


@pytest.mark.parametrize(
    "text", ["Title, a study of things\nabstract\n", "title\nx\n", "=cmd|' /C calc'!A0,title\n"]
)
def test_sniff_rejects_text_without_a_header(text: str) -> None:
    assert not IMPORTER.sniff(text)
