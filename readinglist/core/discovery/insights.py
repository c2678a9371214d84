"""Reading insights: the figures a researcher looks at to see how their reading goes.

``insights(library)`` returns plain JSON-ready data, drawn by the Insights view and
printed by ``stats --json`` under ``"insights"``:

* ``triage``: papers moved out of the Inbox per day (last ``DAYS`` days) and per ISO week
  (last ``WEEKS`` weeks). The library stores only each paper's *latest* status change
  (``status_changed_at``), so a paper queued on Monday and read on Friday counts once,
  on Friday; papers imported with a status (never triaged here) and papers moved back to
  the Inbox are not counted. This is pace, not a full history.
* ``ratings``: how many papers have each rating 0-5, and how many are unrated.
* ``statuses``: how many papers are in each status.
* ``top_tags``: the ``TOP_TAGS`` most used tags.
* ``oldest_queued``: the queued papers waiting longest (since they were queued).
* ``imports``: per day, how many imports ran and how many papers they added.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from readinglist.core.bulk import raw_connection
from readinglist.core.models import STATUS_NAMES, utcnow
from readinglist.core.users import current_user

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from readinglist.core.library import Library

DAYS = 30
WEEKS = 12
TOP_TAGS = 10
OLDEST_QUEUED = 5
TRIAGE_NOTE = (
    "counts each paper once, at its latest status change (the library keeps no "
    "earlier ones); papers imported with a status are not counted"
)


def insights(library: Library, now: datetime | None = None) -> dict[str, Any]:
    """Return the reading figures of library, as of now (UTC; default: the current time)."""
    moment = now or utcnow()
    with library.reading() as session:
        return {
            "generated_at": moment.isoformat(timespec="seconds"),
            "triage": _triage(session, moment.date()),
            "ratings": _ratings(session),
            "statuses": _statuses(session),
            "top_tags": _top_tags(session),
            "oldest_queued": _oldest_queued(session, moment),
            "imports": _imports(session),
        }


def _triage(session: Session, today: date) -> dict[str, Any]:
    first = today - timedelta(days=max(DAYS, WEEKS * 7 + today.weekday()))
    rows = (
        raw_connection(session)
        .execute(
            "SELECT date(status_changed_at), status, count(*) FROM paper_states "
            "JOIN papers ON papers.id = paper_states.paper_id WHERE user_id = ? "
            "AND status != 'inbox' AND status_changed_at IS NOT NULL "
            "AND status_changed_at != added_at AND date(status_changed_at) >= ? "
            "GROUP BY 1, 2",
            (current_user(session), first.isoformat()),
        )
        .fetchall()
    )
    per_day: Counter[date] = Counter()
    by_status: Counter[str] = Counter()
    for day, status, count in rows:
        moment = date.fromisoformat(str(day))
        per_day[moment] += count
        if moment > today - timedelta(days=DAYS):
            by_status[status] += count
    days = [today - timedelta(days=back) for back in range(DAYS - 1, -1, -1)]
    monday = today - timedelta(days=today.weekday())
    weeks = [monday - timedelta(weeks=back) for back in range(WEEKS - 1, -1, -1)]
    per_week = Counter({start: 0 for start in weeks})
    for day, count in per_day.items():
        start = day - timedelta(days=day.weekday())
        if start in per_week:
            per_week[start] += count
    return {
        "note": TRIAGE_NOTE,
        "per_day": [{"date": d.isoformat(), "papers": per_day.get(d, 0)} for d in days],
        "per_week": [
            {
                "week": f"{start.isocalendar().year}-W{start.isocalendar().week:02d}",
                "start": start.isoformat(),
                "papers": per_week[start],
            }
            for start in weeks
        ],
        "last_days": sum(per_day.get(d, 0) for d in days),
        "last_days_by_status": dict(sorted(by_status.items())),
    }


def _ratings(session: Session) -> dict[str, int]:
    counts = dict(
        raw_connection(session).execute(
            "SELECT rating, count(*) FROM paper_states WHERE user_id = ? GROUP BY rating",
            (current_user(session),),
        )
    )
    figures = {str(rating): counts.get(rating, 0) for rating in range(6)}
    figures["unrated"] = counts.get(None, 0)
    return figures


def _statuses(session: Session) -> dict[str, int]:
    counts = dict(
        raw_connection(session).execute(
            "SELECT status, count(*) FROM paper_states WHERE user_id = ? GROUP BY status",
            (current_user(session),),
        )
    )
    return {status: counts.get(status, 0) for status in STATUS_NAMES}


def _top_tags(session: Session) -> list[dict[str, Any]]:
    rows = raw_connection(session).execute(
        "SELECT tags.name, count(*) AS papers FROM paper_tags "
        "JOIN tags ON tags.id = paper_tags.tag_id "
        "GROUP BY tags.id ORDER BY papers DESC, tags.name LIMIT ?",
        (TOP_TAGS,),
    )
    return [{"name": name, "papers": papers} for name, papers in rows]


def _oldest_queued(session: Session, now: datetime) -> list[dict[str, Any]]:
    rows = raw_connection(session).execute(
        "SELECT id, title, coalesce(status_changed_at, added_at) AS since FROM paper_states "
        "JOIN papers ON papers.id = paper_states.paper_id "
        "WHERE user_id = ? AND status = 'queued' ORDER BY since, id LIMIT ?",
        (current_user(session), OLDEST_QUEUED),
    )
    result = []
    for paper_id, title, since in rows:
        moment = since if isinstance(since, datetime) else datetime.fromisoformat(since)
        result.append(
            {
                "id": paper_id,
                "title": title,
                "queued_since": moment.isoformat(timespec="seconds"),
                "days": max((now - moment).days, 0),
            }
        )
    return result


def _imports(session: Session) -> list[dict[str, Any]]:
    rows = raw_connection(session).execute(
        "SELECT date(imported_at), count(*), sum(added) FROM imports GROUP BY 1 ORDER BY 1"
    )
    return [
        {"date": str(day), "imports": count, "added": int(added or 0)} for day, count, added in rows
    ]
