"""Fast paths for adding many papers at once, on the raw SQLite connection.

The ORM costs a few hundred microseconds a statement; an import of 100,000 papers needs
a few microseconds a row. These helpers run inside the caller's transaction.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Iterator
    from datetime import datetime

    from sqlalchemy.orm import Session

# Below this many new papers the per-row FTS trigger is cheaper than a refill.
FTS_REFILL_THRESHOLD = 500
_INSERT_TRIGGER = "papers_fts_insert"


def raw_connection(session: Session) -> sqlite3.Connection:
    """Return the sqlite3 connection under session's transaction."""
    return cast("sqlite3.Connection", session.connection().connection.driver_connection)


@contextmanager
def fts_filled_afterwards(db: sqlite3.Connection, first_id: int, count: int) -> Iterator[None]:
    """Index papers with id >= first_id in one pass after they are inserted.

    Drops the per-row insert trigger for the duration and restores it; DDL is
    transactional in SQLite, so a crash or rollback brings the trigger back as it was.
    """
    if count < FTS_REFILL_THRESHOLD:
        yield
        return
    (trigger_sql,) = db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (_INSERT_TRIGGER,)
    ).fetchone()
    db.execute(f"DROP TRIGGER {_INSERT_TRIGGER}")
    yield
    db.execute(
        "INSERT INTO papers_fts(rowid, title, abstract, note) "
        "SELECT id, title, abstract, note FROM papers WHERE id >= ?",
        (first_id,),
    )
    db.execute(trigger_sql)


def insert_rows(
    db: sqlite3.Connection, table: str, columns: tuple[str, ...], rows: list[Any]
) -> None:
    """executemany an INSERT of rows (tuples in the order of columns)."""
    if rows:
        placeholders = ", ".join("?" for _ in columns)
        db.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})", rows)


def citation_keys_starting(db: sqlite3.Connection, base: str) -> set[str]:
    """Return the stored citation keys that start with base (the range uses the index)."""
    rows = db.execute(
        "SELECT citation_key FROM papers WHERE citation_key >= ? AND citation_key < ?",
        (base, base + "\U0010ffff"),
    )
    return {row[0] for row in rows}


def sql_datetime(moment: datetime) -> str:
    """Format a datetime as SQLAlchemy stores it in SQLite, for raw inserts."""
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")
