"""Sort orders for the paper list, each an indexed SQL ORDER BY where possible."""

from __future__ import annotations

import enum
from typing import Any

from sqlalchemy import case, func, select

from readinglist.core.models import Collection, Paper, Tag, paper_collections, paper_tags


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
_STATUS_ORDER = case({status: i for i, status in enumerate(STATUS_ORDER)}, value=Paper.status)


def order_by(key: SortKey, descending: bool) -> list[Any]:
    """Return ORDER BY terms; papers lacking the value (unrated, unqueued) always come last."""
    if key in (SortKey.ADDED, SortKey.RELEVANCE):
        # Ids only grow (AUTOINCREMENT) as papers are added, so id order is added order,
        # read off the narrow ix_papers_id index without a sort.
        terms: list[Any] = [Paper.id]
    elif key == SortKey.TITLE:
        terms = [Paper.title, Paper.id]
    elif key == SortKey.MODIFIED:
        terms = [Paper.modified_at, Paper.id]
    elif key == SortKey.STATUS:
        terms = [_STATUS_ORDER, Paper.id]
    elif key == SortKey.RATING:
        return [Paper.rating.is_(None), _direction(Paper.rating, descending), Paper.id]
    elif key == SortKey.QUEUE:
        return [
            Paper.queue_position.is_(None),
            _direction(Paper.queue_position, descending),
            Paper.id,
        ]
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


def _direction(term: Any, descending: bool) -> Any:
    return term.desc() if descending else term.asc()
