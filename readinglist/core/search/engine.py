"""Run a query: filter in SQL and FTS5, then rank free-text matches by relevance."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, utils
from sqlalchemy import Float, Integer, column, select, text

from readinglist.core.models import Paper
from readinglist.core.search.compile import Compiler
from readinglist.core.search.fts import term_match
from readinglist.core.search.parser import parse_query
from readinglist.core.search.sorting import SortKey, order_by
from readinglist.core.search.syntax import positive_text

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from readinglist.core.search.vocabulary import Vocabulary

# Relevance mixes how closely the title matches the typed text (rapidfuzz) with the
# full-text score over title, abstract and note (FTS5 bm25, title weighted highest).
TITLE_WEIGHT = 0.6
BM25_WEIGHTS = (10.0, 1.0, 2.0)


@dataclass(frozen=True, slots=True)
class SearchResult:
    ids: list[int]
    ranked: bool
    """True when ids are in relevance order (the query had free text)."""


def run_search(
    session: Session,
    query: str,
    sort: SortKey | None = None,
    descending: bool = False,
    vocabulary: Vocabulary | None = None,
) -> SearchResult:
    """Return the ids of papers matching query; raise InvalidQuery with a hint if malformed."""
    node = parse_query(query)
    expand = vocabulary.expand if vocabulary is not None else None
    where = Compiler(expand).compile(node)
    terms = positive_text(node)
    if terms and sort in (None, SortKey.RELEVANCE):
        matches = [m for m in (term_match(t, expand) for t in terms) if m]
        typed = " ".join(t.text for t in terms)
        return SearchResult(_ranked(session, where, matches, typed), ranked=True)
    key = SortKey.ADDED if sort in (None, SortKey.RELEVANCE) else sort
    ids = list(session.scalars(select(Paper.id).where(where).order_by(*order_by(key, descending))))
    return SearchResult(ids, ranked=False)


def _ranked(session: Session, where: object, matches: list[str], typed: str) -> list[int]:
    if matches:
        weights = ", ".join(str(w) for w in BM25_WEIGHTS)
        scores = (
            text(
                f"SELECT rowid AS rid, bm25(papers_fts, {weights}) AS score "
                "FROM papers_fts WHERE papers_fts MATCH :rank_match"
            )
            .bindparams(rank_match=" OR ".join(f"({m})" for m in matches))
            .columns(column("rid", Integer), column("score", Float))
            .subquery("scores")
        )
        statement = (
            select(Paper.id, Paper.title, scores.c.score)
            .outerjoin(scores, scores.c.rid == Paper.id)
            .where(where)  # type: ignore[arg-type]
        )
    else:
        statement = select(Paper.id, Paper.title, Paper.id * 0.0).where(where)  # type: ignore[arg-type]
    rows = session.execute(statement).all()
    best = min((score or 0.0 for _, _, score in rows), default=0.0) or -1.0
    query = utils.default_process(typed)

    def relevance(row: tuple[int, str, float | None]) -> tuple[float, int]:
        paper_id, title, score = row
        title_score = fuzz.WRatio(query, utils.default_process(title)) / 100
        text_score = (score or 0.0) / best
        return (-(TITLE_WEIGHT * title_score + (1 - TITLE_WEIGHT) * text_score), paper_id)

    return [row[0] for row in sorted(rows, key=relevance)]
