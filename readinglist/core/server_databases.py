"""Make (and take back) the database of a new shared library on a PostgreSQL server.

A library file is created by opening it; a database must be created from another one on
the same server (the maintenance database ``postgres``), by a member allowed to create
databases. Used by ``copying`` when the destination names a database not there yet.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from typing import TYPE_CHECKING

from sqlalchemy import create_engine
from sqlalchemy.exc import DBAPIError

from readinglist.core.errors import LibraryUnavailable
from readinglist.core.locations import connect_url, describe

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sqlalchemy import URL
    from sqlalchemy.engine import Connection

MAINTENANCE_DATABASE = "postgres"
MISSING_DATABASE_STATE = "3D000"
_MISSING_DATABASE = re.compile(r'database ".*" does not exist')


def names_missing_database(error: BaseException) -> bool:
    """Return whether error (or what it came from) says the database does not exist."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if getattr(current, "sqlstate", None) == MISSING_DATABASE_STATE:
            return True
        if _MISSING_DATABASE.search(str(current)):
            return True
        current = current.__cause__ or current.__context__
    return False


def create_database(url: URL) -> None:
    """Create url's database, empty and in UTF-8, from the server's maintenance database.

    Raises:
        LibraryUnavailable: the URL names no database, or the server refused (most often:
            this user may not create databases), saying what to do about it.
    """
    name = url.database
    if not name:
        raise LibraryUnavailable(f"{describe(url)}: name the database to create in the URL")
    failure = "the database does not exist and could not be created"
    with _maintenance(url, failure, "ask the server's administrator to create it") as connection:
        quoted = connection.dialect.identifier_preparer.quote_identifier(name)
        connection.exec_driver_sql(f"CREATE DATABASE {quoted} TEMPLATE template0 ENCODING 'UTF8'")


def drop_database(url: URL) -> None:
    """Drop url's database, one this program just created and no longer connects to.

    Without FORCE: the server stops its own maintenance work there (autovacuum) itself,
    and a member who connected meanwhile keeps the database rather than losing a session.
    """
    assert url.database
    failure = "the database made for the copy could not be removed"
    with _maintenance(url, failure, "drop it by hand") as connection:
        quoted = connection.dialect.identifier_preparer.quote_identifier(url.database)
        connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {quoted}")


@contextmanager
def _maintenance(url: URL, failure: str, advice: str) -> Iterator[Connection]:
    """Yield an autocommit connection to the maintenance database beside url's.

    Raises:
        LibraryUnavailable: "{url}: {failure} ({the server's reason}); {advice}".
    """
    engine = create_engine(
        connect_url(url).set(database=MAINTENANCE_DATABASE), isolation_level="AUTOCOMMIT"
    )
    try:
        with engine.connect() as connection:
            yield connection
    except DBAPIError as error:
        lines = str(error.orig).strip().splitlines()
        reason = lines[0] if lines else type(error.orig).__name__
        raise LibraryUnavailable(f"{describe(url)}: {failure} ({reason}); {advice}") from error
    finally:
        engine.dispose()
