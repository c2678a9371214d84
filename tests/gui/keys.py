"""Press keys the way a user does: on whichever widget has the focus."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from helpers import settle

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget
    from pytestqt.qtbot import QtBot

    from readinglist.gui.mainwindow import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the focus"
    return widget


def key(qtbot: QtBot, window: MainWindow, k: Qt.Key,
        modifier: Qt.KeyboardModifier = NONE) -> None:
    """Press k on the focused widget and let any search it starts finish."""
    QTest.keyClick(focused(), k, modifier)
    settle(qtbot, window)


def type_ascii(text: str) -> None:
    """Type ASCII text into the focused widget, one key event per character."""
    assert text.isascii()
    QTest.keyClicks(focused(), text)
