"""Preferences: record a new key, refuse conflicts, reset; a remap works after restart."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from helpers import select_rows
from keys import CTRL, focused, key
from readinglist.gui.dialogs.preferences import Preferences

if TYPE_CHECKING:
    from collections.abc import Callable

    from pytestqt.qtbot import QtBot

    from readinglist.gui.dialogs.preferences import ShortcutEditor
    from readinglist.gui.mainwindow import MainWindow

Key = Qt.Key


def open_editor(qtbot: QtBot, window: MainWindow) -> ShortcutEditor:
    """Press Ctrl+, and return the shortcut editor, its table focused."""
    window.paper_view.setFocus()
    key(qtbot, window, Key.Key_Comma, CTRL)
    dialog = window.findChild(Preferences)
    assert dialog is not None and dialog.isVisible()
    editor = dialog.shortcuts
    assert focused() is editor.table
    return editor


def record(qtbot: QtBot, window: MainWindow, editor: ShortcutEditor, action_id: str,
           k: Qt.Key) -> None:
    """Select action_id's row, press Enter to record, then press k."""
    editor.select(action_id)
    key(qtbot, window, Key.Key_Return)
    assert focused() is editor.recorder
    key(qtbot, window, k)


def test_remapped_key_works_at_once_and_after_restart(
        qtbot: QtBot, window: MainWindow, open_window: Callable[[], MainWindow]) -> None:
    editor = open_editor(qtbot, window)
    record(qtbot, window, editor, "paper.skip", Key.Key_X)
    assert window.keymap["paper.skip"].keys == ("X",)
    assert editor.message.text() == "“Skip” is now X."
    editor.window().close()
    qtbot.waitUntil(window.isActiveWindow)
    first = select_rows(window, 0)
    key(qtbot, window, Key.Key_X)
    assert window.library.detail(first[0]).status == "skipped"
    window.close()

    again = open_window()
    ids = select_rows(again, 1)
    key(qtbot, again, Key.Key_S)  # the old key does nothing now
    assert again.library.detail(ids[0]).status == "inbox"
    ids = select_rows(again, 1)  # S jumped to a title starting with S (keyboard search)
    key(qtbot, again, Key.Key_X)
    assert again.library.detail(ids[0]).status == "skipped"


def test_a_key_another_action_uses_is_refused_naming_it(qtbot: QtBot,
                                                        window: MainWindow) -> None:
    editor = open_editor(qtbot, window)
    record(qtbot, window, editor, "paper.skip", Key.Key_R)
    assert window.keymap["paper.skip"].keys == ("S",)
    assert "Mark Read" in editor.message.text()
    assert window.settings.value("shortcuts/paper.skip") is None


def test_reset_one_and_reset_all(qtbot: QtBot, window: MainWindow) -> None:
    editor = open_editor(qtbot, window)
    record(qtbot, window, editor, "paper.skip", Key.Key_X)
    record(qtbot, window, editor, "paper.read", Key.Key_S)  # free now that Skip moved
    editor.select("paper.skip")
    editor.reset_button.click()
    assert "Mark Read" in editor.message.text()  # S is taken by Mark Read now
    editor.reset_all_button.click()
    assert window.keymap["paper.skip"].keys == ("S",)
    assert window.keymap["paper.read"].keys == ("R",)
    assert window.settings.value("shortcuts/paper.read") is None
    assert window.action_set["paper.read"].shortcut().toString() == "R"


def test_triage_keys_follow_a_remap(qtbot: QtBot, window: MainWindow) -> None:
    window.keymap.save_override(window.settings, "paper.queue", ["W"])
    window.action_set.apply_keys()
    window.paper_view.setFocus()
    key(qtbot, window, Key.Key_T, CTRL)
    run = window.triage.run
    assert run is not None
    first = run.ids[0]
    key(qtbot, window, Key.Key_W)
    assert window.library.detail(first).status == "queued"
    assert "W" in window.triage_view.hints.text()
