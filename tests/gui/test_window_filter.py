"""The main window's list: views, filter as you type (typos too), hints, saved searches."""

from __future__ import annotations

from typing import TYPE_CHECKING

from helpers import filter_for, select_rows, settle, titles
from readinglist.core.commands import SetStatus

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from readinglist.gui.mainwindow import MainWindow

MATRIX = "Large Language Model Evaluation via Matrix Entropy"


def test_window_opens_on_all_papers_with_counts(window: MainWindow) -> None:
    assert window.model.rowCount() == 457
    assert window.status.counts_text() == "457 of 457 papers"
    assert window.sidebar.current_key() == "all"
    assert window.paper_view.hasFocus() or window.paper_view.isVisible()


def test_filter_with_typos_finds_the_paper_first(qtbot: QtBot, window: MainWindow) -> None:
    filter_for(qtbot, window, "matrx entrpy")
    assert titles(window)[0] == MATRIX
    assert window.status.counts_text().endswith("of 457 papers")
    assert not window.filter_bar.hint.isVisible()


def test_malformed_query_shows_a_hint_and_keeps_the_list(qtbot: QtBot, window: MainWindow) -> None:
    filter_for(qtbot, window, "rating:>=9")
    assert window.filter_bar.hint.isVisible()
    assert "0 to 5" in window.filter_bar.hint.text()
    assert window.model.rowCount() == 457
    filter_for(qtbot, window, "entropy")
    assert not window.filter_bar.hint.isVisible()


def test_sidebar_views_filter_the_list(qtbot: QtBot, window: MainWindow) -> None:
    window.sidebar.select_key("collection:Sample: LLM evaluation")
    settle(qtbot, window)
    assert window.model.rowCount() == 237
    window.sidebar.select_key("status:queued")
    settle(qtbot, window)
    assert window.model.rowCount() == 0


def test_sidebar_counts_follow_changes(qtbot: QtBot, window: MainWindow) -> None:
    ids = select_rows(window, 0, 2)
    window.ops.execute(SetStatus(ids, "queued"))
    settle(qtbot, window)
    from readinglist.gui.widgets.sidebar import CountRole, ViewRole

    queue = next(i for i in window.sidebar._items() if i.data(0, ViewRole) == "status:queued")
    assert queue.data(0, CountRole) == 3


def test_filter_and_view_combine(qtbot: QtBot, window: MainWindow) -> None:
    window.sidebar.select_key("collection:Sample: language acquisition")
    settle(qtbot, window)
    filter_for(qtbot, window, "matrx entrpy")
    assert MATRIX not in titles(window)


def test_save_search_adds_it_to_the_sidebar(qtbot: QtBot, window: MainWindow,
                                            monkeypatch: object) -> None:
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getText",  # type: ignore[attr-defined]
                        staticmethod(lambda *args, **kwargs: ("Entropy papers", True)))
    filter_for(qtbot, window, "entropy")
    window.handlers.save_search()
    settle(qtbot, window)
    assert [s.name for s in window.library.saved_searches()] == ["Entropy papers"]
    assert window.sidebar.view("search:Entropy papers") is not None
    assert window.action_set["edit.undo"].text().startswith("&Undo save")


def test_header_click_sorts_through_the_core(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtCore import Qt

    from readinglist.gui.columns import Column

    window.paper_view.sortByColumn(Column.TITLE, Qt.SortOrder.AscendingOrder)
    settle(qtbot, window)
    shown = titles(window)
    assert shown == sorted(shown, key=str.lower)
    window.paper_view.sortByColumn(Column.TITLE, Qt.SortOrder.DescendingOrder)
    settle(qtbot, window)
    assert titles(window)[0] == shown[-1]


def test_only_the_newest_search_is_shown(qtbot: QtBot, window: MainWindow) -> None:
    from readinglist.gui.search import SearchRequest

    delivered: list[str] = []
    runner = window.list.runner
    runner.finished.connect(lambda request, _result: delivered.append(request.query))
    for query in ("entropy", "language", "matrx entrpy"):
        runner.request(SearchRequest(query, None, False))
    qtbot.waitUntil(lambda: not runner.busy())
    qtbot.wait(50)
    assert delivered == ["matrx entrpy"]
