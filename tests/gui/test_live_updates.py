"""A window on a shared library shows other members' changes within a second, unpolled.

Each test gets a database of its own on the server READINGLIST_TEST_POSTGRES names
(.ci/run starts one); without the variable these tests fail, never skip.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QSettings, Qt
from sqlalchemy import create_engine

from helpers import press, select_rows, settle
from readinglist.core.changes import EVERYTHING, Changes
from readinglist.core.commands import AddTags, DeletePapers, SetNote, SetRating
from readinglist.core.library import Library
from readinglist.gui.app import make_application

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from readinglist.gui.mainwindow import MainWindow


@pytest.fixture
def shared(server_sample_library: str) -> Iterator[Library]:
    """The library the window shows."""
    with Library.open(server_sample_library) as library:
        yield library


@pytest.fixture
def other_member(server_sample_library: str) -> Iterator[Library]:
    """The same library, opened by someone else."""
    with Library.open(server_sample_library) as library:
        yield library


@pytest.fixture
def window(qtbot: QtBot, shared: Library, settings_path: Path) -> Iterator[MainWindow]:
    from readinglist.gui.mainwindow import MainWindow

    make_application([])
    shown = MainWindow(shared, QSettings(str(settings_path), QSettings.Format.IniFormat))
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitUntil(lambda: shown.model.rowCount() > 0 and shown.started, timeout=10_000)
    settle(qtbot, shown)
    yield shown
    shown.close()
    shown.import_flow.wait()
    shown.list.runner.wait()


def shown_row(window: MainWindow, paper_id: int) -> object:
    """The row the list holds for paper_id (loaded now if it was not yet)."""
    row = window.model.row_of(paper_id)
    assert row is not None
    return window.model.paper_row(row)


def test_the_window_hears_the_server_instead_of_polling(window: MainWindow) -> None:
    assert window.watcher.listening()
    assert not window.watcher.timer.isActive()


def test_a_rating_and_a_tag_by_another_member_show_within_a_second(
        qtbot: QtBot, window: MainWindow, other_member: Library) -> None:
    paper_id = window.model.paper_id(0)
    assert getattr(shown_row(window, paper_id), "rating", None) != 5  # cached, as painted
    other_member.execute(SetRating([paper_id], 5))
    other_member.execute(AddTags([paper_id], ["journal-club"]))
    qtbot.waitUntil(lambda: getattr(shown_row(window, paper_id), "rating", None) == 5,
                    timeout=1000)
    qtbot.waitUntil(
        lambda: "journal-club" in getattr(shown_row(window, paper_id), "tags", ()), timeout=1000)
    assert not window.watcher.timer.isActive()


def test_a_note_by_another_member_shows_in_the_pane_within_a_second(
        qtbot: QtBot, window: MainWindow, other_member: Library) -> None:
    paper_id = select_rows(window, 0)[0]
    qtbot.waitUntil(lambda: window.detail.paper is not None)
    other_member.execute(SetNote(paper_id, "Read for Thursday"))
    qtbot.waitUntil(lambda: window.detail.note.toPlainText() == "Read for Thursday",
                    timeout=1000)


def test_only_the_changed_papers_are_refreshed(
        qtbot: QtBot, window: MainWindow, other_member: Library) -> None:
    paper_id = window.model.paper_id(3)
    with qtbot.waitSignal(window.watcher.changed_elsewhere, timeout=1000) as heard:
        other_member.execute(SetRating([paper_id], 2))
    assert heard.args == [Changes(papers=frozenset({paper_id}))]


def test_a_members_paper_edits_leave_the_status_bar_to_the_window(
        qtbot: QtBot, window: MainWindow, other_member: Library) -> None:
    paper_id = window.model.paper_id(2)
    shown_row(window, paper_id)
    window.say("Rated 2 papers.")
    other_member.execute(SetRating([paper_id], 1))
    qtbot.waitUntil(lambda: getattr(shown_row(window, paper_id), "rating", None) == 1,
                    timeout=1000)
    assert window.status.message.text() == "Rated 2 papers."


def test_papers_deleted_by_another_member_leave_the_list_within_a_second(
        qtbot: QtBot, window: MainWindow, other_member: Library) -> None:
    before = window.model.rowCount()
    gone = [window.model.paper_id(0), window.model.paper_id(1)]
    other_member.execute(DeletePapers(gone))
    qtbot.waitUntil(lambda: window.model.rowCount() == before - 2, timeout=1000)
    assert window.model.row_of(gone[0]) is None
    assert "changed elsewhere" in window.status.message.text()


def test_the_windows_own_changes_are_not_heard_back(qtbot: QtBot, window: MainWindow) -> None:
    select_rows(window, 0, 1)
    with qtbot.assertNotEmitted(window.watcher.changed_elsewhere, wait=500):
        press(qtbot, window, Qt.Key.Key_3)
    assert not window.watcher.check()


def test_after_a_dropped_connection_the_window_listens_again_and_refreshes(
        qtbot: QtBot, window: MainWindow, other_member: Library,
        server_sample_library: str) -> None:
    watcher = window.watcher
    heard: list[Changes] = []
    watcher.changed_elsewhere.connect(heard.append)
    first, second = window.model.paper_id(0), window.model.paper_id(1)
    for paper_id in (first, second):
        shown_row(window, paper_id)  # cached, as painted
    disconnect_listeners(server_sample_library)
    qtbot.waitUntil(lambda: not watcher.listening(), timeout=2000)
    assert watcher.timer.isActive()  # polling meanwhile
    other_member.execute(SetRating([first], 1))  # its notice reaches no one
    qtbot.waitUntil(lambda: getattr(shown_row(window, first), "rating", None) == 1,
                    timeout=3000)
    qtbot.waitUntil(watcher.listening, timeout=5000)
    assert EVERYTHING in heard  # once back, anything may have changed
    assert not watcher.timer.isActive()
    other_member.execute(SetRating([second], 4))
    qtbot.waitUntil(lambda: getattr(shown_row(window, second), "rating", None) == 4,
                    timeout=1000)


def disconnect_listeners(url: str) -> None:
    """End the server's connections that listen for the library's changes."""
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            ended = connection.exec_driver_sql(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND starts_with(query, 'LISTEN')"
            ).all()
    finally:
        engine.dispose()
    assert ended
