"""Changes another program commits (the CLI, a second window) show up within a second."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from helpers import press, select_rows, write_pasted
from readinglist.core.commands import SetNote, SetRating
from readinglist.core.library import Library

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from readinglist.gui.mainwindow import MainWindow


def test_a_rating_made_elsewhere_appears_in_list_and_pane(qtbot: QtBot,
                                                          window: MainWindow) -> None:
    paper_id = select_rows(window, 0)[0]
    qtbot.waitUntil(lambda: window.detail.paper is not None)
    with Library.open(window.library.path) as other:
        other.execute(SetRating([paper_id], 5))
        other.execute(SetNote(paper_id, "written from the command line"))
    qtbot.waitUntil(lambda: window.library.rows([paper_id])[0].rating == 5)
    row = window.model.row_of(paper_id)
    assert row is not None
    qtbot.waitUntil(lambda: getattr(window.model.paper_row(row), "rating", None) == 5,
                    timeout=5000)
    note = window.detail.note
    qtbot.waitUntil(lambda: note.toPlainText() == "written from the command line", timeout=5000)
    assert window.action_set["edit.undo"].text() == "&Undo edit note"


def test_papers_imported_elsewhere_appear_in_counts_and_list(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    before = window.model.rowCount()
    source = write_pasted(tmp_path / "cli.txt", [("Imported By The CLI", "An abstract."),
                                                 ("Also Imported By The CLI", "Another.")])
    with Library.open(window.library.path) as other:
        other.import_files([source])
    qtbot.waitUntil(lambda: window.model.rowCount() == before + 2, timeout=5000)
    qtbot.waitUntil(lambda: "cli" in [item.text(0) for item in window.sidebar._items()])


def test_the_windows_own_changes_do_not_count_as_changes_elsewhere(
        qtbot: QtBot, window: MainWindow) -> None:
    select_rows(window, 0, 1)
    press(qtbot, window, Qt.Key.Key_3)
    assert not window.watcher.check()
