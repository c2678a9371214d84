"""Sorts that walk an index one value at a time, so that a page costs what it holds.

By rating or status: take the papers of each value in turn (``rating = 5``, then 4...),
each step read in id order off the member's (user, value, paper) index of
``paper_states``, where ``ORDER BY`` the value would sort every match. By queue place:
the member's queued papers in order off the (user, place, paper) index, then the rest.
By tag or collection name: a paper sorts under the first (alphabetically) of its tags;
rather than ask that of every paper, walk the tags in name order and take from each the
papers that have no earlier tag. Papers without a value come last, as with every other
sort.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, exists, not_, select
from sqlalchemy.sql.elements import True_

from readinglist.core.bulk import fetch_ids
from readinglist.core.models import (
    Collection,
    Paper,
    PaperState,
    Tag,
    paper_collections,
    paper_tags,
)
from readinglist.core.search.sorting import STATUS_ORDER, SortKey, order_by

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from sqlalchemy import Select
    from sqlalchemy.orm import Session
    from sqlalchemy.sql.elements import ColumnElement


@dataclass(frozen=True, slots=True)
class Grouping:
    """A kind of name a paper is filed under: the names' table and the link table."""

    names: Any
    links: Table
    key: str

    def name_column(self) -> Any:
        return self.names.name

    def link_key(self) -> Any:
        return self.links.c[self.key]


TAGS = Grouping(Tag, paper_tags, "tag_id")
COLLECTIONS = Grouping(Collection, paper_collections, "collection_id")


def grouped_ids(
    session: Session,
    grouping: Grouping,
    where: ColumnElement[bool],
    descending: bool,
    limit: int | None,
) -> list[int]:
    """Return ids matching where, by their first name (descending: last first), then by id."""
    name = grouping.name_column()
    order = name.desc() if descending else name.asc()
    groups = session.execute(select(grouping.names.id, name).order_by(order)).all()
    links = grouping.links
    paper = links.c.paper_id

    def steps() -> Iterator[Select[Any]]:
        for group_id, group_name in groups:
            earlier = links.alias("earlier")
            has_earlier = exists(
                select(1)
                .select_from(
                    earlier.join(grouping.names, grouping.names.id == earlier.c[grouping.key])
                )
                .where(earlier.c.paper_id == paper, name < group_name)
            )
            statement = (
                select(paper)
                .where(grouping.link_key() == group_id, not_(has_earlier))
                .order_by(paper)
            )
            yield _filtered(statement, paper, where)
        yield select(Paper.id).where(
            where, not_(exists(select(1).where(paper == Paper.id)))
        ).order_by(Paper.id)

    return _collect(session, steps(), limit)


WALKED = frozenset(
    {SortKey.TAGS, SortKey.COLLECTIONS, SortKey.RATING, SortKey.STATUS, SortKey.QUEUE}
)
"""The sorts ``walked_ids`` answers."""
GROUPED = frozenset({SortKey.TAGS, SortKey.COLLECTIONS})
"""The walked sorts that read names and links, not the member's states."""


def walked_ids(
    session: Session,
    key: SortKey,
    where: ColumnElement[bool],
    descending: bool,
    limit: int | None,
    user_id: int,
) -> list[int]:
    """Return ids matching where in key's order (rating, status and queue: user_id's).

    For those three, where may name the member's states (``states_joined``): each step
    reads the member's ``paper_states`` rows.
    """
    if key == SortKey.RATING:
        ratings = range(5, -1, -1) if descending else range(6)
        return state_ids(session, user_id, PaperState.rating, list(ratings), where, limit)
    if key == SortKey.STATUS:
        statuses = STATUS_ORDER[::-1] if descending else STATUS_ORDER
        return state_ids(
            session, user_id, PaperState.status, statuses, where, limit, newest_first=descending
        )
    if key == SortKey.QUEUE:
        return queue_ids(session, user_id, where, descending, limit)
    grouping = TAGS if key == SortKey.TAGS else COLLECTIONS
    return grouped_ids(session, grouping, where, descending, limit)


def from_states(
    where: ColumnElement[bool], key: SortKey, descending: bool, user_id: int
) -> Select[Any]:
    """Return the list query for a where that asks about the member's state (compiled
    with ``states_joined``), driven from the member's ``paper_states`` rows.

    The member's (user, status|rating, paper) index then yields the matches in id order:
    asking "is this paper queued?" of each paper, or looking each queued paper up in the
    wide papers table, costs ten times as much.
    """
    paper = PaperState.paper_id
    order = order_by(key, descending, user_id)
    if key in (SortKey.ADDED, SortKey.RELEVANCE):
        order = [paper.desc() if descending else paper.asc()]
    return (
        select(paper)
        .select_from(PaperState.__table__.join(Paper, Paper.id == paper))
        .where(PaperState.user_id == user_id, where)
        .order_by(*order)
    )


def state_ids(
    session: Session,
    user_id: int,
    column: Any,
    values: Sequence[object],
    where: ColumnElement[bool],
    limit: int | None,
    newest_first: bool = False,
) -> list[int]:
    """Return ids matching where with the member's column equal to each of values in turn,
    then NULL; within a value in id order (newest_first: reversed)."""
    paper = PaperState.paper_id
    within = paper.desc() if newest_first else paper.asc()
    conditions = [*(column == value for value in values), column.is_(None)]
    steps = (
        _filtered(
            select(paper).where(PaperState.user_id == user_id, condition).order_by(within),
            paper,
            where,
        )
        for condition in conditions
    )
    return _collect(session, steps, limit)


def queue_ids(
    session: Session,
    user_id: int,
    where: ColumnElement[bool],
    descending: bool,
    limit: int | None,
) -> list[int]:
    """Return ids matching where: the member's queue in order (descending: reversed), then
    the papers not queued, in id order (descending: newest first)."""
    paper, place = PaperState.paper_id, PaperState.queue_position
    mine = PaperState.user_id == user_id
    order: list[Any] = [place.desc(), paper.desc()] if descending else [place.asc(), paper.asc()]
    queued = select(paper).where(mine, place.is_not(None)).order_by(*order)
    rest = select(paper).where(mine, place.is_(None)).order_by(order[1])
    return _collect(session, (_filtered(step, paper, where) for step in (queued, rest)), limit)


def _collect(session: Session, steps: Iterable[Select[Any]], limit: int | None) -> list[int]:
    """Run each step in turn, asking each for what the page still lacks, until it is full."""
    ids: list[int] = []
    for statement in steps:
        if limit is not None:
            if len(ids) >= limit:
                break
            statement = statement.limit(limit - len(ids))
        ids.extend(fetch_ids(session, statement))
    return ids


def _filtered(statement: Any, paper: Any, where: ColumnElement[bool]) -> Any:
    """Add the query's conditions (which need the papers table) unless there are none."""
    if isinstance(where, True_):
        return statement
    return statement.join(Paper, Paper.id == paper).where(where)
