"""Copying between SQLite and PostgreSQL: every row survives the round trip, ids and all."""

from __future__ import annotations

import json
import shutil
import sqlite3
import uuid
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import pytest
from richlibrary import papers_counter, rich_library_file, stored_rows
from sqlalchemy import create_engine, func, make_url, select, text

from readinglist.cli import run
from readinglist.core.commands import AddTags, SaveSearch
from readinglist.core.copying import CopyRefused, copied_tables, copy_library
from readinglist.core.errors import ReadingListError
from readinglist.core.library import Library
from readinglist.core.models import PAPERS, USERS
from readinglist.core.records import PaperRecord

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from sqlalchemy import URL, Connection, Engine

pytestmark = pytest.mark.tools


@pytest.fixture
def source(library_path: Path, sample_template: Path) -> Path:
    """A library file holding the sample lists, in which every copied table holds rows."""
    return rich_library_file(library_path, sample_template)


@pytest.fixture
def server(postgres_url: URL) -> str:
    """A new, empty database on the test server, as ``copy`` takes it."""
    return postgres_url.render_as_string(hide_password=False)


def typed_rows(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every copied table's rows as Python values, in key order."""
    with engine.connect() as connection:
        return {
            table.name: [
                tuple(row)
                for row in connection.execute(select(table).order_by(*table.primary_key.columns))
            ]
            for table in copied_tables()
        }


def test_sqlite_to_postgresql_and_back_keeps_every_row(
    source: Path, server: str, tmp_path: Path
) -> None:
    into_server = copy_library(source, server)
    back = tmp_path / "back.sqlite"
    copy_library(server, back)
    expected = stored_rows(source)
    assert all(expected.values()), "the source fills every copied table"
    assert stored_rows(back) == expected
    assert papers_counter(back) == papers_counter(source)
    local, shared = create_engine(f"sqlite:///{source}"), create_engine(server)
    try:
        assert typed_rows(shared) == typed_rows(local)
        with shared.connect() as connection:  # the copying role is the server's member 1
            members = connection.execute(select(USERS.c.id, USERS.c.name)).all()
        assert members == [(1, make_url(server).username)]
    finally:
        local.dispose()
        shared.dispose()
    assert into_server.counts == {name: len(rows) for name, rows in expected.items()}
    assert "password" not in into_server.destination


def test_a_paper_added_on_the_server_after_the_copy_gets_an_id_never_used(
    source: Path, server: str
) -> None:
    copy_library(source, server)
    with Library.open(server) as shared:
        before = set(shared.search("").ids)
        shared.import_records([PaperRecord("A brand new paper on quokkas")], "new", "new.txt")
        shared.execute(AddTags([1], ["fresh"]))
        (new_id,) = set(shared.search("").ids) - before
        names = [tag.name for tag in shared.tags()]
    assert new_id == papers_counter(source) + 1
    assert "fresh" in names


def test_search_works_in_the_server_copy(source: Path, server: str) -> None:
    copy_library(source, server)
    with Library.open(server) as shared:
        typed = {detail.title for detail in shared.details(shared.search("matrx entrpy").ids)}
        assert "Large Language Model Evaluation via Matrix Entropy" in typed
        assert shared.search("quokka").ids == [1]
        assert shared.search("tag:nlp rating:>=4").ids == [1]


def test_a_server_library_holding_papers_is_refused_and_left_as_it_was(
    source: Path, server: str
) -> None:
    copy_library(source, server)
    engine = create_engine(server)
    try:
        before = typed_rows(engine)
        with pytest.raises(CopyRefused, match="already holds 458 papers"):
            copy_library(source, server)
        assert typed_rows(engine) == before
    finally:
        engine.dispose()


def test_a_copy_the_server_refuses_leaves_it_empty_and_says_why(
    library_path: Path, sample_template: Path, server: str
) -> None:
    # SQLite's NOCASE folds ASCII letters only; the server's folds every letter, so
    # these two tag names are one name there.
    shutil.copyfile(sample_template, library_path)
    with Library.open(library_path) as library:
        library.execute(AddTags([1], ["Übersicht"]))
        library.execute(AddTags([2], ["übersicht"]))
    with pytest.raises(ReadingListError, match="changed nothing") as raised:
        copy_library(library_path, server)
    assert "\n" not in str(raised.value)
    engine = create_engine(server)
    try:
        with engine.connect() as connection:
            assert connection.scalar(select(func.count()).select_from(PAPERS)) == 0
    finally:
        engine.dispose()


@pytest.fixture
def missing_database(postgres_server: URL) -> Iterator[URL]:
    """The URL of a database not on the server yet; whatever a test makes there is dropped."""
    url = postgres_server.set(database=f"readinglist_test_{uuid.uuid4().hex}")
    try:
        yield url
    finally:
        with _admin(postgres_server) as connection:
            connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {url.database} WITH (FORCE)")


@contextmanager
def _admin(server: URL) -> Iterator[Connection]:
    engine = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            yield connection
    finally:
        engine.dispose()


def database_exists(server: URL, name: str | None) -> bool:
    with _admin(server) as connection:
        found = connection.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
        )
        return found.first() is not None


