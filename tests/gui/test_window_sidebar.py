"""Sidebar menus and the remaining paper actions: delete, queue order, first launch."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from helpers import press, select_rows, settle
from readinglist.gui.app import open_library
from readinglist.gui.sidebarmenu import sidebar_menu

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from readinglist.gui.mainwindow import MainWindow

SOCIETY = "collection:Sample: LLMs and society"


def _trigger(window: MainWindow, key: str, text: str) -> None:
    menu = sidebar_menu(window, key, window.ops, window.colors)
    assert menu is not None
    next(a for a in menu.actions() if a.text() == text).trigger()


def test_sample_collections_can_be_deleted_and_undeleted(qtbot: QtBot,
                                                          window: MainWindow) -> None:
    window.sidebar.select_key(SOCIETY)
    settle(qtbot, window)
    _trigger(window, SOCIETY, "Delete Collection")
    settle(qtbot, window)
    assert window.sidebar.view(SOCIETY) is None
    assert window.sidebar.current_key() == "all"
    assert window.library.count() == 457  # the papers stay
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.sidebar.view(SOCIETY) is not None


def test_tags_can_be_deleted_from_the_sidebar(qtbot: QtBot, window: MainWindow) -> None:
    from readinglist.core.commands import AddTags

    window.ops.execute(AddTags([window.model.paper_id(0)], ["later"]))
    settle(qtbot, window)
    assert window.sidebar.view("tag:later") is not None
    _trigger(window, "tag:later", "Delete Tag")
    settle(qtbot, window)
    assert window.sidebar.view("tag:later") is None


def test_delete_key_deletes_and_undo_restores(qtbot: QtBot, window: MainWindow) -> None:
    ids = select_rows(window, 0, 1)
    press(qtbot, window, Qt.Key.Key_Delete)
    assert window.library.count() == 455
    assert window.model.rowCount() == 455
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [row.id for row in window.library.rows(ids)] == ids


def test_alt_arrows_reorder_the_queue(qtbot: QtBot, window: MainWindow) -> None:
    ids = select_rows(window, 0, 2)
    press(qtbot, window, Qt.Key.Key_Q)
    window.sidebar.select_key("status:queued")
    settle(qtbot, window)
    assert window.model.ids == ids
    select_rows(window, 2)
    press(qtbot, window, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert window.library.queue() == [ids[0], ids[2], ids[1]]
    assert window.model.ids == [ids[0], ids[2], ids[1]]
    assert window.paper_view.selected_ids() == [ids[2]]


def test_first_launch_fills_a_new_library_with_the_samples(tmp_path: Path) -> None:
    library, message = open_library(tmp_path / "new" / "lib.sqlite")
    with library:
        assert library.count() == 457
        assert library.history_labels() == (None, None)
    assert "started with 457 papers from 3 sample lists" in message
    library, message = open_library(tmp_path / "new" / "lib.sqlite")
    with library:
        assert message.startswith("Opened")
