"""Copying a library: every row of every table arrives with its id, or nothing is written."""

from __future__ import annotations

import hashlib
import sqlite3
from typing import TYPE_CHECKING

import pytest
from richlibrary import papers_counter, rich_library_file, stored_rows

from readinglist.core import copying
from readinglist.core.commands import SaveSearch
from readinglist.core.copying import CopyRefused, copied_tables, copy_library
from readinglist.core.errors import NothingToUndo, ReadingListError
from readinglist.core.library import Library
from readinglist.core.models import Base

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


@pytest.fixture
def source(library_path: Path, sample_template: Path) -> Path:
    """A library file holding the sample lists, in which every copied table holds rows."""
    return rich_library_file(library_path, sample_template)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_row_of_every_table_arrives_with_its_id(source: Path, tmp_path: Path) -> None:
    destination = tmp_path / "copy.sqlite"
    copy_library(source, destination)
    expected = stored_rows(source)
    assert all(expected.values()), "the source fills every copied table"
    assert stored_rows(destination) == expected


def test_the_summary_counts_each_table_and_names_the_destination(
    source: Path, tmp_path: Path
) -> None:
    destination = tmp_path / "copy.sqlite"
    summary = copy_library(source, destination)
    assert summary.counts == {name: len(rows) for name, rows in stored_rows(source).items()}
    assert summary.created
    assert summary.line() == f"copied 458 papers, 3 tags, 5 collections to {destination}"


def test_tables_are_copied_parents_first_and_only_history_and_members_stay_behind() -> None:
    names = [table.name for table in copied_tables()]
    assert set(names) | set(copying.SKIPPED_TABLES) == set(Base.metadata.tables)
    assert copying.SKIPPED_TABLES.keys() == {"history", "users"}
    for position, table in enumerate(copied_tables()):
        for key in table.foreign_keys:
            parent = key.column.table.name
            assert parent in copying.SKIPPED_TABLES or names.index(parent) < position


def test_the_copy_has_no_undo_history(source: Path, tmp_path: Path) -> None:
    destination = tmp_path / "copy.sqlite"
    copy_library(source, destination)
    with Library.open(destination) as copy, pytest.raises(NothingToUndo):
        copy.undo()


def test_a_paper_added_after_the_copy_gets_an_id_never_used_in_the_source(
    source: Path, tmp_path: Path, write_list: Callable[..., Path]
) -> None:
    highest_ever = papers_counter(source)
    destination = tmp_path / "copy.sqlite"
    copy_library(source, destination)
    assert papers_counter(destination) == highest_ever
    with Library.open(destination) as copy:
        before = set(copy.search("").ids)
        copy.import_files([write_list("new.txt", [("A brand new paper on quokkas", "New.")])])
        (new_id,) = set(copy.search("").ids) - before
    assert new_id == highest_ever + 1


def test_search_finds_titles_abstracts_and_notes_in_the_copy(source: Path, tmp_path: Path) -> None:
    destination = tmp_path / "copy.sqlite"
    copy_library(source, destination)
    with Library.open(source) as original, Library.open(destination) as copy:
        for query in ("matrx entrpy", "quokka", '"matrix entropy"', "tag:nlp rating:>=4"):
            found = copy.search(query).ids
            assert found, query
            assert found == original.search(query).ids, query
        assert copy.duplicate_pairs() == original.duplicate_pairs()


def test_a_destination_holding_papers_is_refused_and_left_as_it_was(
    source: Path, tmp_path: Path, write_list: Callable[..., Path]
) -> None:
    destination = tmp_path / "mine.sqlite"
    with Library.open(destination) as mine:
        mine.import_files([write_list("mine.txt", [("My own paper", "Mine.")])])
    before = stored_rows(destination)
    with pytest.raises(CopyRefused, match=r"already holds 1 paper; copy into a new or empty"):
        copy_library(source, destination)
    assert stored_rows(destination) == before


def test_a_destination_holding_only_a_saved_search_is_refused(source: Path, tmp_path: Path) -> None:
    destination = tmp_path / "mine.sqlite"
    with Library.open(destination) as mine:
        mine.execute(SaveSearch("Later", "status:queued"))
    with pytest.raises(CopyRefused, match="saved_searches"):
        copy_library(source, destination)
    with Library.open(destination) as mine:
        assert [search.name for search in mine.saved_searches()] == ["Later"]


def test_an_existing_empty_library_takes_the_copy(source: Path, tmp_path: Path) -> None:
    destination = tmp_path / "empty.sqlite"
    Library.open(destination).close()
    summary = copy_library(source, destination)
    assert not summary.created
    assert stored_rows(destination) == stored_rows(source)


def test_the_source_is_only_read(source: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    before = digest(source)
    files = sorted(source.parent.rglob("*"))
    copy_library(source, tmp_path_factory.mktemp("elsewhere") / "copy.sqlite")
    assert digest(source) == before
    assert sorted(source.parent.rglob("*")) == files


def test_a_missing_source_is_refused_and_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.sqlite"
    with pytest.raises(CopyRefused, match="no library there to copy"):
        copy_library(missing, tmp_path / "copy.sqlite")
    assert not missing.exists()
    assert not (tmp_path / "copy.sqlite").exists()


def test_a_library_is_not_copied_onto_itself(source: Path) -> None:
    before = stored_rows(source)
    with pytest.raises(CopyRefused, match="onto itself"):
        copy_library(source, source.parent / "." / source.name)
    assert stored_rows(source) == before


def test_a_copy_stopped_halfway_removes_the_file_it_created(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(copying, "BATCH_ROWS", 100)

    class Stop(Exception):
        pass

    def stop_in_papers(table: str, done: int, _total: int) -> None:
        if table == "papers" and done >= 200:
            raise Stop

    destination = tmp_path / "copy.sqlite"
    with pytest.raises(Stop):
        copy_library(source, destination, stop_in_papers)
    assert list(tmp_path.glob("copy.sqlite*")) == []


def test_a_failing_copy_leaves_an_existing_library_empty_and_says_why(
    source: Path, tmp_path: Path
) -> None:
    destination = tmp_path / "empty.sqlite"
    Library.open(destination).close()
    connection = sqlite3.connect(destination)
    connection.execute(
        "CREATE TRIGGER refuse BEFORE INSERT ON paper_tags"
        " BEGIN SELECT RAISE(ABORT, 'no room for tags'); END"
    )
    connection.close()
    with pytest.raises(ReadingListError, match="paper_tags: no room for tags") as raised:
        copy_library(source, destination)
    assert str(destination) in str(raised.value)
    assert "\n" not in str(raised.value)
    assert destination.exists()
    assert not any(stored_rows(destination).values())
    with Library.open(destination) as empty:
        assert empty.search("matrix").ids == []


def test_progress_counts_every_table_up_to_its_total_in_batches(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(copying, "BATCH_ROWS", 100)
    calls: list[tuple[str, int, int]] = []
    copy_library(source, tmp_path / "copy.sqlite", lambda *call: calls.append(call))
    finals = {table: (done, total) for table, done, total in calls}
    assert finals == {name: (len(rows), len(rows)) for name, rows in stored_rows(source).items()}
    papers = [done for table, done, _total in calls if table == "papers"]
    assert papers == [0, 100, 200, 300, 400, 458]
