"""Likely duplicates: side-by-side comparison, merge (undoable) and dismiss (undoable)."""

from __future__ import annotations

import pytest

from readinglist.core.commands import MergePapers, SetRating
from readinglist.core.discovery import DismissDuplicate, comparisons
from readinglist.core.errors import InvalidValue
from readinglist.core.library import Library
from readinglist.core.records import PaperRecord

TITLE = "Scaling laws for neural language models"
TWIN = "Scaling law for neural language models"


@pytest.fixture
def twins(library: Library) -> tuple[int, int]:
    """Import two near-identical titles (a likely duplicate) and one unrelated paper."""
    library.import_records(
        [PaperRecord(TITLE, "Loss scales as a power law."), PaperRecord("Graph networks")],
        "first",
        "test",
    )
    library.import_records([PaperRecord(TWIN, "", year=2020)], "second", "test")
    ((a, b, _score),) = library.duplicate_pairs()
    return a, b


def test_comparison_aligns_fields_and_marks_differences(
    library: Library, twins: tuple[int, int]
) -> None:
    (pair,) = comparisons(library)
    assert pair.ids == twins
    assert pair.score >= 90
    fields = {field.name: field for field in pair.fields}
    assert not fields["Title"].same
    assert {fields["Title"].left, fields["Title"].right} == {TITLE, TWIN}
    assert fields["Collections"].left != fields["Collections"].right
    assert fields["Status"].same


def test_suggested_keep_is_the_paper_with_more_of_the_users_work(
    library: Library, twins: tuple[int, int]
) -> None:
    first, second = twins
    library.execute(SetRating([second], 4))
    (pair,) = comparisons(library)
    assert pair.suggested_keep == second
    assert pair.other(second) == first


def test_dismiss_forgets_the_pair_and_undo_brings_it_back(
    library: Library, twins: tuple[int, int]
) -> None:
    before = library.duplicate_pairs()
    changes = library.execute(DismissDuplicate(twins[1], twins[0]))
    assert changes.papers == frozenset(twins)
    assert library.duplicate_pairs() == []
    assert library.search("is:duplicate").ids == []
    label, _ = library.undo()
    assert label == "dismiss a likely duplicate"
    assert library.duplicate_pairs() == before
    library.redo()
    assert library.duplicate_pairs() == []


def test_dismiss_can_be_undone_after_a_restart(library: Library, twins: tuple[int, int]) -> None:
    library.execute(DismissDuplicate(*twins))
    library.close()
    with Library.open(library.location) as reopened:
        reopened.undo()
        assert len(reopened.duplicate_pairs()) == 1


def test_dismissing_a_pair_that_is_not_listed_is_an_error(
    library: Library, twins: tuple[int, int]
) -> None:
    with pytest.raises(InvalidValue, match="not listed"):
        library.execute(DismissDuplicate(twins[0], twins[0] + 100))


def test_merge_keeps_both_papers_work_and_clears_the_pair(
    library: Library, twins: tuple[int, int]
) -> None:
    keep, other = twins
    library.execute(MergePapers(keep, [other]))
    assert comparisons(library) == []
    merged = library.detail(keep)
    assert merged.year == 2020 and merged.abstract
    assert set(merged.collections) == {"first", "second"}


def test_undoing_a_merge_brings_the_pair_back(library: Library, twins: tuple[int, int]) -> None:
    keep, other = twins
    library.execute(MergePapers(keep, [other]))
    library.undo()
    assert len(comparisons(library)) == 1
