"""Copying between SQLite and PostgreSQL: every row survives the round trip, ids and all."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING, Any

import pytest
from richlibrary import fill_every_table, papers_counter, stored_rows
from sqlalchemy import create_engine, func, select

from readinglist.core.commands import AddTags
from readinglist.core.copying import CopyRefused, copied_tables, copy_library
from readinglist.core.errors import ReadingListError
from readinglist.core.library import Library
from readinglist.core.models import PAPERS
from readinglist.core.records import PaperRecord

if TYPE_CHECKING:
    from pathlib import Path

    from sqlalchemy import URL, Engine

pytestmark = pytest.mark.tools


@pytest.fixture
def source(library_path: Path, sample_template: Path) -> Path:
    """A library file holding the sample lists, in which every copied table holds rows."""
    shutil.copyfile(sample_template, library_path)
    with Library.open(library_path) as library:
        fill_every_table(library)
    return library_path


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
