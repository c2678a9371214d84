"""A library error inside a key handler is shown as a message, never raised in a Qt slot."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from helpers import select_rows, settle
from readinglist.core.commands import SetStatus
from readinglist.core.errors import UnknownPaper

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from readinglist.gui.mainwindow import MainWindow


def vanished(*_args: object) -> object:
    raise UnknownPaper("no paper with id 1")


@pytest.mark.parametrize(("handler", "method"), [
    ("add_tags", "tags"),
    ("remove_tags", "rows"),
    ("start_reading", "detail"),
])
def test_a_paper_deleted_elsewhere_gives_a_message(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch,
        handler: str, method: str) -> None:
    ids = select_rows(window, 0)
    window.ops.execute(SetStatus(ids, "queued"))
    settle(qtbot, window)
    select_rows(window, 0)
    with monkeypatch.context() as patch, qtbot.waitSignal(window.ops.failed) as failed:
        patch.setattr(window.library, method, vanished)
        getattr(window.handlers, handler)()
    assert failed.args == ["no paper with id 1"]
    assert window.handlers.prompt is None or not window.handlers.prompt.isVisible()
