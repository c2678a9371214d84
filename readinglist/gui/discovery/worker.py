"""Run discovery work off the UI thread; deliver only the newest answer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from readinglist.gui.worker import Pool

if TYPE_CHECKING:
    from collections.abc import Callable


class Worker(QObject):
    """Compute in a pool thread; a newer request makes older answers be dropped."""

    finished = Signal(object)
    """The newest request's result."""
    failed = Signal(str)
    """A user-readable message when the newest request failed."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = Pool(threads=1, parent=self)
        self._pool.done.connect(self._deliver)
        self._generation = 0
        self._pending = False

    def run(self, work: Callable[[], object]) -> None:
        """Start work; the answer of any earlier request still running is forgotten."""
        self._generation += 1
        self._pending = True
        self._pool.start(work, self._generation)

    def busy(self) -> bool:
        return self._pending

    def wait(self) -> None:
        """Block until the pool is idle (for shutdown and tests)."""
        self._pool.wait()

    def _deliver(self, generation: int, result: object, error: str | None) -> None:
        if generation != self._generation:
            return
        self._pending = False
        if error is not None:
            self.failed.emit(error)
        else:
            self.finished.emit(result)
