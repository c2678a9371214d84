"""Likely duplicates: titles that are nearly, but not exactly, the same.

Exact matches (same normalised title key) are the same paper and are never added twice.
A *likely* duplicate is a title within ``SIMILARITY_THRESHOLD`` of another by
``rapidfuzz.fuzz.ratio`` on the normalised keys (a typo, a changed or dropped word);
such pairs are recorded for the user to merge or dismiss, never merged silently.

Candidates are the titles next to a paper's in two sorted orders: by key and by the
key written backwards (both indexed). One edit leaves either the first or the second
half of a title intact, so its twin sorts close by in one of the orders; only those
few neighbours are compared, which keeps an import fast at any library size. The
probes run in the order of the index they search, so each reads the pages the one
before it just read (in random order each would read its own, slow in a large library).
"""

from __future__ import annotations

from operator import itemgetter
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from readinglist.core.backends import backend_of
from readinglist.core.bulk import chunked, raw_connection
from readinglist.core.models import DUPLICATES

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sqlalchemy.orm import Session

SIMILARITY_THRESHOLD = 90.0
# Neighbours compared on each side in each order.
WINDOW = 4
# For each order: the field of (id, key, reversed key) it sorts by, and the queries for
# the neighbours before and after a probe.
_ORDERS = [
    (
        field,
        [
            f"SELECT id, title_key FROM papers WHERE {column} {op} ? AND id != ? "
            f"ORDER BY {column} {order} LIMIT {WINDOW}"
            for op, order in (("<=", "DESC"), (">=", "ASC"))
        ],
    )
    for field, column in ((1, "title_key"), (2, "title_key_reversed"))
]


def find_likely_duplicates(
    session: Session, paper_ids: Sequence[int]
) -> list[tuple[int, int, float]]:
    """Return (paper, other, score) for each given paper's near-twins anywhere in the library."""
    db = raw_connection(session)
    papers: list[tuple[int, str, str]] = []
    for chunk in chunked(list(paper_ids)):
        marks = ", ".join("?" for _ in chunk)
        papers += db.execute(
            f"SELECT id, title_key, title_key_reversed FROM papers WHERE id IN ({marks})", chunk
        ).fetchall()
    pairs: dict[tuple[int, int], float] = {}
    for field, statements in _ORDERS:
        papers.sort(key=itemgetter(field))
        for paper in papers:
            paper_id, key, probe = paper[0], paper[1], paper[field]
            for statement in statements:
                for other_id, other_key in db.execute(statement, (probe, paper_id)):
                    if other_key == key:
                        continue
                    score = fuzz.ratio(key, other_key, score_cutoff=SIMILARITY_THRESHOLD)
                    if score:
                        pair = (min(paper_id, other_id), max(paper_id, other_id))
                        pairs[pair] = round(score, 1)
    return [(a, b, score) for (a, b), score in pairs.items()]


def record_pairs(session: Session, pairs: list[tuple[int, int, float]]) -> None:
    if pairs:
        session.execute(
            backend_of(session).insert_ignore(DUPLICATES),
            [{"paper_id": a, "other_id": b, "score": s} for a, b, s in pairs],
        )
