"""Related papers: the nearest rows of the text index by cosine similarity."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import numpy as np

    from readinglist.core.discovery.index import TextIndex

SHARED_TERMS = 5


class RelatedPaper(NamedTuple):
    """A paper close to another, with the terms that weigh most in their similarity."""

    paper_id: int
    score: float
    """Cosine similarity of the two TF-IDF rows, 0 to 1."""
    shared_terms: tuple[str, ...]


def related_rows(index: TextIndex, paper_id: int, k: int) -> list[RelatedPaper]:
    """Return the k papers most similar to paper_id (none when it has no indexed terms)."""
    import numpy as np

    row = index.row_of(paper_id)
    if row is None or k <= 0:
        return []
    vector = index.matrix[row]
    if not vector.nnz:
        return []
    # A dense query vector makes this one CSR matrix-vector product, no sparse result.
    scores = np.asarray(index.matrix @ vector.toarray().ravel()).ravel()
    scores[row] = 0.0
    best = top_k(scores, k)
    return [
        RelatedPaper(
            int(index.ids[other]),
            round(float(scores[other]), 4),
            shared_terms(index, vector, index.matrix[other]),
        )
        for other in best
        if scores[other] > 0
    ]


def top_k(scores: np.ndarray, k: int) -> np.ndarray:
    """Return the positions of the k highest scores, best first (ties: lower position)."""
    import numpy as np

    if k >= len(scores):
        return np.argsort(-scores, kind="stable")
    candidates = np.argpartition(-scores, k)[:k]
    return candidates[np.lexsort((candidates, -scores[candidates]))]


def shared_terms(
    index: TextIndex, first: object, second: object, count: int = SHARED_TERMS
) -> tuple[str, ...]:
    """Return the terms that contribute most to the dot product of two rows."""
    import numpy as np

    product = first.multiply(second).tocoo()  # type: ignore[attr-defined]
    if not product.nnz:
        return ()
    order = np.argsort(-product.data, kind="stable")[:count]
    return tuple(index.terms[int(column)] for column in product.col[order])
