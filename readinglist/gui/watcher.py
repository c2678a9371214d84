"""Notice changes other programs (the CLI, another window) commit to the library."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from readinglist.core.errors import ReadingListError

if TYPE_CHECKING:
    from readinglist.core.library import Library

POLL_MS = 1000


class LibraryWatcher(QObject):
    """Poll ``Library.revision()`` and say when someone else changed the library.

    The window's own changes move the revision too; it calls ``acknowledge`` after each
    of them, so only changes made elsewhere reach ``changed_elsewhere``. Polling a pragma
    costs microseconds and sees every writer, unlike a file watcher (WAL commits go to
    the ``-wal`` file and reach the library file only at a checkpoint).
    """

    changed_elsewhere = Signal()

    def __init__(self, library: Library, parent: QObject | None = None,
                 interval_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self.library = library
        self._seen = self._read()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def acknowledge(self) -> None:
        """Take the library as it is now as seen (after a change made by this window)."""
        self._seen = self._read()

    def check(self) -> bool:
        """Emit changed_elsewhere if the revision moved since last seen; return whether."""
        now = self._read()
        if now is None or now == self._seen:
            return False
        self._seen = now
        self.changed_elsewhere.emit()
        return True

    def stop(self) -> None:
        self.timer.stop()

    def _read(self) -> int | None:
        try:
            return self.library.revision()
        except ReadingListError:
            return None
