"""A change the disk refuses (full disk) says so, and the window does not show it as saved."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import event

from helpers import press, select_rows, settle
from readinglist.core.commands import AddTags

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from readinglist.gui.mainwindow import MainWindow


@pytest.fixture
def full_window(window: MainWindow) -> MainWindow:
    """The window over a library whose file may not grow: SQLite answers SQLITE_FULL."""

    def cap(dbapi_connection: Any, _record: Any) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    window.library.engine.dispose()
    event.listen(window.library.engine, "connect", cap)
    return window


def error_boxes(window: MainWindow) -> list[QMessageBox]:
    return [box for box in window.findChildren(QMessageBox) if box.isVisible()]


def test_a_tag_that_cannot_be_saved_is_reported_and_not_shown(
        qtbot: QtBot, full_window: MainWindow) -> None:
    window = full_window
    ids = select_rows(window, 0, 19)
    window.ops.execute(AddTags(ids, [f"tag{n}" for n in range(300)]))
    settle(qtbot, window)
    boxes = error_boxes(window)
    assert len(boxes) == 1 and "disk is full" in boxes[0].text()
    assert all(not row.tags or "tag0" not in row.tags for row in window.library.rows(ids))
    shown = [window.model.paper_row(row) for row in range(20)]
    assert all(row is not None and "tag0" not in row.tags for row in shown)
    assert not window.action_set["edit.undo"].text().startswith("&Undo add")


def test_a_note_that_cannot_be_saved_stays_in_the_editor_as_unsaved(
        qtbot: QtBot, full_window: MainWindow) -> None:
    window = full_window
    paper_id = select_rows(window, 0)[0]
    qtbot.waitUntil(lambda: window.detail.paper is not None)
    note = window.detail.note
    note.setPlainText("a long note " * 20_000)
    note.flush()
    assert note.is_dirty()  # still unsaved: it will be tried again
    assert window.library.detail(paper_id).note == ""
    assert "note was not saved" in window.status.message.text()
    boxes = error_boxes(window)
    note.flush()  # a second failure while the first message is open adds no second box
    assert len(error_boxes(window)) == len(boxes) == 1


def test_closing_with_a_note_that_cannot_be_saved_warns_once(
        qtbot: QtBot, full_window: MainWindow) -> None:
    window = full_window
    select_rows(window, 0)
    qtbot.waitUntil(lambda: window.detail.paper is not None)
    window.detail.note.setPlainText("a long note " * 20_000)
    window.close()
    assert window.isVisible()
    assert any("note could not be saved" in box.text() for box in error_boxes(window))
    for box in error_boxes(window):
        box.close()
    window.close()
    assert not window.isVisible()


def test_undo_that_cannot_be_saved_is_reported(qtbot: QtBot, window: MainWindow) -> None:
    ids = select_rows(window, 0)
    press(qtbot, window, Qt.Key.Key_4)
    window.library.engine.dispose()
    event.listen(window.library.engine, "connect",
                 lambda c, _r: c.execute("PRAGMA query_only = 1"))
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.library.rows(ids)[0].rating == 4
    assert window.model.paper_row(0).rating == 4  # type: ignore[union-attr]
    assert error_boxes(window)
