"""Alembic environment: runs migrations on the connection readinglist hands over."""

from __future__ import annotations

from typing import TYPE_CHECKING

from alembic import context
from sqlalchemy import create_engine

from readinglist.core.migrations.env_filters import include_name
from readinglist.core.models import Base

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection


def run_migrations() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        url = context.config.get_main_option("sqlalchemy.url")
        assert url, "pass a connection or set sqlalchemy.url"
        with create_engine(url).connect() as own_connection:
            _run(own_connection)
            own_connection.commit()
    else:
        _run(connection)


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
