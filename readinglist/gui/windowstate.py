"""Save and restore the window's layout in QSettings: geometry, splitters, columns, view."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray

from readinglist.gui.columns import DEFAULT_SORT_COLUMN, Column

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from readinglist.gui.mainwindow import MainWindow

VERSION = 1
DEFAULT_SIZE = (1280, 800)


def save(window: MainWindow, settings: QSettings) -> None:
    settings.beginGroup("window")
    settings.setValue("version", VERSION)
    settings.setValue("geometry", window.saveGeometry())
    settings.setValue("state", window.saveState(VERSION))
    settings.setValue("splitter", window.splitter.saveState())
    settings.setValue("detailSplitter", window.detail.splitter.saveState())
    settings.setValue("header", window.paper_view.horizontalHeader().saveState())
    settings.setValue("sortColumn", int(window.list.sort_column))
    settings.setValue("sortDescending", window.list.descending)
    settings.setValue("sortExplicit", window.list.explicit_sort)
    settings.setValue("view", window.sidebar.current_key() or "all")
    settings.setValue("relatedExpanded", window.related.expanded())
    settings.endGroup()
    settings.sync()


def restore(window: MainWindow, settings: QSettings) -> str:
    """Restore what was saved (or the defaults); return the key of the view to select."""
    settings.beginGroup("window")
    try:
        if settings.value("version", 0, int) != VERSION:
            window.resize(*DEFAULT_SIZE)
            return "all"
        if not window.restoreGeometry(_bytes(settings.value("geometry"))):
            window.resize(*DEFAULT_SIZE)
        window.restoreState(_bytes(settings.value("state")), VERSION)
        window.splitter.restoreState(_bytes(settings.value("splitter")))
        window.detail.splitter.restoreState(_bytes(settings.value("detailSplitter")))
        header = window.paper_view.horizontalHeader()
        header.blockSignals(True)
        header.restoreState(_bytes(settings.value("header")))
        header.blockSignals(False)
        try:
            column = Column(int(str(settings.value("sortColumn", int(DEFAULT_SORT_COLUMN)))))
        except (TypeError, ValueError):
            column = DEFAULT_SORT_COLUMN
        window.list.set_sort(column, bool(settings.value("sortDescending", False, bool)))
        window.list.explicit_sort = bool(settings.value("sortExplicit", False, bool))
        window.related.set_expanded(bool(settings.value("relatedExpanded", False, bool)))
        return str(settings.value("view", "all", str))
    finally:
        settings.endGroup()


def _bytes(value: object) -> QByteArray:
    return value if isinstance(value, QByteArray) else QByteArray()
