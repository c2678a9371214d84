"""A limited search answers with the start of the whole answer, cheaply, and can be stopped."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from readinglist.core.commands import AddTags, SetRating
from readinglist.core.errors import SearchCancelled
from readinglist.core.search import SortKey, engine

if TYPE_CHECKING:
    from readinglist.core.library import Library

QUERIES = [
    "",
    "model",
    "m",
    "matrx entrpy",
    "language model -vision",
    "tag:nlp",
    "tag:nlp language",
    "language OR vision",
    '"language model"',
    "rating:>=3 evaluation",
]
SORTS = [(None, False), (SortKey.TITLE, True), (SortKey.RATING, False), (SortKey.TAGS, True)]


@pytest.fixture
def library(sample_library: Library) -> Library:
    ids = sample_library.search("").ids
    sample_library.execute(SetRating(ids[::3], 4))
    sample_library.execute(AddTags(ids[::2], ["nlp"]))
    return sample_library


@pytest.mark.parametrize("rank_limit", [2000, 25])
@pytest.mark.parametrize(("sort", "descending"), SORTS)
@pytest.mark.parametrize("query", QUERIES)
def test_a_limited_search_is_the_start_of_the_whole_answer(
    library: Library, monkeypatch: pytest.MonkeyPatch, query: str, sort: SortKey | None,
    descending: bool, rank_limit: int,
) -> None:
    monkeypatch.setattr(engine, "RANK_LIMIT", rank_limit)
    whole = library.search(query, sort, descending)
    assert whole.complete
    for limit in (1, 10, 60, 1000):
        first = library.search(query, sort, descending, limit=limit)
        assert first.ids == whole.ids[:limit], (query, limit)
        # Never claims to be whole when more match (at worst it says "more" of a full page).
        assert len(whole.ids) <= limit if first.complete else len(whole.ids) >= limit
        assert first.ranked == whole.ranked


def test_titles_holding_every_word_come_first(library: Library) -> None:
    ids = library.search("matrix entropy").ids
    first = library.rows(ids[:1])[0].title.lower()
    assert "matrix" in first and "entropy" in first
    later = [row.title.lower() for row in library.rows(ids)]
    holding = [("matrix" in t and "entropy" in t) for t in later]
    assert holding == sorted(holding, reverse=True)


def test_a_cancelled_search_stops_and_the_library_stays_usable(library: Library) -> None:
    with pytest.raises(SearchCancelled):
        library.search("model", cancelled=lambda: True)
    asked = []

    def later() -> bool:
        asked.append(1)
        return len(asked) > 1

    with pytest.raises(SearchCancelled):
        library.search("", SortKey.TAGS, cancelled=later)
    assert len(library.search("model", cancelled=lambda: False).ids) > 0
