"""Related papers: nearest by TF-IDF cosine, with the terms that make them near."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from readinglist.core.discovery import RelatedPaper, related
from readinglist.core.errors import UnknownPaper
from readinglist.core.records import PaperRecord

if TYPE_CHECKING:
    from readinglist.core.discovery import Discovery
    from readinglist.core.library import Library

BABYLM_WORDS = "BabyLM's First Words: Word Segmentation as a Phonological Probing Task"
CLIMB = "CLIMB: Curriculum Learning for Infant-inspired Model Building"
ON_TOPIC = {
    "Subword models struggle with word learning, but surprisal hides it",
    CLIMB,
    "Review of Unsupervised POS Tagging and Its Implications on Language Acquisition",
}


def test_related_papers_are_ranked_and_exclude_the_paper_itself(
    discovery: Discovery, title_ids: dict[str, int]
) -> None:
    paper = title_ids[BABYLM_WORDS]
    found = discovery.related(paper, k=8)
    assert len(found) == 8
    assert paper not in [p.paper_id for p in found]
    scores = [p.score for p in found]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < score <= 1 for score in scores)


def test_papers_on_the_same_topic_are_related_and_say_why(
    discovery: Discovery, title_ids: dict[str, int]
) -> None:
    found = discovery.related(title_ids[BABYLM_WORDS], k=3)
    assert {p.paper_id for p in found} == {title_ids[title] for title in ON_TOPIC}
    climb = next(p for p in found if p.paper_id == title_ids[CLIMB])
    assert "babylm" in climb.shared_terms


def test_related_function_returns_plain_triples(sample_library: Library) -> None:
    paper = sample_library.search("").ids[0]
    found = related(sample_library, paper, k=3)
    paper_id, score, terms = found[0]
    assert isinstance(found[0], RelatedPaper)
    assert isinstance(paper_id, int) and isinstance(score, float) and isinstance(terms, tuple)


def test_unknown_paper_is_an_error(discovery: Discovery) -> None:
    with pytest.raises(UnknownPaper):
        discovery.related(999_999)


def test_paper_without_indexed_words_has_no_related_papers(library: Library) -> None:
    from readinglist.core.discovery import Discovery

    summary = library.import_records(
        [PaperRecord(f"Graph networks {n}", "graph neural networks") for n in range(5)]
        + [PaperRecord("Zyxw")],
        "list",
        "test",
    )
    assert Discovery(library).related(summary.new_ids[-1]) == []


def test_k_limits_the_answer(discovery: Discovery, title_ids: dict[str, int]) -> None:
    assert len(discovery.related(title_ids[BABYLM_WORDS], k=2)) == 2
    assert discovery.related(title_ids[BABYLM_WORDS], k=0) == []
