"""A long answer shows its first page at once and the rest right after, without losing
the selection; select all and export take every match."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from helpers import select_rows, settle
from readinglist.core.commands import SetRating

if TYPE_CHECKING:
    from collections.abc import Callable

    from pytestqt.qtbot import QtBot

    from readinglist.gui.mainwindow import MainWindow

PAGE = 100


@pytest.fixture
def window(open_window: Callable[[], MainWindow], monkeypatch: pytest.MonkeyPatch,
           qtbot: QtBot) -> MainWindow:
    monkeypatch.setattr("readinglist.gui.search.FIRST_PAGE", PAGE)
    window = open_window()
    settle(qtbot, window)
    return window


def test_the_first_page_shows_first_then_every_paper(qtbot: QtBot, window: MainWindow) -> None:
    seen: list[tuple[int, str]] = []
    window.list.results_shown.connect(
        lambda n: seen.append((n, window.status.counts_text())))
    with qtbot.waitSignal(window.list.results_completed, timeout=10_000):
        window.list.set_text("")
    assert seen == [(PAGE, f"{PAGE}+ of 457 papers")]
    settle(qtbot, window)
    assert window.model.rowCount() == 457
    assert window.status.counts_text() == "457 of 457 papers"


def test_select_all_right_after_the_first_page_selects_every_match(
    qtbot: QtBot, window: MainWindow
) -> None:
    counts: list[int] = []

    def select_all(_n: int) -> None:
        window.handlers.select_all()
        counts.append(window.paper_view.selected_count())

    window.list.results_shown.connect(select_all)
    window.list.set_text("")
    qtbot.waitUntil(lambda: bool(counts))
    assert counts == [457]
    settle(qtbot, window)
    assert window.paper_view.selected_count() == 457


def test_a_selection_beyond_the_first_page_survives_a_change(
    qtbot: QtBot, window: MainWindow
) -> None:
    ids = select_rows(window, 300, 302)
    window.ops.execute(SetRating(ids, 5))
    settle(qtbot, window)
    assert window.paper_view.selected_ids() == ids
    assert window.paper_view.current_id() == ids[0]
    assert [window.model.paper_row(window.model.row_of(i)).rating for i in ids] == [5, 5, 5]


def test_a_change_that_moves_nothing_keeps_the_list_as_it_is(
    qtbot: QtBot, window: MainWindow
) -> None:
    ids = select_rows(window, 300)
    resets: list[int] = []
    window.model.modelReset.connect(lambda: resets.append(1))
    window.ops.execute(SetRating(ids, 2))
    settle(qtbot, window)
    assert resets == []  # no flash back to the first page
    assert window.paper_view.current_id() == ids[0]


def test_a_change_that_moves_the_paper_moves_it_and_keeps_it_selected(
    qtbot: QtBot, window: MainWindow
) -> None:
    from PySide6.QtCore import Qt

    from readinglist.gui.columns import Column

    window.model.sort(int(Column.RATING), Qt.SortOrder.DescendingOrder)
    settle(qtbot, window)
    ids = select_rows(window, 400)
    window.ops.execute(SetRating(ids, 5))
    settle(qtbot, window)
    assert window.model.row_of(ids[0]) == 0  # the only five-star paper now leads
    assert window.paper_view.current_id() == ids[0]
