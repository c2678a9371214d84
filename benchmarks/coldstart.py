"""Start the app (or a bare window) on a library and exit once it is painted: `painted`.

The app counts as painted when its paper list has painted the first papers of its first
search: a window whose list is still empty is of no use yet. The process leaves at that
paint: what runs after it (counting the sidebar, the rest of a long answer) and tearing
down are no part of starting.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path


def app(path: Path) -> None:
    from readinglist.core.library import Library  # noqa: I001  (before Qt, as run_app does)
    from PySide6.QtCore import QEvent, QObject, QSettings
    from readinglist.gui.app import make_application, make_window

    application = make_application(["coldstart"])
    folder = tempfile.mkdtemp()
    settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
    window = make_window(Library.open(path, back_up=False), settings)
    viewport = window.paper_view.viewport()
    shown: list[int] = []
    window.list.results_shown.connect(lambda count: (shown.append(count), viewport.update()))
    exit_on_first_paint(viewport, QEvent, QObject, ready=lambda: bool(shown),
                        folder=folder)
    window.show()
    application.exec()


def bare(path: Path) -> None:
    """A QTableView over the papers table, ids fetched lazily: the floor for a window."""
    import sqlite3

    from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, Qt
    from PySide6.QtWidgets import QApplication, QTableView

    db = sqlite3.connect(path)
    count = db.execute("SELECT count(*) FROM papers").fetchone()[0]

    class Model(QAbstractTableModel):
        def rowCount(self, parent=QModelIndex()):  # noqa: N802, B008
            return 0 if parent.isValid() else count

        def columnCount(self, parent=QModelIndex()):  # noqa: N802, B008
            return 1

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            if role != Qt.ItemDataRole.DisplayRole:
                return None
            row = db.execute("SELECT title FROM papers LIMIT 1 OFFSET ?", (index.row(),)).fetchone()
            return row[0] if row else None

    application = QApplication(["bare"])
    view = QTableView()
    view.setModel(Model())
    view.resize(1280, 800)
    exit_on_first_paint(view, QEvent, QObject)
    view.show()
    application.exec()


def exit_on_first_paint(widget, QEvent, QObject, ready=lambda: True,  # noqa: N803
                        folder: str | None = None) -> None:
    """Print `painted` and leave the process at widget's first paint once ready() holds."""

    class Watcher(QObject):
        def eventFilter(self, _obj, event):  # noqa: N802
            if event.type() == QEvent.Type.Paint and ready():
                print("painted", flush=True)
                if folder is not None:
                    shutil.rmtree(folder, ignore_errors=True)
                os._exit(0)
            return False

    watcher = Watcher(widget)
    widget.installEventFilter(watcher)


if __name__ == "__main__":
    {"app": app, "bare": bare}[sys.argv[1]](Path(sys.argv[2]))
