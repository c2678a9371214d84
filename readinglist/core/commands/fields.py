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


def stamp(value: datetime) -> str:
    """Write a time as the library stores it (SQLAlchemy's SQLite format)."""
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


def parse_stamp(value: str | None) -> str | None:
    """Return a captured time (stored text or ISO format) in the stored format."""
    return stamp(datetime.fromisoformat(value)) if value else None


def capture(
    session: Session, ids: Iterable[int], *columns: str
) -> tuple[list[int], list[list[Any]]]:
    """Return ids without repeats and each paper's [id, *values] (times as stored text).

    Raises UnknownPaper when an id names no paper.
    """
    unique = list(dict.fromkeys(ids))
    sql = f"SELECT {', '.join(['id', *_checked(columns)])} FROM papers WHERE id IN "
    rows: list[list[Any]] = []
    for chunk in chunked(unique):
        rows += (
            [_stored(value) for value in row]  # PostgreSQL reads times as datetimes
            for row in run(session, sql + marks(len(chunk)), tuple(chunk))
        )
    if len(rows) != len(unique):
        require_papers(session, unique)  # names the missing papers
    return unique, rows


def set_all(session: Session, ids: Sequence[int], values: dict[str, Any]) -> None:
    """Give every paper in ids the same values and mark it modified now."""
    values = {**values, "modified_at": utcnow()}
    assignments = ", ".join(f"{name} = ?" for name in _checked(values))
    params = [_stored(value) for value in values.values()]
    for chunk in chunked(ids):
        sql = f"UPDATE papers SET {assignments} WHERE id IN {marks(len(chunk))}"
        run(session, sql, (*params, *chunk))


def set_each(session: Session, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Give each paper its own values, rows being [id, *values]; mark them modified now."""
    now = stamp(utcnow())
    assignments = ", ".join(f"{name} = ?" for name in _checked([*columns, "modified_at"]))
    params = [(*map(_stored, values), now, paper_id) for paper_id, *values in rows]
    if params:
        run(session, f"UPDATE papers SET {assignments} WHERE id = ?", params)


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


def _stored(value: Any) -> Any:
    return stamp(value) if isinstance(value, datetime) else value
