"""A second launch over the same library hands its files to the running window and exits."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt

from helpers import settle, write_pasted
from readinglist.gui.app import receive_files
from readinglist.gui.instance import InstanceServer, claim, hand_over, server_name

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pytestqt.qtbot import QtBot

    from readinglist.gui.mainwindow import MainWindow


@pytest.fixture
def server(qtbot: QtBot, tmp_path: Path) -> Iterator[InstanceServer]:
    listening = InstanceServer(server_name(tmp_path / "lib.sqlite"))
    assert listening.listen()
    yield listening
    listening.close()


def test_server_names_differ_per_library_and_agree_per_path(tmp_path: Path) -> None:
    first = server_name(tmp_path / "a.sqlite")
    assert first == server_name(tmp_path / "sub" / ".." / "a.sqlite")
    assert first != server_name(tmp_path / "b.sqlite")


def test_a_launch_hands_its_files_to_the_listening_window(
        qtbot: QtBot, server: InstanceServer, tmp_path: Path) -> None:
    with qtbot.waitSignal(server.activated, timeout=5000) as got:
        assert hand_over(server.name, [tmp_path / "a.bib", Path("relative.ris")],
                         timeout_ms=200)
    assert got.args[0] == [tmp_path / "a.bib", Path.cwd() / "relative.ris"]


def test_claim_becomes_the_window_when_nobody_listens_even_over_a_stale_socket(
        qtbot: QtBot, tmp_path: Path) -> None:
    library = tmp_path / "lonely.sqlite"
    name = server_name(library)
    if sys.platform != "win32":  # a socket file left by a crashed window
        import socket as sockets

        stale = sockets.socket(sockets.AF_UNIX)
        stale.bind(str(Path(os.environ.get("TMPDIR", "/tmp")) / name))
        stale.close()
    server = claim(library, [])
    assert server is not None
    try:
        assert server.server.isListening()
    finally:
        server.close()


def test_second_process_brings_files_to_the_first_and_exits(
        qtbot: QtBot, server: InstanceServer, tmp_path: Path) -> None:
    source = tmp_path / "list.bib"
    source.write_text("", encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-m", "readinglist", "--library", str(tmp_path / "lib.sqlite"),
               "--open", "list.bib"]
    with qtbot.waitSignal(server.activated, timeout=30_000) as got:
        launched = subprocess.Popen(command, cwd=tmp_path, env=env)
    assert launched.wait(timeout=30) == 0
    assert got.args[0] == [source]
    assert not (tmp_path / "lib.sqlite").exists()  # the second launch never opened it


@pytest.mark.qt_log_ignore(r"This plugin does not support (raise|propagateSizeHints)\(\)")
def test_the_window_comes_forward_and_imports_the_files(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    source = write_pasted(tmp_path / "handed.txt", [("A Handed Over Paper", "Its abstract.")])
    window.showMinimized()
    with qtbot.waitSignal(window.import_flow.finished, timeout=20_000):
        receive_files(window, [source])
    assert not window.isMinimized()
    assert window.windowState() & Qt.WindowState.WindowMinimized == Qt.WindowState(0)
    settle(qtbot, window)
    assert window.library.search('"A Handed Over Paper"').ids
    window.import_flow.last_box.close()  # type: ignore[union-attr]
