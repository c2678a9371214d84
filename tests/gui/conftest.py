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

    from readinglist.core.locations import Location
    from readinglist.gui.mainwindow import MainWindow
    from readinglist.gui.shell import Shell
    from readinglist.gui.startup import PasswordAnswer

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


@pytest.fixture
def shells(
    qtbot: QtBot, tmp_path: Path, gui_template: Path
) -> Iterator[Callable[..., Shell]]:
    """Return a function making a shell (the app's window switcher) over a copy of the
    sample library, with the given settings, library opener and password prompt."""
    from helpers import wait_started
    from readinglist.gui.app import make_application, open_library
    from readinglist.gui.shell import Shell
    from readinglist.gui.startup import Opened

    make_application([])
    made: list[Shell] = []

    def make(settings: QSettings,
             opener: Callable[[Location], tuple[Library, str]] = open_library,
             prompt: Callable[..., PasswordAnswer | None] = lambda *_a: None) -> Shell:
        path = tmp_path / "samples.sqlite"
        shutil.copyfile(gui_template, path)
        shown = Shell(settings, opener, prompt)
        library, message = open_library(path)
        # Not given to qtbot: the shell deletes the windows it replaces, and closes the last.
        window = shown.show(Opened(library, message), path, None)
        wait_started(qtbot, window)
        made.append(shown)
        return shown

    yield make
    for each in made:
        if each.window is not None:
            each.window.close()
            each.window.deleteLater()
        each.close()
