"""Refresh a discovery view after library changes: debounced, and only while it is shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QWidget

    from readinglist.core.changes import Changes

DELAY_MS = 250


class Refresher(QObject):
    """Call refresh once changes settle, or when a hidden view is next shown."""

    def __init__(self, view: QWidget, refresh: Callable[[], None]) -> None:
        super().__init__(view)
        self._view = view
        self._refresh = refresh
        self._stale = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self._fire)

    def library_did_change(self, changes: Changes) -> None:
        if changes:
            self.request()

    def request(self) -> None:
        """Mark the view stale; refresh soon if it is visible."""
        self._stale = True
        if self._view.isVisible():
            self._timer.start()

    def shown(self) -> None:
        """Refresh now if something changed while the view was hidden."""
        if self._stale:
            self._fire()

    def _fire(self) -> None:
        self._timer.stop()
        self._stale = False
        self._refresh()
