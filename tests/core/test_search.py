"""The query language: what each kind of query finds, and hints for malformed ones."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from readinglist.core.commands import AddTags, SetNote, SetRating, SetStatus
from readinglist.core.errors import InvalidQuery
from readinglist.core.search import SortKey, parse_query
from readinglist.core.search.syntax import And, Filter, Not, Or, Phrase, Word

if TYPE_CHECKING:
    from readinglist.core.library import Library

MATRIX = "Large Language Model Evaluation via Matrix Entropy"
SIAMESE = "Reconstructing the Invisible: Video Frame Restoration through Siamese Masked Conditional Variational Autoencoder"


@pytest.fixture
def library(sample_library: Library) -> Library:
    """Samples with a few decisions: ratings, tags, statuses, a note."""
    ids = sample_library.search("").ids
    sample_library.execute(SetRating(ids[:10], 4))
    sample_library.execute(SetRating(ids[10:15], 2))
    sample_library.execute(SetRating(ids[15:16], 0))
    sample_library.execute(AddTags(ids[:5], ["nlp"]))
    sample_library.execute(AddTags(ids[3:8], ["deep learning"]))
    sample_library.execute(SetStatus(ids[20:25], "queued"))
    sample_library.execute(SetNote(ids[30], "zyzzyva remember this"))
    return sample_library


def titles(library: Library, query: str) -> list[str]:
    return [row.title for row in library.rows(library.search(query).ids)]


@pytest.mark.parametrize(
    ("query", "tree"),
    [
        ("", And(())),
        ("matrix", Word("matrix")),
        ("a b", And((Word("a"), Word("b")))),
        ('"exact phrase"', Phrase("exact phrase")),
        ("tag:nlp", Filter("tag", "=", "nlp")),
        ('tag:"deep learning"', Filter("tag", "=", "deep learning")),
        ("-tag:nlp", Not(Filter("tag", "=", "nlp"))),
        ("rating:>=4", Filter("rating", ">=", "4")),
        ("rating:3", Filter("rating", "=", "3")),
        ("rating:<=2", Filter("rating", "<=", "2")),
        ("status:Queued", Filter("status", "=", "queued")),
        ("is:unrated", Filter("is", "=", "unrated")),
        ("has:note", Filter("has", "=", "note")),
        ("in:list", Filter("in", "=", "list")),
        ("tag:a OR tag:b", Or((Filter("tag", "=", "a"), Filter("tag", "=", "b")))),
        ("x AND y", And((Word("x"), Word("y")))),
        ("SELF: language", And((Word("SELF:"), Word("language")))),
        ("arXiv:2401.0001", Word("arXiv 2401.0001")),
        ("transf*", Word("transf")),
        ("&", And(())),
    ],
)
def test_parser_builds_the_expected_tree(query: str, tree: object) -> None:
    assert parse_query(query) == tree


@pytest.mark.parametrize(
    ("query", "hint"),
    [
        ("a OR", "OR needs a term"),
        ("OR a", "OR needs a term"),
        ("NEAR(", "unclosed '\\('"),
        ("NEAR(a b", "unclosed '\\('"),
        ("a )", "unmatched '\\)'"),
        ("()", "empty parentheses"),
        ("*", "'\\*' alone"),
        ('"open phrase', "unclosed quote"),
        ("rating:6", "0 to 5"),
        ("rating:high", "not a number"),
        ("status:later", "unknown status"),
        ("stauts:read", "did you mean status:"),
        ("is:weird", "unknown 'is:weird'"),
        ("tag:", "needs a value"),
        ("a -", None),
    ],
)
def test_malformed_queries_get_a_hint(library: Library, query: str, hint: str | None) -> None:
    if hint is None:
        library.search(query)  # a trailing lone '-' is ignored, not an error
        return
    with pytest.raises(InvalidQuery, match=hint):
        library.search(query)


@pytest.mark.parametrize(
    "query",
    [
        "NEAR(a b, 3)",
        "title:x",
        '"',
        "a AND OR b",
        "^x",
        "x:y:z",
        "{title}: abc",
        "'; DROP TABLE papers; --",
        'a"b',
        "\\",
        "%",
        "_",
        "a NOT b",
        "col:(a)",
    ],
)
def test_fts_and_sql_syntax_never_escapes_unquoted(library: Library, query: str) -> None:
    try:
        library.search(query)
    except InvalidQuery:
        pass
    assert library.count() == 457


def test_free_words_find_titles_despite_typos(library: Library) -> None:
    assert titles(library, "matrx entrpy")[0] == MATRIX
    assert titles(library, "Sianese maskd autoencoder")[0] == SIAMESE


def test_free_words_rank_the_best_title_match_first(library: Library) -> None:
    assert titles(library, "matrix entropy")[0] == MATRIX
    assert library.search("matrix entropy").ranked


def test_free_words_search_abstracts_and_notes(library: Library) -> None:
    assert len(titles(library, "marmoset")) >= 1
    assert len(titles(library, "zyzzyva")) == 1


def test_every_phrase_result_contains_the_phrase(library: Library) -> None:
    ids = library.search('"scaling laws"').ids
    assert ids
    for paper in library.details(ids):
        text = f"{paper.title} {paper.abstract} {paper.note}".lower()
        assert "scaling laws" in text


def test_field_filters(library: Library) -> None:
    assert len(library.search("tag:nlp").ids) == 5
    assert len(library.search("tag:NLP").ids) == 5
    assert len(library.search('tag:"deep learning"').ids) == 5
    assert len(library.search('tag:nlp -tag:"deep learning"').ids) == 3
    assert len(library.search("rating:>=4").ids) == 10
    assert len(library.search("rating:4").ids) == 10
    assert len(library.search("rating:<=2").ids) == 6
    assert len(library.search("rating:0").ids) == 1
    assert len(library.search("is:unrated").ids) == 457 - 16
    assert len(library.search("status:queued").ids) == 5
    assert len(library.search("has:note").ids) == 1
    assert len(library.search("is:untagged").ids) == 457 - 8
    assert len(library.search("in:trending-language-acquisition").ids) == 119
    assert len(library.search("tag:nlp OR status:queued").ids) == 10


def test_unrated_papers_match_no_rating_filter(library: Library) -> None:
    unrated = set(library.search("is:unrated").ids)
    for query in ("rating:>=0", "rating:<=5", "rating:0"):
        assert not unrated & set(library.search(query).ids)


def test_terms_combine_with_and(library: Library) -> None:
    both = set(library.search("tag:nlp rating:>=4").ids)
    assert both == set(library.search("tag:nlp").ids) & set(library.search("rating:>=4").ids)


def test_sort_orders(library: Library) -> None:
    by_title = titles(library, "")
    assert titles(library, "tag:nlp") != []
    ids = library.search("", SortKey.TITLE).ids
    sorted_titles = [r.title for r in library.rows(ids)]
    assert sorted_titles == sorted(by_title, key=str.casefold) or sorted_titles == sorted(
        sorted_titles, key=str.lower
    )
    rated = library.rows(library.search("", SortKey.RATING, descending=True).ids)
    assert [r.rating for r in rated[:10]] == [4] * 10
    assert rated[-1].rating is None
    queue = library.search("", SortKey.QUEUE).ids[:5]
    assert queue == library.queue()
