"""A new, empty PostgreSQL database for each test, on the server READINGLIST_TEST_POSTGRES names.

.ci/run starts a throw-away server and sets the variable; without it these tests fail.
"""

from __future__ import annotations

import os
import time
import uuid
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import create_engine, make_url
from sqlalchemy.exc import DBAPIError

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sqlalchemy import URL, Engine

SERVER_ENV = "READINGLIST_TEST_POSTGRES"


@pytest.fixture(scope="session")
def postgres_server() -> URL:
    """The server's URL (postgresql+psycopg://user@host/database?host=/socket/dir&port=...)."""
    named = os.environ.get(SERVER_ENV)
    if not named:
        pytest.fail(
            f"{SERVER_ENV} is not set: these tests need a PostgreSQL server (.ci/run starts one)",
            pytrace=False,
        )
    return make_url(named)


@pytest.fixture
def postgres_url(postgres_server: URL) -> Iterator[URL]:
    """The URL of a database made for this test and dropped after it."""
    name = f"readinglist_test_{uuid.uuid4().hex}"
    # CREATE and DROP DATABASE run outside transactions, from the server's own database.
    try:
        admin = create_engine(
            postgres_server.set(database="postgres"), isolation_level="AUTOCOMMIT"
        )
    except ImportError as error:
        pytest.fail(f"{error}: the postgres dependency group installs it", pytrace=False)
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'")
    except DBAPIError as error:
        admin.dispose()
        reason = str(error.orig).strip().splitlines()[0]
        pytest.fail(f"cannot create a database on {SERVER_ENV}: {reason}", pytrace=False)
    try:
        yield postgres_server.set(database=name)
    finally:
        _drop(admin, name)
        admin.dispose()


def _drop(admin: Engine, name: str, attempts: int = 20) -> None:
    """Drop the database, waiting out an autovacuum worker there (FORCE may not end it)."""
    for attempt in range(attempts):
        try:
            with admin.connect() as connection:
                connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            return
        except DBAPIError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.25)


@pytest.fixture
def postgres_engine(postgres_url: URL) -> Iterator[Engine]:
    """An engine on a database made for this test and dropped after it."""
    engine = create_engine(postgres_url)
    try:
        yield engine
    finally:
        engine.dispose()
