"""Sort orders for the paper list, each an indexed SQL ORDER BY where possible.

Rating, status and queue sorts are by the current member's state: the search walks the
member's index for them (``walks``); the ORDER BY terms here say the same order.
"""

from __future__ import annotations

import enum
from typing import Any

from sqlalchemy import case, func, select

from readinglist.core.models import (
    Collection,
    Paper,
    PaperState,
    Tag,
    paper_collections,
    paper_tags,
)
from readinglist.core.users import LOCAL_USER


class SortKey(enum.StrEnum):
    RELEVANCE = "relevance"
    ADDED = "added"
    TITLE = "title"
    RATING = "rating"
    STATUS = "status"
    MODIFIED = "modified"
    QUEUE = "queue"
    TAGS = "tags"
    COLLECTIONS = "collections"


STATUS_ORDER = ["inbox", "queued", "reading", "read", "skipped"]
"""Statuses in the order a status sort lists them (the order a paper goes through)."""


def order_by(key: SortKey, descending: bool, user_id: int = LOCAL_USER) -> list[Any]:
    """Return ORDER BY terms; papers lacking the value (unrated, unqueued) always come last.

    Rating, status and queue place are those of member user_id.
    """
    if key in (SortKey.ADDED, SortKey.RELEVANCE):
        # Ids only grow (AUTOINCREMENT) as papers are added, so id order is added order,
        # read off the narrow ix_papers_id index without a sort.
        terms: list[Any] = [Paper.id]
    elif key == SortKey.TITLE:
        terms = [Paper.title, Paper.id]
    elif key == SortKey.MODIFIED:
        terms = [Paper.modified_at, Paper.id]
    elif key == SortKey.STATUS:
        status = _mine(PaperState.status, user_id)
        terms = [case({s: i for i, s in enumerate(STATUS_ORDER)}, value=status), Paper.id]
    elif key == SortKey.RATING:
        value = _mine(PaperState.rating, user_id)
        return [value.is_(None), _direction(value, descending), Paper.id]
    elif key == SortKey.QUEUE:
        # Descending is the exact reverse of the queue (ties too), then the newest unqueued.
        value = _mine(PaperState.queue_position, user_id)
        return [value.is_(None), _direction(value, descending), _direction(Paper.id, descending)]
    elif key == SortKey.TAGS:
        first = (
            select(func.min(Tag.name))
            .join(paper_tags, paper_tags.c.tag_id == Tag.id)
            .where(paper_tags.c.paper_id == Paper.id)
            .scalar_subquery()
        )
        return [first.is_(None), _direction(first, descending), Paper.id]
    else:
        first = (
            select(func.min(Collection.name))
            .join(paper_collections, paper_collections.c.collection_id == Collection.id)
            .where(paper_collections.c.paper_id == Paper.id)
            .scalar_subquery()
        )
        return [first.is_(None), _direction(first, descending), Paper.id]
    return [_direction(term, descending) for term in terms]


def _mine(column: Any, user_id: int) -> Any:
    """Return column of member user_id's state of the paper, as a correlated subquery."""
    return (
        select(column)
        .where(PaperState.user_id == user_id, PaperState.paper_id == Paper.id)
        .scalar_subquery()
    )


def _direction(term: Any, descending: bool) -> Any:
    return term.desc() if descending else term.asc()
