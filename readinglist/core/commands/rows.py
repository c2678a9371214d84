"""Row-level helpers shared by commands: check ids, snapshot and restore papers."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, insert, select

from readinglist.core.backends import backend_of
from readinglist.core.bulk import chunked
from readinglist.core.errors import UnknownPaper
from readinglist.core.models import (
    DUPLICATES,
    PAPERS,
    Paper,
    paper_collections,
    paper_tags,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from sqlalchemy.orm import Session

_PAPERS = PAPERS
_DUPLICATES = DUPLICATES
_DATETIME_COLUMNS = frozenset(
    column.name for column in _PAPERS.columns if column.type.python_type is datetime
)


def require_papers(session: Session, ids: Iterable[int]) -> list[int]:
    """Return ids without repeats, in order; raise UnknownPaper if any is missing."""
    unique = list(dict.fromkeys(ids))
    found: set[int] = set()
    for chunk in chunked(unique):
        found.update(session.scalars(select(Paper.id).where(Paper.id.in_(chunk))))
    missing = [paper_id for paper_id in unique if paper_id not in found]
    if missing:
        listed = ", ".join(str(paper_id) for paper_id in missing[:5])
        raise UnknownPaper(f"no paper with id {listed}")
    return unique


def snapshot_papers(session: Session, ids: Sequence[int]) -> dict[str, list[Any]]:
    """Return everything needed to bring these papers back after deleting them."""
    snapshot: dict[str, list[Any]] = {"papers": [], "tags": [], "collections": [], "duplicates": []}
    for chunk in chunked(ids):
        for row in session.execute(select(_PAPERS).where(_PAPERS.c.id.in_(chunk))).mappings():
            snapshot["papers"].append({key: _to_json(value) for key, value in row.items()})
        snapshot["tags"] += [
            list(row)
            for row in session.execute(select(paper_tags).where(paper_tags.c.paper_id.in_(chunk)))
        ]
        snapshot["collections"] += [
            list(row)
            for row in session.execute(
                select(paper_collections).where(paper_collections.c.paper_id.in_(chunk))
            )
        ]
        snapshot["duplicates"] += [
            list(row)
            for row in session.execute(
                select(_DUPLICATES).where(
                    _DUPLICATES.c.paper_id.in_(chunk) | _DUPLICATES.c.other_id.in_(chunk)
                )
            )
        ]
    return snapshot


def restore_papers(session: Session, snapshot: dict[str, list[Any]]) -> None:
    """Insert snapshotted papers back with their ids, tags, collections and duplicate pairs."""
    papers = [
        {key: _from_json(key, value) for key, value in row.items()} for row in snapshot["papers"]
    ]
    if papers:
        session.execute(insert(_PAPERS), papers)
    columns = (
        (paper_tags, ("paper_id", "tag_id"), snapshot["tags"]),
        (paper_collections, ("paper_id", "collection_id", "position"), snapshot["collections"]),
        (_DUPLICATES, ("paper_id", "other_id", "score"), snapshot["duplicates"]),
    )
    for table, names, rows in columns:
        if rows:
            statement = backend_of(session).insert_ignore(table)
            session.execute(statement, [dict(zip(names, row, strict=True)) for row in rows])


def delete_papers(session: Session, ids: Sequence[int]) -> None:
    for chunk in chunked(ids):
        session.execute(delete(_PAPERS).where(_PAPERS.c.id.in_(chunk)))


def _to_json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def _from_json(key: str, value: Any) -> Any:
    if key in _DATETIME_COLUMNS and isinstance(value, str):
        return datetime.fromisoformat(value)
    return value
