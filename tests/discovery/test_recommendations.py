"""Recommendations: a linear profile of what was liked ranks the unrated Inbox, with reasons."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from readinglist.core.commands import AddTags, SetRating, SetStatus
from readinglist.core.discovery.labels import verdict
from readinglist.core.discovery.recommend import Pick
from readinglist.core.errors import InvalidValue

if TYPE_CHECKING:
    from readinglist.core.discovery import Discovery
    from readinglist.core.library import Library

LIKED = [
    "BabyLM's First Words: Word Segmentation as a Phonological Probing Task",
    "Evaluating Neural Language Models as Cognitive Models of Language Acquisition",
    "Review of Unsupervised POS Tagging and Its Implications on Language Acquisition",
    "CLIMB: Curriculum Learning for Infant-inspired Model Building",
    "Too Much Information: Keeping Training Simple for BabyLMs",
]
SKIPPED = [
    "AI Agents for the Dhumbal Card Game: A Comparative Study",
    "Near-circular orbits for planets around M/K-type stars with Earth-like sizes and instellations",
    "Group Diffusion: Enhancing Image Generation by Unlocking Cross-Sample Collaboration",
]
# Words that mark a paper on language acquisition in children or child-sized language models.
# 26 of the 452 other sample papers use one in their title or abstract.
ACQUISITION = re.compile(
    r"acquisition|acquire|child|infant|babylm|word learning|developmental|toddler|"
    r"word segmentation|phonolog|syntax",
    re.IGNORECASE,
)


def rate_acquisition(library: Library, title_ids: dict[str, int]) -> None:
    library.execute(SetRating([title_ids[t] for t in LIKED], 5))
    library.execute(SetStatus([title_ids[t] for t in SKIPPED], "skipped"))


def test_top_recommendations_share_the_topic_of_the_liked_papers(
    discovery: Discovery, title_ids: dict[str, int]
) -> None:
    """The quality check: five acquisition papers liked, so acquisition papers come first."""
    library = discovery.library
    rate_acquisition(library, title_ids)
    found = discovery.recommend(k=5)
    assert len(found.picks) == 5
    papers = library.details([pick.paper_id for pick in found.picks])
    on_topic = [p.title for p in papers if ACQUISITION.search(f"{p.title} {p.abstract}")]
    assert len(on_topic) >= 4, [p.title for p in papers]


def test_each_pick_is_explained_by_terms_and_the_closest_liked_paper(
    discovery: Discovery, title_ids: dict[str, int]
) -> None:
    rate_acquisition(discovery.library, title_ids)
    found = discovery.recommend(k=5)
    liked = {title_ids[t] for t in LIKED}
    for pick in found.picks:
        assert pick.terms
        assert pick.closest_id in liked
        assert 0 < pick.closest_similarity <= 1
    assert found.positives == 5
    assert found.negatives == 3
    assert found.weak_negatives > 0


def test_only_unrated_inbox_papers_are_recommended(
    discovery: Discovery, title_ids: dict[str, int]
) -> None:
    library = discovery.library
    rate_acquisition(library, title_ids)
    judged = {title_ids[t] for t in LIKED + SKIPPED}
    lukewarm = [paper for paper in library.search("").ids if paper not in judged][:40]
    library.execute(SetRating(lukewarm[:20], 3))
    library.execute(SetStatus(lukewarm[20:], "read"))
    found = discovery.recommend(k=500)
    picked = {pick.paper_id for pick in found.picks}
    assert not picked & set(lukewarm)
    assert not picked & judged
    assert len(picked) == found.candidates == library.count() - 48


def test_without_liked_papers_there_are_no_picks_but_a_reason(discovery: Discovery) -> None:
    found = discovery.recommend()
    assert found.picks == []
    assert "rate papers 4 or 5" in found.reason


def test_recommendations_follow_new_ratings(
    discovery: Discovery, title_ids: dict[str, int]
) -> None:
    library = discovery.library
    rate_acquisition(library, title_ids)
    first = discovery.recommend(k=3).picks[0].paper_id
    library.execute(SetRating([first], 1))
    assert first not in [pick.paper_id for pick in discovery.recommend(k=3).picks]


def test_more_like_a_tag_ranks_by_the_tagged_papers(
    discovery: Discovery, title_ids: dict[str, int]
) -> None:
    library = discovery.library
    library.execute(AddTags([title_ids[t] for t in LIKED], ["acquisition"]))
    found = discovery.recommend(k=5, tag="acquisition")
    papers = library.details([pick.paper_id for pick in found.picks])
    assert sum(bool(ACQUISITION.search(f"{p.title} {p.abstract}")) for p in papers) >= 4
    assert not {pick.paper_id for pick in found.picks} & {title_ids[t] for t in LIKED}


def test_an_unknown_tag_is_an_error(discovery: Discovery) -> None:
    with pytest.raises(InvalidValue, match="no tag named"):
        discovery.recommend(tag="nonexistent")


def test_a_tag_without_papers_gives_a_reason(
    discovery: Discovery, title_ids: dict[str, int]
) -> None:
    paper = title_ids[LIKED[0]]
    discovery.library.execute(AddTags([paper], ["empty"]))
    discovery.library.undo()  # the tag goes too; tag it and untag it instead
    discovery.library.execute(AddTags([paper], ["empty"]))
    from readinglist.core.commands import RemoveTags

    discovery.library.execute(RemoveTags([paper], ["empty"]))
    found = discovery.recommend(tag="empty")
    assert found.picks == [] and "no papers are tagged" in found.reason


@pytest.mark.parametrize(
    ("rating", "status", "expected"),
    [
        (5, "inbox", 1),
        (4, "skipped", 1),
        (3, "read", 0),
        (2, "inbox", 0),
        (1, "read", -1),
        (0, "queued", -1),
        (None, "queued", 1),
        (None, "reading", 1),
        (None, "read", 1),
        (None, "skipped", -1),
        (None, "inbox", 0),
    ],
)
def test_verdict_lets_a_rating_decide_over_a_status(
    rating: int | None, status: str, expected: int
) -> None:
    assert verdict(rating, status) == expected


def test_explanation_names_terms_and_the_closest_paper() -> None:
    pick = Pick(1, 0.5, ("babylm", "word learning"), 2, 0.3)
    assert pick.explanation("BabyLM's First Words") == (
        "shares babylm, word learning; close to \u201cBabyLM's First Words\u201d"
    )
    assert Pick(1, 0.5, (), None, 0.0).explanation() == "resembles papers you liked"
