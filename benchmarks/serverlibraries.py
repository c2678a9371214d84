"""The libraries shared.py measures: a library file's copy on a PostgreSQL server, kept
between runs under a name made of the file's checksum, and throw-away copies of both.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
import tempfile
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from readinglist.core.copying import copy_library
from readinglist.core.errors import LibraryUnavailable
from readinglist.core.library import Library
from readinglist.core.locations import connect_url
from readinglist.core.server_databases import MAINTENANCE_DATABASE, drop_database

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sqlalchemy import URL
    from sqlalchemy.engine import Connection

KEPT_PREFIX = "readinglist_shared_"
"""Databases kept on the server: KEPT_PREFIX + size + "_" + the file's checksum."""
ATTEMPTS = 10
"""Tries, a second apart, at a database the server's own workers may be busy in."""


def checksum(path: Path) -> str:
    """Hash the library file and its write-ahead log (which may hold the latest commits)."""
    digest = hashlib.sha256()
    for part in (path, path.with_name(path.name + "-wal")):
        if part.exists():
            with part.open("rb") as file:
                digest.update(hashlib.file_digest(file, "sha256").digest())
    return digest.hexdigest()[:16]


@contextlib.contextmanager
def maintenance(server: URL) -> Iterator[Connection]:
    """An autocommit connection to the server's maintenance database."""
    engine = create_engine(
        connect_url(server).set(database=MAINTENANCE_DATABASE), isolation_level="AUTOCOMMIT"
    )
    try:
        with engine.connect() as connection:
            yield connection
    finally:
        engine.dispose()


def quoted(connection: Connection, name: str) -> str:
    return connection.dialect.identifier_preparer.quote_identifier(name)


def kept_database(path: Path, size: int, server: URL) -> tuple[URL, float | None]:
    """Return the server's copy of the library at path, and the seconds copying took
    (None when a copy of this very file was there already).

    A new copy fills a database of another name, renamed once complete, so an
    interrupted copy is never taken for a kept one. Older copies of this size, and what
    an interrupted run left (a half-filled or throw-away database), are dropped.
    """
    Library.open(path, back_up=False).close()  # upgraded first: the checksum is of what is copied
    name = f"{KEPT_PREFIX}{size}_{checksum(path)}"
    with maintenance(server) as connection:
        names = connection.execute(text("SELECT datname FROM pg_database")).scalars().all()
    ours = [found for found in names if found.startswith(f"{KEPT_PREFIX}{size}_")]
    for stale in ours:
        if stale != name:
            dropped(server.set(database=stale))
    if name in ours:
        return server.set(database=name), None
    filling = server.set(database=f"{name}_filling")
    started = time.perf_counter()
    copy_library(path, filling.render_as_string(hide_password=False))
    seconds = time.perf_counter() - started
    # As the server's autovacuum would soon: planner statistics, and nothing left for it
    # to do in the middle of a measurement.
    analysed = create_engine(connect_url(filling), isolation_level="AUTOCOMMIT")
    try:
        with analysed.connect() as connection:
            connection.exec_driver_sql("VACUUM (ANALYZE)")
    finally:
        analysed.dispose()
    with maintenance(server) as connection:
        connection.exec_driver_sql(
            f"ALTER DATABASE {quoted(connection, filling.database or '')} "
            f"RENAME TO {quoted(connection, name)}"
        )
    return server.set(database=name), round(seconds, 2)


@contextlib.contextmanager
def scratch_file(path: Path) -> Iterator[Path]:
    """A throw-away copy of the library file, beside it (the same disk)."""
    with tempfile.TemporaryDirectory(dir=path.parent, prefix="scratch-") as folder:
        copy = Path(folder) / path.name
        source, target = sqlite3.connect(path), sqlite3.connect(copy)
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
        yield copy


@contextlib.contextmanager
def scratch_database(kept: URL) -> Iterator[URL]:
    """A throw-away database made from the kept one as its template (a file copy)."""
    copy = kept.set(database=f"{kept.database}_{uuid.uuid4().hex[:8]}")
    for attempt in range(ATTEMPTS):
        try:
            with maintenance(kept) as connection:
                version = connection.dialect.server_version_info or (0,)
                strategy = " STRATEGY FILE_COPY" if version >= (15,) else ""
                connection.exec_driver_sql(
                    f"CREATE DATABASE {quoted(connection, copy.database or '')} "
                    f"TEMPLATE {quoted(connection, kept.database or '')}{strategy}"
                )
            break
        except OperationalError:  # the template is in use (by autovacuum, say)
            if attempt == ATTEMPTS - 1:
                raise
            time.sleep(1)
    try:
        yield copy
    finally:
        dropped(copy)


def dropped(database: URL) -> None:
    """Drop database, waiting for a server's own worker (autovacuum) on it to finish."""
    for attempt in range(ATTEMPTS):
        try:
            drop_database(database)
            return
        except LibraryUnavailable:
            if attempt == ATTEMPTS - 1:
                raise
            time.sleep(1)


def database_mb(kept: URL) -> float:
    with maintenance(kept) as connection:
        size = connection.execute(
            text("SELECT pg_database_size(:name)"), {"name": kept.database}
        ).scalar_one()
    return round(int(size) / 2**20)


SETTINGS = ("server_version", "fsync", "synchronous_commit", "shared_buffers", "work_mem")
"""The server's settings that bear on the figures, reported beside them."""


def server_settings(server: URL) -> dict[str, str]:
    with maintenance(server) as connection:
        return {
            name: connection.execute(
                text("SELECT current_setting(:name)"), {"name": name}
            ).scalar_one()
            for name in SETTINGS
        }
