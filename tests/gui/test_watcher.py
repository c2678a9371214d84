"""The watcher hears a library's feed when it has one, polls when it cannot, and comes back."""

from __future__ import annotations

import socket
from typing import TYPE_CHECKING, cast

import pytest

from readinglist.core.changes import EVERYTHING, Changes
from readinglist.core.errors import LibraryUnavailable
from readinglist.gui.watcher import LibraryWatcher

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pytestqt.qtbot import QtBot

    from readinglist.core.library import Library

PAPER_3 = Changes(papers=frozenset({3}))
PAPER_4 = Changes(papers=frozenset({4}))


class Feed:
    """A feed whose socket turns readable when a change is told."""

    def __init__(self) -> None:
        self._reading, self._writing = socket.socketpair()
        self._reading.setblocking(False)
        self.pending: list[Changes] = []
        self.lost = False
        self.closed = False

    def tell(self, *changes: Changes) -> None:
        self.pending.extend(changes)
        self._writing.send(b".")

    def lose(self) -> None:
        self.lost = True
        self._writing.send(b".")

    def fileno(self) -> int:
        return self._reading.fileno()

    def drain(self) -> list[Changes]:
        try:
            self._reading.recv(4096)
        except BlockingIOError:
            pass
        if self.lost:
            raise LibraryUnavailable("the connection was lost")
        heard, self.pending = self.pending, []
        return heard

    def close(self) -> None:
        self.closed = True
        self._reading.close()
        self._writing.close()


class Server:
    """Stands for a library on a server, which can stop answering."""

    def __init__(self) -> None:
        self.answering = True
        self.revision_number = 0
        self.feeds: list[Feed] = []
        self.attempts = 0

    def changes(self) -> Feed:
        self.attempts += 1
        if not self.answering:
            raise LibraryUnavailable("cannot reach the server")
        self.feeds.append(Feed())
        return self.feeds[-1]

    def revision(self) -> int:
        if not self.answering:
            raise LibraryUnavailable("cannot reach the server")
        return self.revision_number


@pytest.fixture
def server() -> Server:
    return Server()


@pytest.fixture
def heard() -> list[Changes]:
    """What the watcher said changed elsewhere, in order."""
    return []


@pytest.fixture
def watcher(qtbot: QtBot, server: Server, heard: list[Changes]) -> Iterator[LibraryWatcher]:
    watching = LibraryWatcher(cast("Library", server), interval_ms=20, reconnect_ms=50)
    watching.changed_elsewhere.connect(heard.append)
    yield watching
    watching.stop()


def test_changes_told_together_arrive_as_one(
        qtbot: QtBot, watcher: LibraryWatcher, server: Server, heard: list[Changes]) -> None:
    assert watcher.listening() and not watcher.timer.isActive()
    server.feeds[0].tell(PAPER_3, PAPER_4)
    qtbot.waitUntil(lambda: bool(heard), timeout=1000)
    qtbot.wait(50)
    assert heard == [PAPER_3 | PAPER_4]


def test_a_lost_feed_is_closed_and_the_revision_polled_until_the_server_answers(
        qtbot: QtBot, watcher: LibraryWatcher, server: Server, heard: list[Changes]) -> None:
    first = server.feeds[0]
    server.answering = False
    first.lose()
    qtbot.waitUntil(lambda: not watcher.listening(), timeout=1000)
    assert first.closed and watcher.timer.isActive()
    qtbot.wait(1000)
    # Polled every 20 ms, but the feed is tried again after 50, 100, 200, 400 ms...
    assert 2 <= server.attempts <= 7
    server.answering = True
    server.revision_number += 1  # a change made while the feed was gone
    qtbot.waitUntil(lambda: EVERYTHING in heard, timeout=1000)
    qtbot.waitUntil(watcher.listening, timeout=2000)
    assert not watcher.timer.isActive()
    assert heard[-1] == EVERYTHING  # notices sent meanwhile are lost
    server.feeds[-1].tell(PAPER_4)
    qtbot.waitUntil(lambda: heard[-1] == PAPER_4, timeout=1000)


def test_a_server_that_cannot_be_reached_at_first_is_polled_then_heard(
        qtbot: QtBot, server: Server) -> None:
    server.answering = False
    watching = LibraryWatcher(cast("Library", server), interval_ms=20, reconnect_ms=50)
    try:
        assert not watching.listening() and watching.timer.isActive()
        server.answering = True
        qtbot.waitUntil(watching.listening, timeout=1000)
        assert not watching.timer.isActive()
    finally:
        watching.stop()


def test_stopping_closes_the_feed(watcher: LibraryWatcher, server: Server) -> None:
    watcher.stop()
    assert server.feeds[0].closed and not watcher.listening()


def test_a_library_file_is_polled(qtbot: QtBot, gui_library: Library) -> None:
    watching = LibraryWatcher(gui_library)
    try:
        assert not watching.listening() and watching.timer.isActive()
    finally:
        watching.stop()


def test_a_server_that_keeps_the_probes_waiting_never_freezes_the_window(
        qtbot: QtBot, watcher: LibraryWatcher, server: Server) -> None:
    import time

    from PySide6.QtCore import QElapsedTimer, QTimer

    def hang() -> int:
        time.sleep(0.5)  # as a connection attempt to a host that does not answer
        raise LibraryUnavailable("cannot reach the server")

    server.answering = False
    server.revision = hang  # type: ignore[method-assign]
    server.feeds[0].lose()
    qtbot.waitUntil(lambda: not watcher.listening(), timeout=1000)
    clock, gaps = QElapsedTimer(), []
    clock.start()

    def beat() -> None:
        gaps.append(clock.restart())

    ticker = QTimer()
    ticker.timeout.connect(beat)
    ticker.start(10)
    qtbot.wait(1500)
    ticker.stop()
    assert max(gaps) < 250  # the window kept painting while the probes waited
