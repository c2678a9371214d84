"""The window over the open library, and File ▸ Open Library…, which puts another in its place.

A window is built around one ``Library`` and never changes it: switching opens the new
library first (a failure leaves the current one open and says why), then closes the
window as a quit would (the note is saved, work is waited for) and builds a new window
over the new library. The single-instance socket follows the library.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from readinglist.core.locations import readable, title
from readinglist.gui.app import back_up_in_background, make_window, open_library, receive_files
from readinglist.gui.dialogs import damaged
from readinglist.gui.dialogs.errors import message_box
from readinglist.gui.dialogs.openlibrary import ask_password
from readinglist.gui.instance import InstanceServer, hand_over, location_key, server_name
from readinglist.gui.startup import open_or_recover, open_server, remember_library

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QWidget

    from readinglist.core.library import Library
    from readinglist.core.locations import Location
    from readinglist.gui.dialogs.openlibrary import LibraryChoice
    from readinglist.gui.mainwindow import MainWindow
    from readinglist.gui.startup import Opened, PasswordAnswer
    from readinglist.gui.worker import Pool

class Shell(QObject):
    """Own the open library, its window, its single-instance socket and its backup."""

    def __init__(
        self,
        settings: QSettings,
        opener: Callable[[Location], tuple[Library, str]] = open_library,
        password_prompt: Callable[[QWidget | None, str, bool], PasswordAnswer | None]
        = ask_password,
    ) -> None:
        """Args:
        opener: opens a location (``app.open_library``; tests pass another).
        password_prompt: asks for a server's password (the dialog; tests answer).
        """
        super().__init__()
        self.settings = settings
        self.opener = opener
        self.password_prompt = password_prompt
        self.window: MainWindow | None = None
        self.library: Library | None = None
        self.location: Location | None = None
        self.server: InstanceServer | None = None
        self._backing_up: Pool | None = None

    def show(self, opened: Opened, location: Location, server: InstanceServer | None,
             ) -> MainWindow:
        """Show a window over the library opened at location; remember it for next time."""
        remember_library(self.settings, location)
        window = make_window(opened.library, self.settings)
        window.setWindowTitle(f"{title(location)} — readinglist")
        window.library_chosen.connect(self.switch)
        self.window, self.library, self.location = window, opened.library, location
        self.server = server
        if server is not None:
            # Owned by the shell, the socket is deleted by Qt (deleteLater), never by
            # Python's garbage collector while a launch is still talking to it.
            server.setParent(self)
            server.activated.connect(lambda paths: receive_files(window, paths))
        window.show()
        if opened.message:
            window.say(opened.message)
        # A server keeps its own backups; a file is copied once a day.
        self._backing_up = (back_up_in_background(window, opened.library)
                            if isinstance(location, Path) else None)
        return window

    def switch(self, choice: LibraryChoice) -> bool:
        """Open the library chosen in place of the current one; False if it stays."""
        window = self.window
        if window is None or self.location is None:
            return False
        location = choice.location
        if location_key(location) == location_key(self.location):
            window.say(f"{readable(location)} is the library open here.")
            return False
        if hand_over(server_name(location), []):
            window.say(f"{readable(location)} is open in another window, brought forward.")
            return False
        opened = self._open(choice, window)
        if opened is None:
            return False
        return self._replace(opened, opened.location or location)

    def close(self) -> None:
        """Let background work end, then close the socket and the library (at quit)."""
        if self._backing_up is not None:
            self._backing_up.wait()
        if self.server is not None:
            self.server.close()
        if self.library is not None:
            self.library.close()
        self.window = self.library = self.server = self._backing_up = None

    def _open(self, choice: LibraryChoice, window: MainWindow) -> Opened | None:
        def report(message: str) -> None:
            message_box(window, QMessageBox.Icon.Critical, "readinglist",
                        "The library could not be opened; this one stays open.", message)

        def prompt(described: str, refused: bool) -> PasswordAnswer | None:
            with _cursor(Qt.CursorShape.ArrowCursor):
                return self.password_prompt(window, described, refused)

        with _cursor(Qt.CursorShape.WaitCursor):
            if isinstance(choice.location, Path):
                return open_or_recover(choice.location, self.opener, damaged.ask_recovery,
                                       damaged.ask_new_path, report)
            return open_server(choice.location, self.opener, report, prompt,
                               choice.password, choice.remember)

    def _replace(self, opened: Opened, location: Location) -> bool:
        """Close the current window as a quit would and show one over opened instead."""
        old = self.window
        assert old is not None
        app = QApplication.instance()
        quits = isinstance(app, QGuiApplication) and app.quitOnLastWindowClosed()
        if isinstance(app, QGuiApplication):
            app.setQuitOnLastWindowClosed(False)
        try:
            old.close()
            if old.isVisible():  # it refused: a note that could not be saved
                opened.library.close()
                return False
            if self._backing_up is not None:
                self._backing_up.wait()
            if self.server is not None:
                self.server.close()
                self.server.deleteLater()
            if self.library is not None:
                self.library.close()
            old.deleteLater()
            server = InstanceServer(server_name(location), self)
            server.listen()  # without the socket the window still works, only alone
            self.show(opened, location, server)
        finally:
            if isinstance(app, QGuiApplication):
                app.setQuitOnLastWindowClosed(quits)
        return True


@contextmanager
def _cursor(shape: Qt.CursorShape) -> Iterator[None]:
    """Show shape as the cursor inside the block: busy while a server answers."""
    QApplication.setOverrideCursor(shape)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()
