"""Start the app (or a bare window) on a library and exit at the first paint: `painted`."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path


def app(path: Path) -> None:
    from readinglist.core.library import Library  # noqa: I001  (before Qt, as run_app does)
    from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
    from readinglist.gui.app import make_application, make_window

    application = make_application(["coldstart"])
    with tempfile.TemporaryDirectory() as folder:
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        window = make_window(Library.open(path, back_up=False), settings)
        exit_on_first_paint(window, application, QEvent, QObject, QTimer)
        window.show()
        application.exec()


def bare(path: Path) -> None:
    """A QTableView over the papers table, ids fetched lazily: the floor for a window."""
    import sqlite3

    from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, Qt, QTimer
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
    exit_on_first_paint(view, application, QEvent, QObject, QTimer)
    view.show()
    application.exec()


def exit_on_first_paint(widget, application, QEvent, QObject, QTimer) -> None:  # noqa: N803
    class Watcher(QObject):
        def eventFilter(self, _obj, event):  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                print("painted", flush=True)
                QTimer.singleShot(0, application.quit)
            return False

    watcher = Watcher(widget)
    widget.installEventFilter(watcher)


if __name__ == "__main__":
    {"app": app, "bare": bare}[sys.argv[1]](Path(sys.argv[2]))
