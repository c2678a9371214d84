"""List rows and full records come back complete, in the order asked, names sorted."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import pytest

from readinglist.core.commands import AddTags, SetNote
from readinglist.core.errors import UnknownPaper
from readinglist.core.records import PaperRecord

if TYPE_CHECKING:
    from readinglist.core.library import Library


@pytest.fixture
def ids(library: Library) -> list[int]:
    """Three papers: two in two collections, tagged in mixed case; one with a note."""
    library.import_records(
        [
            PaperRecord(
                "Attention Is All You Need",
                abstract="Transformers.",
                authors=["Ashish Vaswani", "Noam Shazeer"],
                year=2017,
                venue="NeurIPS",
                doi="10.5555/3295222",
                entry_type="inproceedings",
                rating=5,
                status="read",
            ),
            PaperRecord("Deep Residual Learning"),
        ],
        "zeta list",
        "test",
    )
    library.import_records(
        [PaperRecord("Attention Is All You Need"), PaperRecord("Plain Paper")],
        "Alpha list",
        "test",
    )
    found = library.search("").ids
    by_title = {row.title: row.id for row in library.rows(found)}
    attention = by_title["Attention Is All You Need"]
    residual = by_title["Deep Residual Learning"]
    library.execute(AddTags([attention, residual], ["vision", "Ablation", "nlp"]))
    library.execute(SetNote(residual, "read the appendix"))
    return [residual, by_title["Plain Paper"], attention]


def test_rows_come_in_the_order_asked_without_vanished_ids(
    library: Library, ids: list[int]
) -> None:
    rows = library.rows([*ids, 999_999])
    assert [row.id for row in rows] == ids


def test_rows_carry_names_sorted_case_insensitively(library: Library, ids: list[int]) -> None:
    residual, plain, attention = library.rows(ids)
    assert residual.tags == ("Ablation", "nlp", "vision")
    assert attention.collections == ("Alpha list", "zeta list")
    assert plain.tags == ()
    assert plain.collections == ("Alpha list",)


def test_rows_carry_the_listed_fields(library: Library, ids: list[int]) -> None:
    residual, plain, attention = library.rows(ids)
    assert (attention.rating, attention.status) == (5, "read")
    assert residual.has_note and not plain.has_note
    assert isinstance(plain.added_at, datetime)
    assert plain.rating is None and plain.queue_position is None


def test_details_hold_every_field(library: Library, ids: list[int]) -> None:
    residual, _plain, attention = library.details(ids)
    assert attention.authors == ("Ashish Vaswani", "Noam Shazeer")
    assert (attention.year, attention.venue, attention.doi) == (2017, "NeurIPS", "10.5555/3295222")
    assert attention.entry_type == "inproceedings"
    assert attention.abstract == "Transformers."
    assert attention.tags == ("Ablation", "nlp", "vision")
    assert isinstance(attention.modified_at, datetime)
    assert isinstance(attention.status_changed_at, datetime)
    assert residual.note == "read the appendix"
    assert residual.status_changed_at is None


def test_detail_of_one_paper_matches_details(library: Library, ids: list[int]) -> None:
    assert library.detail(ids[2]) == library.details(ids)[2]


def test_details_of_a_missing_paper_raise(library: Library, ids: list[int]) -> None:
    with pytest.raises(UnknownPaper):
        library.details([ids[0], 999_999])


def test_many_ids_are_read_in_one_go(library: Library) -> None:
    library.import_records([PaperRecord(f"Paper {n}") for n in range(6000)], "big", "test")
    found = library.search("").ids
    assert len(library.rows(found)) == len(found) == 6000
    assert [d.id for d in library.details(found[::-1])] == found[::-1]
