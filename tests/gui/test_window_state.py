"""Restarting the window restores geometry, splitters, columns, sort order and the view."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from helpers import settle, titles
from readinglist.gui.columns import Column

if TYPE_CHECKING:
    from collections.abc import Callable

    from pytestqt.qtbot import QtBot

    from readinglist.gui.mainwindow import MainWindow


def test_state_is_restored_after_restart(qtbot: QtBot,
                                         open_window: Callable[[], MainWindow]) -> None:
    first = open_window()
    first.resize(760, 560)  # the offscreen screen is 800x600
    header = first.paper_view.horizontalHeader()
    header.setSectionHidden(Column.STATUS, True)
    header.setSectionHidden(Column.COLLECTIONS, False)
    header.resizeSection(Column.TAGS, 211)
    header.moveSection(header.visualIndex(Column.ADDED), 0)
    first.splitter.setSizes([300, 500, 300])
    sizes = first.splitter.sizes()
    first.paper_view.sortByColumn(Column.TITLE, Qt.SortOrder.DescendingOrder)
    first.sidebar.select_key("collection:Sample: LLMs and society")
    settle(qtbot, first)
    shown = titles(first)
    first.close()

    second = open_window()
    settle(qtbot, second)
    header = second.paper_view.horizontalHeader()
    assert (second.width(), second.height()) == (760, 560)
    assert header.isSectionHidden(Column.STATUS)
    assert not header.isSectionHidden(Column.COLLECTIONS)
    assert header.sectionSize(Column.TAGS) == 211
    assert header.visualIndex(Column.ADDED) == 0
    assert second.splitter.sizes() == sizes
    assert second.sidebar.current_key() == "collection:Sample: LLMs and society"
    assert header.sortIndicatorSection() == Column.TITLE
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert titles(second) == shown


def test_first_launch_uses_a_comfortable_default_size(window: MainWindow) -> None:
    assert (window.width(), window.height()) == (1280, 800)


def test_a_view_that_no_longer_exists_falls_back_to_all(
    qtbot: QtBot, open_window: Callable[[], MainWindow]
) -> None:
    from readinglist.core.commands import DeleteCollection

    first = open_window()
    first.sidebar.select_key("collection:Sample: LLMs and society")
    settle(qtbot, first)
    first.close()
    first.library.execute(DeleteCollection("Sample: LLMs and society"))
    second = open_window()
    assert second.sidebar.current_key() == "all"
    assert second.model.rowCount() == 457
