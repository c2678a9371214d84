"""A linear model of what one profile likes, trained on TF-IDF rows, as in arxiv-sanity.

The model is ``sklearn.svm.LinearSVC`` with balanced class weights (a handful of liked
papers against many others still counts), trained on the profile's positives (+1) and
negatives (-1) from ``labels``. Its weights say how much each term pulls a paper up or
down, which is also what explains a pick.

Weak negatives: a user who rated five papers and skipped two has given the model almost
nothing to contrast with. When there are fewer explicit negatives than
``max(MIN_NEGATIVES, positives)``, the unlabelled papers join as negatives with weight
``WEAK_WEIGHT``, as arxiv-sanity trains each tag against every untagged paper: most of a
library is not what one is looking for, so "not chosen yet" is a weak "no". They include
the candidates being ranked, which pulls each a little towards "no"; the pull is the same
for all of them, and on the sample lists ranking held its quality (two-fold cross-fitting,
which avoids the pull, ranked the same top ten). Beyond ``MAX_PER_CLASS`` unlabelled
papers a fixed-seed sample is used, so rankings stay the same between runs.

Large profiles are sampled to ``MAX_PER_CLASS`` papers a class so training stays well
under a second; a researcher's own ratings rarely reach that.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from scipy import sparse

    from readinglist.core.discovery.index import TextIndex
    from readinglist.core.discovery.labels import Labels

MIN_NEGATIVES = 20
WEAK_WEIGHT = 0.5
MAX_PER_CLASS = 5_000
C = 0.1
SEED = 1729


@dataclass(frozen=True, slots=True)
class Profile:
    """Trained term weights, and the papers they were trained on."""

    weights: np.ndarray
    """One weight per index column (float32)."""
    bias: float
    positive_rows: np.ndarray
    """Index rows of the positives, to find the liked paper a pick is closest to."""
    negatives: int
    weak_negatives: int


def train(index: TextIndex, labels: Labels) -> Profile | None:
    """Fit the profile's model; None when there is nothing to contrast (no positives)."""
    import numpy as np

    rng = np.random.default_rng(SEED)
    positives = _indexed(index, _sample(labels.positives, MAX_PER_CLASS, rng))
    negatives = _indexed(index, _sample(labels.negatives, MAX_PER_CLASS, rng))
    if not len(positives) or not index.matrix.shape[1]:
        return None
    weak = np.zeros(0, dtype=np.int64)
    if len(negatives) < max(MIN_NEGATIVES, len(positives)):
        weak = _indexed(index, _sample(labels.unlabelled, MAX_PER_CLASS, rng))
    if not len(negatives) and not len(weak):
        return None
    rows = np.concatenate([positives, negatives, weak])
    target = np.concatenate(
        [np.ones(len(positives)), -np.ones(len(negatives)), -np.ones(len(weak))]
    )
    sample_weight = np.concatenate(
        [np.ones(len(positives) + len(negatives)), np.full(len(weak), WEAK_WEIGHT)]
    )
    from sklearn.svm import LinearSVC

    model = LinearSVC(class_weight="balanced", C=C, max_iter=10_000, tol=1e-5, dual="auto")
    features: sparse.csr_matrix = index.matrix[rows]
    model.fit(features, target, sample_weight=sample_weight)
    return Profile(
        weights=model.coef_.ravel().astype(np.float32),
        bias=float(model.intercept_[0]),
        positive_rows=positives,
        negatives=len(negatives),
        weak_negatives=len(weak),
    )


def _sample(ids: np.ndarray, count: int, rng: np.random.Generator) -> np.ndarray:
    import numpy as np

    if len(ids) <= count:
        return ids
    return np.sort(rng.choice(ids, size=count, replace=False))


def _indexed(index: TextIndex, ids: np.ndarray) -> np.ndarray:
    """Return the index rows of ids (ids missing from the index are dropped)."""
    import numpy as np

    rows = index.rows_of(ids)
    inside = rows < len(index)
    rows, ids = rows[inside], ids[inside]
    return np.asarray(rows[index.ids[rows] == ids], dtype=np.int64)
