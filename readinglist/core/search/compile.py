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
from readinglist.core.search.fts import Expander, phrase_match, word_match
from readinglist.core.search.syntax import And, Filter, Node, Not, Or, Phrase, Word

if TYPE_CHECKING:
    from sqlalchemy.sql.elements import ColumnElement

_LIKE_ESCAPE = "\\"


class Compiler:
    """Turn one query tree into a WHERE clause; `expand` adds typo-tolerant title words."""

    def __init__(self, expand: Expander | None = None) -> None:
        self.expand = expand
        self._params = 0

    def compile(self, node: Node) -> ColumnElement[bool]:
        if isinstance(node, And):
            return and_(*(self.compile(t) for t in node.terms)) if node.terms else true()
        if isinstance(node, Or):
            return or_(*(self.compile(t) for t in node.terms)) if node.terms else false()
        if isinstance(node, Not):
            return not_(self.compile(node.term))
        if isinstance(node, Word):
            return self._word(node)
        if isinstance(node, Phrase):
            return self._phrase(node)
        return self._filter(node)

    def _word(self, word: Word) -> ColumnElement[bool]:
        match = word_match(word, self.expand)
        if match is None:
            return true()
        titles, text_ = self._param(), self._param()
        subquery = text(
            f"SELECT rowid FROM titles_fts WHERE titles_fts MATCH :{titles} "
            f"UNION SELECT rowid FROM papers_fts WHERE papers_fts MATCH :{text_}"
        ).bindparams(bindparam(titles, match.titles), bindparam(text_, match.text))
        return Paper.id.in_(subquery.columns(column("rowid", Integer)))

    def _phrase(self, phrase: Phrase) -> ColumnElement[bool]:
        contains = self._contains(phrase.text)
        match = phrase_match(phrase)
        if match is None:
            return contains
        name = self._param()
        subquery = text(f"SELECT rowid FROM papers_fts WHERE papers_fts MATCH :{name}").bindparams(
            bindparam(name, match)
        )
        return and_(Paper.id.in_(subquery.columns(column("rowid", Integer))), contains)

    def _contains(self, phrase: str) -> ColumnElement[bool]:
        pattern = "%" + _escape_like(phrase) + "%"
        haystack = Paper.title + " " + Paper.abstract + " " + Paper.note
        return haystack.like(pattern, escape=_LIKE_ESCAPE)

    def _filter(self, node: Filter) -> ColumnElement[bool]:
        value = node.value
        if node.field == "tag":
            tagged = (
                select(paper_tags.c.paper_id)
                .join(Tag, Tag.id == paper_tags.c.tag_id)
                .where(Tag.name == value)
            )
            return Paper.id.in_(tagged)
        if node.field == "in":
            members = (
                select(paper_collections.c.paper_id)
                .join(Collection, Collection.id == paper_collections.c.collection_id)
                .where(Collection.name == value)
            )
            return Paper.id.in_(members)
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
