"""The PySide6 6.12.0 workaround keeps None alive however many references PySide6 drops."""

from __future__ import annotations

import sys

import pytest

from readinglist.gui.refguard import protect_singletons


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from 3.12 on")
def test_singletons_get_a_count_that_cannot_reach_zero() -> None:
    protect_singletons()
    protect_singletons()  # idempotent
    for singleton in (None, True, False):
        assert sys.getrefcount(singleton) > 1 << 40
        assert sys.getrefcount(singleton) < 1 << 41


def test_void_calls_keep_working(qtbot: object) -> None:
    from PySide6.QtWidgets import QWidget

    widget = QWidget()
    for _ in range(10_000):
        widget.setWindowTitle("readinglist")
    assert widget.windowTitle() == "readinglist"
