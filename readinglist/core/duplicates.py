"""Likely duplicates: titles that are nearly, but not exactly, the same.

Exact matches (same normalised title key) are the same paper and are never added twice.
A *likely* duplicate is a title within ``SIMILARITY_THRESHOLD`` of another by
``rapidfuzz.fuzz.ratio`` on the normalised keys (a changed word, a typo, a dropped
article); such pairs are recorded for the user to merge or dismiss, never merged silently.

Candidates come from the FTS5 index: titles that share two of the paper's longest words,
taken in two disjoint pairs, so one typo or changed word still finds its twin.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rapidfuzz import fuzz
from sqlalchemy import select, text

from readinglist.core.models import DUPLICATES, Paper

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sqlalchemy.orm import Session

SIMILARITY_THRESHOLD = 90.0
_WORD = re.compile(r"[^\W_]+")
_CANDIDATES = text(
    "SELECT rowid FROM papers_fts WHERE papers_fts MATCH :query AND rowid != :paper_id LIMIT 50"
)


def _fts_query(key: str) -> str | None:
    words = sorted(
        dict.fromkeys(w for w in _WORD.findall(key) if len(w) > 2), key=len, reverse=True
    )
    if len(words) < 2:
        return None
    quoted = [f'"{word}"' for word in words[:4]]
    pairs = [" AND ".join(quoted[i : i + 2]) for i in range(0, len(quoted), 2)]
    return "title : (" + " OR ".join(f"({pair})" for pair in pairs) + ")"


def find_likely_duplicates(
    session: Session, paper_ids: Sequence[int]
) -> list[tuple[int, int, float]]:
    """Return (paper, other, score) for each new paper's near-twins anywhere in the library."""
    keys = dict(
        session.execute(select(Paper.id, Paper.title_key).where(Paper.id.in_(paper_ids))).all()
    )
    pairs: dict[tuple[int, int], float] = {}
    for paper_id in paper_ids:
        key = keys.get(paper_id, "")
        query = _fts_query(key)
        if query is None:
            continue
        candidates = list(session.scalars(_CANDIDATES, {"query": query, "paper_id": paper_id}))
        if not candidates:
            continue
        other_keys = session.execute(
            select(Paper.id, Paper.title_key).where(Paper.id.in_(candidates))
        )
        for other_id, other_key in other_keys:
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
            DUPLICATES.insert().prefix_with("OR IGNORE"),
            [{"paper_id": a, "other_id": b, "score": s} for a, b, s in pairs],
        )
