"""Fast paths for adding many papers at once, on the raw SQLite connection.

The ORM costs a few hundred microseconds a statement; an import of 100,000 papers needs
a few microseconds a row. These helpers run inside the caller's transaction.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar, cast

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Iterator, Sequence
    from datetime import datetime

    from sqlalchemy import Select
    from sqlalchemy.orm import Session

    AnySelect = Select[*tuple[Any, ...]]
    """A select of any columns."""

T = TypeVar("T")

# Below this many new papers the per-row FTS trigger is cheaper than a refill.
FTS_REFILL_THRESHOLD = 500
# The full-text indexes over papers and the columns each indexes.
FTS_TABLES = {"papers_fts": "title, abstract, note", "titles_fts": "title"}

# Page cache for an import (in KiB): room for the index pages a batch of new papers
# touches; more did not import faster and raised peak memory by 120 MB.
IMPORT_CACHE_KIB = 64 * 1024

# Bound parameters per statement stay well below SQLite's limit (32,766).
CHUNK = 5000


def chunked(values: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    """Yield values in slices of at most size (for IN lists)."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


def raw_connection(session: Session) -> sqlite3.Connection:
    """Return the sqlite3 connection under session's transaction."""
    return cast("sqlite3.Connection", session.connection().connection.driver_connection)


@contextmanager
def fts_filled_afterwards(db: sqlite3.Connection, first_id: int, count: int) -> Iterator[None]:
    """Index papers with id >= first_id in one pass after they are inserted.

    Drops the per-row insert triggers for the duration and restores them; DDL is
    transactional in SQLite, so a crash or rollback brings the triggers back as they were.
    """
    if count < FTS_REFILL_THRESHOLD:
        yield
        return
    triggers = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (?, ?)",
        tuple(f"{table}_insert" for table in FTS_TABLES),
    ).fetchall()
    for name, _sql in triggers:
        db.execute(f"DROP TRIGGER {name}")
    yield
    for table, columns in FTS_TABLES.items():
        db.execute(
            f"INSERT INTO {table}(rowid, {columns}) SELECT id, {columns} FROM papers WHERE id >= ?",
            (first_id,),
        )
    for _name, sql in triggers:
        db.execute(sql)


@contextmanager
def roomy_cache(db: sqlite3.Connection, kib: int = IMPORT_CACHE_KIB) -> Iterator[None]:
    """Let SQLite keep up to kib of the library's pages in memory until the block ends.

    Adding thousands of papers to a large library touches a page of each title and key
    index per paper, more than the default cache holds: without room each page would be
    read again and written to the WAL more than once. The cache fills only as needed.
    """
    (previous,) = db.execute("PRAGMA cache_size").fetchone()
    (page_size,) = db.execute("PRAGMA page_size").fetchone()
    previous_kib = -previous if previous < 0 else previous * page_size // 1024
    if previous_kib >= kib:
        yield
        return
    db.execute(f"PRAGMA cache_size = {-kib}")
    try:
        yield
    finally:
        db.execute(f"PRAGMA cache_size = {previous}")


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


def fetch_ids(session: Session, statement: Select[Any]) -> list[int]:
    """Run a one-column select of ids on the raw connection (many times faster for 10^5 rows)."""
    return [row[0] for row in _run_raw(session, statement)]


def fetch_rows(session: Session, statement: AnySelect) -> list[tuple[Any, ...]]:
    """Run a select on the raw connection and return its rows as plain tuples."""
    return list(_run_raw(session, statement))


def _run_raw(session: Session, statement: AnySelect) -> sqlite3.Cursor:
    compiled = statement.compile(
        dialect=session.get_bind().dialect, compile_kwargs={"render_postcompile": True}
    )
    params = compiled.construct_params()
    positional = [params[name] for name in compiled.positiontup or ()]
    return raw_connection(session).execute(str(compiled), positional)


def titles_of(session: Session, ids: list[int]) -> dict[int, str]:
    """Return id -> title for ids."""
    db = raw_connection(session)
    titles: dict[int, str] = {}
    for chunk in chunked(ids):
        marks = ", ".join("?" for _ in chunk)
        titles.update(db.execute(f"SELECT id, title FROM papers WHERE id IN ({marks})", chunk))
    return titles
