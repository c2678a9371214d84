"""Set-based reads and writes of the current member's state of papers (rating, status...).

Like ``fields`` for the shared columns: plain SQL through the session's connection. Each
write raises the row's version; another member's rows are never written.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from readinglist.core.backends import backend_of
from readinglist.core.bulk import chunked
from readinglist.core.commands.fields import checked, marks, run
from readinglist.core.commands.rows import require_papers
from readinglist.core.models import PAPER_STATES
from readinglist.core.users import add_paper_states, current_user

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from sqlalchemy.orm import Session

_COLUMNS = frozenset(column.name for column in PAPER_STATES.columns) - {"user_id", "paper_id"}


def capture_states(
    session: Session, ids: Iterable[int], *columns: str
) -> tuple[list[int], list[list[Any]]]:
    """Return ids without repeats and each paper's [id, *values] of the current member.

    Times come back in ISO format (they are journaled as JSON). Raises UnknownPaper when
    an id names no paper; a paper lacking the member's row gets one first.
    """
    unique = list(dict.fromkeys(ids))
    rows = _read(session, unique, columns)
    if len(rows) != len(unique):
        require_papers(session, unique)  # names the missing papers
        add_paper_states(session, unique)
        rows = _read(session, unique, columns)
    return unique, rows


def _read(session: Session, ids: list[int], columns: Sequence[str]) -> list[list[Any]]:
    names = ", ".join(["paper_id", *_checked(columns)])
    sql = f"SELECT {names} FROM paper_states WHERE user_id = ? AND paper_id IN "
    me = current_user(session)
    rows: list[list[Any]] = []
    for chunk in chunked(ids):
        for row in run(session, sql + marks(len(chunk)), (me, *chunk)):
            rows.append([_journaled(value) for value in row])
    return rows


def set_states(session: Session, ids: Sequence[int], values: dict[str, Any]) -> None:
    """Give the current member's state of every paper in ids the same values."""
    assignments = ", ".join([*(f"{name} = ?" for name in _checked(values)), _NEXT_VERSION])
    stored = _storer(session)
    params = [stored(value) for value in values.values()]
    me = current_user(session)
    for chunk in chunked(ids):
        sql = (
            f"UPDATE paper_states SET {assignments}"
            f" WHERE user_id = ? AND paper_id IN {marks(len(chunk))}"
        )
        run(session, sql, (*params, me, *chunk))


def set_each_state(
    session: Session, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    """Give the current member's state of each paper its own values (rows: [id, *values])."""
    assignments = ", ".join([*(f"{name} = ?" for name in _checked(columns)), _NEXT_VERSION])
    me, stored = current_user(session), _storer(session)
    params = [(*map(stored, values), me, paper_id) for paper_id, *values in rows]
    if params:
        sql = f"UPDATE paper_states SET {assignments} WHERE user_id = ? AND paper_id = ?"
        run(session, sql, params)


def restore_states(session: Session, column: str, before: Iterable[Sequence[Any]]) -> None:
    """Set column back to each paper's captured value, grouping papers that shared one."""
    by_value: dict[Any, list[int]] = {}
    for paper_id, value in before:
        by_value.setdefault(value, []).append(paper_id)
    for value, ids in by_value.items():
        set_states(session, ids, {column: value})


def highest_queue_position(session: Session) -> int:
    """Return the current member's last queue place (0 for an empty queue)."""
    found = run(
        session,
        "SELECT max(queue_position) FROM paper_states WHERE user_id = ?",
        (current_user(session),),
    ).scalar()
    return int(found or 0)


_NEXT_VERSION = "version = version + 1"


def _checked(columns: Iterable[str]) -> list[str]:
    return checked(columns, _COLUMNS, "paper_states")


def _journaled(value: Any) -> Any:
    return value.isoformat(sep=" ") if isinstance(value, datetime) else value


def _storer(session: Session) -> Callable[[Any], Any]:
    """Return how raw SQL writes a value in session's library (times as the back end stores)."""
    stamp = backend_of(session).stamp

    def stored(value: Any) -> Any:
        return stamp(value) if isinstance(value, datetime) else value

    return stored
