"""Start the GUI: QApplication, style, the library (with samples on first launch), the window."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from readinglist.core.backup import DailyBackup
    from readinglist.core.library import Library
    from readinglist.core.locations import Location
    from readinglist.gui.mainwindow import MainWindow
    from readinglist.gui.worker import Pool

ORGANIZATION = "readinglist"
APPLICATION = "readinglist"
UI_SWITCH_INTERVAL_S = 0.001


def run_app(named: Location | None, files: list[Path]) -> int:
    """Open the library named (a path or a URL; else the last one or the default) in a
    window; import files.

    When a window over the same library is already running, it comes forward and
    imports files instead, and this returns 0 at once (see ``instance``). When the
    library opened last is a server out of reach, the default library file opens.
    """
    # The core (SQLAlchemy above all) is imported before Qt: once PySide6 is loaded, it
    # reads the source of every module imported after it, a fifth of start-up.
    import readinglist.core.library  # noqa: F401, I001
    from PySide6.QtCore import QSettings

    from readinglist.core.errors import ReadingListError
    from readinglist.core.storage import default_library_path
    from readinglist.gui.dialogs import damaged
    from readinglist.gui.dialogs.openlibrary import ask_password
    from readinglist.gui.instance import claim
    from readinglist.gui.shell import Shell
    from readinglist.gui.startup import open_or_recover

    app = make_application(sys.argv[:1])
    settings = QSettings()
    try:
        location, remembered = library_location(named, settings)
    except ReadingListError as error:  # $READINGLIST_LIBRARY names no library
        damaged.show_failure(str(error))
        return 1
    while True:
        server = claim(location, files)
        if server is None:
            return 0
        opened = open_or_recover(location, open_library, damaged.ask_recovery,
                                 damaged.ask_new_path, damaged.show_failure,
                                 lambda where, refused: ask_password(None, where, refused))
        if opened is not None:
            break
        server.close()
        if not remembered or isinstance(location, Path):
            return 1
        location, remembered = default_library_path(), False
    shell = Shell(settings)
    window = shell.show(opened, opened.location or location, server)
    if files:
        window.import_files(files)
    try:
        return app.exec()
    finally:
        shell.close()


def library_location(named: Location | None, settings: QSettings) -> tuple[Location, bool]:
    """Return the library to open: named, else $READINGLIST_LIBRARY, else the one opened
    last, else the default place; and whether it is the one opened last.

    Raises:
        InvalidLocation: $READINGLIST_LIBRARY holds a URL readinglist cannot open.
    """
    import os

    from readinglist.core.locations import InvalidLocation, default_location, parse_location
    from readinglist.core.storage import LIBRARY_ENV
    from readinglist.gui.startup import LIBRARY_KEY

    if named is not None:
        return (named.expanduser() if isinstance(named, Path) else named), False
    remembered = str(settings.value(LIBRARY_KEY, "", str))
    if remembered and not os.environ.get(LIBRARY_ENV):
        try:
            return parse_location(remembered), True
        except InvalidLocation:  # a setting that names nothing: the default library
            pass
    return default_location(), False


def receive_files(window: MainWindow, paths: list[Path]) -> None:
    """Come forward for a later launch and import its files (after a running import)."""
    from readinglist.gui.instance import bring_forward

    bring_forward(window)
    if not paths or window.import_files(paths):
        return

    waiting = list(paths)

    def retry(*_finished: object) -> None:
        if waiting and window.import_files(waiting):
            waiting.clear()

    window.import_flow.finished.connect(retry)
    window.say(f"{len(paths)} more file{'s' if len(paths) != 1 else ''} will be imported "
               "when this import ends.")


def make_application(argv: list[str]) -> QApplication:
    """Create (or return) the QApplication with readinglist's names, style and icon."""
    from PySide6.QtWidgets import QApplication

    from readinglist.gui.style import apply_style

    # Searches run Python in worker threads; hand the interpreter back to the UI thread
    # within a millisecond (not the default 5) so painting never waits on a search.
    sys.setswitchinterval(UI_SWITCH_INTERVAL_S)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("readinglist")
    app.setDesktopFileName("io.github.readinglist.ReadingList")
    apply_style(app)
    return app


def open_library(location: Location) -> tuple[Library, str]:
    """Open the library at location; a new file gets the sample lists. Return it and a message.

    A library on a server never gets samples: it is the group's.
    """
    from readinglist.core.library import Library
    from readinglist.core.locations import openable, readable
    from readinglist.core.samples import import_samples

    if not isinstance(location, Path):
        library = Library.open(openable(location), back_up=False)
        return library, f"Opened {readable(location)}."
    path = location
    is_new = not path.expanduser().exists()
    library = Library.open(path, back_up=False)  # see back_up_in_background
    if not is_new:
        return library, f"Opened {path}."
    summaries = import_samples(library)
    added = sum(s.added for s in summaries)
    return library, (f"New library at {path}, started with {added} papers from "
                     f"{len(summaries)} sample lists (delete their collections when done).")


def back_up_in_background(window: MainWindow, library: Library) -> Pool:
    """Make the day's automatic backup off the UI thread (a large library takes seconds).

    It starts once the window has shown its first list, so that copying a large library
    never delays it. A backup that could not be made, or a bad setting, is said in the
    status bar. Return the pool, to wait for before the library closes.
    """
    from readinglist.gui.worker import Pool

    pool = Pool(parent=window)

    def report(_tag: object, daily: DailyBackup | None, error: str | None) -> None:
        problem = error or (daily.problem if daily is not None else None)
        if problem:
            window.say(f"Backup: {problem}")

    pool.done.connect(report)
    if window.started:
        pool.start(library.back_up_if_due)
    else:
        window.startup_did_finish.connect(lambda: pool.start(library.back_up_if_due))
    return pool


def make_window(library: Library, settings: QSettings) -> MainWindow:
    import linecache

    from readinglist.gui.mainwindow import MainWindow

    window = MainWindow(library, settings)
    # PySide6 reads the source of every module imported after it (looking for its
    # __feature__ switches), and linecache keeps each line: megabytes nothing else needs.
    linecache.clearcache()
    return window
