"""Open a library file: engine, SQLite pragmas, schema migrations."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from platformdirs import user_data_path
from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.exc import DatabaseError, OperationalError

from readinglist.core.errors import LibraryDamaged, LibraryUnavailable

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.engine import Connection, Engine

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
LIBRARY_ENV = "READINGLIST_LIBRARY"
BUSY_TIMEOUT_MS = 10_000
WRITE_OPTION = "readinglist_write"


def default_library_path() -> Path:
    """Return the library used when none is named: $READINGLIST_LIBRARY or the user data dir."""
    named = os.environ.get(LIBRARY_ENV)
    if named:
        return Path(named).expanduser()
    return user_data_path("readinglist", appauthor=False) / "library.sqlite"


def create_library_engine(path: Path) -> Engine:
    """Create an engine for the SQLite file at path with WAL, foreign keys and a busy timeout."""
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )
    event.listen(engine, "connect", _configure_connection)
    event.listen(engine, "begin", _begin_transaction)
    return engine


def _configure_connection(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin; see
    # https://docs.sqlalchemy.org/en/20/dialects/sqlite.html#serializable-isolation-savepoints-transactional-ddl
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
    finally:
        cursor.close()


def _begin_transaction(connection: Connection) -> None:
    # A write takes the lock up front: upgrading a read transaction to a write one under WAL
    # fails at once with SQLITE_BUSY when another process committed meanwhile.
    if connection.get_execution_options().get(WRITE_OPTION):
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        connection.exec_driver_sql("BEGIN")


SQLITE_HEADER = b"SQLite format 3\x00"
DAMAGED = "the file is damaged or is not a readinglist library"
FOREIGN = "this file is an SQLite database, but not a readinglist library"


def check_library_file(path: Path) -> None:
    """Refuse, without writing a byte, a file that is not a readinglist library.

    Run before the engine opens the file: opening switches it to WAL, which rewrites
    its header, and a foreign or damaged file must be left exactly as it was. A quick
    check reads every page, so damage anywhere (a truncated file, overwritten pages) is
    found here rather than in the middle of a later change.
    """
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise LibraryUnavailable(f"cannot be read ({error.strerror})") from error
    if header != SQLITE_HEADER:
        raise LibraryDamaged(DAMAGED)
    # A read-only connection to a WAL file creates -wal and -shm files it cannot remove;
    # when the file is refused, the folder is left as it was found.
    side_files = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
    created = [side for side in side_files if not side.exists()]
    try:
        _check_contents(path)
    except LibraryDamaged:
        for side in created:
            side.unlink(missing_ok=True)
        raise


# quick_check reads the whole file (about 2 ms a MB): worth it on open for small libraries
# only. Larger ones are checked page by page as they are read, and by each daily backup.
QUICK_CHECK_MAX_BYTES = 32 * 2**20


def _check_contents(path: Path) -> None:
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            page_size = connection.execute("PRAGMA page_size").fetchone()[0]
            pages = connection.execute("PRAGMA page_count").fetchone()[0]
            verdict = ("ok",)
            # Pages another connection has committed may still be in the write-ahead log
            # only, so the file is shorter than the page count while the WAL holds pages.
            wal = path.with_name(path.name + "-wal")
            in_wal = wal.exists() and wal.stat().st_size > 0
            if not in_wal and path.stat().st_size < page_size * pages:
                verdict = ("truncated",)
            elif path.stat().st_size <= QUICK_CHECK_MAX_BYTES:
                verdict = connection.execute("PRAGMA quick_check(1)").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise database_error(error) from error
    if tables and "alembic_version" not in tables:
        raise LibraryDamaged(FOREIGN)
    if verdict != ("ok",):
        raise LibraryDamaged(DAMAGED)


# The newest migration's revision. Opening a library compares against it without loading
# Alembic (a fifth of start-up); a test checks it names the newest script.
SCHEMA_HEAD = "0008"


def alembic_config(connection: Connection | None = None) -> Config:
    """Return an Alembic config pointing at the packaged migrations."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """Return the newest schema revision among the migration scripts."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    """Return the library's schema revision, or None for a file without one."""
    if "alembic_version" not in inspect(connection).get_table_names():
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def migrate(engine: Engine, revision: str = "head", foreign_message: str = FOREIGN) -> None:
    """Bring the library's schema to revision (upgrading in place), refusing foreign databases."""
    try:
        with engine.connect() as connection:
            current = current_revision(connection)
            if current is None and _has_foreign_tables(connection):
                raise LibraryDamaged(foreign_message)
            if revision == "head" and current == SCHEMA_HEAD:
                return
            if current is not None and current > SCHEMA_HEAD and revision == "head":
                raise LibraryUnavailable(
                    f"this library was written by a newer version of readinglist (schema "
                    f"{current}); update readinglist to open it"
                )
            from alembic import command as alembic_command

            alembic_command.upgrade(alembic_config(connection), revision)
            connection.commit()
    except (DatabaseError, OperationalError) as error:
        raise database_error(error) from error


def _has_foreign_tables(connection: Connection) -> bool:
    tables = set(inspect(connection).get_table_names())
    return bool(tables - {"alembic_version"})


def database_error(error: BaseException) -> LibraryUnavailable:
    """Return the error to raise for a failed database call; damage gets LibraryDamaged."""
    message = describe_database_error(error)
    if message == DAMAGED:
        return LibraryDamaged(message)
    return LibraryUnavailable(message)


def describe_database_error(error: BaseException) -> str:
    # When SQLite rolls a whole transaction back by itself (disk full, I/O error), undoing
    # a savepoint fails next; the error that came first says what happened.
    while "no such savepoint" in str(error) and error.__context__ is not None:
        error = error.__context__
    text = str(getattr(error, "orig", error))
    if "file is not a database" in text or "malformed" in text:
        return DAMAGED
    if "locked" in text or "busy" in text:
        return "the library is locked by another program; try again in a moment"
    if "readonly" in text or "read-only" in text:
        return "the library file is read-only, so changes cannot be saved"
    if "disk" in text and "full" in text:
        return "the disk is full, so changes cannot be saved"
    if "unable to open" in text:
        return "the library file cannot be opened (check the folder exists and is writable)"
    return text
