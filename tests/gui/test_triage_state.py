"""The triage run's stepping rules, pace and saved position, without widgets."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QSettings

from readinglist.gui import triagestate
from readinglist.gui.triagestate import TriageRun, describe_minutes

if TYPE_CHECKING:
    from pathlib import Path


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_deciding_skips_papers_already_decided_and_wraps() -> None:
    run = TriageRun("k", "K", [1, 2, 3, 4])
    run.decided[2] = "Queued"
    run.decide("Read", "mark 1 paper read")
    assert run.current() == 3
    run.step(1)
    run.decide("Skipped", "skip 1 paper")
    assert run.current() == 3  # wrapped to the one left
    run.decide("Rated 2", "rate 1 paper 2")
    assert run.finished and run.current() is None
    assert run.back() and run.current() == 4


def test_undo_and_redo_follow_the_library_labels() -> None:
    run = TriageRun("k", "K", [1, 2, 3])
    run.decide("Queued", "queue 1 paper")
    run.decide("Skipped", "skip 1 paper")
    assert not run.undo("rate 1 paper 3")  # not a triage decision: nothing moves
    assert run.current() == 3
    assert run.undo("skip 1 paper")
    assert run.current() == 2 and 2 not in run.decided
    assert run.redo("skip 1 paper")
    assert run.current() == 3 and run.decided[2] == "Skipped"


def test_pace_counts_only_time_spent_in_triage() -> None:
    clock = Clock()
    run = TriageRun("k", "K", list(range(100)), clock=clock)
    run.resume_clock()
    assert run.pace() is None
    for _ in range(4):
        clock.now += 15
        run.decide("Skipped", "skip 1 paper")
    run.pause_clock()
    clock.now += 3600  # away from triage
    assert run.pace() == pytest.approx(4.0)
    assert run.minutes_left() == pytest.approx(24.0)


@pytest.mark.parametrize(("minutes", "text"), [(0.2, "about 1 min"), (24, "about 24 min"),
                                               (60, "about 1 h"), (125.4, "about 2 h 5 min")])
def test_time_left_reads_naturally(minutes: float, text: str) -> None:
    assert describe_minutes(minutes) == text


def test_saved_run_is_merged_with_what_matches_now(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    run = TriageRun("status:inbox", "Inbox", [1, 2, 3, 4])
    run.decide("Queued", "queue 1 paper")
    run.decide("Skipped", "skip 1 paper")
    triagestate.save(settings, run)

    def existing(ids: object) -> set[int]:
        return {1, 3, 4, 5}  # paper 2 was deleted

    # 1 and 2 left the Inbox; 5 arrived.
    restored = triagestate.restore(settings, "status:inbox", "Inbox", [3, 4, 5], existing)
    assert restored.ids == [1, 3, 4, 5]
    assert restored.decided == {1: "Queued"}
    assert restored.current() == 3
    fresh = triagestate.restore(settings, "tag:nlp|", "nlp", [7, 8], existing)
    assert fresh.ids == [7, 8] and fresh.current() == 7
