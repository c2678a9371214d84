"""Stored moments are naive UTC; the list and the detail pane show the local day."""

from __future__ import annotations

import dataclasses
import time
from datetime import date, datetime
from typing import TYPE_CHECKING

import pytest

from readinglist.gui.models import short_date
from readinglist.gui.paperhtml import paper_html
from readinglist.gui.tagcolors import TagColors

if TYPE_CHECKING:
    from collections.abc import Iterator

    from readinglist.core.library import Library

LATE_EVENING_UTC = datetime(2024, 6, 10, 20, 0)
"""20:00 UTC on 10 June: already 11 June in Auckland (UTC+12 in June)."""


@pytest.fixture
def in_auckland(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset is not available on this platform")
    monkeypatch.setenv("TZ", "Pacific/Auckland")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("in_auckland")
def test_short_date_compares_the_local_day_with_today() -> None:
    assert short_date(LATE_EVENING_UTC, today=date(2024, 6, 11)) == "Today"
    assert short_date(LATE_EVENING_UTC, today=date(2024, 6, 12)) == "Yesterday"


@pytest.mark.usefixtures("in_auckland")
def test_detail_pane_shows_the_local_day_a_paper_was_added(gui_library: Library) -> None:
    paper = gui_library.detail(gui_library.search("").ids[0])
    html = paper_html(dataclasses.replace(paper, added_at=LATE_EVENING_UTC), "", TagColors())
    assert "added 11 Jun 2024" in html
