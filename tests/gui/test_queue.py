"""The reading queue (drag order, Start Reading) and tag menus (merge, rename, recolour)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from helpers import select_rows, settle
from keys import CTRL, SHIFT, key
from readinglist.core.commands import AddTags, RecolorTag, SetStatus
from readinglist.gui.queuedrag import moved_before
from readinglist.gui.sidebarmenu import sidebar_menu

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from readinglist.gui.mainwindow import MainWindow

Key = Qt.Key
ALT = Qt.KeyboardModifier.AltModifier


@pytest.mark.parametrize(("moving", "before", "expected"), [
    ([4], 1, [4, 1, 2, 3, 5]),
    ([1], None, [2, 3, 4, 5, 1]),
    ([2, 4], 1, [2, 4, 1, 3, 5]),
    ([4, 2], 5, [1, 3, 2, 4, 5]),  # kept in queue order
    ([3], 3, [1, 2, 3, 4, 5]),  # dropped on itself
])
def test_moved_before(moving: list[int], before: int | None, expected: list[int]) -> None:
    assert moved_before([1, 2, 3, 4, 5], moving, before) == expected


def queue_four(qtbot: QtBot, window: MainWindow) -> list[int]:
    ids = select_rows(window, 0, 3)
    key(qtbot, window, Key.Key_Q)
    window.sidebar.select_key("status:queued")
    settle(qtbot, window)
    assert window.model.ids == ids
    return ids


def test_dropping_rows_reorders_the_queue_undoably(qtbot: QtBot, window: MainWindow) -> None:
    ids = queue_four(qtbot, window)
    assert window.queue_drag.enabled()
    dragged = select_rows(window, 2, 3)  # a drag carries the selected rows
    assert window.queue_drag.drop(dragged, 0)
    settle(qtbot, window)
    expected = [ids[2], ids[3], ids[0], ids[1]]
    assert window.library.queue() == expected
    assert window.model.ids == expected
    assert window.paper_view.selected_ids() == [ids[2], ids[3]]
    assert window.action_set["edit.undo"].text() == "&Undo move 2 papers in the queue"
    key(qtbot, window, Key.Key_Z, CTRL)
    assert window.library.queue() == ids
    key(qtbot, window, Key.Key_Z, CTRL | SHIFT)
    assert window.library.queue() == expected


def test_keys_reorder_then_drag_is_off_when_sorted_otherwise(qtbot: QtBot,
                                                             window: MainWindow) -> None:
    ids = queue_four(qtbot, window)
    select_rows(window, 0)
    key(qtbot, window, Key.Key_End, ALT)
    key(qtbot, window, Key.Key_Down, ALT)  # already last: nothing changes
    assert window.library.queue() == [ids[1], ids[2], ids[3], ids[0]]
    window.model.sort(2)  # by title
    settle(qtbot, window)
    assert not window.queue_drag.enabled()
    window.sidebar.select_key("all")
    settle(qtbot, window)
    assert not window.queue_drag.enabled()


def test_start_reading_takes_the_top_of_the_queue(qtbot: QtBot, window: MainWindow) -> None:
    ids = queue_four(qtbot, window)
    key(qtbot, window, Key.Key_R, CTRL)
    assert window.library.detail(ids[0]).status == "reading"
    assert window.library.queue() == ids[1:]
    assert window.model.ids == ids[1:]
    key(qtbot, window, Key.Key_Z, CTRL)
    assert window.library.queue() == ids


def test_q_queues_the_selection_or_takes_it_out_when_all_are_queued(
    qtbot: QtBot, window: MainWindow
) -> None:
    ids = select_rows(window, 0, 2)
    window.ops.execute(SetStatus(ids[:1], "queued"))
    select_rows(window, 0, 2)
    key(qtbot, window, Key.Key_Q)
    assert window.library.queue() == ids
    assert window.status.message.text() == "Queue 3 papers."
    select_rows(window, 0, 2)
    key(qtbot, window, Key.Key_Q)
    assert window.library.queue() == []
    assert window.status.message.text() == "Move 3 papers to the inbox."
    assert window.action_set["edit.undo"].text() == "&Undo move 3 papers to the inbox"
    key(qtbot, window, Key.Key_Z, CTRL)
    assert window.library.queue() == ids


def test_every_paper_key_acts_on_the_whole_selection(qtbot: QtBot, window: MainWindow) -> None:
    ids = select_rows(window, 10, 14)
    for k in (Key.Key_3, Key.Key_Q, Key.Key_I, Key.Key_R):
        key(qtbot, window, k)
    details = [window.library.detail(pid) for pid in ids]
    assert {(d.rating, d.status) for d in details} == {(3, "read")}
    key(qtbot, window, Key.Key_T)
    prompt = window.handlers.prompt
    assert prompt is not None
    prompt.field.setText("survey")
    key(qtbot, window, Key.Key_Return)
    assert all("survey" in window.library.detail(pid).tags for pid in ids)
    select_rows(window, 10, 14)
    key(qtbot, window, Key.Key_Delete)
    assert window.library.rows(ids) == []
    key(qtbot, window, Key.Key_Z, CTRL)
    assert [row.id for row in window.library.rows(ids)] == ids


def _trigger(window: MainWindow, key_: str, text: str) -> None:
    menu = sidebar_menu(window, key_, window.ops, window.colors)
    assert menu is not None
    next(a for a in menu.actions() if a.text() == text).trigger()


def test_merge_tag_from_the_sidebar_and_undo(qtbot: QtBot, window: MainWindow,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = window.model.paper_id(0), window.model.paper_id(1)
    window.ops.execute(AddTags([first], ["llm"]))
    window.ops.execute(AddTags([second], ["LLMs"]))
    settle(qtbot, window)
    offered: list[list[str]] = []

    def choose(_parent: object, _title: str, _label: str, items: list[str], *_args: object,
               ) -> tuple[str, bool]:
        offered.append(items)
        return "llm", True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(choose))
    _trigger(window, "tag:LLMs", "Merge Into…")
    settle(qtbot, window)
    assert offered == [["llm"]]
    assert window.library.detail(second).tags == ("llm",)
    assert window.sidebar.view("tag:LLMs") is None
    key(qtbot, window, Key.Key_Z, CTRL)
    assert window.library.detail(second).tags == ("LLMs",)
    assert window.sidebar.view("tag:LLMs") is not None


def test_rename_and_recolour_are_undoable_and_colour_the_list(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    paper = window.model.paper_id(0)
    window.ops.execute(AddTags([paper], ["later"]))
    monkeypatch.setattr(QInputDialog, "getText",
                        staticmethod(lambda *_args, **_kw: ("someday", True)))
    _trigger(window, "tag:later", "Rename Tag…")
    settle(qtbot, window)
    assert window.library.detail(paper).tags == ("someday",)
    window.ops.execute(RecolorTag("someday", "#aa0000"))
    settle(qtbot, window)
    assert window.colors.color("someday").name() == "#aa0000"
    background, _text = window.colors.chip_colors("someday")
    assert background.hue() == 0  # the list's chip is a light red
    key(qtbot, window, Key.Key_Z, CTRL)
    assert window.colors.color("someday").name() != "#aa0000"
    key(qtbot, window, Key.Key_Z, CTRL)
    assert window.library.detail(paper).tags == ("later",)
