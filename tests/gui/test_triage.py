"""Triage the sample Inbox with key presses only, and check the library afterwards."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from helpers import filter_for, settle
from keys import CTRL, SHIFT, focused, key

if TYPE_CHECKING:
    from collections.abc import Callable

    from pytestqt.qtbot import QtBot

    from readinglist.gui.mainwindow import MainWindow

Key = Qt.Key


def enter_triage(qtbot: QtBot, window: MainWindow) -> list[int]:
    """Press Ctrl+T on the list; return the ids triage goes through."""
    window.paper_view.setFocus()
    key(qtbot, window, Key.Key_T, CTRL)
    assert window.triage.active
    assert focused() is window.triage_view
    run = window.triage.run
    assert run is not None
    return list(run.ids)


def shown(window: MainWindow) -> int | None:
    run = window.triage.run
    assert run is not None
    return run.current()


def test_one_key_decides_and_moves_to_the_next_paper(qtbot: QtBot, window: MainWindow) -> None:
    ids = enter_triage(qtbot, window)
    assert len(ids) == 457
    assert window.triage_view.source.text() == "TRIAGE · INBOX"
    key(qtbot, window, Key.Key_4)
    key(qtbot, window, Key.Key_Q)
    key(qtbot, window, Key.Key_S)
    key(qtbot, window, Key.Key_T)
    prompt = window.handlers.prompt
    assert prompt is not None and focused() is prompt.field
    prompt.field.setText("nlp, later")
    key(qtbot, window, Key.Key_Return)
    qtbot.waitUntil(lambda: focused() is window.triage_view)
    key(qtbot, window, Key.Key_R)
    library = window.library
    assert library.detail(ids[0]).rating == 4
    assert library.detail(ids[1]).status == "queued"
    assert library.detail(ids[2]).status == "skipped"
    assert library.detail(ids[3]).tags == ("later", "nlp")
    assert library.detail(ids[4]).status == "read"
    assert library.queue() == [ids[1]]
    assert shown(window) == ids[5]
    assert window.triage_view.count.text() == "5 of 457 triaged"
    assert window.triage_view.bar.value() == 5
    assert window.triage_view.title.text() == library.detail(ids[5]).title


def test_backspace_goes_back_and_a_new_key_redecides(qtbot: QtBot, window: MainWindow) -> None:
    ids = enter_triage(qtbot, window)
    key(qtbot, window, Key.Key_Q)
    key(qtbot, window, Key.Key_Backspace)
    assert shown(window) == ids[0]
    assert window.triage_view.chips.decision == "Queued"
    key(qtbot, window, Key.Key_S)
    assert window.library.detail(ids[0]).status == "skipped"
    assert shown(window) == ids[1]
    assert window.triage_view.count.text() == "1 of 457 triaged"
    key(qtbot, window, Key.Key_J)  # pass without deciding
    key(qtbot, window, Key.Key_3)
    assert window.library.detail(ids[1]).rating is None
    assert window.library.detail(ids[2]).rating == 3
    assert shown(window) == ids[3]
    assert window.triage_view.count.text() == "2 of 457 triaged"


def test_undo_steps_triage_back_and_redo_forward(qtbot: QtBot, window: MainWindow) -> None:
    ids = enter_triage(qtbot, window)
    key(qtbot, window, Key.Key_Q)
    key(qtbot, window, Key.Key_5)
    assert shown(window) == ids[2]
    key(qtbot, window, Key.Key_Z, CTRL)
    assert window.library.detail(ids[1]).rating is None
    assert shown(window) == ids[1]
    assert window.triage_view.count.text() == "1 of 457 triaged"
    key(qtbot, window, Key.Key_Z, CTRL)
    assert window.library.detail(ids[0]).status == "inbox"
    assert shown(window) == ids[0]
    key(qtbot, window, Key.Key_Z, CTRL | SHIFT)
    assert window.library.detail(ids[0]).status == "queued"
    assert shown(window) == ids[1]
    key(qtbot, window, Key.Key_Z, CTRL | SHIFT)
    assert window.library.detail(ids[1]).rating == 5
    assert shown(window) == ids[2]
    assert window.triage_view.count.text() == "2 of 457 triaged"


def test_leaving_and_coming_back_resumes_even_after_restart(
        qtbot: QtBot, window: MainWindow, open_window: Callable[[], MainWindow]) -> None:
    ids = enter_triage(qtbot, window)
    for k in (Key.Key_S, Key.Key_S, Key.Key_Q):
        key(qtbot, window, k)
    key(qtbot, window, Key.Key_Escape)
    assert not window.triage.active
    assert focused() is window.paper_view
    assert window.central_stack.currentWidget() is window.splitter
    key(qtbot, window, Key.Key_T, CTRL)
    assert shown(window) == ids[3]
    assert window.triage_view.count.text() == "3 of 457 triaged"
    key(qtbot, window, Key.Key_T, CTRL)  # Ctrl+T again leaves
    assert not window.triage.active
    window.close()

    again = open_window()
    again.sidebar.select_key("all")
    settle(qtbot, again)
    resumed = enter_triage(qtbot, again)
    assert resumed == ids  # the papers moved out of the Inbox keep their place
    assert shown(again) == ids[3]
    assert again.triage_view.count.text() == "3 of 457 triaged"


def test_triage_goes_over_the_current_filter_to_the_end(qtbot: QtBot,
                                                        window: MainWindow) -> None:
    filter_for(qtbot, window, "attention")
    listed = list(window.model.ids)
    assert 2 <= len(listed) < 60
    window.handlers.focus_list()
    ids = enter_triage(qtbot, window)
    assert sorted(ids) == sorted(listed)
    for _ in ids:
        key(qtbot, window, Key.Key_2)
    assert window.triage_view.pages.currentIndex() == 1
    assert window.triage_view.done.text() == f"All {len(ids)} papers triaged"
    assert {window.library.detail(pid).rating for pid in ids} == {2}
    key(qtbot, window, Key.Key_Backspace)
    assert shown(window) == ids[-1]


def test_pace_and_hints_come_from_the_keymap(qtbot: QtBot, window: MainWindow) -> None:
    enter_triage(qtbot, window)
    assert window.triage_view.pace.text() == "Pace shows after the first decision"
    hints = window.triage_view.hints.text()
    for word in ("queue", "skip", "read", "rate", "tag", "back", "leave"):
        assert word in hints
    run = window.triage.run
    assert run is not None
    run.active_seconds = 59.0
    key(qtbot, window, Key.Key_S)
    assert window.triage_view.pace.text().startswith("1.0 papers/min · about 7 h")
