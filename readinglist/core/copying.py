"""Copy a whole library into a new one, between SQLite files and PostgreSQL databases.

The copy walks the models' tables in dependency order, so a table added to the models
comes along without a change here; the tables in ``SKIPPED_TABLES`` stay behind, each
for a stated reason. A table of members' own rows (one naming a member, as
``paper_states`` does) carries the copying member's rows only, as the destination's
member's. Rows keep their ids and stream across in batches inside one transaction on
the destination: a failed copy leaves the destination as it was, and removes a library
file or server database the copy itself created.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import URL, func, literal, select, text
from sqlalchemy.exc import DBAPIError

from readinglist.core.backends import backend_of
from readinglist.core.changes import EVERYTHING, encode_changes
from readinglist.core.errors import LibraryUnavailable, ReadingListError
from readinglist.core.idcounters import carry_counter
from readinglist.core.library import Library
from readinglist.core.locations import is_url, parse_location
from readinglist.core.models import PAPERS, USERS, Base
from readinglist.core.server_databases import create_database, drop_database, names_missing_database
from readinglist.core.users import add_paper_states, member_count

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from sqlalchemy import Column, Select, Table
    from sqlalchemy.orm import Session

SKIPPED_TABLES: dict[str, str] = {
    "history": "undo steps belong to the library they were made in; the copy starts afresh",
    "users": "each library has its own members; the copying member's ratings, statuses, "
    "queue places and private notes become the destination's member's",
}
"""Tables of the models that are not copied, and why.

The full-text indexes (SQLite's FTS5 tables and their vocabularies, PostgreSQL's search
columns) are not in the models at all: the destination's own triggers and columns fill
them as the papers arrive.
"""

BATCH_ROWS = 2000
"""Rows read and written at a time: a 100,000-paper library never sits in memory whole."""


class CopyRefused(ReadingListError):
    """A copy was not started, so nothing was written (the destination is taken, say)."""


class CopyFailed(ReadingListError):
    """The destination refused a row (or the connection failed); it was left as it was."""

    def __init__(self, destination: str, table: str, error: Exception) -> None:
        reason = getattr(error, "orig", None) or error
        lines = str(reason).strip().splitlines()
        detail = "; ".join(line.strip() for line in lines if line.strip())
        super().__init__(f"the copy failed and changed nothing in {destination}: {table}: {detail}")


@dataclass(frozen=True)
class CopySummary:
    """What a copy moved: rows per table (in copy order) and where from and to."""

    source: str
    destination: str
    counts: dict[str, int]
    created: bool = False
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        """Return the one-line report, e.g. "copied 457 papers, 12 tags, 3 collections to ..."."""
        parts = [
            _plural(self.counts.get("papers", 0), "paper"),
            _plural(self.counts.get("tags", 0), "tag"),
            _plural(self.counts.get("collections", 0), "collection"),
        ]
        notes = "".join(f"; {note}" for note in self.notes)
        return f"copied {', '.join(parts)} to {self.destination}{notes}"


def copied_tables() -> list[Table]:
    """Return the tables a copy moves, parents before the tables that refer to them."""
    return [table for table in Base.metadata.sorted_tables if table.name not in SKIPPED_TABLES]


def copy_library(
    source: Path | str,
    destination: Path | str,
    progress: Callable[[str, int, int], None] | None = None,
) -> CopySummary:
    """Copy every table of the library at source into the new or empty library at destination.

    source and destination are what ``Library.open`` accepts: a file path or a SQLAlchemy
    URL. The destination is created (and its schema migrated) when missing, a database on
    a server too if this user may create one; a destination that already holds papers or
    other rows is refused before anything is written. The source is only read (one written
    by an older version is upgraded first, as any open does). progress, when given, is
    called as (table, rows copied, rows in the table) before and after each batch.
    """
    source_path = _file_path(source)
    destination_path = _file_path(destination)
    if source_path is not None and not source_path.is_file():
        raise CopyRefused(f"{source_path}: no library there to copy")
    if (
        source_path is not None
        and destination_path is not None
        and destination_path.exists()
        and source_path.resolve() == destination_path.resolve()
    ):
        raise CopyRefused(f"{source_path}: a library cannot be copied onto itself")
    created = destination_path is not None and not destination_path.exists()
    made_database: URL | None = None
    try:
        with Library.open(source, back_up=False) as reader:
            writer, made_database = _open_destination(destination)
            with writer:
                if writer.location == reader.location:
                    raise CopyRefused(f"{reader.location}: a library cannot be copied onto itself")
                counts, notes = _copy_contents(reader, writer, progress)
            created = created or made_database is not None
            return CopySummary(reader.location, writer.location, counts, created, notes)
    except BaseException:
        if created and destination_path is not None:
            _remove_library_file(destination_path)
        if made_database is not None:
            drop_database(made_database)
        raise


def _open_destination(destination: Path | str) -> tuple[Library, URL | None]:
    """Open the destination; a database missing on its server is created (and returned)."""
    try:
        return Library.open(destination, back_up=False), None
    except LibraryUnavailable as error:
        url = _server_url(destination)
        if url is None or not names_missing_database(error):
            raise
    create_database(url)
    try:
        return Library.open(destination, back_up=False), url
    except BaseException:
        drop_database(url)
        raise


@dataclass(frozen=True)
class Members:
    """Whose personal state a copy moves: the source's member's, as the destination's."""

    source: int
    destination: int


