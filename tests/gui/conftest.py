"""Fixtures for GUI tests: a window over a copy of the sample library, with private settings."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QSettings, QStandardPaths

from readinglist.core.library import Library
from readinglist.core.samples import import_samples

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from pytestqt.qtbot import QtBot

    from readinglist.gui.mainwindow import MainWindow

QStandardPaths.setTestModeEnabled(True)

# The offscreen platform plugin warns when a window is shown; it says nothing about our code.
OFFSCREEN_NOISE = r"This plugin does not support propagateSizeHints\(\)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.gui)
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(scope="session")
def gui_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A library holding the sample lists (not undoable, as on first launch), made once."""
    path = tmp_path_factory.mktemp("gui-template") / "lib.sqlite"
    with Library.open(path) as library:
        import_samples(library)
    return path


@pytest.fixture
def gui_library(tmp_path: Path, gui_template: Path) -> Iterator[Library]:
    path = tmp_path / "lib.sqlite"
    shutil.copyfile(gui_template, path)
    with Library.open(path) as library:
        yield library


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "settings.ini"


@pytest.fixture
def open_window(
    qtbot: QtBot, gui_library: Library, settings_path: Path
) -> Iterator[Callable[[], MainWindow]]:
    """Return a function opening a main window over gui_library with test-only settings."""
    from readinglist.gui.app import make_application
    from readinglist.gui.mainwindow import MainWindow

    make_application([])
    windows: list[MainWindow] = []

    def open_() -> MainWindow:
        settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
        window = MainWindow(gui_library, settings)
        qtbot.addWidget(window)
        window.show()
        # Started: the list shows every paper and the sidebar's counts (made after it).
        runner = window.list.runner
        qtbot.waitUntil(lambda: window.model.rowCount() > 0 and not runner.busy()
                        and not runner.completing() and not window.sidebar_refresh_pending())
        windows.append(window)
        return window

    yield open_
    for window in windows:
        window.import_flow.wait()
        window.list.runner.wait()


@pytest.fixture
def window(open_window: Callable[[], MainWindow]) -> MainWindow:
    return open_window()
