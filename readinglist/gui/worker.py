"""Run work in a pool thread and always hand an answer back on the UI thread.

Every job ends in exactly one ``done`` signal, also when the work raised something the
core did not foresee: a worker that died silently would leave the window waiting for
ever (a search marked busy, a progress dialog that never closes).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from readinglist.core.errors import ReadingListError

if TYPE_CHECKING:
    from collections.abc import Callable

log = logging.getLogger(__name__)


def guarded(work: Callable[[], object]) -> tuple[object, str | None]:
    """Run work; return (result, None), or (None, a readable message) when it raised."""
    try:
        return work(), None
    except ReadingListError as error:
        return None, str(error) or type(error).__name__
    except Exception as error:
        # A bug, not the user's doing: keep the traceback, tell the user in one line.
        log.exception("Unexpected error in a background task")
        return None, f"Unexpected error: {error or type(error).__name__}"


class _Relay(QObject):
    done = Signal(object, object, object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], object], tag: object, relay: _Relay) -> None:
        super().__init__()
        self.work, self.tag, self.relay = work, tag, relay

    def run(self) -> None:
        result, error = guarded(self.work)
        self.relay.done.emit(self.tag, result, error)


class Pool(QObject):
    """A thread pool whose jobs each report back once, on this object's thread."""

    done = Signal(object, object, object)
    """(tag, result or None, error message or None) of a job that ended."""

    def __init__(self, threads: int = 1, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._relay = _Relay(self)
        self._relay.done.connect(self.done)

    def start(self, work: Callable[[], object], tag: object = None) -> None:
        """Run work in a pool thread; done carries tag back with its answer."""
        self._pool.start(_Job(work, tag, self._relay))

    def wait(self) -> None:
        """Block until the pool is idle (for shutdown and tests)."""
        self._pool.waitForDone()
