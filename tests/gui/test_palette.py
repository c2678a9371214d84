"""The command palette and the cheat sheet list every keymap action; the palette runs them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from helpers import select_rows
from keys import CTRL, SHIFT, focused, key, type_ascii
from readinglist.gui.dialogs.shortcuts import ShortcutSheet
from readinglist.gui.keymap import Keymap
from readinglist.gui.palette import CommandPalette, rank, shown_palette

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from readinglist.gui.mainwindow import MainWindow

Key = Qt.Key


def open_palette(qtbot: QtBot, window: MainWindow,
                 modifier: Qt.KeyboardModifier = CTRL, k: Qt.Key = Key.Key_K) -> CommandPalette:
    key(qtbot, window, k, modifier)
    palette = shown_palette(window)
    assert palette is not None
    assert focused() is palette.field
    return palette


def test_palette_lists_every_keymap_action(qtbot: QtBot, window: MainWindow) -> None:
    select_rows(window, 0)
    palette = open_palette(qtbot, window)
    assert sorted(palette.entries()) == sorted(entry.id for entry in window.keymap)
    key(qtbot, window, Key.Key_Escape)
    assert shown_palette(window) is None
    assert focused() is window.paper_view


def test_typing_filters_fuzzily_and_enter_runs_on_the_selection(qtbot: QtBot,
                                                                window: MainWindow) -> None:
    ids = select_rows(window, 0, 2)
    palette = open_palette(qtbot, window, CTRL | SHIFT, Key.Key_P)
    type_ascii("skp")
    assert palette.entries()[0] == "paper.skip"
    key(qtbot, window, Key.Key_Return)
    assert [window.library.detail(pid).status for pid in ids] == ["skipped"] * 3
    assert shown_palette(window) is None


def test_arrow_keys_choose_among_matches(qtbot: QtBot, window: MainWindow) -> None:
    ids = select_rows(window, 3)
    palette = open_palette(qtbot, window)
    type_ascii("rate")
    matches = palette.entries()
    assert matches[:1] == ["paper.rate.0"] or matches[0].startswith("paper.rate")
    target = matches.index("paper.rate.2")
    for _ in range(target):
        key(qtbot, window, Key.Key_Down)
    key(qtbot, window, Key.Key_Return)
    assert window.library.detail(ids[0]).rating == 2


def test_only_actions_valid_here_are_enabled(qtbot: QtBot, window: MainWindow) -> None:
    window.paper_view.clearSelection()
    palette = open_palette(qtbot, window)

    def enabled(action_id: str) -> bool:
        row = palette.entries().index(action_id)
        item = palette.list.item(row)
        assert item is not None
        return bool(item.flags() & Qt.ItemFlag.ItemIsEnabled)

    assert not enabled("paper.skip")  # nothing selected
    assert not enabled("edit.undo")  # nothing to undo
    assert not enabled("triage.back")
    assert enabled("view.triage") and enabled("edit.select_all")
    key(qtbot, window, Key.Key_Escape)
    select_rows(window, 0)
    key(qtbot, window, Key.Key_T, CTRL)  # triage
    palette = open_palette(qtbot, window)
    assert enabled("paper.skip") and enabled("triage.back")
    assert not enabled("edit.select_all") and not enabled("queue.up")
    type_ascii("queue")
    key(qtbot, window, Key.Key_Return)  # runs on the paper triage shows
    run = window.triage.run
    assert run is not None
    assert window.library.detail(run.ids[0]).status == "queued"
    assert run.current() == run.ids[1]


def test_rank_prefers_names_to_descriptions() -> None:
    keymap = Keymap()
    assert rank("undo", keymap)[0].id == "edit.undo"
    assert rank("prefs", keymap)[0].id == "edit.preferences"
    assert rank("start read", keymap)[0].id == "queue.start"
    assert len(rank("", keymap)) == len(keymap)


def test_question_mark_shows_every_action_with_its_keys(qtbot: QtBot,
                                                        window: MainWindow) -> None:
    select_rows(window, 0)
    key(qtbot, window, Key.Key_Question)
    sheet = window.findChild(ShortcutSheet)
    assert sheet is not None and sheet.isVisible()
    assert sheet.action_ids() == [entry.id for entry in window.keymap] or \
        sorted(sheet.action_ids()) == sorted(entry.id for entry in window.keymap)
    assert sheet.keys_of("view.palette") == "Ctrl+K, Ctrl+Shift+P"
    assert sheet.keys_of("paper.rate.clear") == "—"
    groups = [sheet.tree.topLevelItem(i).text(0)  # type: ignore[union-attr]
              for i in range(sheet.tree.topLevelItemCount())]
    assert {"File", "Edit", "View", "Go", "Paper", "Paper ▸ Rate", "Triage", "Help"} <= set(groups)
    window.keymap.save_override(window.settings, "paper.skip", ["X"])
    sheet.close()
    window.handlers.show_shortcuts()
    sheet = window.findChild(ShortcutSheet)
    assert sheet is not None
    assert sheet.keys_of("paper.skip") == "X"
