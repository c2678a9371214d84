"""The day's automatic backup is made off the UI thread, after the window shows."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

from readinglist.core.backup import DailyBackup, list_backups
from readinglist.gui.app import back_up_in_background, open_library

if TYPE_CHECKING:
    from pathlib import Path

    import pytest
    from pytestqt.qtbot import QtBot

    from readinglist.gui.mainwindow import MainWindow


def test_opening_for_the_window_leaves_the_backup_to_the_background(
        qtbot: QtBot, window: MainWindow, gui_template: Path, tmp_path: Path) -> None:
    path = tmp_path / "fresh" / "lib.sqlite"
    path.parent.mkdir()
    shutil.copyfile(gui_template, path)
    library, _message = open_library(path)
    with library:
        assert list_backups(path) == []  # opening did not copy the library
        pool = back_up_in_background(window, library)
        with qtbot.waitSignal(pool.done, timeout=20_000) as done:
            pass
        assert done.args[2] is None
        assert len(list_backups(path)) == 1
        pool.wait()


def test_a_backup_problem_is_said_in_the_status_bar(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    problem = "cannot make a backup in /backups: no space left on device"
    monkeypatch.setattr(window.library, "back_up_if_due", lambda: DailyBackup(problem=problem))
    pool = back_up_in_background(window, window.library)
    with qtbot.waitSignal(pool.done, timeout=10_000):
        pass
    assert window.status.message.text() == f"Backup: {problem}"
    pool.wait()
