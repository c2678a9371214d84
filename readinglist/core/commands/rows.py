"""Row-level helpers shared by commands: check ids, snapshot and restore papers.

A snapshot holds the current member's state of each paper besides the shared rows;
restoring gives every other member a blank state row (their own is theirs to write).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, insert, select

from readinglist.core.backends import backend_of
from readinglist.core.bulk import chunked
from readinglist.core.errors import UnknownPaper
from readinglist.core.models import (
    DUPLICATES,
    PAPER_STATES,
    PAPERS,
    Paper,
    paper_collections,
    paper_tags,
)
from readinglist.core.users import add_paper_states, current_user

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from sqlalchemy.orm import Session

_PAPERS = PAPERS
_DUPLICATES = DUPLICATES
_STATES = PAPER_STATES
_DATETIME_COLUMNS = frozenset(
    column.name
    for table in (_PAPERS, _STATES)
    for column in table.columns
    if column.type.python_type is datetime
)
_STATE_COLUMNS = frozenset(column.name for column in _STATES.columns) - {"user_id"}
# What a paper row held before each member had their own state (revision 0007): a
# snapshot journaled then carries it in the paper's row.
_PERSONAL_COLUMNS = ("rating", "status", "status_changed_at", "queue_position")


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
    snapshot: dict[str, list[Any]] = {
        "papers": [],
        "states": [],
        "tags": [],
        "collections": [],
        "duplicates": [],
    }
    me = current_user(session)
    for chunk in chunked(ids):
        for row in session.execute(select(_PAPERS).where(_PAPERS.c.id.in_(chunk))).mappings():
            snapshot["papers"].append({key: _to_json(value) for key, value in row.items()})
        mine = select(_STATES).where(_STATES.c.user_id == me, _STATES.c.paper_id.in_(chunk))
        for row in session.execute(mine).mappings():
            snapshot["states"].append(
                {key: _to_json(value) for key, value in row.items() if key != "user_id"}
            )
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
    """Insert snapshotted papers back with their ids, states, tags, collections and pairs."""
    papers = [
        {key: _from_json(key, value) for key, value in row.items()} for row in snapshot["papers"]
    ]
    states = [
        {key: _from_json(key, value) for key, value in row.items() if key in _STATE_COLUMNS}
        for row in snapshot.get("states") or [_personal_part(paper) for paper in papers]
    ]
    if papers:
        session.execute(insert(_PAPERS), papers)
    me = current_user(session)
    if states:
        session.execute(insert(_STATES), [{**state, "user_id": me} for state in states])
    add_paper_states(session, [paper["id"] for paper in papers])
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


def _personal_part(paper: dict[str, Any]) -> dict[str, Any]:
    """Move the personal columns out of a paper row snapshotted before revision 0007."""
    state = {column: paper.pop(column) for column in _PERSONAL_COLUMNS if column in paper}
    return {**state, "paper_id": paper["id"]}


def _to_json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def _from_json(key: str, value: Any) -> Any:
    if key in _DATETIME_COLUMNS and isinstance(value, str):
        return datetime.fromisoformat(value)
    return value
