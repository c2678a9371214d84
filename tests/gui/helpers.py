"""Small helpers for driving the main window in tests."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from readinglist.gui.mainwindow import MainWindow


def settle(qtbot: QtBot, window: MainWindow) -> None:
    """Wait until no search or sidebar refresh is pending and the event queue is drained."""
    runner = window.list.runner
    qtbot.waitUntil(
        lambda: not runner.busy() and not runner.completing()
        and not window.sidebar_refresh_pending()
    )
    QApplication.processEvents()


def wait_started(qtbot: QtBot, window: MainWindow) -> None:
    """Wait until the window has shown its library and settled."""
    qtbot.waitUntil(lambda: window.started)
    settle(qtbot, window)


def filter_for(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Type text in the filter field (setText: keyClicks breaks on non-ASCII) and wait."""
    window.handlers.focus_filter()
    window.filter_bar.field.setText(text)
    qtbot.wait(window.filter_bar._timer.interval() + 30)
    settle(qtbot, window)


def titles(window: MainWindow) -> list[str]:
    model = window.model
    return [row.title for r in range(model.rowCount()) if (row := model.paper_row(r))]


def select_rows(window: MainWindow, first: int, last: int | None = None) -> list[int]:
    """Select rows first..last of the list, focus it, and return their paper ids."""
    from PySide6.QtCore import QItemSelection, QItemSelectionModel

    view = window.paper_view
    model = window.model
    last = first if last is None else last
    view.setFocus()
    selection = QItemSelection(model.index(first, 0), model.index(last, model.columnCount() - 1))
    flags = QItemSelectionModel.SelectionFlag
    view.selectionModel().setCurrentIndex(model.index(first, 2), flags.NoUpdate)
    view.selectionModel().select(selection, flags.ClearAndSelect)
    QApplication.processEvents()
    return [model.paper_id(r) for r in range(first, last + 1)]


def press(qtbot: QtBot, window: MainWindow, key: Qt.Key,
          modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """Press key on the paper list and let the resulting search finish."""
    qtbot.keyClick(window.paper_view, key, modifier)
    settle(qtbot, window)


def write_pasted(path: Path, pairs: list[tuple[str, str]]) -> Path:
    lines = ["Get trending papers in your email inbox once a day!",
             "Get trending papers in your email inbox!"]
    for index, (title, abstract) in enumerate(pairs):
        lines += [("Subscribe" if index == 0 else "") + title, abstract]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
