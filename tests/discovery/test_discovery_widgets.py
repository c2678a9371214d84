"""The discovery widgets, driven offscreen: work happens off the UI thread, picks activate."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from readinglist.core.commands import SetRating, SetStatus
from readinglist.core.discovery import Discovery
from readinglist.core.records import PaperRecord
from readinglist.gui.discovery.duplicates import DuplicatesView
from readinglist.gui.discovery.insights import InsightsView
from readinglist.gui.discovery.recommended import RecommendedView
from readinglist.gui.discovery.related import RelatedList
from readinglist.gui.operations import Operations

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pytestqt.qtbot import QtBot

    from readinglist.core.library import Library

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)"),
]

LIKED = [
    "BabyLM's First Words: Word Segmentation as a Phonological Probing Task",
    "CLIMB: Curriculum Learning for Infant-inspired Model Building",
    "Too Much Information: Keeping Training Simple for BabyLMs",
]


@pytest.fixture
def ops(sample_library: Library) -> Operations:
    return Operations(sample_library)


@pytest.fixture
def related(qtbot: QtBot, sample_library: Library) -> Iterator[RelatedList]:
    widget = RelatedList(sample_library, Discovery(sample_library))
    qtbot.addWidget(widget)
    yield widget
    widget.worker.wait()


@pytest.fixture
def recommended(
    qtbot: QtBot, sample_library: Library, ops: Operations
) -> Iterator[RecommendedView]:
    widget = RecommendedView(sample_library, ops=ops)
    qtbot.addWidget(widget)
    yield widget
    widget.worker.wait()


def test_related_list_fills_off_the_ui_thread_and_activates_on_click(
    qtbot: QtBot, related: RelatedList, title_ids: dict[str, int]
) -> None:
    related.show_paper(title_ids[LIKED[0]])
    assert related.worker.busy()  # the call returned before the answer was computed
    qtbot.waitUntil(lambda: bool(related.entries()), timeout=30_000)
    assert title_ids[LIKED[1]] in related.entries()[:3]
    first = related.list.item(0)
    with qtbot.waitSignal(related.paper_activated) as signal:
        rect = related.list.visualItemRect(first)
        QTest.mouseClick(related.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == [related.entries()[0]]


def test_related_list_drops_answers_for_papers_no_longer_shown(
    qtbot: QtBot, related: RelatedList, title_ids: dict[str, int]
) -> None:
    related.show_paper(title_ids[LIKED[0]])
    related.show_paper(title_ids[LIKED[2]])
    qtbot.waitUntil(lambda: bool(related.entries()), timeout=30_000)
    related.worker.wait()
    assert title_ids[LIKED[2]] not in related.entries()
    assert related.paper_id == title_ids[LIKED[2]]


def test_recommended_view_explains_why_it_is_empty(
    qtbot: QtBot, recommended: RecommendedView
) -> None:
    with qtbot.waitSignal(recommended.refreshed, timeout=30_000):
        recommended.refresh()
    assert recommended.entries() == []
    assert recommended.status.text().startswith("Nothing to learn from yet")


def test_recommended_view_reranks_after_ratings_and_activates_with_enter(
    qtbot: QtBot,
    recommended: RecommendedView,
    ops: Operations,
    title_ids: dict[str, int],
) -> None:
    recommended.show()
    with qtbot.waitSignal(recommended.refreshed, timeout=30_000):
        pass
    with qtbot.waitSignal(recommended.refreshed, timeout=30_000):
        ops.execute(SetRating([title_ids[t] for t in LIKED], 5))
    entries = recommended.entries()
    assert entries and not set(entries) & {title_ids[t] for t in LIKED}
    assert "shares " in recommended.list.item(0).text()
    recommended.list.setCurrentRow(0)
    recommended.list.setFocus()
    with qtbot.waitSignal(recommended.paper_activated) as signal:
        QTest.keyClick(recommended.list, Qt.Key.Key_Return)
    assert signal.args == [entries[0]]


def test_recommended_view_offers_tags_and_ranks_by_one(
    qtbot: QtBot, recommended: RecommendedView, ops: Operations, title_ids: dict[str, int]
) -> None:
    from readinglist.core.commands import AddTags

    ops.execute(AddTags([title_ids[t] for t in LIKED], ["babies"]))
    with qtbot.waitSignal(recommended.refreshed, timeout=30_000):
        recommended.set_tag("babies")
    assert recommended.tag() == "babies"
    assert recommended.entries()
    assert recommended.profile.findData("babies") >= 0


@pytest.fixture
def twins(library: Library) -> tuple[int, int]:
    library.import_records(
        [PaperRecord("Scaling laws for neural language models", "Loss is a power law.")],
        "first",
        "test",
    )
    library.import_records([PaperRecord("Scaling law for neural language models")], "b", "t")
    ((a, b, _score),) = library.duplicate_pairs()
    return a, b


@pytest.fixture
def duplicates(qtbot: QtBot, library: Library, twins: tuple[int, int]) -> Iterator[DuplicatesView]:
    widget = DuplicatesView(library)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.refreshed, timeout=30_000):
        widget.show()
    yield widget
    widget.worker.wait()


def test_duplicates_view_compares_the_pair_side_by_side(
    duplicates: DuplicatesView, twins: tuple[int, int]
) -> None:
    assert duplicates.list.count() == 1
    table = duplicates.table
    fields = {table.item(row, 0).text(): row for row in range(table.rowCount())}
    title_row = fields["Title"]
    assert table.item(title_row, 1).font().bold()
    assert not table.item(fields["Status"], 1).font().bold()
    assert {table.item(title_row, 1).text(), table.item(title_row, 2).text()} == {
        "Scaling laws for neural language models",
        "Scaling law for neural language models",
    }
    assert duplicates.keep_left.isEnabled() and duplicates.dismiss.isEnabled()


def test_merge_button_merges_as_one_undoable_step(
    qtbot: QtBot, duplicates: DuplicatesView, library: Library, twins: tuple[int, int]
) -> None:
    with qtbot.waitSignal(duplicates.refreshed, timeout=30_000):
        duplicates.keep_left.click()
    assert duplicates.list.count() == 0
    assert not duplicates.keep_left.isEnabled()
    assert library.count() == 1
    assert library.history_labels()[0] == "merge 2 papers"


def test_dismiss_button_forgets_the_pair_and_undo_restores_it(
    qtbot: QtBot, duplicates: DuplicatesView, library: Library
) -> None:
    with qtbot.waitSignal(duplicates.refreshed, timeout=30_000):
        duplicates.dismiss.click()
    assert duplicates.list.count() == 0
    assert library.count() == 2
    with qtbot.waitSignal(duplicates.refreshed, timeout=30_000):
        duplicates.ops.undo()
    assert duplicates.list.count() == 1


def test_insights_view_draws_every_chart(
    qtbot: QtBot, sample_library: Library, ops: Operations
) -> None:
    import pyqtgraph as pg

    ids = sample_library.search("").ids
    ops.execute(SetStatus(ids[:4], "queued"))
    view = InsightsView(sample_library, ops=ops)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.refreshed, timeout=30_000):
        view.show()
    assert set(view.charts) == {
        "per_day",
        "per_week",
        "ratings",
        "statuses",
        "top_tags",
        "oldest_queued",
        "imports",
    }
    for key in ("per_day", "per_week", "ratings", "statuses", "oldest_queued", "imports"):
        assert any(isinstance(item, pg.BarGraphItem) for item in view.charts[key].items), key
    assert view.figures["statuses"]["queued"] == 4
    assert "4 papers triaged" in view.summary.text()
    with qtbot.waitSignal(view.refreshed, timeout=30_000):
        ops.execute(SetStatus(ids[4:6], "read"))
    assert view.figures["triage"]["last_days"] == 6
    view.worker.wait()
