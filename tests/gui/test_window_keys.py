"""Keys on the paper list change the library, for the whole selection, and undo/redo."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from helpers import press, select_rows, settle

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from readinglist.gui.mainwindow import MainWindow

Key = Qt.Key


def statuses(window: MainWindow, ids: list[int]) -> list[str]:
    return [row.status for row in window.library.rows(ids)]


def test_number_keys_rate_the_whole_selection(qtbot: QtBot, window: MainWindow) -> None:
    ids = select_rows(window, 0, 3)
    press(qtbot, window, Key.Key_4)
    assert [row.rating for row in window.library.rows(ids)] == [4, 4, 4, 4]
    assert window.action_set["edit.undo"].text() == "&Undo rate 4 papers 4"
    assert "Rate 4 papers 4" in window.status.message.text()
    press(qtbot, window, Key.Key_0)
    assert [row.rating for row in window.library.rows(ids)] == [0, 0, 0, 0]


def test_q_r_s_set_status_and_q_again_unqueues(qtbot: QtBot, window: MainWindow) -> None:
    ids = select_rows(window, 5, 6)
    press(qtbot, window, Key.Key_Q)
    assert statuses(window, ids) == ["queued", "queued"]
    assert window.library.queue() == ids
    press(qtbot, window, Key.Key_Q)
    assert statuses(window, ids) == ["inbox", "inbox"]
    press(qtbot, window, Key.Key_R)
    assert statuses(window, ids) == ["read", "read"]
    press(qtbot, window, Key.Key_S)
    assert statuses(window, ids) == ["skipped", "skipped"]


def test_undo_and_redo_keys_walk_the_history(qtbot: QtBot, window: MainWindow) -> None:
    ids = select_rows(window, 0, 1)
    press(qtbot, window, Key.Key_5)
    press(qtbot, window, Key.Key_R)
    press(qtbot, window, Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert statuses(window, ids) == ["inbox", "inbox"]
    assert [row.rating for row in window.library.rows(ids)] == [5, 5]
    assert window.action_set["edit.redo"].text() == "&Redo mark 2 papers read"
    press(qtbot, window, Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [row.rating for row in window.library.rows(ids)] == [None, None]
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    press(qtbot, window, Key.Key_Z, shift_ctrl)
    press(qtbot, window, Key.Key_Z, shift_ctrl)
    assert statuses(window, ids) == ["read", "read"]
    assert [row.rating for row in window.library.rows(ids)] == [5, 5]
    assert not window.action_set["edit.redo"].isEnabled()
    assert window.action_set["edit.redo"].text() == "&Redo"


def test_j_and_k_move_the_cursor(qtbot: QtBot, window: MainWindow) -> None:
    select_rows(window, 0)
    press(qtbot, window, Key.Key_J)
    press(qtbot, window, Key.Key_J)
    assert window.paper_view.currentIndex().row() == 2
    press(qtbot, window, Key.Key_K)
    assert window.paper_view.currentIndex().row() == 1
    assert window.paper_view.selected_ids() == [window.model.paper_id(1)]


def test_papers_leaving_the_view_hand_the_cursor_to_the_next(qtbot: QtBot,
                                                            window: MainWindow) -> None:
    window.sidebar.select_key("status:inbox")
    settle(qtbot, window)
    select_rows(window, 0)
    second = window.model.paper_id(1)
    press(qtbot, window, Key.Key_S)
    assert window.model.rowCount() == 456
    assert window.paper_view.selected_ids() == [second]


def test_slash_focuses_the_filter_and_escape_returns(qtbot: QtBot, window: MainWindow) -> None:
    select_rows(window, 0)
    qtbot.keyClick(window.paper_view, Key.Key_Slash)
    assert window.filter_bar.field.hasFocus()
    qtbot.keyClick(window.filter_bar.field, Key.Key_Escape)
    assert window.paper_view.hasFocus()
    qtbot.keyClick(window.paper_view, Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.filter_bar.field.hasFocus()


def test_letters_typed_in_the_filter_do_not_act_on_papers(qtbot: QtBot,
                                                          window: MainWindow) -> None:
    ids = select_rows(window, 0)
    window.handlers.focus_filter()
    qtbot.keyClicks(window.filter_bar.field, "qrs4")
    settle(qtbot, window)
    assert statuses(window, ids) == ["inbox"]
    assert window.filter_bar.field.text() == "qrs4"


def test_t_prompts_for_several_tags_new_ones_included(qtbot: QtBot, window: MainWindow) -> None:
    ids = select_rows(window, 0, 2)
    qtbot.keyClick(window.paper_view, Key.Key_T)
    prompt = window.handlers.prompt
    assert prompt is not None and prompt.isVisible()
    prompt.field.setText("nlp, to read later ,nlp")
    prompt.accept()
    settle(qtbot, window)
    assert [row.tags for row in window.library.rows(ids)] == [("nlp", "to read later")] * 3
    qtbot.waitUntil(window.paper_view.hasFocus)
    qtbot.keyClick(window.paper_view, Key.Key_T, Qt.KeyboardModifier.ShiftModifier)
    prompt = window.handlers.prompt
    assert prompt is not None
    prompt.field.setText("nlp")
    prompt.accept()
    settle(qtbot, window)
    assert [row.tags for row in window.library.rows(ids)] == [("to read later",)] * 3


def test_tag_completer_completes_the_last_name(qtbot: QtBot, window: MainWindow) -> None:
    from readinglist.core.commands import AddTags

    window.ops.execute(AddTags([window.model.paper_id(9)], ["evaluation"]))
    select_rows(window, 0)
    window.handlers.add_tags()
    prompt = window.handlers.prompt
    assert prompt is not None
    prompt.field.setText("nlp, eva")
    completer = prompt.field.completer()
    completer.setCompletionPrefix(completer.splitPath(prompt.field.text())[0])
    assert completer.currentCompletion() == "nlp, evaluation, "
    prompt.reject()


def test_n_puts_the_cursor_in_the_note(qtbot: QtBot, window: MainWindow) -> None:
    select_rows(window, 3)
    qtbot.keyClick(window.paper_view, Key.Key_N)
    QApplication.processEvents()
    assert window.detail.note.hasFocus()


def test_ctrl_q_closes_the_window_at_once(qtbot: QtBot, window: MainWindow) -> None:
    select_rows(window, 0)
    qtbot.keyClick(window.paper_view, Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()
    assert window.settings.value("window/view") == "all"


def test_enter_opens_the_paper_in_the_abstract_pane(qtbot: QtBot, window: MainWindow) -> None:
    select_rows(window, 0)
    qtbot.keyClick(window.paper_view, Key.Key_Return)
    assert window.detail.browser.hasFocus()
    qtbot.keyClick(window.detail.browser, Key.Key_Escape)
    assert window.paper_view.hasFocus()


def test_a_letter_that_is_no_shortcut_does_not_move_the_cursor(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    select_rows(window, 0)
    before = window.paper_view.currentIndex().row()
    qtbot.keyClick(window.paper_view, Qt.Key.Key_A)  # many titles start with "A"
    assert window.paper_view.currentIndex().row() == before
