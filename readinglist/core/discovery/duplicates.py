"""Likely duplicates side by side: the fields of both papers, which differ, which to keep.

Pairs are found at import (``core.duplicates``); this turns them into what a review
screen shows. Merging is ``MergePapers`` (undoable, keeps the tags, collections, ratings
and notes of both); "not a duplicate" is ``DismissDuplicate``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from readinglist.core.library import Library
    from readinglist.core.records import PaperDetail


@dataclass(frozen=True, slots=True)
class FieldComparison:
    """One field of both papers, as text."""

    name: str
    left: str
    right: str

    @property
    def same(self) -> bool:
        return self.left == self.right


@dataclass(frozen=True, slots=True)
class DuplicateComparison:
    """Two papers that look like one, with their fields aligned."""

    left: PaperDetail
    right: PaperDetail
    score: float
    """Title similarity, 0-100 (``rapidfuzz.fuzz.ratio`` of the normalised titles)."""
    fields: tuple[FieldComparison, ...]
    suggested_keep: int
    """The paper with more of the user's work on it (rating, note, tags, status)."""

    @property
    def ids(self) -> tuple[int, int]:
        return (self.left.id, self.right.id)

    def other(self, paper_id: int) -> int:
        """Return the id of the pair's other paper."""
        return self.right.id if paper_id == self.left.id else self.left.id


def _rating(rating: int | None) -> str:
    return "" if rating is None else str(rating)


def _fields(paper: PaperDetail) -> dict[str, str]:
    return {
        "Title": paper.title,
        "Authors": "; ".join(paper.authors),
        "Year": str(paper.year or ""),
        "Venue": paper.venue,
        "DOI": paper.doi,
        "URL": paper.url,
        "Rating": _rating(paper.rating),
        "Status": paper.status,
        "Tags": ", ".join(paper.tags),
        "Collections": ", ".join(paper.collections),
        "Note": paper.note,
        "Added": paper.added_at.strftime("%Y-%m-%d %H:%M"),
        "Abstract": paper.abstract,
    }


def _investment(paper: PaperDetail) -> tuple[int, int, int, int, int, int]:
    """Rank how much the user did with a paper (older papers win ties)."""
    return (
        paper.rating is not None,
        bool(paper.note),
        len(paper.tags),
        paper.status != "inbox",
        len(paper.abstract) > 0,
        -paper.id,
    )


def compare(left: PaperDetail, right: PaperDetail, score: float) -> DuplicateComparison:
    """Align the fields of two papers."""
    mine, theirs = _fields(left), _fields(right)
    return DuplicateComparison(
        left=left,
        right=right,
        score=score,
        fields=tuple(FieldComparison(name, mine[name], theirs[name]) for name in mine),
        suggested_keep=max(left, right, key=_investment).id,
    )


def comparisons(library: Library) -> list[DuplicateComparison]:
    """Return every recorded likely-duplicate pair, most similar first."""
    pairs = library.duplicate_pairs()
    ids = list(dict.fromkeys(paper_id for a, b, _ in pairs for paper_id in (a, b)))
    details = {paper.id: paper for paper in library.details(ids)}
    return [compare(details[a], details[b], score) for a, b, score in pairs]
