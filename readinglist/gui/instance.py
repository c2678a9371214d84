"""One window per library: a second launch hands its files to the running one and exits.

The running window listens on a local socket (``QLocalServer``: a Unix socket in the temp
folder, a named pipe on Windows) named after the user and the library: a file's resolved
path, or a server library's user, host, port and database (``locations.credential_key``), so
two different libraries can be open side by side. A launch first tries to connect; when
a window answers, it sends one line of JSON, ``{"files": [...]}`` with absolute paths,
waits for ``ok`` and exits. The window comes forward and imports the files.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

from readinglist.core.locations import credential_key

if TYPE_CHECKING:
    from collections.abc import Sequence

    from PySide6.QtWidgets import QWidget

    from readinglist.core.locations import Location

TIMEOUT_MS = 2000
MAX_MESSAGE = 1 << 20
"""A message longer than this (1 MiB of paths) is refused: not from readinglist."""
REPLY = b"ok\n"


def location_key(location: Location) -> str:
    """Return what names the library for single-instance purposes (a path or a URL text)."""
    if isinstance(location, Path):
        return str(location.expanduser().resolve())
    return credential_key(location)


def server_name(location: Location) -> str:
    """Return the socket name for the user's window over the library at location."""
    user = os.environ.get("USER") or os.environ.get("USERNAME") or ""
    key = f"{user}\0{location_key(location)}".encode()
    return f"readinglist-{hashlib.sha256(key).hexdigest()[:24]}"


def hand_over(name: str, files: Sequence[Path], timeout_ms: int = TIMEOUT_MS) -> bool:
    """Send files to the window listening on name; return False when none is running."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    paths = [str(Path(path).expanduser().absolute()) for path in files]
    socket.write(json.dumps({"files": paths}).encode() + b"\n")
    socket.waitForBytesWritten(timeout_ms)
    # A window busy past the timeout still reads the message once it gets to it, so
    # the answer is awaited (the message is delivered) but not required.
    socket.waitForReadyRead(timeout_ms)
    socket.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """Listen for later launches and pass on what they ask for."""

    activated = Signal(list)
    """A later launch asked to come forward and import these files (a list of Path)."""

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        """Start listening; a socket left behind by a crashed window is removed first."""
        if self.server.listen(self.name):
            return True
        if self.server.serverError() == QAbstractSocket.SocketError.AddressInUseError:
            QLocalServer.removeServer(self.name)
            return self.server.listen(self.name)
        return False

    def close(self) -> None:
        self.server.close()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))

    def _read(self, socket: QLocalSocket) -> None:
        data = self._buffers.get(socket, b"") + bytes(socket.readAll().data())
        if len(data) > MAX_MESSAGE:
            socket.abort()
            return
        line, newline, _rest = data.partition(b"\n")
        if not newline:
            self._buffers[socket] = data
            return
        self._buffers[socket] = b""
        files = _files(line)
        socket.write(REPLY)
        socket.flush()
        if files is not None:
            self.activated.emit(files)

    def _forget(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()


def _files(line: bytes) -> list[Path] | None:
    try:
        message = json.loads(line)
    except ValueError:
        return None
    names = message.get("files") if isinstance(message, dict) else None
    if not isinstance(names, list):
        return None
    return [Path(name) for name in names if isinstance(name, str)]


def claim(location: Location, files: Sequence[Path]) -> InstanceServer | None:
    """Become the window for the library at location, or hand files to the one running (None).

    When two launches race, both may fail to connect; the loser of ``listen`` tries to
    hand over once more before it takes over a socket it then knows is stale.
    """
    name = server_name(location)
    if hand_over(name, files):
        return None
    server = InstanceServer(name)
    if server.server.listen(name):
        return server
    if hand_over(name, files):
        return None
    server.listen()  # without the socket the app still works, only alone
    return server


def bring_forward(window: QWidget) -> None:
    """Show window above the others: restore it if minimised, raise and activate it."""
    if window.isMinimized():
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
