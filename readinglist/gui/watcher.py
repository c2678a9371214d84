"""Notice changes other programs (the CLI, another window, another member) commit."""

from __future__ import annotations

import time
from functools import reduce
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

from readinglist.core.changes import EVERYTHING, Changes
from readinglist.core.errors import ReadingListError
from readinglist.gui.worker import Pool

if TYPE_CHECKING:
    from readinglist.core.backends import ChangeFeed
    from readinglist.core.library import Library

POLL_MS = 1000
RECONNECT_FIRST_MS = 1000
RECONNECT_LONGEST_MS = 30_000


class LibraryWatcher(QObject):
    """Say when someone else changed the library, and what they changed where it is known.

    A shared library on a server tells its clients of each change as it commits: the
    watcher reads that feed whenever its socket turns readable, so a member's change
    shows in the others' windows at once, and nothing is polled. The feed leaves out the
    window's own changes. Should its connection drop, the watcher polls the revision
    every second and reconnects, waiting longer after each failure; once back it says
    that anything may have changed, as notices sent meanwhile are lost. Those probes run
    in a worker thread: a server that does not answer keeps them waiting (up to the
    connection timeout), never the window.

    A library file cannot tell: the watcher polls ``Library.revision()`` every second.
    The window's own changes move the revision too; it calls ``acknowledge`` after each
    of them, so only changes made elsewhere reach ``changed_elsewhere``. Polling a pragma
    costs microseconds and sees every writer, unlike a file watcher (WAL commits go to
    the ``-wal`` file and reach the library file only at a checkpoint).
    """

    changed_elsewhere = Signal(object)
    """Someone else changed the library: the ``Changes`` (``EVERYTHING`` when unknown)."""

    def __init__(self, library: Library, parent: QObject | None = None,
                 interval_ms: int = POLL_MS, reconnect_ms: int = RECONNECT_FIRST_MS) -> None:
        super().__init__(parent)
        self.library = library
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self._first_wait_ms = reconnect_ms
        self._wait_ms = reconnect_ms
        self._reconnect_at: float | None = None
        """When to try the feed again (monotonic seconds); None while heard, or without one."""
        self._feed: ChangeFeed | None = None
        self._notifier: QSocketNotifier | None = None
        self._seen: int | None = None
        self._served = False
        """Whether the library is on a server (it has a feed, or failed to give one)."""
        self._probes = Pool(1, self)
        self._probes.done.connect(self._probed)
        self._probing = False
        self._stopped = False
        if not self._listen():
            self._seen = None if self._served else self._read()
            self.timer.start()

    def listening(self) -> bool:
        """Whether changes are heard from the server's feed (not polled)."""
        return self._feed is not None

    def acknowledge(self) -> None:
        """Take the library as it is now as seen (after a change made by this window)."""
        if self._feed is None:  # the feed tells the window's own changes apart itself
            self._seen = self._read()

    def check(self) -> bool:
        """Emit changed_elsewhere if someone else changed the library; return whether."""
        if self._feed is not None:
            return self._drain()
        now = self._read()
        if now is None or now == self._seen:
            return False
        self._seen = now
        self.changed_elsewhere.emit(EVERYTHING)
        return True

    def stop(self) -> None:
        self.timer.stop()
        self._reconnect_at = None
        self._drop_feed()
        self._stopped = True

    # -- the feed ---------------------------------------------------------------------------

    def _listen(self) -> bool:
        """Open the library's feed and read it when readable; False without one."""
        try:
            feed = self.library.changes()
        except ReadingListError:
            self._served = True
            self._reconnect_later()
            return False
        if feed is None:
            return False
        self._install(feed)
        return True

    def _install(self, feed: ChangeFeed) -> None:
        self._served = True
        self._feed = feed
        if self._notifier is not None:  # the lost feed's, disabled: not in its own signal now
            self._notifier.setParent(None)
        self._notifier = QSocketNotifier(feed.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(lambda *_args: self._drain())
        self._reconnect_at = None
        self._wait_ms = self._first_wait_ms

    def _drain(self) -> bool:
        feed = self._feed
        if feed is None:
            return False
        try:
            heard = feed.drain()
        except ReadingListError:
            self._lost()
            return False
        if not heard:
            return False
        self.changed_elsewhere.emit(reduce(Changes.__or__, heard))
        return True

    def _lost(self) -> None:
        """Poll while the feed is gone, and try it again soon."""
        self._drop_feed()
        self._seen = None  # the first probe reads it; reconnecting says everything changed
        self._reconnect_later()
        self.timer.start()

    def _reconnect_later(self) -> None:
        self._reconnect_at = time.monotonic() + self._wait_ms / 1000
        self._wait_ms = min(self._wait_ms * 2, RECONNECT_LONGEST_MS)

    def _drop_feed(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)  # before its socket closes; dropped when replaced
        if self._feed is not None:
            self._feed.close()
            self._feed = None

    def _tick(self) -> None:
        if not self._served:
            self.check()  # a library file: a pragma, microseconds
            return
        if self._probing:
            return
        due = self._reconnect_at
        reconnect = due is not None and time.monotonic() >= due
        self._probing = True
        self._probes.start(lambda: self._probe(reconnect))

    def _probe(self, reconnect: bool) -> tuple[ChangeFeed | None, int | None, bool]:
        """In a worker thread: try the feed again if due, else read the revision."""
        feed = None
        if reconnect:
            try:
                feed = self.library.changes()
            except ReadingListError:
                feed = None
        revision = None if feed is not None else self._read()
        return feed, revision, reconnect

    def _probed(self, _tag: object, result: object, _error: str | None) -> None:
        self._probing = False
        if result is None:
            return
        feed, revision, reconnect = cast("tuple[ChangeFeed | None, int | None, bool]", result)
        if self._stopped:
            if feed is not None:
                feed.close()
            return
        if feed is not None:
            self._install(feed)
            self.timer.stop()
            self.changed_elsewhere.emit(EVERYTHING)  # notices sent meanwhile were lost
            return
        if reconnect:
            self._reconnect_later()
        if revision is not None:
            if self._seen is not None and revision != self._seen:
                self.changed_elsewhere.emit(EVERYTHING)
            self._seen = revision

    def _read(self) -> int | None:
        try:
            return self.library.revision()
        except ReadingListError:
            return None
