"""The text index: one TF-IDF row per paper, kept in step with the library.

Staleness is decided per paper, not guessed from a library-wide date: the index keeps,
for each paper id, a checksum of its ``modified_at`` and one of its indexed text. A sync
reads every (id, modified_at) pair (cheap: no text), then

* papers that appeared (an import, an undone delete) are vectorised and appended;
* papers that disappeared (a delete, a merge) lose their rows;
* papers whose ``modified_at`` changed have their text read again: if its checksum
  changed (an edited abstract, a merge that filled one in) the row is re-vectorised;
  if not (a new rating, status, tag or note) only the stamp is updated, so rating
  papers never touches the matrix.

New and edited rows are vectorised with the vocabulary and idf weights of the last fit
(words that vocabulary lacks are ignored), which is fast but drifts; once the rows added,
changed or removed since the fit exceed ``REFIT_FRACTION`` of the fitted size, the whole
index is refitted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from readinglist.core.discovery import corpus, text

if TYPE_CHECKING:
    import numpy as np
    from scipy import sparse
    from sqlalchemy.orm import Session

REFIT_FRACTION = 0.2


@dataclass(slots=True)
class TextIndex:
    """TF-IDF rows for papers in ascending id order, with what is needed to keep them fresh."""

    ids: np.ndarray
    """Paper ids, ascending (int64); row i of matrix belongs to ids[i]."""
    matrix: sparse.csr_matrix
    """L2-normalised TF-IDF rows (float32)."""
    terms: list[str]
    """The vocabulary: column j is terms[j]."""
    idf: np.ndarray
    stamps: np.ndarray
    """Checksums of each paper's modified_at (uint32)."""
    digests: np.ndarray
    """Checksums of each paper's indexed text (uint32)."""
    fitted_rows: int
    """Papers the vocabulary and idf were fitted on."""
    churn: int = 0
    """Rows added, re-vectorised or removed since the fit."""
    version: int = text.SETTINGS_VERSION

    def __len__(self) -> int:
        return int(self.ids.shape[0])

    def row_of(self, paper_id: int) -> int | None:
        """Return the row of paper_id, or None when it is not indexed."""
        import numpy as np

        position = int(np.searchsorted(self.ids, paper_id))
        if position < len(self) and int(self.ids[position]) == paper_id:
            return position
        return None

    def rows_of(self, paper_ids: np.ndarray) -> np.ndarray:
        """Return the rows of paper ids known to be indexed."""
        import numpy as np

        return np.searchsorted(self.ids, paper_ids)


def build(session: Session) -> TextIndex:
    """Fit a new index on every paper in the library."""
    import numpy as np

    ids, stamps, docs = corpus.all_documents(session)
    matrix, terms, idf = text.fit(docs)
    digests = np.array([corpus.digest(doc) for doc in docs], dtype=np.uint32)
    return TextIndex(ids, matrix, terms, idf, stamps, digests, fitted_rows=len(docs))


def sync(session: Session, index: TextIndex | None) -> tuple[TextIndex, bool]:
    """Bring index up to date with the library; return it and whether its rows changed."""
    import numpy as np

    if index is None or index.version != text.SETTINGS_VERSION:
        return build(session), True
    ids, stamps = corpus.row_stamps(session)
    kept = np.isin(ids, index.ids, assume_unique=True)
    new_ids = ids[~kept]
    removed = int(len(index) - kept.sum())
    old_rows = index.rows_of(ids[kept])
    touched = ids[kept][index.stamps[old_rows] != stamps[kept]]
    if not len(new_ids) and not removed and not len(touched):
        return index, False
    touched_docs = corpus.documents(session, touched.tolist())
    touched_digests = np.array([corpus.digest(doc) for doc in touched_docs], dtype=np.uint32)
    edited = touched_digests != index.digests[index.rows_of(touched)]
    if not len(new_ids) and not removed and not edited.any():
        index.stamps[old_rows] = stamps[kept]
        return index, False
    churn = index.churn + len(new_ids) + int(edited.sum()) + removed
    if churn > REFIT_FRACTION * max(index.fitted_rows, 1):
        return build(session), True
    return _patched(session, index, ids, stamps, kept, new_ids, touched[edited], churn), True


def _patched(
    session: Session,
    index: TextIndex,
    ids: np.ndarray,
    stamps: np.ndarray,
    kept: np.ndarray,
    new_ids: np.ndarray,
    edited_ids: np.ndarray,
    churn: int,
) -> TextIndex:
    """Return index with rows for new and edited papers vectorised and removed ones dropped."""
    import numpy as np
    from scipy import sparse

    fresh_ids = np.concatenate([new_ids, edited_ids])
    docs = corpus.documents(session, fresh_ids.tolist())
    fresh = text.transform(docs, index.terms, index.idf)
    fresh_digests = np.array([corpus.digest(doc) for doc in docs], dtype=np.uint32)
    # Row k of `stacked` is old row k, then the fresh rows; pick one per current id.
    stacked = sparse.vstack([index.matrix, fresh], format="csr")
    all_digests = np.concatenate([index.digests, fresh_digests])
    source = np.empty(len(ids), dtype=np.int64)
    source[kept] = index.rows_of(ids[kept])
    fresh_rows = len(index) + np.arange(len(fresh_ids))
    order = np.argsort(fresh_ids, kind="stable")
    positions = np.searchsorted(ids, fresh_ids[order])
    source[positions] = fresh_rows[order]
    return TextIndex(
        ids=ids,
        matrix=stacked[source],
        terms=index.terms,
        idf=index.idf,
        stamps=stamps,
        digests=all_digests[source],
        fitted_rows=index.fitted_rows,
        churn=churn,
    )
