"""Discovery in the window: related papers under the note, sidebar pages, keys to each."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from helpers import select_rows, settle
from readinglist.core.commands import SetRating

if TYPE_CHECKING:
    from collections.abc import Callable

    from pytestqt.qtbot import QtBot

    from readinglist.gui.mainwindow import MainWindow

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def wait_for_workers(window: MainWindow) -> None:
    window.discovery.wait()


def test_related_papers_follow_the_selection_and_open_on_enter(
        qtbot: QtBot, window: MainWindow) -> None:
    window.related.set_expanded(True)
    paper_id = select_rows(window, 0)[0]
    related = window.discovery.related
    qtbot.waitUntil(lambda: bool(related.entries()), timeout=30_000)
    assert paper_id not in related.entries()
    qtbot.keyClick(window.paper_view, Qt.Key.Key_R, Qt.KeyboardModifier.ShiftModifier)
    assert related.list.hasFocus() and related.list.currentRow() == 0
    chosen = related.entries()[0]
    qtbot.keyClick(related.list, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert window.paper_view.selected_ids() == [chosen]
    assert window.paper_view.hasFocus()
    wait_for_workers(window)


def test_related_papers_start_folded_and_remember_being_opened(
        qtbot: QtBot, window: MainWindow, open_window: Callable[[], MainWindow]) -> None:
    assert not window.related.expanded()
    window.related.set_expanded(True)
    window.close()
    assert open_window().related.expanded()


def test_folded_related_papers_compute_nothing(qtbot: QtBot, window: MainWindow) -> None:
    window.related.set_expanded(True)
    related = window.discovery.related
    qtbot.waitUntil(lambda: not related.worker.busy(), timeout=30_000)
    before = related.paper_id
    window.related.set_expanded(False)
    assert not related.isVisible()
    select_rows(window, 3)
    settle(qtbot, window)
    assert not related.worker.busy()
    assert related.paper_id == before
    window.related.set_expanded(True)
    assert window.discovery.related.paper_id == window.model.paper_id(3)
    wait_for_workers(window)


def test_sidebar_discover_entries_switch_the_centre(qtbot: QtBot, window: MainWindow) -> None:
    keys = [item.data(0, Qt.ItemDataRole.UserRole + 10) for item in window.sidebar._items()]
    assert {"discover:recommended", "discover:duplicates", "discover:insights"} <= set(keys)
    window.sidebar.select_key("discover:insights")
    assert window.discovery.current() == "insights"
    assert not window.paper_view.isVisible()
    window.sidebar.select_key("status:inbox")
    settle(qtbot, window)
    assert window.discovery.current() is None and window.paper_view.isVisible()
    wait_for_workers(window)


def test_keys_open_each_page_and_recommended_picks_open_in_the_list(
        qtbot: QtBot, window: MainWindow) -> None:
    ids = [window.model.paper_id(row) for row in range(3)]
    window.ops.execute(SetRating(ids, 5))
    qtbot.keyClick(window.paper_view, Qt.Key.Key_D, CTRL_SHIFT)
    assert window.discovery.current() == "duplicates"
    qtbot.keyClick(window, Qt.Key.Key_I, CTRL_SHIFT)
    assert window.discovery.current() == "insights"
    qtbot.keyClick(window, Qt.Key.Key_R, CTRL_SHIFT)
    assert window.discovery.current() == "recommended"
    assert window.sidebar.current_key() == "discover:recommended"
    recommended = window.discovery.recommended
    qtbot.waitUntil(lambda: bool(recommended.entries()), timeout=30_000)
    pick = recommended.entries()[0]
    recommended.paper_activated.emit(pick)
    settle(qtbot, window)
    assert window.discovery.current() is None
    assert window.sidebar.current_key() == "all"
    assert window.paper_view.selected_ids() == [pick]
    wait_for_workers(window)


def test_the_sidebar_counts_possible_duplicates(qtbot: QtBot, window: MainWindow) -> None:
    from readinglist.gui.widgets.sidebar import CountRole, load_sidebar

    pairs = len(window.library.duplicate_pairs())
    assert load_sidebar(window.library).duplicates == pairs
    item = next(i for i in window.sidebar._items()
                if i.data(0, Qt.ItemDataRole.UserRole + 10) == "discover:duplicates")
    assert item.data(0, CountRole) == (pairs if pairs else -1)
