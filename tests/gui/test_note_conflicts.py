"""A note saved elsewhere while this window edits it: nothing is overwritten, the window asks."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QPushButton

from helpers import select_rows
from readinglist.core.commands import SetNote
from readinglist.core.library import Library
from readinglist.gui.dialogs.conflict import ConflictDialog

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from readinglist.gui.mainwindow import MainWindow

pytestmark = pytest.mark.gui


def edit_while_someone_else_saves(qtbot: QtBot, window: MainWindow) -> tuple[int, ConflictDialog]:
    """Type a note while another program saves a different one; return the dialog shown."""
    window.watcher.stop()  # the other save must not reach the pane before ours is sent
    paper_id = select_rows(window, 0)[0]
    qtbot.waitUntil(lambda: window.detail.paper is not None and window.detail.paper.id == paper_id)
    note = window.detail.note
    note.setPlainText("mine: cite in the introduction")
    with Library.open(window.library.location) as other:
        other.execute(SetNote(paper_id, "theirs: read section 3", seen_version=1))
    note.flush()
    qtbot.waitUntil(lambda: _dialog() is not None)
    dialog = _dialog()
    assert dialog is not None
    return paper_id, dialog


def _dialog() -> ConflictDialog | None:
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, ConflictDialog)]
    return next((w for w in shown if w.isVisible()), None)


def _texts(dialog: ConflictDialog) -> tuple[str, str]:
    theirs = dialog.findChild(QPlainTextEdit, "theirsNote")
    mine = dialog.findChild(QPlainTextEdit, "mineNote")
    assert theirs is not None and mine is not None
    return theirs.toPlainText(), mine.toPlainText()


def _click(dialog: ConflictDialog, name: str) -> None:
    button = dialog.findChild(QPushButton, name)
    assert button is not None
    button.click()


def test_the_dialog_shows_both_notes_and_keeping_theirs_overwrites_nothing(
    qtbot: QtBot, window: MainWindow
) -> None:
    paper_id, dialog = edit_while_someone_else_saves(qtbot, window)
    assert _texts(dialog) == ("theirs: read section 3", "mine: cite in the introduction")
    assert window.library.detail(paper_id).note == "theirs: read section 3"
    _click(dialog, "theirsButton")
    assert window.detail.note.toPlainText() == "theirs: read section 3"
    assert not window.detail.note.is_dirty()
    assert window.library.detail(paper_id).note == "theirs: read section 3"


def test_using_mine_saves_it_over_theirs(qtbot: QtBot, window: MainWindow) -> None:
    paper_id, dialog = edit_while_someone_else_saves(qtbot, window)
    _click(dialog, "mineButton")
    assert window.library.detail(paper_id).note == "mine: cite in the introduction"
    assert window.detail.note.toPlainText() == "mine: cite in the introduction"
    window.detail.note.setPlainText("mine: cite in the introduction, and in related work")
    window.detail.note.flush()  # the window's next save builds on its own, no second dialog
    assert _dialog() is None
    assert window.library.detail(paper_id).note.endswith("and in related work")


def test_keeping_both_saves_theirs_then_mine(qtbot: QtBot, window: MainWindow) -> None:
    paper_id, dialog = edit_while_someone_else_saves(qtbot, window)
    _click(dialog, "bothButton")
    both = "theirs: read section 3\n\nmine: cite in the introduction"
    assert window.library.detail(paper_id).note == both
    assert window.detail.note.toPlainText() == both
