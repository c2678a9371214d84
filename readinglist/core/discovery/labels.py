"""Which papers a profile learns from, and which it ranks.

For the reading profile ("recommended for you"):

* positives: papers rated 4-5, and unrated papers queued, being read or read;
* negatives: papers rated 0-1, and unrated papers skipped;
* a rating decides over a status (a read paper rated 1 is a negative); papers rated 2-3
  are neither (a lukewarm verdict says little either way);
* candidates: unrated papers in the Inbox, the ones still waiting for a verdict.

For a tag ("more like tag:X"), positives are the papers tagged X, negatives the
explicit negatives above that are not tagged X, and candidates the unrated Inbox papers
not tagged X.

Everything unlabelled (neither positive nor negative, candidates included) is the pool
weak negatives are drawn from when there are too few real ones (see ``profile``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from readinglist.core.bulk import raw_connection
from readinglist.core.errors import InvalidValue
from readinglist.core.users import current_user

if TYPE_CHECKING:
    import numpy as np
    from sqlalchemy.orm import Session

# Every paper with the current member's rating and status (the parameter).
_VERDICTS = (
    "SELECT papers.id, s.rating, coalesce(s.status, 'inbox') FROM papers"
    " LEFT JOIN paper_states s ON s.paper_id = papers.id AND s.user_id = ? ORDER BY papers.id"
)
POSITIVE_RATINGS = frozenset({4, 5})
NEGATIVE_RATINGS = frozenset({0, 1})
POSITIVE_STATUSES = frozenset({"queued", "reading", "read"})
NEGATIVE_STATUSES = frozenset({"skipped"})


@dataclass(frozen=True, slots=True)
class Labels:
    """Paper ids by role, each ascending (int64 arrays)."""

    positives: np.ndarray
    negatives: np.ndarray
    candidates: np.ndarray
    unlabelled: np.ndarray


def verdict(rating: int | None, status: str) -> int:
    """Return +1 for a paper the user liked, -1 for one they did not, 0 for no verdict."""
    if rating is not None:
        return 1 if rating in POSITIVE_RATINGS else -1 if rating in NEGATIVE_RATINGS else 0
    return 1 if status in POSITIVE_STATUSES else -1 if status in NEGATIVE_STATUSES else 0


def reading_labels(session: Session) -> Labels:
    """Label every paper by the current member's ratings and statuses."""
    rows = raw_connection(session).execute(_VERDICTS, (current_user(session),)).fetchall()
    return _split(
        [
            (paper_id, verdict(rating, status), rating is None and status == "inbox")
            for paper_id, rating, status in rows
        ]
    )


def tag_labels(session: Session, tag: str) -> Labels:
    """Label every paper by whether it carries tag (raise InvalidValue for an unknown tag)."""
    db = raw_connection(session)
    found = db.execute("SELECT id FROM tags WHERE name = ?", (tag,)).fetchone()
    if found is None:
        raise InvalidValue(f"no tag named {tag!r}")
    tagged = {
        paper_id
        for (paper_id,) in db.execute("SELECT paper_id FROM paper_tags WHERE tag_id = ?", found)
    }
    labelled: list[tuple[int, int, bool]] = []
    for paper_id, rating, status in db.execute(_VERDICTS, (current_user(session),)):
        if paper_id in tagged:
            labelled.append((paper_id, 1, False))
        else:
            negative = verdict(rating, status) < 0
            candidate = rating is None and status == "inbox"
            labelled.append((paper_id, -1 if negative else 0, candidate))
    return _split(labelled)


def _split(labelled: list[tuple[int, int, bool]]) -> Labels:
    import numpy as np

    def ids(keep: list[int]) -> np.ndarray:
        return np.array(keep, dtype=np.int64)

    return Labels(
        positives=ids([p for p, label, _ in labelled if label > 0]),
        negatives=ids([p for p, label, _ in labelled if label < 0]),
        candidates=ids([p for p, label, candidate in labelled if candidate and label == 0]),
        unlabelled=ids([p for p, label, _ in labelled if label == 0]),
    )
