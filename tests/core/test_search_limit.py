"""A limited search answers with the start of the whole answer, cheaply, and can be stopped."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from readinglist.core.commands import AddTags, SetRating, SetStatus
from readinglist.core.errors import SearchCancelled
from readinglist.core.search import SortKey, engine, parse_query

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


@pytest.mark.parametrize("key", [SortKey.TAGS, SortKey.COLLECTIONS])
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("query", ["", "language", "rating:>=4", "-tag:nlp"])
def test_sorting_by_tag_or_collection_files_each_paper_under_its_first_name(
    library: Library, key: SortKey, descending: bool, query: str
) -> None:
    ids = library.search(query, key, descending).ids
    rows = library.rows(ids)
    names = [(row.tags if key == SortKey.TAGS else row.collections) for row in rows]
    firsts = [min(n, key=str.casefold) if n else None for n in names]
    named = [f.casefold() for f in firsts if f is not None]
    assert named == sorted(named, reverse=descending)
    assert all(f is None for f in firsts[len(named):])  # papers without one come last
    assert len(ids) == len(set(ids)) == len(library.search(query).ids)


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
        library.search("model", cancelled=later)
    assert len(library.search("model", cancelled=lambda: False).ids) > 0


@pytest.mark.parametrize(
    "key", [SortKey.RATING, SortKey.STATUS, SortKey.QUEUE, SortKey.TAGS, SortKey.COLLECTIONS]
)
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("query", ["", "tag:nlp", "-rating:>=4", "status:reading OR tag:nlp"])
def test_walked_sorts_list_what_an_order_by_would(
    library: Library, key: SortKey, descending: bool, query: str
) -> None:
    from sqlalchemy import select

    from readinglist.core.backends import backend_of
    from readinglist.core.bulk import fetch_ids
    from readinglist.core.models import Paper
    from readinglist.core.search.compile import Compiler
    from readinglist.core.search.sorting import order_by

    library.execute(SetStatus(library.search("vision").ids, "reading"))
    library.execute(SetStatus(library.search("").ids[:6][::-1], "queued"))  # not in id order
    with library.reading() as session:
        where = Compiler(backend_of(session)).compile(parse_query(query))
        expected = fetch_ids(
            session, select(Paper.id).where(where).order_by(*order_by(key, descending))
        )
    assert library.search(query, key, descending).ids == expected
