"""Sorts that walk an index one value at a time, so that a page costs what it holds.

By rating or status: take the papers of each value in turn (``rating = 5``, then 4...),
each step read in id order off the column's index, where ``ORDER BY`` the value would
sort every match. By tag or collection name: a paper sorts under the first
(alphabetically) of its tags; rather than ask that of every paper, walk the tags in name
order and take from each the papers that have no earlier tag. Papers without a value
come last, as with every other sort.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, exists, not_, select
from sqlalchemy.sql.elements import True_

from readinglist.core.bulk import fetch_ids
from readinglist.core.models import Collection, Paper, Tag, paper_collections, paper_tags

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


def value_ids(
    session: Session,
    column: Any,
    values: Sequence[object],
    where: ColumnElement[bool],
    limit: int | None,
    newest_first: bool = False,
) -> list[int]:
    """Return ids matching where with column equal to each of values in turn, then NULL;
    within a value in id order (newest_first: reversed)."""
    within = Paper.id.desc() if newest_first else Paper.id.asc()
    conditions = [*(column == value for value in values), column.is_(None)]
    steps = (select(Paper.id).where(condition, where).order_by(within) for condition in conditions)
    return _collect(session, steps, limit)


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
