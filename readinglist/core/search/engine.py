"""Run a query: filter in SQL and FTS5, then rank free-text matches by title similarity."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz, utils
from sqlalchemy import select

from readinglist.core.backends import backend_of
from readinglist.core.bulk import fetch_ids, titles_of
from readinglist.core.models import Paper
from readinglist.core.search.compile import Compiler
from readinglist.core.search.fts import word_groups
from readinglist.core.search.parser import parse_query
from readinglist.core.search.sorting import SortKey, order_by
from readinglist.core.search.syntax import And, Node, Word, positive_text
from readinglist.core.search.walks import GROUPED, WALKED, from_states, walked_ids
from readinglist.core.users import current_user

if TYPE_CHECKING:
    from sqlalchemy import Select
    from sqlalchemy.orm import Session
    from sqlalchemy.sql.elements import ColumnElement

    from readinglist.core.search.fts import Expander

# At most this many matches are ranked by title similarity: first the matches whose
# titles hold every word typed (found through the title index, which stops at this
# many), then, when the other matches are few, those too. Everything else follows in
# the order papers were added, so a one-letter query on a million papers costs no more
# than a precise one.
RANK_LIMIT = 2000


@dataclass(frozen=True, slots=True)
class SearchResult:
    ids: list[int]
    ranked: bool
    """True when ids are in relevance order (the query had free text)."""
    complete: bool = True
    """False when a limit cut the answer short: more papers match than ids holds.

    The ids of a limited search are always the start of the unlimited one.
    """


def run_search(
    session: Session,
    query: str,
    sort: SortKey | None = None,
    descending: bool = False,
    expand: Expander | None = None,
    limit: int | None = None,
) -> SearchResult:
    """Return the ids of papers matching query; raise InvalidQuery with a hint if malformed.

    expand gives the title words a misspelt word may have meant (``Vocabulary.expand``);
    it is only called when the query has free words. With limit, return at most that
    many ids, and say whether more match: the cost then follows the limit, not the library.
    """
    # No library text holds a NUL (a server refuses to store one): it separates words.
    node = parse_query(query.replace("\x00", " "))
    me = current_user(session)
    compiler = Compiler(backend_of(session), expand, me)
    where = compiler.compile(node)
    terms = positive_text(node)
    ranked = bool(terms) and sort in (None, SortKey.RELEVANCE)
    key = SortKey.ADDED if sort in (None, SortKey.RELEVANCE) else sort
    statement = select(Paper.id).where(where).order_by(*order_by(key, descending, me))
    if not ranked:
        wanted = None if limit is None else limit + 1  # one more tells whether more match
        if compiler.uses_states and key not in GROUPED:
            # Drive the query from the member's states, which the conditions then name.
            joined = Compiler(backend_of(session), expand, me, states_joined=True)
            where = joined.compile(node)
            statement = from_states(where, key, descending, me)
        if key in WALKED:
            ids = walked_ids(session, key, where, descending, wanted, me)
        else:
            ids = fetch_ids(session, statement if wanted is None else statement.limit(wanted))
        if limit is None:
            return SearchResult(ids, ranked=False)
        return SearchResult(ids[:limit], ranked=False, complete=len(ids) <= limit)
    typed = " ".join(term.text for term in terms)
    return _Ranking(session, statement, typed, limit).run(
        _title_candidates(session, node, compiler, expand)
    )


class _Ranking:
    """Order the matches of a free-text query, best title match first."""

    def __init__(
        self, session: Session, statement: Select[Any], typed: str, limit: int | None
    ) -> None:
        self.session = session
        self.statement = statement
        self.query = utils.default_process(typed)
        self.limit = limit

    def run(self, head: dict[int, str]) -> SearchResult:
        best = self._by_relevance(list(head), head)
        if self.limit is not None and len(best) >= self.limit:
            return SearchResult(best[: self.limit], ranked=True, complete=False)
        # The other matches, in the order they were added, ranked too when they are few.
        # Fetching RANK_LIMIT + 1 (or the limit) besides the head tells whether they are.
        statement, wanted, limit = self.statement, None, self.limit
        if limit is not None:
            wanted = len(best) + max(RANK_LIMIT, limit) + 1
            statement = statement.limit(wanted)
        fetched = fetch_ids(self.session, statement)
        chosen = set(best)
        rest = [paper_id for paper_id in fetched if paper_id not in chosen]
        if len(rest) <= RANK_LIMIT:
            rest = self._by_relevance(rest)
        ids = best + rest
        if wanted is None or limit is None:
            return SearchResult(ids, ranked=True)
        everything = len(fetched) < wanted
        return SearchResult(ids[:limit], ranked=True, complete=everything and len(ids) <= limit)

    def _by_relevance(self, ids: list[int], titles: dict[int, str] | None = None) -> list[int]:
        if titles is None:
            titles = titles_of(self.session, ids)
        query = self.query

        def relevance(paper_id: int) -> float:
            return -fuzz.WRatio(query, utils.default_process(titles.get(paper_id, "")))

        return sorted(ids, key=relevance)  # stable: ties keep the order they came in


def _title_candidates(
    session: Session, node: Node, compiler: Compiler, expand: Expander | None
) -> dict[int, str]:
    """Return up to RANK_LIMIT matches (id -> title) whose titles hold every word the
    query requires.

    The title index drives the lookup and stops at RANK_LIMIT hits, so a common prefix
    costs no more than a rare one; the query's other conditions filter each hit.
    """
    groups = [group for word in _required_words(node) for group in word_groups(word, expand)]
    if not groups:
        return {}
    others: ColumnElement[bool] = compiler.compile(_without_words(node))
    return compiler.backend.title_candidates(session, groups, others, RANK_LIMIT)


def _required_words(node: Node) -> list[Word]:
    """Return the free words every match must hold (those directly under the top AND)."""
    if isinstance(node, Word):
        return [node]
    if isinstance(node, And):
        return [term for term in node.terms if isinstance(term, Word)]
    return []


def _without_words(node: Node) -> Node:
    if isinstance(node, Word):
        return And(())
    if isinstance(node, And):
        return And(tuple(term for term in node.terms if not isinstance(term, Word)))
    return node
