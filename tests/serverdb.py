"""Databases on a PostgreSQL server, made and dropped by tests.

The server is the one READINGLIST_TEST_POSTGRES names (.ci/run starts one and sets it);
with the variable unset, a throw-away server started for the test session
(throwawayserver.py). A test that cannot get a server fails, never skips.
"""

from __future__ import annotations

import os
import time
import uuid
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import create_engine, make_url
from sqlalchemy.exc import DBAPIError

import throwawayserver

if TYPE_CHECKING:
    from sqlalchemy import URL

SERVER_ENV = "READINGLIST_TEST_POSTGRES"


def server_url() -> URL:
    """The server's URL, or the test fails saying how to get one."""
    named = os.environ.get(SERVER_ENV)
    if not named:
        try:
            named = throwawayserver.server_url()
        except RuntimeError as error:
            pytest.fail(f"{SERVER_ENV} is not set and {error}", pytrace=False)
    return make_url(named)


def create_database(template: str | None = None) -> URL:
    """Make a database (a copy of template, if named) and return its URL."""
    server = server_url()
    name = f"readinglist_test_{uuid.uuid4().hex}"
    copy = f" TEMPLATE {template}" if template else " TEMPLATE template0 ENCODING 'UTF8'"
    try:
        _admin(server, f"CREATE DATABASE {name}{copy}")
    except ImportError as error:
        pytest.fail(f"{error}: the postgres dependency group installs it", pytrace=False)
    except DBAPIError as error:
        reason = str(error.orig).strip().splitlines()[0]
        pytest.fail(f"cannot create a database on {SERVER_ENV}: {reason}", pytrace=False)
    return server.set(database=name)


def drop_database(url: URL, attempts: int = 20) -> None:
    """Drop the database, waiting out an autovacuum worker there (FORCE may not end it)."""
    for attempt in range(attempts):
        try:
            _admin(url, f"DROP DATABASE IF EXISTS {url.database} WITH (FORCE)")
            return
        except DBAPIError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.25)


def _admin(url: URL, statement: str) -> None:
    # CREATE and DROP DATABASE run outside transactions, from the server's own database.
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(statement)
    finally:
        admin.dispose()
