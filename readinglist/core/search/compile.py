"""Compile a query tree into an SQL condition on papers, with every value a bound parameter."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, exists, false, func, not_, or_, select, true

from readinglist.core.models import (
    Collection,
    DuplicateCandidate,
    Paper,
    PaperState,
    Tag,
    paper_collections,
    paper_tags,
)
from readinglist.core.search.fts import Expander, tokens, word_groups
from readinglist.core.search.syntax import And, Filter, Node, Not, Or, Phrase, Word
from readinglist.core.users import LOCAL_USER

if TYPE_CHECKING:
    from sqlalchemy.sql.elements import ColumnElement

    from readinglist.core.backends import Backend



class Compiler:
    """Turn one query tree into a WHERE clause; `expand` adds typo-tolerant title words.

    Status and rating filters ask about the state of member user_id: through a subquery,
    or, with states_joined, of the member's ``paper_states`` row the query itself joins.
    """

    def __init__(
        self,
        backend: Backend,
        expand: Expander | None = None,
        user_id: int = LOCAL_USER,
        *,
        states_joined: bool = False,
    ) -> None:
        self.backend = backend
        self.expand = expand
        self.user_id = user_id
        self.states_joined = states_joined
        self.uses_states = False
        """Whether the query asked about the member's state (set by compile)."""

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
        groups = word_groups(word, self.expand)
        return self.backend.word_match(groups) if groups else true()

    def _phrase(self, phrase: Phrase) -> ColumnElement[bool]:
        contains = self.backend.text_contains(phrase.text)
        words = tokens(phrase.text)
        return and_(self.backend.phrase_match(words), contains) if words else contains

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
            return self._mine(PaperState.status == value)
        if node.field in ("rating", "year"):
            column: Any = PaperState.rating if node.field == "rating" else Paper.year
            number = int(value)
            comparisons = {
                "=": column == number,
                ">=": column >= number,
                "<=": column <= number,
                ">": column > number,
                "<": column < number,
            }
            # Unrated papers match no comparison, nor does NOT take them for a match.
            condition = and_(column.is_not(None), comparisons[node.op])
            return self._mine(condition) if node.field == "rating" else condition
        if node.field == "is":
            return self._is(value)
        if node.field == "has":
            text_column: Any = Paper.note if value == "note" else Paper.abstract
            return func.trim(text_column) != ""
        raise AssertionError(f"unknown filter {node.field}")

    def _mine(self, condition: ColumnElement[bool]) -> ColumnElement[bool]:
        """Papers whose state for this member meets condition (read off the member's index)."""
        self.uses_states = True
        if self.states_joined:
            return condition
        return Paper.id.in_(
            select(PaperState.paper_id).where(PaperState.user_id == self.user_id, condition)
        )

    def _is(self, value: str) -> ColumnElement[bool]:
        tagged = exists(select(1).where(paper_tags.c.paper_id == Paper.id))
        duplicate = exists(
            select(1).where(
                or_(
                    DuplicateCandidate.paper_id == Paper.id, DuplicateCandidate.other_id == Paper.id
                )
            )
        )
        return {
            "unrated": self._mine(PaperState.rating.is_(None)),
            "rated": self._mine(PaperState.rating.is_not(None)),
            "untagged": not_(tagged),
            "tagged": tagged,
            "duplicate": duplicate,
        }[value]
