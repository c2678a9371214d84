"""Run a query: filter in SQL and FTS5, then rank free-text matches by title similarity."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, utils
from sqlalchemy import select

from readinglist.core.bulk import fetch_ids, raw_connection, titles_of
from readinglist.core.models import Paper
from readinglist.core.search.compile import Compiler
from readinglist.core.search.fts import word_match
from readinglist.core.search.parser import parse_query
from readinglist.core.search.sorting import SortKey, order_by
from readinglist.core.search.syntax import Word, positive_text

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from readinglist.core.search.fts import Expander

# At most this many matches are ranked by title similarity: all of them when there are
# few, else those whose titles hold every word typed. The other matches follow, newest
# first, so a one-letter query on a million papers costs no more than a precise one.
RANK_LIMIT = 2000


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
    expand: Expander | None = None,
) -> SearchResult:
    """Return the ids of papers matching query; raise InvalidQuery with a hint if malformed.

    expand gives the title words a misspelt word may have meant (``Vocabulary.expand``);
    it is only called when the query has free words.
    """
    node = parse_query(query)
    where = Compiler(expand).compile(node)
    terms = positive_text(node)
    ranked = bool(terms) and sort in (None, SortKey.RELEVANCE)
    key = SortKey.ADDED if sort in (None, SortKey.RELEVANCE) else sort
    ids = fetch_ids(session, select(Paper.id).where(where).order_by(*order_by(key, descending)))
    if not ranked:
        return SearchResult(ids, ranked=False)
    words = [term for term in terms if isinstance(term, Word)]
    typed = " ".join(term.text for term in terms)
    return SearchResult(_ranked(session, ids, words, typed, expand), ranked=True)


def _ranked(
    session: Session, ids: list[int], words: list[Word], typed: str, expand: Expander | None
) -> list[int]:
    candidates = ids if len(ids) <= RANK_LIMIT else _title_candidates(session, ids, words, expand)
    titles = titles_of(session, candidates)
    query = utils.default_process(typed)

    def relevance(paper_id: int) -> float:
        return -fuzz.WRatio(query, utils.default_process(titles.get(paper_id, "")))

    best = sorted(candidates, key=relevance)  # stable: ties keep newest-first order
    chosen = set(best)
    return best + [paper_id for paper_id in ids if paper_id not in chosen]


def _title_candidates(
    session: Session, ids: list[int], words: list[Word], expand: Expander | None
) -> list[int]:
    """Return up to RANK_LIMIT matches whose titles hold every word typed."""
    parts = [match.titles for match in (word_match(w, expand) for w in words) if match]
    if not parts:
        return ids[:RANK_LIMIT]
    rows = raw_connection(session).execute(
        "SELECT rowid FROM titles_fts WHERE titles_fts MATCH ? LIMIT ?",
        (" AND ".join(f"({part})" for part in parts), RANK_LIMIT * 4),
    )
    matching = set(ids)
    return [row[0] for row in rows if row[0] in matching][:RANK_LIMIT]
