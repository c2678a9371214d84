"""Open Library… on a real PostgreSQL server: switching to a shared library and back.

Each test gets a database of its own on the server READINGLIST_TEST_POSTGRES names
(.ci/run starts one); without the variable these tests fail, never skip.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

import serverdb
from helpers import wait_started
from memorykeyring import MemoryKeyring, installed
from readinglist.cli import run
from readinglist.core.locations import KEYRING_SERVICE, credential_key, parse_location
from readinglist.gui.dialogs.openlibrary import LibraryChoice
from readinglist.gui.startup import LIBRARY_KEY, recent_libraries

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from pytestqt.qtbot import QtBot
    from sqlalchemy import URL

    from readinglist.gui.shell import Shell


PASSWORD = "lab-pw-7f3c9"


@pytest.fixture
def database() -> Iterator[URL]:
    """The URL of an empty database made for this test, dropped after it."""
    url = serverdb.create_database()
    try:
        yield url
    finally:
        serverdb.drop_database(url)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    with installed(MemoryKeyring()) as backend:
        assert isinstance(backend, MemoryKeyring)
        yield backend


@pytest.fixture
def shell(shells: Callable[..., Shell], settings_path: Path) -> Shell:
    """A window over a copy of the sample library, run as the app runs it."""
    return shells(QSettings(str(settings_path), QSettings.Format.IniFormat))


def test_switching_to_a_server_library_keeps_the_password_out_of_the_settings(
        qtbot: QtBot, shell: Shell, database: URL, settings_path: Path,
        memory_keyring: MemoryKeyring) -> None:
    url = parse_location(database.render_as_string(hide_password=False))
    assert shell.switch(LibraryChoice(url, PASSWORD, remember=True))
    window = shell.window
    assert window is not None
    wait_started(qtbot, window)
    assert window.library.backend.name == "postgresql"
    assert window.model.rowCount() == 0  # a server library starts empty: it is the group's
    assert window.windowTitle() == f"{database.database} on {database.query['host']} — readinglist"
    # The password went to the keyring; the settings name the library without it.
    assert memory_keyring.passwords == {(KEYRING_SERVICE, credential_key(url)): PASSWORD}
    shell.settings.sync()
    stored = settings_path.read_text(encoding="utf-8")
    assert str(database.database) in stored
    assert PASSWORD not in stored
    assert shell.settings.value(LIBRARY_KEY) == recent_libraries(shell.settings)[0]
    assert parse_location(recent_libraries(shell.settings)[0]) == url


def test_a_server_library_and_a_file_switch_back_and_forth(
        qtbot: QtBot, shell: Shell, database: URL, tmp_path: Path) -> None:
    url = parse_location(database.render_as_string(hide_password=False))
    assert shell.switch(LibraryChoice(url))
    assert shell.window is not None
    wait_started(qtbot, shell.window)
    file_entry = recent_libraries(shell.settings)[1]
    assert file_entry == str(tmp_path / "samples.sqlite")
    assert shell.switch(LibraryChoice(parse_location(file_entry)))
    window = shell.window
    assert window is not None
    wait_started(qtbot, window)
    assert window.library.backend.name == "sqlite" and window.model.rowCount() == 457


def test_a_database_that_does_not_exist_leaves_the_current_library_open(
        shell: Shell, database: URL) -> None:
    window = shell.window
    missing = parse_location(database.set(database=f"{database.database}_missing")
                             .render_as_string(hide_password=False))
    assert not shell.switch(LibraryChoice(missing))
    assert shell.window is window and window is not None and window.isVisible()
    boxes = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, QMessageBox) and w.isVisible()]
    assert len(boxes) == 1
    reason = boxes[0].informativeText()
    assert "does not exist" in reason and "\n" not in reason
    boxes[0].close()
    assert window.model.rowCount() == 457


def test_the_command_line_works_on_a_server_library(
        database: URL, capsys: pytest.CaptureFixture[str]) -> None:
    url = database.render_as_string(hide_password=False)
    assert run(["--library", url, "stats", "--json"]) == 0
    assert '"papers": 0' in capsys.readouterr().out
