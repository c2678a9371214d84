"""Set-based reads and writes of paper columns, for commands that change many papers.

They send plain SQL through the session's connection: SQLAlchemy takes longer to build
an IN list of 1,000 ids than SQLite takes to run the statement. Errors still arrive as
SQLAlchemy's, which ``Library.writing`` reports.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from readinglist.core.backends import backend_of
from readinglist.core.bulk import chunked
from readinglist.core.commands.rows import require_papers
from readinglist.core.models import PAPERS, utcnow

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from sqlalchemy.engine import CursorResult
    from sqlalchemy.orm import Session

_COLUMNS = frozenset(column.name for column in PAPERS.columns)


def run(session: Session, sql: str, params: Sequence[Any]) -> CursorResult[Any]:
    """Run one statement, or one a row when params is a list of rows, in session's transaction."""
    result: CursorResult[Any] = backend_of(session).run(session.connection(), sql, params)
    return result


def marks(count: int) -> str:
    """Return "(?, ?, ...)" with count placeholders, for an IN list."""
    return f"({', '.join('?' * count)})"


def require_all(session: Session, ids: Iterable[int]) -> list[int]:
    """Return ids without repeats, in order; raise UnknownPaper when one names no paper.

    ``rows.require_papers`` in plain SQL, for the thousands of ids a bulk change names.
    """
    unique = list(dict.fromkeys(ids))
    found = 0
    for chunk in chunked(unique):
        found += len(run(session, "SELECT id FROM papers WHERE id IN " + marks(len(chunk)),
                         tuple(chunk)).fetchall())
    if found != len(unique):
        require_papers(session, unique)  # names the missing papers
    return unique


def set_all(session: Session, ids: Sequence[int], values: dict[str, Any]) -> None:
    """Give every paper in ids the same values and mark it modified now."""
    values = {**values, "modified_at": utcnow()}
    assignments = ", ".join(f"{name} = ?" for name in _checked(values))
    stamp = backend_of(session).stamp
    params = [stamp(value) if isinstance(value, datetime) else value for value in values.values()]
    for chunk in chunked(ids):
        sql = f"UPDATE papers SET {assignments} WHERE id IN {marks(len(chunk))}"
        run(session, sql, (*params, *chunk))


def touch(session: Session, ids: Sequence[int]) -> None:
    """Record that these papers changed now (for sorting by "modified")."""
    set_all(session, ids, {})


def checked(columns: Iterable[str], known: frozenset[str], table: str) -> list[str]:
    """Return columns as a list, refusing a name not in known (SQL text is built from them)."""
    names = list(columns)
    unknown = set(names) - known
    if unknown:
        raise ValueError(f"{table} has no column {', '.join(sorted(unknown))}")
    return names


def _checked(columns: Iterable[str]) -> list[str]:
    return checked(columns, _COLUMNS, "papers")
