"""Hear the changes other members commit to a shared library, as PostgreSQL notices.

Every change a ``Library`` commits sends ``pg_notify`` on ``NOTIFY_CHANNEL`` (see
``PostgresBackend.announce``); the server delivers it only if the change commits. A
feed holds one connection of its own that listens on the channel and reads what has
arrived without ever waiting, so a window can read it whenever its socket is readable.
"""

from __future__ import annotations

import socket
from contextlib import suppress
from typing import TYPE_CHECKING, Any, cast

from readinglist.core.backends.postgres import NOTIFY_CHANNEL, describe_server_error
from readinglist.core.changes import decode_changes
from readinglist.core.errors import LibraryUnavailable

if TYPE_CHECKING:
    import psycopg
    from sqlalchemy.engine import Engine

    from readinglist.core.changes import Changes

LOST = "the connection that hears other members' changes was lost"
# A server may end sessions idle for long (PostgreSQL 14's idle_session_timeout).
IDLE_TIMEOUT_SINCE = 140000
# An idle feed whose server vanished without a word (a laptop asleep, a VPN gone) is
# noticed in about a minute rather than the system's two hours: probes after 30 s of
# silence, every 10 s, and 3 unanswered end the connection.
KEEPALIVE = (("TCP_KEEPIDLE", 30), ("TCP_KEEPALIVE", 30), ("TCP_KEEPINTVL", 10),
             ("TCP_KEEPCNT", 3))


class ServerChangeFeed:
    """The notices of changes other clients commit, on a dedicated autocommit connection.

    The connection is taken from the library's engine (same server, user and options)
    and detached from its pool, so it is never lent to a query and never closed by one.
    """

    def __init__(self, engine: Engine, client: str) -> None:
        from sqlalchemy.exc import DBAPIError

        self.client = client
        """Notices this client sent (the library's own changes) are not reported."""
        try:
            pooled = engine.raw_connection()
        except DBAPIError as error:
            raise LibraryUnavailable(describe_server_error(error)) from error
        connection = cast("psycopg.Connection[Any]", pooled.driver_connection)
        pooled.detach()
        self._connection: psycopg.Connection[Any] | None = connection
        try:
            connection.rollback()  # the pool's liveness check may have begun a transaction
            connection.autocommit = True
            if connection.info.server_version >= IDLE_TIMEOUT_SINCE:
                connection.execute("SET idle_session_timeout = 0")  # it is idle by design
            connection.execute(f"LISTEN {NOTIFY_CHANNEL}")
        except connection.Error as error:
            self.close()
            raise LibraryUnavailable(describe_server_error(error)) from error
        self._socket = connection.fileno()
        _probe_when_idle(self._socket)

    @property
    def closed(self) -> bool:
        """Whether the feed was closed or its connection lost."""
        return self._connection is None

    @property
    def server_pid(self) -> int | None:
        """The server process serving the feed (None once closed)."""
        return self._connection.info.backend_pid if self._connection is not None else None

    def fileno(self) -> int:
        """Return the connection's socket: readable when a notice may have arrived."""
        return self._socket

    def drain(self) -> list[Changes]:
        """Return the changes other clients committed since the last call, without waiting.

        Raises LibraryUnavailable when the connection is lost (the feed is closed then;
        changes made meanwhile are not known, open a new feed and refresh everything).
        """
        connection = self._connection
        if connection is None:
            raise LibraryUnavailable(LOST)
        try:
            notices = list(connection.notifies(timeout=0))
        except connection.Error as error:
            self.close()
            raise LibraryUnavailable(f"{LOST} ({describe_server_error(error)})") from error
        if connection.closed:
            self.close()
            raise LibraryUnavailable(LOST)
        heard = []
        for notice in notices:
            sender, changes = decode_changes(notice.payload)
            if sender != self.client and changes:
                heard.append(changes)
        return heard

    def close(self) -> None:
        """Stop listening and close the connection (again is harmless)."""
        connection, self._connection = self._connection, None
        if connection is not None:
            connection.close()

    def __enter__(self) -> ServerChangeFeed:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _probe_when_idle(fd: int) -> None:
    """Have the system probe the feed's TCP connection while it is idle (see KEEPALIVE);
    options a system lacks are left as they are, and a Unix-domain socket needs none."""
    try:
        probe = socket.socket(fileno=socket.dup(fd))
    except OSError:
        return
    with probe:
        if probe.family not in (socket.AF_INET, socket.AF_INET6):
            return
        with suppress(OSError):
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
        for name, value in KEEPALIVE:
            option = getattr(socket, name, None)
            if option is not None:
                with suppress(OSError):
                    probe.setsockopt(socket.IPPROTO_TCP, option, value)
