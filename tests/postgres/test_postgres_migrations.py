"""The migrations on PostgreSQL: an empty database gets the models' schema, NOCASE included."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from readinglist.core.migrations.env_filters import SERVER_SEARCH, include_name
from readinglist.core.models import Base, Tag
from readinglist.core.storage import SCHEMA_HEAD, current_revision, migrate

if TYPE_CHECKING:
    from sqlalchemy import Engine

pytestmark = pytest.mark.tools


def test_upgrade_of_an_empty_database_gives_the_models_schema(postgres_engine: Engine) -> None:
    migrate(postgres_engine)
    with postgres_engine.connect() as connection:
        assert current_revision(connection) == SCHEMA_HEAD
        assert set(inspect(connection).get_table_names()) == {
            *Base.metadata.tables,
            *SERVER_SEARCH["table"],
            "alembic_version",
        }
        context = MigrationContext.configure(
            connection, opts={"include_name": include_name, "compare_type": True}
        )
        assert compare_metadata(context, Base.metadata) == []


def test_columns_the_models_declare_nocase_get_the_collation(postgres_engine: Engine) -> None:
    declared = {
        (table.name, column.name)
        for table in Base.metadata.tables.values()
        for column in table.columns
        if getattr(column.type, "collation", None) == "NOCASE"
    }
    migrate(postgres_engine)
    with postgres_engine.connect() as connection:
        collated = connection.execute(
            text(
                "SELECT table_name, column_name FROM information_schema.columns"
                " WHERE table_schema = current_schema() AND collation_name = 'NOCASE'"
            )
        ).all()
    assert ("tags", "name") in declared
    assert set(collated) == declared


def test_tag_names_are_unique_and_found_whatever_their_case(postgres_engine: Engine) -> None:
    migrate(postgres_engine)
    with Session(postgres_engine) as session:
        session.add(Tag(name="Deep Learning"))
        session.commit()
        found = session.scalars(select(Tag.name).where(Tag.name == "deep learning")).all()
        assert found == ["Deep Learning"]
        session.add(Tag(name="DEEP LEARNING"))
        with pytest.raises(IntegrityError):
            session.commit()