def _copy_contents(
    reader: Library, writer: Library, progress: Callable[[str, int, int], None] | None
) -> tuple[dict[str, int], list[str]]:
    counts: dict[str, int] = {}
    members = Members(reader.user_id, writer.user_id)
    with writer.writing() as target:
        _refuse_unless_empty(target, writer.location)
        with reader.reading() as origin:
            _read_one_snapshot(origin)
            failures: tuple[type[Exception], ...] = (DBAPIError, *_driver_errors(origin, target))
            table = PAPERS
            try:
                for table in copied_tables():
                    counts[table.name] = _copy_table(origin, target, table, members, progress)
                # Every member has a state row for every paper: blank ones for the others.
                add_paper_states(target, list(target.scalars(select(PAPERS.c.id))))
                for table in copied_tables():
                    carry_counter(origin, target, table)
                # Windows already open on a shared destination show the papers at once.
                writer.backend.announce(target, encode_changes(EVERYTHING, writer.client))
            except failures as error:
                raise CopyFailed(writer.location, table.name, error) from error
            others = member_count(origin) - 1
    notes = []
    if others > 0:
        whose = _plural(others, "other member")
        notes.append(f"left out the ratings, statuses, queue places and private notes of {whose}")
    return counts, notes


def _read_one_snapshot(origin: Session) -> None:
    """Read every table as of one moment, though members of a shared library keep writing.

    A SQLite read transaction is one snapshot already; PostgreSQL's default gives each
    statement its own. Runs before the session's first statement.
    """
    if backend_of(origin).name == "postgresql":
        origin.connection(
            execution_options={"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}
        )


def _driver_errors(*sessions: Session) -> tuple[type[Exception], ...]:
    """The drivers' own error classes: bulk writes run on the driver's connection."""
    return tuple(session.get_bind().dialect.loaded_dbapi.Error for session in sessions)


def _refuse_unless_empty(session: Session, where: str) -> None:
    papers = session.scalar(select(func.count()).select_from(PAPERS))
    if papers:
        raise CopyRefused(
            f"{where}: already holds {_plural(papers, 'paper')}; copy into a new or empty library"
        )
    taken = [
        table.name
        for table in copied_tables()
        if session.execute(select(text("1")).select_from(table).limit(1)).first() is not None
    ]
    if taken:
        raise CopyRefused(
            f"{where}: is not empty (it holds {', '.join(taken)}); copy into a new or empty library"
        )


def _copy_table(
    origin: Session,
    target: Session,
    table: Table,
    members: Members,
    progress: Callable[[str, int, int], None] | None,
) -> int:
    statement, counting = _rows_to_copy(table, members)
    total = origin.scalar(counting) or 0
    columns = [column for column in table.columns if column.computed is None]
    writers = _value_writers(target, columns)
    backend = backend_of(target)
    done = 0
    if progress is not None:
        progress(table.name, done, total)
    with _bulk_loading(origin, target, table):
        for batch in _batches(origin, statement):
            rows: list[Sequence[Any]] = [
                tuple(
                    value if write is None or value is None else write(value)
                    for write, value in zip(writers, row, strict=True)
                )
                for row in batch
            ]
            backend.insert_rows(target, table.name, [column.name for column in columns], rows)
            done += len(rows)
            if progress is not None:
                progress(table.name, done, total)
    return done


def _rows_to_copy(table: Table, members: Members) -> tuple[Select[Any], Select[Any]]:
    """Return the select of table's rows to copy, in key order, and the count of them.

    A table of members' own rows (it names a member) gives the copying member's rows,
    named as the destination's member; the other members' rows stay behind.
    """
    columns = [column for column in table.columns if column.computed is None]
    owner = _member_column(table)
    if owner is None:
        rows = select(*columns).order_by(*table.primary_key.columns)
        return rows, select(func.count()).select_from(table)
    renamed = [
        literal(members.destination, column.type).label(column.name) if column is owner else column
        for column in columns
    ]
    rows = select(*renamed).where(owner == members.source)
    counting = select(func.count()).select_from(table).where(owner == members.source)
    return rows.order_by(*table.primary_key.columns), counting


def _member_column(table: Table) -> Column[Any] | None:
    """Return the column of table that names a member, or None for the group's tables."""
    for column in table.columns:
        if any(key.column.table.name == USERS.name for key in column.foreign_keys):
            return column
    return None


def _value_writers(
    target: Session, columns: list[Column[Any]]
) -> list[Callable[[Any], Any] | None]:
    """Return, per column, how the destination's driver wants a value (as SQLAlchemy binds it)."""
    dialect = target.get_bind().dialect
    return [column.type.dialect_impl(dialect).bind_processor(dialect) for column in columns]


@contextmanager
def _bulk_loading(origin: Session, target: Session, table: Table) -> Iterator[None]:
    """Index the papers once they are all in, when the destination's indexes prefer that."""
    if table.name != PAPERS.name:
        yield
        return
    ids = list(origin.scalars(select(PAPERS.c.id)))
    backend = backend_of(target)
    with backend.roomy_cache(target), backend.papers_indexed_afterwards(target, ids):
        yield


def _batches(session: Session, statement: Any) -> Iterator[list[Any]]:
    result = session.execute(statement, execution_options={"yield_per": BATCH_ROWS})
    for partition in result.partitions():
        yield list(partition)


def _file_path(location: Path | str) -> Path | None:
    if isinstance(location, str) and is_url(location):
        return None
    return Path(location).expanduser()


def _server_url(location: Path | str) -> URL | None:
    if _file_path(location) is not None:
        return None
    url = parse_location(location)
    return url if isinstance(url, URL) else None


def _remove_library_file(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}" + ("" if count == 1 else "s")
