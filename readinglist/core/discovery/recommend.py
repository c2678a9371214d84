"""Rank Inbox papers by a profile and explain each pick in a few words."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from readinglist.core.discovery.related import top_k

if TYPE_CHECKING:
    import numpy as np

    from readinglist.core.discovery.index import TextIndex
    from readinglist.core.discovery.labels import Labels
    from readinglist.core.discovery.profile import Profile

EXPLAINING_TERMS = 3


@dataclass(frozen=True, slots=True)
class Pick:
    """One recommended paper and why."""

    paper_id: int
    score: float
    """The model's decision value: above 0 leans liked; only the order matters."""
    terms: tuple[str, ...]
    """The paper's terms that the profile weighs most in its favour."""
    closest_id: int | None
    """The liked paper this one is most similar to."""
    closest_similarity: float

    def explanation(self, closest_title: str | None = None) -> str:
        """Say in a few words why this paper was picked."""
        parts = []
        if self.terms:
            parts.append("shares " + ", ".join(self.terms))
        if closest_title:
            parts.append(f"close to \u201c{closest_title}\u201d")
        return "; ".join(parts) or "resembles papers you liked"


@dataclass(frozen=True, slots=True)
class Recommendations:
    """Ranked picks, or an empty list and the reason there are none."""

    picks: list[Pick] = field(default_factory=list)
    reason: str = ""
    """Why there are no picks (empty when there are)."""
    positives: int = 0
    negatives: int = 0
    weak_negatives: int = 0
    candidates: int = 0


def rank(index: TextIndex, labels: Labels, profile: Profile, k: int) -> Recommendations:
    """Return the k candidates the profile scores highest, each with its explanation."""
    import numpy as np

    rows = index.rows_of(labels.candidates)
    summary = Recommendations(
        positives=len(profile.positive_rows),
        negatives=profile.negatives,
        weak_negatives=profile.weak_negatives,
        candidates=len(rows),
    )
    if not len(rows):
        return replace(summary, reason="no unrated papers in the Inbox to rank")
    # Score every row (one product, no copy of the candidate rows), then keep candidates'.
    scores = np.asarray(index.matrix @ profile.weights).ravel()[rows] + profile.bias
    best = top_k(scores, k)
    best_rows = rows[best]
    closest, similarity = _closest(index, profile.positive_rows, best_rows)
    picks = [
        Pick(
            paper_id=int(index.ids[row]),
            score=round(float(scores[position]), 4),
            terms=_terms(index, profile.weights, int(row)),
            closest_id=closest[number],
            closest_similarity=similarity[number],
        )
        for number, (position, row) in enumerate(zip(best, best_rows, strict=True))
    ]
    return replace(summary, picks=picks)


def _terms(index: TextIndex, weights: np.ndarray, row: int) -> tuple[str, ...]:
    """Return the paper's terms with the largest positive contribution to its score."""
    import numpy as np

    vector = index.matrix[row]
    contribution = vector.data * weights[vector.indices]
    order = np.argsort(-contribution, kind="stable")[:EXPLAINING_TERMS]
    return tuple(index.terms[int(vector.indices[i])] for i in order if contribution[i] > 0)


def _closest(
    index: TextIndex, liked_rows: np.ndarray, rows: np.ndarray
) -> tuple[list[int | None], list[float]]:
    """Return, for each row, the liked paper most similar to it and their similarity."""

    if not len(rows) or not len(liked_rows):
        return [None] * len(rows), [0.0] * len(rows)
    similarities = (index.matrix[rows] @ index.matrix[liked_rows].T).toarray()
    best = similarities.argmax(axis=1)
    ids: list[int | None] = []
    values: list[float] = []
    for number, column in enumerate(best):
        value = float(similarities[number, column])
        ids.append(int(index.ids[liked_rows[column]]) if value > 0 else None)
        values.append(round(value, 4) if value > 0 else 0.0)
    return ids, values
