"""The undo history, kept in the library so undo works across restarts and processes.

Entries with ``applied`` set form the undo stack (newest last); the others, newer than
every applied entry, form the redo stack. Recording a new step drops the redo stack.
"""

from __future__ import annotations

import json
import zlib
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select

from readinglist.core.commands.base import Command, command_from_state
from readinglist.core.models import HistoryEntry, utcnow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# Steps kept; older ones are forgotten (they can no longer be undone).
HISTORY_LIMIT = 200


def encode(command: Command) -> bytes:
    return zlib.compress(json.dumps(command.state(), separators=(",", ":")).encode(), 1)


def decode(entry: HistoryEntry) -> Command:
    return command_from_state(entry.kind, json.loads(zlib.decompress(entry.state)))


def record(session: Session, command: Command) -> None:
    """Add an applied step on top of the undo stack, dropping the redo stack."""
    session.execute(delete(HistoryEntry).where(HistoryEntry.applied.is_(False)))
    session.add(
        HistoryEntry(
            label=command.label,
            kind=command.kind,
            state=encode(command),
            applied=True,
            created_at=utcnow(),
        )
    )
    session.flush()
    count = session.scalar(select(func.count()).select_from(HistoryEntry)) or 0
    if count > HISTORY_LIMIT:
        oldest = select(HistoryEntry.id).order_by(HistoryEntry.id).limit(count - HISTORY_LIMIT)
        session.execute(delete(HistoryEntry).where(HistoryEntry.id.in_(oldest)))


def next_undo(session: Session) -> HistoryEntry | None:
    return session.scalars(
        select(HistoryEntry)
        .where(HistoryEntry.applied.is_(True))
        .order_by(HistoryEntry.id.desc())
        .limit(1)
    ).first()


def next_redo(session: Session) -> HistoryEntry | None:
    return session.scalars(
        select(HistoryEntry)
        .where(HistoryEntry.applied.is_(False))
        .order_by(HistoryEntry.id)
        .limit(1)
    ).first()


def mark(entry: HistoryEntry, command: Command, *, applied: bool) -> None:
    """Store the command's updated state (it may have captured more) and its new place."""
    entry.state = encode(command)
    entry.applied = applied
