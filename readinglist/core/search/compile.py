"""Compile a query tree into an SQL condition on papers, with every value a bound parameter."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Integer,
    and_,
    bindparam,
    column,
    exists,
    false,
    func,
    not_,
    or_,
    select,
    text,
    true,
)

from readinglist.core.models import (
    Collection,
    DuplicateCandidate,
    Paper,
    Tag,
    paper_collections,
    paper_tags,
)
from readinglist.core.search.fts import Expander, term_match
from readinglist.core.search.syntax import And, Filter, Node, Not, Or, Phrase, Word

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy.sql.elements import ColumnElement

_LIKE_ESCAPE = "\\"


class Compiler:
    """Turn one query tree into a WHERE clause; `expand` adds typo-tolerant title words."""

    def __init__(self, expand: Expander | None = None) -> None:
        self.expand = expand
        self._params = 0

    def compile(self, node: Node) -> ColumnElement[bool]:
        if isinstance(node, And):
            return self._group(node.terms, " AND ", and_, true())
        if isinstance(node, Or):
            return self._group(node.terms, " OR ", or_, false())
        if isinstance(node, Not):
            return not_(self.compile(node.term))
        if isinstance(node, Word | Phrase):
            return self._text(node)
        return self._filter(node)

    def _group(
        self,
        terms: tuple[Node, ...],
        joiner: str,
        combine: Callable[..., ColumnElement[bool]],
        empty: ColumnElement[bool],
    ) -> ColumnElement[bool]:
        """Send a group's words and phrases to FTS5 in one MATCH; other terms become SQL."""
        text_terms = [t for t in terms if isinstance(t, Word)]
        others = [t for t in terms if not isinstance(t, Word)]
        clauses = [self.compile(t) for t in others]
        matches = [m for m in (term_match(t, self.expand) for t in text_terms) if m]
        if matches:
            clauses.append(self._fts(joiner.join(f"({m})" for m in matches)))
        if not clauses:
            return empty
        return clauses[0] if len(clauses) == 1 else combine(*clauses)

    def _text(self, term: Word | Phrase) -> ColumnElement[bool]:
        match = term_match(term, self.expand)
        clauses = [self._fts(match)] if match else []
        if isinstance(term, Phrase):
            clauses.append(self._contains(term.text))
        if not clauses:
            return true()
        return and_(*clauses) if len(clauses) > 1 else clauses[0]

    def _fts(self, match: str) -> ColumnElement[bool]:
        name = self._param()
        subquery = text(f"SELECT rowid FROM papers_fts WHERE papers_fts MATCH :{name}").bindparams(
            bindparam(name, match)
        )
        return Paper.id.in_(subquery.columns(column("rowid", Integer)))

    def _contains(self, phrase: str) -> ColumnElement[bool]:
        pattern = "%" + _escape_like(phrase) + "%"
        haystack = Paper.title + " " + Paper.abstract + " " + Paper.note
        return haystack.like(pattern, escape=_LIKE_ESCAPE)

    def _filter(self, node: Filter) -> ColumnElement[bool]:
        value = node.value
        if node.field == "tag":
            return exists(
                select(1)
                .select_from(paper_tags.join(Tag, Tag.id == paper_tags.c.tag_id))
                .where(paper_tags.c.paper_id == Paper.id, Tag.name == value)
            )
        if node.field == "in":
            return exists(
                select(1)
                .select_from(
                    paper_collections.join(
                        Collection, Collection.id == paper_collections.c.collection_id
                    )
                )
                .where(paper_collections.c.paper_id == Paper.id, Collection.name == value)
            )
        if node.field == "status":
            return Paper.status == value
        if node.field in ("rating", "year"):
            column: Any = Paper.rating if node.field == "rating" else Paper.year
            number = int(value)
            comparisons = {
                "=": column == number,
                ">=": column >= number,
                "<=": column <= number,
                ">": column > number,
                "<": column < number,
            }
            return and_(column.is_not(None), comparisons[node.op])
        if node.field == "is":
            return self._is(value)
        if node.field == "has":
            text_column: Any = Paper.note if value == "note" else Paper.abstract
            return func.trim(text_column) != ""
        raise AssertionError(f"unknown filter {node.field}")

    @staticmethod
    def _is(value: str) -> ColumnElement[bool]:
        tagged = exists(select(1).where(paper_tags.c.paper_id == Paper.id))
        duplicate = exists(
            select(1).where(
                or_(
                    DuplicateCandidate.paper_id == Paper.id, DuplicateCandidate.other_id == Paper.id
                )
            )
        )
        return {
            "unrated": Paper.rating.is_(None),
            "rated": Paper.rating.is_not(None),
            "untagged": not_(tagged),
            "tagged": tagged,
            "duplicate": duplicate,
        }[value]

    def _param(self) -> str:
        self._params += 1
        return f"fts_{self._params}"


def _escape_like(value: str) -> str:
    return value.replace(_LIKE_ESCAPE, _LIKE_ESCAPE * 2).replace("%", "\\%").replace("_", "\\_")
