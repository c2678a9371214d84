"""The paper model: a valid Qt model that loads rows lazily, in blocks, at any size."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from readinglist.core.records import PaperRow
from readinglist.gui.columns import Column
from readinglist.gui.models import BLOCK, PaperModel, RowRole

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pytestqt.modeltest import ModelTester
    from pytestqt.qtbot import QtBot

    from readinglist.core.library import Library


class CountingLibrary:
    """Answers ``rows`` for any id, counting how many rows were asked for."""

    def __init__(self) -> None:
        self.asked = 0
        self.calls = 0

    def rows(self, ids: Sequence[int]) -> list[PaperRow]:
        self.calls += 1
        self.asked += len(ids)
        return [PaperRow(i, f"Paper {i}", i % 6, "inbox", ("nlp",), ("c",), datetime(2024, 1, 1),
                         None, None, False) for i in ids]


def test_model_passes_qt_model_tester(qtmodeltester: ModelTester, gui_library: Library) -> None:
    model = PaperModel(gui_library)
    model.set_ids(gui_library.search("").ids)
    qtmodeltester.check(model)


def test_hundred_thousand_papers_load_only_the_blocks_shown(qtbot: QtBot) -> None:
    library = CountingLibrary()
    model = PaperModel(library)  # type: ignore[arg-type]
    model.set_ids(range(1, 100_001))
    assert model.rowCount() == 100_000
    assert library.asked == BLOCK
    assert model.index(0, Column.TITLE).data() == "Paper 1"
    assert model.index(99_999, Column.TITLE).data() is None  # queued, not fetched in data()
    qtbot.waitUntil(lambda: model.index(99_999, Column.TITLE).data() == "Paper 100000")
    assert library.asked <= 2 * BLOCK


def test_rows_carry_the_whole_record_for_delegates(gui_library: Library) -> None:
    model = PaperModel(gui_library)
    ids = gui_library.search("").ids
    model.set_ids(ids)
    row = model.index(0, 0).data(RowRole)
    assert isinstance(row, PaperRow)
    assert row.id == ids[0]


def test_sorting_asks_the_owner_instead_of_sorting_itself(qtbot: QtBot) -> None:
    model = PaperModel(CountingLibrary())  # type: ignore[arg-type]
    model.set_ids([3, 1, 2])
    with qtbot.waitSignal(model.sort_requested) as blocker:
        model.sort(Column.TITLE, Qt.SortOrder.DescendingOrder)
    assert blocker.args == [int(Column.TITLE), True]
    assert model.ids == [3, 1, 2]


def test_refresh_reloads_only_changed_rows(qtbot: QtBot) -> None:
    library = CountingLibrary()
    model = PaperModel(library)  # type: ignore[arg-type]
    model.set_ids(range(1, 1001))
    calls = library.calls
    with qtbot.waitSignal(model.dataChanged):
        model.refresh_papers([5, 7])
    assert library.calls == calls  # read again only when drawn again
    assert model.paper_row(4) is not None
    assert library.calls == calls + 1  # one block: the one holding the changed rows
    with qtbot.assertNotEmitted(model.dataChanged):
        model.refresh_papers([999_999])  # not listed: nothing to do
        model.refresh_papers([700])  # listed but not loaded: drawn fresh anyway
    assert library.calls == calls + 1
