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
    features = index.matrix[rows]
    scores = np.asarray(features @ profile.weights).ravel() + profile.bias
    best = top_k(scores, k)
    liked = index.matrix[profile.positive_rows]
    picks = []
    for position in best:
        row = int(rows[position])
        closest, similarity = _closest(index, liked, profile.positive_rows, row)
        picks.append(
            Pick(
                paper_id=int(index.ids[row]),
                score=round(float(scores[position]), 4),
                terms=_terms(index, profile.weights, row),
                closest_id=closest,
                closest_similarity=similarity,
            )
        )
    return replace(summary, picks=picks)


def _terms(index: TextIndex, weights: np.ndarray, row: int) -> tuple[str, ...]:
    """Return the paper's terms with the largest positive contribution to its score."""
    import numpy as np

    vector = index.matrix[row]
    contribution = vector.data * weights[vector.indices]
    order = np.argsort(-contribution, kind="stable")[:EXPLAINING_TERMS]
    return tuple(index.terms[int(vector.indices[i])] for i in order if contribution[i] > 0)


def _closest(
    index: TextIndex, liked: object, liked_rows: np.ndarray, row: int
) -> tuple[int | None, float]:
    import numpy as np

    similarities = np.asarray((liked @ index.matrix[row].T).todense()).ravel()
    if not len(similarities) or similarities.max() <= 0:
        return None, 0.0
    best = int(np.argmax(similarities))
    return int(index.ids[liked_rows[best]]), round(float(similarities[best]), 4)
