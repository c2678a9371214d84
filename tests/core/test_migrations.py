"""Schema migrations: old libraries upgrade in place without losing a row."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import TYPE_CHECKING

import pytest
from alembic import command as alembic_command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from readinglist.core.errors import LibraryUnavailable
from readinglist.core.library import Library
from readinglist.core.migrations.env_filters import include_name
from readinglist.core.models import Base
from readinglist.core.records import PaperRecord
from readinglist.core.storage import alembic_config, create_library_engine, head_revision, migrate

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


REVISION_0005_LIBRARY = """
    INSERT INTO papers (id, title, abstract, title_key, citation_key, rating, status,
        status_changed_at, queue_position, note, added_at, modified_at)
    VALUES (1, 'Queued Paper', 'About transformers.', 'queued paper', 'Queued', 5, 'queued',
            '2024-02-01 10:00:00.000000', 2, 'shared note', '2024-01-01 00:00:00',
            '2024-01-01 00:00:00'),
           (2, 'Read Paper', '', 'read paper', 'Read', 1, 'read',
            '2024-02-02 10:00:00.000000', NULL, '', '2024-01-02 00:00:00', '2024-01-02 00:00:00'),
           (4, 'Also Queued', '', 'also queued', 'Also', NULL, 'queued',
            '2024-02-03 10:00:00.000000', 1, '', '2024-01-03 00:00:00', '2024-01-03 00:00:00'),
           (5, 'Untouched', '', 'untouched', 'Untouched', NULL, 'inbox', NULL, NULL, '',
            '2024-01-04 00:00:00', '2024-01-04 00:00:00');
    INSERT INTO tags (id, name, color) VALUES (1, 'nlp', '');
    INSERT INTO paper_tags VALUES (1, 1), (4, 1);
    INSERT INTO collections (id, name, source, created_at)
        VALUES (1, 'old list', 'old.txt', '2024-01-01 00:00:00');
    INSERT INTO paper_collections VALUES (1, 1, 1), (2, 1, 2), (4, 1, 3), (5, 1, 4);
    INSERT INTO duplicate_candidates VALUES (1, 4, 91.5);
    UPDATE sqlite_sequence SET seq = 9 WHERE name = 'papers';
"""


def _library_at_0005(tmp_path: Path) -> Path:
    path = tmp_path / "old.sqlite"
    engine = create_library_engine(path)
    migrate(engine, "0005")
    engine.dispose()
    with sqlite3.connect(path) as db:
        db.executescript(REVISION_0005_LIBRARY)
    return path


def test_ratings_statuses_and_queue_written_at_0005_become_the_local_members(
    tmp_path: Path,
) -> None:
    path = _library_at_0005(tmp_path)
    with Library.open(path) as library:
        queued, read, also, untouched = library.details([1, 2, 4, 5])
        assert (queued.rating, queued.status, queued.queue_position) == (5, "queued", 2)
        assert queued.status_changed_at == datetime(2024, 2, 1, 10)
        assert (read.rating, read.status, read.queue_position) == (1, "read", None)
        assert (also.rating, also.status, also.queue_position) == (None, "queued", 1)
        assert (untouched.rating, untouched.status) == (None, "inbox")
        assert library.queue() == [4, 1]
        assert library.search("rating:>=4").ids == [1]
        # Rebuilding the papers table keeps every row that refers to a paper.
        assert queued.tags == ("nlp",) and untouched.collections == ("old list",)
        assert library.duplicate_pairs() == [(1, 4, 91.5)]
        assert queued.note == "shared note" and queued.private_note == ""
        assert library.search("transformers").ids == [1]
        library.import_records([PaperRecord("A new paper")], "new", "test")
        assert library.search("new paper").ids == [10]  # ids of deleted papers stay unused
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert db.execute("SELECT id, name FROM users").fetchall() == [(1, "me")]


def test_downgrading_0007_puts_the_members_state_back_into_papers(tmp_path: Path) -> None:
    path = _library_at_0005(tmp_path)
    engine = create_library_engine(path)
    migrate(engine)
    with engine.connect() as connection:
        alembic_command.downgrade(alembic_config(connection), "0005")
        connection.commit()
    engine.dispose()
    with sqlite3.connect(path) as db:
        rows = db.execute(
            "SELECT id, rating, status, status_changed_at, queue_position FROM papers ORDER BY id"
        ).fetchall()
        assert rows == [
            (1, 5, "queued", "2024-02-01 10:00:00.000000", 2),
            (2, 1, "read", "2024-02-02 10:00:00.000000", None),
            (4, None, "queued", "2024-02-03 10:00:00.000000", 1),
            (5, None, "inbox", None, None),
        ]
        assert db.execute("SELECT count(*) FROM paper_tags").fetchone() == (2,)
        assert db.execute("SELECT rowid FROM titles_fts WHERE titles_fts MATCH 'read*'").fetchall()
    with Library.open(path) as library:  # and it upgrades again
        assert library.detail(4).queue_position == 1


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
