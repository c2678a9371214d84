"""Schema migrations: old libraries upgrade in place without losing a row."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from readinglist.core.errors import LibraryUnavailable
from readinglist.core.library import Library
from readinglist.core.migrations.env_filters import include_name
from readinglist.core.models import Base
from readinglist.core.storage import create_library_engine, head_revision, migrate

if TYPE_CHECKING:
    from pathlib import Path


def test_migrated_schema_matches_the_models(library: Library) -> None:
    with library.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_name": include_name, "compare_type": True}
        )
        assert compare_metadata(context, Base.metadata) == []


def test_library_from_the_first_revision_opens_without_losing_a_row(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    engine = create_library_engine(path)
    migrate(engine, "0001")
    engine.dispose()
    with sqlite3.connect(path) as db:
        db.executescript(
            """
            INSERT INTO papers (id, title, abstract, title_key, citation_key, rating, status,
                queue_position, note, added_at, modified_at)
            VALUES (1, 'Old Paper', 'An abstract about transformers.', 'old paper', 'OldPaper', 4,
                    'queued', 1, 'my note', '2024-01-01 00:00:00', '2024-01-01 00:00:00'),
                   (2, 'Second Paper', '', 'second paper', 'SecondPaper', NULL,
                    'inbox', NULL, '', '2024-01-02 00:00:00', '2024-01-02 00:00:00');
            INSERT INTO tags (id, name, color) VALUES (1, 'nlp', '#123456');
            INSERT INTO paper_tags VALUES (1, 1);
            INSERT INTO collections (id, name, source, created_at)
                VALUES (1, 'old list', 'old.txt', '2024-01-01 00:00:00');
            INSERT INTO paper_collections VALUES (1, 1, 1), (2, 1, 2);
            """
        )
    with Library.open(path) as library:
        paper = library.detail(1)
        assert (paper.title, paper.rating, paper.status, paper.note) == (
            "Old Paper",
            4,
            "queued",
            "my note",
        )
        assert paper.tags == ("nlp",) and paper.collections == ("old list",)
        assert (paper.authors, paper.year, paper.doi) == ((), None, "")
        assert library.count() == 2
        assert library.search("transformers").ids == [1]
        with library.engine.connect() as connection:
            assert MigrationContext.configure(connection).get_current_revision() == head_revision()


def test_foreign_sqlite_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance REAL)")
    before = path.read_bytes()
    with pytest.raises(LibraryUnavailable, match="not a readinglist library"):
        Library.open(path)
    assert path.read_bytes() == before


def test_non_database_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("these are my notes, not a database\n" * 100)
    before = path.read_bytes()
    with pytest.raises(LibraryUnavailable):
        Library.open(path)
    assert path.read_bytes() == before


def test_schema_head_names_the_newest_migration() -> None:
    from readinglist.core.storage import SCHEMA_HEAD

    assert head_revision() == SCHEMA_HEAD


def test_library_from_a_newer_version_is_refused_clearly(library_path: Path) -> None:
    with sqlite3.connect(library_path) as db:
        db.execute("UPDATE alembic_version SET version_num = '0099'")
    with pytest.raises(LibraryUnavailable, match="newer version"):
        Library.open(library_path)
