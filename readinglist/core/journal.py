"""The undo history, kept in the library so undo works across restarts and processes.

Each member has their own history: their entries with ``applied`` set form their undo
stack (newest last); their others, newer than every applied one, form the redo stack.
Recording a new step drops the member's redo stack. Undo reverts the member's own step
even when others changed the library since.
"""

from __future__ import annotations

import json
import zlib
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select

from readinglist.core.commands.base import Command, command_from_state
from readinglist.core.models import HistoryEntry, utcnow
from readinglist.core.users import current_user

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# Steps kept for each member; older ones are forgotten (they can no longer be undone).
HISTORY_LIMIT = 200


def encode(command: Command) -> bytes:
    return zlib.compress(json.dumps(command.state(), separators=(",", ":")).encode(), 1)


def decode(entry: HistoryEntry) -> Command:
    return command_from_state(entry.kind, json.loads(zlib.decompress(entry.state)))


def record(session: Session, command: Command) -> None:
    """Add an applied step on top of the member's undo stack, dropping their redo stack."""
    me = current_user(session)
    mine = HistoryEntry.user_id == me
    session.execute(delete(HistoryEntry).where(mine, HistoryEntry.applied.is_(False)))
    session.add(
        HistoryEntry(
            label=command.label,
            kind=command.kind,
            state=encode(command),
            applied=True,
            created_at=utcnow(),
            user_id=me,
        )
    )
    session.flush()
    count = session.scalar(select(func.count()).where(mine)) or 0
    if count > HISTORY_LIMIT:
        oldest = (
            select(HistoryEntry.id)
            .where(mine)
            .order_by(HistoryEntry.id)
            .limit(count - HISTORY_LIMIT)
            .scalar_subquery()
        )
        session.execute(delete(HistoryEntry).where(HistoryEntry.id.in_(oldest)))


def next_undo(session: Session) -> HistoryEntry | None:
    """Return the member's newest applied step (None when they have none)."""
    return session.scalars(
        select(HistoryEntry)
        .where(HistoryEntry.user_id == current_user(session), HistoryEntry.applied.is_(True))
        .order_by(HistoryEntry.id.desc())
        .limit(1)
    ).first()


def next_redo(session: Session) -> HistoryEntry | None:
    """Return the member's oldest undone step (None when they have none)."""
    return session.scalars(
        select(HistoryEntry)
        .where(HistoryEntry.user_id == current_user(session), HistoryEntry.applied.is_(False))
        .order_by(HistoryEntry.id)
        .limit(1)
    ).first()


def mark(entry: HistoryEntry, command: Command, *, applied: bool) -> None:
    """Store the command's updated state (it may have captured more) and its new place."""
    entry.state = encode(command)
    entry.applied = applied
