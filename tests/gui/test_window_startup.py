"""At start the window lists the library at once; counting and backups wait for the list."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

from readinglist.core.backup import list_backups
from readinglist.gui.app import back_up_in_background, open_library
from readinglist.gui.widgets.sidebar import CountRole, ViewRole

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from readinglist.core.library import Library
    from readinglist.gui.mainwindow import MainWindow

SOCIETY = "collection:Sample: LLMs and society"


def _new_window(qtbot: QtBot, library: Library, settings_path: Path) -> MainWindow:
    from readinglist.gui.app import make_application
    from readinglist.gui.mainwindow import MainWindow

    make_application([])
    window = MainWindow(library, QSettings(str(settings_path), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    return window


def _count(window: MainWindow, key: str) -> int:
    item = next(i for i in window.sidebar._items() if i.data(0, ViewRole) == key)
    return int(item.data(0, CountRole))


def test_the_sidebar_names_come_at_once_and_their_counts_after_the_list(
        qtbot: QtBot, gui_library: Library, settings_path: Path) -> None:
    window = _new_window(qtbot, gui_library, settings_path)
    assert window.sidebar.view(SOCIETY) is not None
    assert _count(window, SOCIETY) == -1  # not counted yet: no number shown
    assert window.sidebar_refresh_pending()
    window.show()
    with qtbot.waitSignal(window.startup_did_finish, timeout=10_000):
        pass
    assert window.model.rowCount() > 0
    qtbot.waitUntil(lambda: not window.sidebar_refresh_pending())
    society = next(c for c in gui_library.collections() if f"collection:{c.name}" == SOCIETY)
    assert _count(window, SOCIETY) == society.count > 0
    assert _count(window, "all") == gui_library.count()
    assert f"of {gui_library.count():,} papers" in window.status.counts_text()
    window.list.runner.wait()


def test_a_saved_view_is_shown_again_before_anything_is_counted(
        qtbot: QtBot, open_window: object, gui_library: Library, settings_path: Path) -> None:
    first = open_window()  # type: ignore[operator]
    first.sidebar.select_key(SOCIETY)
    first.close()
    second = _new_window(qtbot, gui_library, settings_path)
    assert second.sidebar.current_key() == SOCIETY
    second.show()
    qtbot.waitUntil(lambda: second.started and not second.sidebar_refresh_pending())
    assert second.sidebar.current_key() == SOCIETY
    assert second.model.rowCount() == _count(second, SOCIETY)
    second.list.runner.wait()


def test_sidebar_names_refreshed_keep_the_counts_shown(qtbot: QtBot,
                                                       window: MainWindow) -> None:
    before = _count(window, SOCIETY)
    window.show_sidebar_names()
    assert _count(window, SOCIETY) == before
    assert _count(window, "all") == window.library.count()


def test_the_daily_backup_waits_until_the_list_is_shown(
        qtbot: QtBot, gui_template: Path, tmp_path: Path, settings_path: Path) -> None:
    path = tmp_path / "fresh" / "lib.sqlite"
    path.parent.mkdir()
    shutil.copyfile(gui_template, path)
    library, _message = open_library(path)
    with library:
        window = _new_window(qtbot, library, settings_path)
        pool = back_up_in_background(window, library)
        rows_when_started: list[int] = []
        window.startup_did_finish.connect(lambda: rows_when_started.append(
            window.model.rowCount()))
        assert list_backups(path) == []
        window.show()
        with qtbot.waitSignal(pool.done, timeout=20_000) as done:
            pass
        assert done.args[2] is None
        assert rows_when_started and rows_when_started[0] > 0
        assert len(list_backups(path)) == 1
        pool.wait()
        window.list.runner.wait()
        window.wait_for_counts()


def test_a_window_reopened_on_a_discovery_page_still_counts_the_sidebar(
        qtbot: QtBot, open_window: object, gui_library: Library, settings_path: Path) -> None:
    first = open_window()  # type: ignore[operator]
    first.show_page("insights")
    first.close()
    second = _new_window(qtbot, gui_library, settings_path)
    second.show()
    qtbot.waitUntil(lambda: second.started and not second.sidebar_refresh_pending())
    assert second.discovery.current() == "insights"
    assert _count(second, "all") == gui_library.count()
    second.discovery.wait()
