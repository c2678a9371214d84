"""A new, empty PostgreSQL database for each test, on the server READINGLIST_TEST_POSTGRES names.

.ci/run starts a throw-away server and sets the variable; without it these tests fail.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from sqlalchemy import create_engine

import serverdb

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sqlalchemy import URL, Engine


@pytest.fixture(scope="session")
def postgres_server() -> URL:
    """The server's URL (postgresql+psycopg://user@host/database?host=/socket/dir&port=...)."""
    return serverdb.server_url()


@pytest.fixture
def postgres_url(postgres_server: URL) -> Iterator[URL]:
    """The URL of a database made for this test and dropped after it."""
    url = serverdb.create_database()
    try:
        yield url
    finally:
        serverdb.drop_database(url)


@pytest.fixture
def postgres_engine(postgres_url: URL) -> Iterator[Engine]:
    """An engine on a database made for this test and dropped after it."""
    engine = create_engine(postgres_url)
    try:
        yield engine
    finally:
        engine.dispose()
