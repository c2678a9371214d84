"""Run discovery work off the UI thread; deliver only the newest answer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from readinglist.core.errors import ReadingListError

if TYPE_CHECKING:
    from collections.abc import Callable


class _Relay(QObject):
    done = Signal(int, object, object)
    """(generation, result or None, error message or None)."""


class _Job(QRunnable):
    def __init__(self, work: Callable[[], object], generation: int, relay: _Relay) -> None:
        super().__init__()
        self.work = work
        self.generation = generation
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.work()
        except ReadingListError as error:
            self.relay.done.emit(self.generation, None, str(error))
            return
        self.relay.done.emit(self.generation, result, None)


class Worker(QObject):
    """Compute in a pool thread; a newer request makes older answers be dropped."""

    finished = Signal(object)
    """The newest request's result."""
    failed = Signal(str)
    """A user-readable message when the newest request failed."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.done.connect(self._deliver)
        self._generation = 0
        self._pending = False

    def run(self, work: Callable[[], object]) -> None:
        """Start work; the answer of any earlier request still running is forgotten."""
        self._generation += 1
        self._pending = True
        self._pool.start(_Job(work, self._generation, self._relay))

    def busy(self) -> bool:
        return self._pending

    def wait(self) -> None:
        """Block until the pool is idle (for shutdown and tests)."""
        self._pool.waitForDone()

    def _deliver(self, generation: int, result: object, error: str | None) -> None:
        if generation != self._generation:
            return
        self._pending = False
        if error is not None:
            self.failed.emit(error)
        else:
            self.finished.emit(result)
