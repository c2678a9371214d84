"""Start the GUI: QApplication, style, the library (with samples on first launch), the window."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from readinglist.core.library import Library
    from readinglist.gui.mainwindow import MainWindow

ORGANIZATION = "readinglist"
APPLICATION = "readinglist"


def run_app(library_path: Path | None, files: list[Path]) -> int:
    """Open the library at library_path (or the default one) in a window; import files."""
    from PySide6.QtCore import QSettings

    from readinglist.core.errors import ReadingListError
    from readinglist.core.storage import default_library_path

    app = make_application(sys.argv[:1])
    path = library_path if library_path is not None else default_library_path()
    try:
        library, message = open_library(path)
    except ReadingListError as error:
        from PySide6.QtWidgets import QMessageBox

        from readinglist.gui.icons import app_icon

        box = QMessageBox(QMessageBox.Icon.Critical, "readinglist",
                          "The library could not be opened.", QMessageBox.StandardButton.Ok)
        box.setWindowIcon(app_icon())
        box.setInformativeText(str(error))
        box.exec()
        return 1
    window = make_window(library, QSettings())
    window.show()
    if message:
        window.say(message)
    if files:
        window.import_files(files)
    try:
        return app.exec()
    finally:
        library.close()


def make_application(argv: list[str]) -> QApplication:
    """Create (or return) the QApplication with readinglist's names, style and icon."""
    from PySide6.QtWidgets import QApplication

    from readinglist.gui.style import apply_style

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("readinglist")
    app.setDesktopFileName("readinglist")
    apply_style(app)
    return app


def open_library(path: Path) -> tuple[Library, str]:
    """Open the library at path; a new one gets the sample lists. Return it and a message."""
    from readinglist.core.library import Library
    from readinglist.core.samples import import_samples

    is_new = not path.expanduser().exists()
    library = Library.open(path)
    if not is_new:
        return library, f"Opened {path}."
    summaries = import_samples(library)
    added = sum(s.added for s in summaries)
    return library, (f"New library at {path}, started with {added} papers from "
                     f"{len(summaries)} sample lists (delete their collections when done).")


def make_window(library: Library, settings: QSettings) -> MainWindow:
    from readinglist.gui.mainwindow import MainWindow

    return MainWindow(library, settings)
