"""Insights: triage pace, ratings, statuses, tags, the oldest queued papers, imports."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import TYPE_CHECKING

from readinglist.core.commands import AddTags, SetRating, SetStatus
from readinglist.core.discovery import insights
from readinglist.core.models import PAPER_STATES, utcnow
from readinglist.core.records import PaperRecord

if TYPE_CHECKING:
    from readinglist.core.library import Library


def test_insights_are_json_with_every_figure(sample_library: Library) -> None:
    figures = insights(sample_library)
    assert json.loads(json.dumps(figures)) == figures
    assert set(figures) == {
        "generated_at",
        "triage",
        "ratings",
        "statuses",
        "top_tags",
        "oldest_queued",
        "imports",
    }
    assert len(figures["triage"]["per_day"]) == 30
    assert len(figures["triage"]["per_week"]) == 12
    assert "latest status change" in figures["triage"]["note"]


def test_triage_counts_papers_moved_out_of_the_inbox_today(sample_library: Library) -> None:
    ids = sample_library.search("").ids
    sample_library.execute(SetStatus(ids[:3], "queued"))
    sample_library.execute(SetStatus(ids[3:5], "skipped"))
    sample_library.execute(SetStatus(ids[5:6], "inbox"))
    triage = insights(sample_library)["triage"]
    assert triage["per_day"][-1] == {"date": utcnow().date().isoformat(), "papers": 5}
    assert triage["per_week"][-1]["papers"] == 5
    assert triage["last_days"] == 5
    assert triage["last_days_by_status"] == {"queued": 3, "skipped": 2}


def test_triage_buckets_by_day_and_iso_week(sample_library: Library) -> None:
    ids = sample_library.search("").ids
    sample_library.execute(SetStatus(ids[:4], "read"))
    now = utcnow()
    with sample_library.writing() as session:
        session.execute(
            PAPER_STATES.update()
            .where(PAPER_STATES.c.paper_id.in_(ids[:2]))
            .values(status_changed_at=now - timedelta(days=8))
        )
    triage = insights(sample_library, now=now)["triage"]
    assert triage["per_day"][-9]["papers"] == 2
    assert triage["per_day"][-1]["papers"] == 2
    weeks = [week["papers"] for week in triage["per_week"]]
    assert sum(weeks) == 4 and weeks[-1] in (2, 4)


def test_papers_imported_with_a_status_are_not_triage(library: Library) -> None:
    library.import_records([PaperRecord("Read before", status="read")], "bib", "test")
    assert insights(library)["triage"]["last_days"] == 0
    assert insights(library)["statuses"]["read"] == 1


def test_ratings_histogram_counts_unrated(sample_library: Library) -> None:
    ids = sample_library.search("").ids
    sample_library.execute(SetRating(ids[:3], 5))
    sample_library.execute(SetRating(ids[3:4], 0))
    ratings = insights(sample_library)["ratings"]
    assert ratings["5"] == 3 and ratings["0"] == 1 and ratings["3"] == 0
    assert ratings["unrated"] == len(ids) - 4


def test_top_tags_are_ordered_by_use(sample_library: Library) -> None:
    ids = sample_library.search("").ids
    sample_library.execute(AddTags(ids[:5], ["nlp"]))
    sample_library.execute(AddTags(ids[:2], ["vision"]))
    assert insights(sample_library)["top_tags"] == [
        {"name": "nlp", "papers": 5},
        {"name": "vision", "papers": 2},
    ]


def test_oldest_queued_papers_come_first_with_their_age(sample_library: Library) -> None:
    ids = sample_library.search("").ids
    sample_library.execute(SetStatus(ids[:3], "queued"))
    now = utcnow()
    with sample_library.writing() as session:
        session.execute(
            PAPER_STATES.update()
            .where(PAPER_STATES.c.paper_id == ids[2])
            .values(status_changed_at=now - timedelta(days=40))
        )
    oldest = insights(sample_library, now=now)["oldest_queued"]
    assert [paper["id"] for paper in oldest] == [ids[2], ids[0], ids[1]]
    assert oldest[0]["days"] == 40


def test_imports_are_counted_per_day(sample_library: Library) -> None:
    (day,) = insights(sample_library)["imports"]
    assert day["imports"] == 3
    assert day["added"] == sample_library.count()