def test_a_database_missing_on_the_server_is_created_for_the_copy(
    source: Path, missing_database: URL, postgres_server: URL
) -> None:
    summary = copy_library(source, missing_database.render_as_string(hide_password=False))
    assert summary.created
    assert database_exists(postgres_server, missing_database.database)
    with Library.open(missing_database) as shared:
        assert shared.count() == 458


def test_a_failed_copy_drops_the_database_it_created(
    library_path: Path, sample_template: Path, missing_database: URL, postgres_server: URL
) -> None:
    shutil.copyfile(sample_template, library_path)
    with Library.open(library_path) as library:
        library.execute(AddTags([1], ["Übersicht"]))
        library.execute(AddTags([2], ["übersicht"]))
    with pytest.raises(ReadingListError, match="changed nothing"):
        copy_library(library_path, missing_database.render_as_string(hide_password=False))
    assert not database_exists(postgres_server, missing_database.database)


def test_a_member_who_may_not_create_databases_is_told_whom_to_ask(
    source: Path, missing_database: URL, postgres_server: URL
) -> None:
    role = f"readinglist_member_{uuid.uuid4().hex[:12]}"
    with _admin(postgres_server) as connection:
        connection.exec_driver_sql(f"CREATE ROLE {role} LOGIN NOCREATEDB")
    try:
        as_member = missing_database.set(username=role)
        with pytest.raises(ReadingListError) as raised:
            copy_library(source, as_member.render_as_string(hide_password=False))
        message = str(raised.value)
        assert "could not be created" in message
        assert "ask the server's administrator to create it" in message
        assert not database_exists(postgres_server, missing_database.database)
    finally:
        with _admin(postgres_server) as connection:
            connection.exec_driver_sql(f"DROP ROLE IF EXISTS {role}")


def test_the_command_line_names_the_server_library_without_its_password(
    source: Path, postgres_url: URL, capsys: pytest.CaptureFixture[str]
) -> None:
    with_password = postgres_url.set(password="hush-hush")
    typed = with_password.render_as_string(hide_password=False)
    assert run(["copy", str(source), typed]) == 0
    out = capsys.readouterr().out
    assert out.startswith("copied 458 papers, 3 tags, 5 collections to postgresql")
    assert "hush-hush" not in out
    assert run(["copy", "--json", typed, str(source.with_name("back.sqlite"))]) == 0
    report = json.loads(capsys.readouterr().out)
    assert "hush-hush" not in report["source"]
    assert report["counts"]["papers"] == 458


def test_a_window_open_on_the_server_library_hears_of_the_copy(source: Path, server: str) -> None:
    with Library.open(server) as watching:
        watching.execute(SaveSearch("Soon", "status:queued"))
        watching.undo()  # the library has seen changes, and holds nothing again
        before = watching.revision()
        copy_library(source, server)
        assert watching.revision() != before
        assert watching.count() == 458


def test_text_the_server_cannot_hold_fails_the_copy_naming_the_table(
    source: Path, server: str
) -> None:
    connection = sqlite3.connect(source)
    with connection:
        connection.execute("UPDATE papers SET note = ? WHERE id = 3", ("before\x00after",))
    connection.close()
    with pytest.raises(ReadingListError, match=r"changed nothing in .*: papers: .*NUL") as raised:
        copy_library(source, server)
    assert "\n" not in str(raised.value)


def test_one_shared_library_copied_into_another_keeps_every_row(
    source: Path, server: str, missing_database: URL
) -> None:
    copy_library(source, server)
    other = missing_database.render_as_string(hide_password=False)
    summary = copy_library(server, other)
    assert summary.created
    first, second = create_engine(server), create_engine(other)
    try:
        assert typed_rows(second) == typed_rows(first)
    finally:
        first.dispose()
        second.dispose()
    with Library.open(other) as copy:
        before = set(copy.search("").ids)
        copy.import_records([PaperRecord("Yet another quokka paper")], "more", "more.txt")
        (new_id,) = set(copy.search("").ids) - before
    assert new_id == papers_counter(source) + 1
