"""File ▸ Open Library…: the dialog, the recent list, and switching the window to another library."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import URL

from helpers import wait_started
from memorykeyring import MemoryKeyring, installed, no_keyring
from readinglist.core.errors import LibraryUnavailable
from readinglist.core.library import Library
from readinglist.core.locations import (
    KEYRING_SERVICE,
    InvalidLocation,
    parse_location,
    remember_password,
    stored_password,
)
from readinglist.core.storage import LIBRARY_ENV
from readinglist.gui.app import library_location, make_application
from readinglist.gui.dialogs.openlibrary import LibraryChoice, OpenLibraryDialog
from readinglist.gui.instance import InstanceServer, server_name
from readinglist.gui.keymap import Keymap
from readinglist.gui.startup import (
    LIBRARY_KEY,
    Recovery,
    open_or_recover,
    recent_libraries,
    remember_library,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from pytestqt.qtbot import QtBot

    from readinglist.core.locations import Location
    from readinglist.gui.shell import Shell
    from readinglist.gui.startup import PasswordAnswer

SERVER = "postgresql+psycopg://ann@db.lab.org:5432/papers"


@pytest.fixture
def settings(settings_path: Path) -> QSettings:
    return QSettings(str(settings_path), QSettings.Format.IniFormat)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    with installed(MemoryKeyring()) as backend:
        assert isinstance(backend, MemoryKeyring)
        yield backend


@pytest.fixture
def dialog(qtbot: QtBot, settings: QSettings, memory_keyring: MemoryKeyring) -> OpenLibraryDialog:
    make_application([])
    shown = OpenLibraryDialog(settings)
    qtbot.addWidget(shown)
    return shown


@pytest.fixture
def other_library(tmp_path: Path) -> Path:
    """A second library file holding no papers."""
    path = tmp_path / "other" / "lab.sqlite"
    path.parent.mkdir()
    Library.open(path).close()
    return path


@pytest.fixture
def shell(shells: Callable[..., Shell], settings: QSettings) -> Callable[..., Shell]:
    """Return a function making a shell that shows a copy of the sample library."""
    return functools.partial(shells, settings)


def message_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible()]


# -- the dialog ---------------------------------------------------------------------------------


def test_the_dialog_offers_a_file_or_a_server_with_sensible_defaults(
        dialog: OpenLibraryDialog) -> None:
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        "Library &File", "PostgreSQL &Server"]
    assert dialog.port.value() == 5432
    assert dialog.password.echoMode() == dialog.password.EchoMode.Password
    assert dialog.remember.isEnabled()
    assert not dialog.recent.isVisible()


def test_a_file_typed_is_the_choice(dialog: OpenLibraryDialog, tmp_path: Path) -> None:
    dialog.file_path.setText(str(tmp_path / "new.sqlite"))
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.chosen == LibraryChoice(tmp_path / "new.sqlite")


@pytest.mark.parametrize(("tab", "reason"), [(0, "Choose a library file"),
                                              (1, "Name the database")])
def test_an_empty_page_says_what_is_missing_and_stays_open(
        qtbot: QtBot, dialog: OpenLibraryDialog, tab: int, reason: str) -> None:
    dialog.show()
    dialog.tabs.setCurrentIndex(tab)
    dialog.accept()
    assert dialog.isVisible() and dialog.chosen is None
    assert reason in dialog.problem.text() and dialog.problem.isVisible()


def test_a_folder_is_not_a_library_file(dialog: OpenLibraryDialog, tmp_path: Path) -> None:
    dialog.show()
    dialog.file_path.setText(str(tmp_path))
    dialog.accept()
    assert dialog.chosen is None and "is a folder" in dialog.problem.text()


def test_the_server_fields_make_a_url_and_the_password_stays_apart(
        dialog: OpenLibraryDialog) -> None:
    dialog.tabs.setCurrentIndex(1)
    dialog.host.setText(" db.lab.org ")
    dialog.port.setValue(5433)
    dialog.database.setText("papers")
    dialog.user.setText("ann")
    dialog.password.setText("s3cret")
    dialog.remember.setChecked(True)
    dialog.accept()
    chosen = dialog.chosen
    assert chosen is not None and isinstance(chosen.location, URL)
    assert str(chosen.location) == "postgresql+psycopg://ann@db.lab.org:5433/papers"
    assert chosen.location.password is None
    assert (chosen.password, chosen.remember) == ("s3cret", True)


def test_a_socket_folder_as_host_is_a_local_server(dialog: OpenLibraryDialog) -> None:
    dialog.tabs.setCurrentIndex(1)
    dialog.host.setText("/run/postgresql")
    dialog.database.setText("papers")
    dialog.accept()
    assert dialog.chosen is not None
    assert dict(dialog.chosen.location.query) == {  # type: ignore[union-attr]
        "host": "/run/postgresql", "port": "5432"}


def test_remember_is_off_without_a_password(dialog: OpenLibraryDialog) -> None:
    dialog.tabs.setCurrentIndex(1)
    dialog.database.setText("papers")
    dialog.remember.setChecked(True)
    dialog.accept()
    assert dialog.chosen is not None and dialog.chosen.remember is False


def test_without_a_keyring_remember_is_disabled_and_says_why(
        qtbot: QtBot, settings: QSettings) -> None:
    make_application([])
    with installed(no_keyring()):
        shown = OpenLibraryDialog(settings)
        qtbot.addWidget(shown)
    assert not shown.remember.isEnabled()
    assert ".pgpass" in shown.remember.toolTip()


# -- recent libraries ---------------------------------------------------------------------------


def test_recent_libraries_are_listed_newest_first_without_passwords(
        qtbot: QtBot, settings: QSettings, memory_keyring: MemoryKeyring, tmp_path: Path) -> None:
    remember_library(settings, tmp_path / "a.sqlite")
    remember_library(settings, parse_location("postgresql://ann:s3cret@db.lab.org/papers"))
    remember_library(settings, tmp_path / "a.sqlite")
    assert recent_libraries(settings) == [str(tmp_path / "a.sqlite"), SERVER.replace(":5432", "")]
    assert settings.value(LIBRARY_KEY) == str(tmp_path / "a.sqlite")
    shown = OpenLibraryDialog(settings)
    qtbot.addWidget(shown)
    assert [shown.recent.item(i).text() for i in range(shown.recent.count())] == [
        f"a.sqlite  —  {tmp_path / 'a.sqlite'}",
        "papers on db.lab.org  —  postgresql://ann@db.lab.org/papers"]


def test_the_recent_list_keeps_the_newest_eight(settings: QSettings, tmp_path: Path) -> None:
    for number in range(12):
        remember_library(settings, tmp_path / f"{number}.sqlite")
    assert recent_libraries(settings) == [str(tmp_path / f"{n}.sqlite") for n in range(11, 3, -1)]


def test_picking_a_recent_server_fills_its_fields_and_enter_opens_it(
        qtbot: QtBot, settings: QSettings, memory_keyring: MemoryKeyring, tmp_path: Path) -> None:
    remember_library(settings, parse_location(SERVER))
    remember_library(settings, tmp_path / "a.sqlite")
    shown = OpenLibraryDialog(settings)
    qtbot.addWidget(shown)
    shown.show()
    assert shown.file_path.text() == str(tmp_path / "a.sqlite")
    shown.recent.setCurrentRow(1)
    assert shown.tabs.currentIndex() == 1
    assert (shown.host.text(), shown.port.value(), shown.database.text(), shown.user.text()) == (
        "db.lab.org", 5432, "papers", "ann")
    QTest.keyClick(shown.recent, Qt.Key.Key_Return)
    assert shown.chosen is not None and str(shown.chosen.location) == SERVER


def test_delete_takes_a_library_off_the_recent_list(
        qtbot: QtBot, settings: QSettings, memory_keyring: MemoryKeyring, tmp_path: Path) -> None:
    remember_library(settings, tmp_path / "old.sqlite")
    remember_library(settings, tmp_path / "a.sqlite")
    shown = OpenLibraryDialog(settings)
    qtbot.addWidget(shown)
    shown.show()
    shown.recent.setCurrentRow(1)
    QTest.keyClick(shown.recent, Qt.Key.Key_Delete)
    assert recent_libraries(settings) == [str(tmp_path / "a.sqlite")]


def test_delete_forgets_a_servers_saved_password_too(
        qtbot: QtBot, settings: QSettings, memory_keyring: MemoryKeyring, tmp_path: Path) -> None:
    server = parse_location(SERVER)
    assert not isinstance(server, Path)
    remember_password(server, "s3cret")
    remember_library(settings, server)
    remember_library(settings, tmp_path / "a.sqlite")
    shown = OpenLibraryDialog(settings)
    qtbot.addWidget(shown)
    shown.show()
    shown.recent.setCurrentRow(1)
    QTest.keyClick(shown.recent, Qt.Key.Key_Delete)
    assert recent_libraries(settings) == [str(tmp_path / "a.sqlite")]
    assert stored_password(server) is None


def test_a_damaged_recent_entry_is_ignored(settings: QSettings) -> None:
    settings.setValue("library/recent", "not json [")
    assert recent_libraries(settings) == []
    settings.setValue("library/recent", '["a.sqlite", 3, ""]')
    assert recent_libraries(settings) == ["a.sqlite"]


# -- the keymap ---------------------------------------------------------------------------------


def test_open_library_has_its_own_key_in_the_file_menu() -> None:
    action = Keymap()["file.open_library"]
    assert action.keys == ("Ctrl+Shift+O",) and action.menu == "file"
    assert not [c for c in Keymap().conflicts() if "file.open_library" in (c[1].id, c[2].id)]


# -- switching ----------------------------------------------------------------------------------


def test_switching_to_another_file_shows_its_papers_in_a_new_window(
        qtbot: QtBot, shell: Callable[..., Shell], other_library: Path,
        settings: QSettings) -> None:
    current = shell()
    old_window, old_library = current.window, current.library
    assert old_window is not None and old_window.model.rowCount() == 457
    assert current.switch(LibraryChoice(other_library))
    window = current.window
    assert window is not None and window is not old_window
    assert not old_window.isVisible()
    wait_started(qtbot, window)
    assert window.library.path == other_library and window.model.rowCount() == 0
    assert window.windowTitle() == "lab.sqlite — readinglist"
    assert settings.value(LIBRARY_KEY) == str(other_library)
    assert recent_libraries(settings)[0] == str(other_library)
    assert current.library is window.library and current.library is not old_library


def test_switching_to_a_new_file_starts_it_with_the_samples(
        qtbot: QtBot, shell: Callable[..., Shell], tmp_path: Path) -> None:
    current = shell()
    assert current.switch(LibraryChoice(tmp_path / "fresh" / "new.sqlite"))
    assert current.window is not None
    wait_started(qtbot, current.window)
    assert current.window.model.rowCount() == 457
    assert "sample lists" in current.window.status.message.text()


def test_switching_to_the_open_library_changes_nothing(shell: Callable[..., Shell],
                                                       tmp_path: Path) -> None:
    current = shell()
    window = current.window
    assert not current.switch(LibraryChoice(tmp_path / "samples.sqlite"))
    assert current.window is window and window is not None
    assert "is the library open here" in window.status.message.text()


def test_a_library_that_cannot_open_leaves_the_current_one_open(
        qtbot: QtBot, shell: Callable[..., Shell]) -> None:
    def refuse(location: Location) -> tuple[Library, str]:
        raise LibraryUnavailable(f"{location}: cannot reach the server (connection refused)")

    current = shell(opener=refuse)
    window = current.window
    assert not current.switch(LibraryChoice(parse_location(SERVER)))
    assert current.window is window and window is not None and window.isVisible()
    boxes = message_boxes()
    assert len(boxes) == 1 and "connection refused" in boxes[0].informativeText()
    assert "\n" not in boxes[0].informativeText()
    boxes[0].close()
    assert window.library.detail(window.model.paper_row(0).id)  # type: ignore[union-attr]


def test_a_server_asking_for_a_password_gets_it_and_keeps_it_in_the_keyring_only(
        qtbot: QtBot, shell: Callable[..., Shell], other_library: Path, settings: QSettings,
        settings_path: Path, memory_keyring: MemoryKeyring) -> None:
    tried: list[str | None] = []
    asked: list[tuple[str, bool]] = []

    def server(location: Location) -> tuple[Library, str]:
        assert isinstance(location, URL)
        tried.append(location.password)
        if location.password != "right":
            cause = RuntimeError('FATAL:  password authentication failed for user "ann"')
            raise LibraryUnavailable("db.lab.org: the server refused the login") from cause
        return Library.open(other_library, back_up=False), "Opened the lab's library."

    answers = iter([("wrong", True), ("right", True)])  # only a password that worked is kept

    def prompt(_parent: object, described: str, refused: bool) -> PasswordAnswer | None:
        asked.append((described, refused))
        return next(answers)

    current = shell(opener=server, prompt=prompt)
    assert current.switch(LibraryChoice(parse_location(SERVER)))
    assert tried == [None, "wrong", "right"]
    shown = "postgresql://ann@db.lab.org:5432/papers"
    assert asked == [(shown, False), (shown, True)]
    assert memory_keyring.passwords == {(KEYRING_SERVICE, "ann@db.lab.org:5432/papers"): "right"}
    assert current.window is not None
    assert current.window.windowTitle() == "papers on db.lab.org — readinglist"
    settings.sync()
    stored = settings_path.read_text(encoding="utf-8")
    assert "db.lab.org" in stored and "right" not in stored and "wrong" not in stored


def test_cancelling_the_password_leaves_the_current_library_open(
        shell: Callable[..., Shell]) -> None:
    def server(_location: Location) -> tuple[Library, str]:
        raise LibraryUnavailable("connection failed: fe_sendauth: no password supplied")

    current = shell(opener=server)
    window = current.window
    assert not current.switch(LibraryChoice(parse_location(SERVER)))
    assert current.window is window and not message_boxes()


def test_a_password_the_keyring_cannot_keep_is_used_and_said(
        qtbot: QtBot, shell: Callable[..., Shell], other_library: Path) -> None:
    def server(location: Location) -> tuple[Library, str]:
        return Library.open(other_library, back_up=False), "Opened."

    current = shell(opener=server)
    with installed(no_keyring()):
        assert current.switch(LibraryChoice(parse_location(SERVER), "typed", remember=True))
    assert current.window is not None
    assert "not remembered" in current.window.status.message.text()
    assert ".pgpass" in current.window.status.message.text()


def test_the_menu_entry_opens_the_dialog_and_switches(
        qtbot: QtBot, shell: Callable[..., Shell], other_library: Path) -> None:
    current = shell()
    window = current.window
    assert window is not None

    def answer() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, OpenLibraryDialog) and w.isVisible())
        dialog.tabs.setCurrentIndex(0)
        dialog.file_path.setText(str(other_library))
        dialog.accept()

    QTimer.singleShot(0, answer)
    window.handlers.open_library()
    assert current.window is not window and current.window is not None
    assert current.window.library.path == other_library


# -- the next launch ----------------------------------------------------------------------------


def test_the_next_launch_reopens_the_library_opened_last(
        settings: QSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(LIBRARY_ENV, raising=False)
    remember_library(settings, parse_location("postgresql://ann:s3cret@db.lab.org/papers"))
    location, remembered = library_location(None, settings)
    assert str(location) == "postgresql+psycopg://ann@db.lab.org/papers" and remembered
    assert library_location(tmp_path / "named.sqlite", settings) == (
        tmp_path / "named.sqlite", False)
    monkeypatch.setenv(LIBRARY_ENV, str(tmp_path / "env.sqlite"))
    assert library_location(None, settings) == (tmp_path / "env.sqlite", False)


def test_a_setting_that_names_nothing_opens_the_default_library(
        settings: QSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(LIBRARY_ENV, raising=False)
    settings.setValue(LIBRARY_KEY, "mysql://nobody@nowhere/x")
    location, remembered = library_location(None, settings)
    assert isinstance(location, Path) and location.name == "library.sqlite" and not remembered
    monkeypatch.setenv(LIBRARY_ENV, "mysql://nobody@nowhere/x")
    with pytest.raises(InvalidLocation, match=LIBRARY_ENV):
        library_location(None, settings)


def test_a_library_open_in_another_window_comes_forward_instead(
        qtbot: QtBot, shell: Callable[..., Shell], other_library: Path) -> None:
    current = shell()
    window = current.window
    elsewhere = InstanceServer(server_name(other_library))
    assert elsewhere.listen()
    try:
        with qtbot.waitSignal(elsewhere.activated) as activated:
            assert not current.switch(LibraryChoice(other_library))
        assert activated.args == [[]]
    finally:
        elsewhere.close()
        elsewhere.deleteLater()  # after the sockets it accepted (see Shell.show)
        QApplication.processEvents()
    assert current.window is window and window is not None
    assert "open in another window" in window.status.message.text()


def test_the_first_library_asks_for_its_password_too(other_library: Path) -> None:
    attempts: list[str | None] = []

    def server(location: Location) -> tuple[Library, str]:
        assert isinstance(location, URL)
        attempts.append(location.password)
        if location.password is None:
            raise LibraryUnavailable("connection failed: fe_sendauth: no password supplied")
        return Library.open(other_library, back_up=False), "Opened."

    reported: list[str] = []
    url = parse_location(SERVER)
    opened = open_or_recover(url, server, lambda _d: Recovery.QUIT, lambda _p: None,
                             reported.append, lambda _where, _refused: ("typed", False))
    assert opened is not None and opened.location == url and not reported
    assert attempts == [None, "typed"]
    opened.library.close()
    # Without anyone to ask, the refusal is reported.
    attempts.clear()
    assert open_or_recover(url, server, lambda _d: Recovery.QUIT, lambda _p: None,
                           reported.append) is None
    assert attempts == [None] and "no password supplied" in reported[0]


def test_one_window_per_server_library_whatever_the_url_spelling() -> None:
    same = {server_name(parse_location(text)) for text in (
        "postgresql://ann@db.lab.org/papers", "postgres://ann:pw@db.lab.org:5432/papers",
        "postgresql+psycopg://ann@db.lab.org/papers?sslmode=require")}
    assert len(same) == 1
    assert server_name(parse_location("postgresql://bob@db.lab.org/papers")) not in same
    assert server_name(parse_location("postgresql://ann@db.lab.org/other")) not in same
