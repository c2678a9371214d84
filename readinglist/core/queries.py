"""Read-only queries that turn rows into the frozen records views show."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import func, select

from readinglist.core.backends import backend_of
from readinglist.core.errors import UnknownPaper
from readinglist.core.models import (
    Collection,
    DuplicateCandidate,
    ImportRecord,
    Paper,
    PaperState,
    SavedSearch,
    Status,
    Tag,
    paper_collections,
    paper_tags,
)
from readinglist.core.records import (
    CollectionInfo,
    PaperDetail,
    PaperRow,
    SavedSearchInfo,
    TagInfo,
)
from readinglist.core.users import current_user, member_count

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from datetime import datetime

    from sqlalchemy.orm import Session

    from readinglist.core.backends import Cursor
    from readinglist.core.bulk import AnySelect

# Lists and exports read many rows at once: plain SQL on the DBAPI connection, without
# ORM objects or per-id bound parameters (the ids travel as one value, see ``_with_ids``).
_IDS = "{ids}"
# Rating, status, queue place and private note are the current member's (the first
# parameter); a paper without the member's row reads as new to them.
_MINE = " FROM papers LEFT JOIN paper_states s ON s.paper_id = papers.id AND s.user_id = ?"
_ROW_SQL = (
    "SELECT id, title, s.rating, coalesce(s.status, 'inbox'), added_at, s.queue_position,"
    " citation_key, papers.note != ''"
    f"{_MINE} WHERE id IN ({_IDS})"
)
_DETAIL_SQL = (
    "SELECT id, title, abstract, papers.note, s.rating, coalesce(s.status, 'inbox'),"
    " citation_key, added_at, modified_at, s.status_changed_at, s.queue_position, authors,"
    " year, venue, doi, url, entry_type, coalesce(s.note, ''), papers.version"
    f"{_MINE} WHERE id IN ({_IDS})"
)
_MEMBER_STATUS_SQL = (
    f"SELECT paper_id, status, count(*) FROM paper_states WHERE paper_id IN ({_IDS})"
    " GROUP BY paper_id, status"
)
# Names sort as the columns collate (NOCASE), as the sidebar lists them.
_TAG_SQL = (
    "SELECT paper_tags.paper_id, tags.name FROM paper_tags"
    " JOIN tags ON tags.id = paper_tags.tag_id"
    f" WHERE paper_tags.paper_id IN ({_IDS}) ORDER BY tags.name"
)
_COLLECTION_SQL = (
    "SELECT paper_collections.paper_id, collections.name FROM paper_collections"
    " JOIN collections ON collections.id = paper_collections.collection_id"
    f" WHERE paper_collections.paper_id IN ({_IDS}) ORDER BY collections.name"
)


def _with_ids(session: Session, template: str, ids: Sequence[int], *before: Any) -> Cursor:
    """Run template with its {ids} standing for the back end's list of ids (after the
    parameters before)."""
    backend = backend_of(session)
    sql = template.format(ids=backend.ids_sql)
    return backend.raw(session).execute(sql, (*before, backend.ids_param(ids)))


def names_by_paper(
    session: Session, ids: Sequence[int]
) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """Return each paper's tag names and collection names, sorted."""
    tags: dict[int, list[str]] = defaultdict(list)
    collections: dict[int, list[str]] = defaultdict(list)
    for paper_id, name in _with_ids(session, _TAG_SQL, ids):
        tags[paper_id].append(name)
    for paper_id, name in _with_ids(session, _COLLECTION_SQL, ids):
        collections[paper_id].append(name)
    return tags, collections


def rows(session: Session, ids: Sequence[int]) -> list[PaperRow]:
    """Return list rows for ids, in the order given (ids that vanished are left out)."""
    found = {row[0]: row for row in _with_ids(session, _ROW_SQL, ids, current_user(session))}
    tags, collections = names_by_paper(session, list(found))
    no_names: list[str] = []
    read_time = _time_reader(session)
    return [
        PaperRow(
            id=paper_id,
            title=row[1],
            rating=row[2],
            status=row[3],
            added_at=read_time(row[4]),
            queue_position=row[5],
            citation_key=row[6],
            has_note=bool(row[7]),
            tags=tuple(tags.get(paper_id, no_names)),
            collections=tuple(collections.get(paper_id, no_names)),
        )
        for paper_id in ids
        if (row := found.get(paper_id)) is not None
    ]


def details(session: Session, ids: Sequence[int]) -> list[PaperDetail]:
    """Return full records for ids, in the order given; raise UnknownPaper if one is missing."""
    found = {row[0]: row for row in _with_ids(session, _DETAIL_SQL, ids, current_user(session))}
    missing = [paper_id for paper_id in ids if paper_id not in found]
    if missing:
        raise UnknownPaper(f"no paper with id {missing[0]}")
    tags, collections = names_by_paper(session, list(found))
    members = member_count(session)
    statuses = _member_statuses(session, list(found)) if members > 1 else {}
    return [
        _detail(found[paper_id], tags, collections, members, statuses.get(paper_id, {}),
                _time_reader(session))
        for paper_id in ids
    ]


def _member_statuses(session: Session, ids: list[int]) -> dict[int, dict[str, int]]:
    """Return, for each paper, how many members have it in each status."""
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for paper_id, status, count in _with_ids(session, _MEMBER_STATUS_SQL, ids):
        counts[paper_id][status] = count
    return counts


def _detail(
    row: tuple[Any, ...],
    tags: dict[int, list[str]],
    collections: dict[int, list[str]],
    members: int,
    statuses: dict[str, int],
    read_time: Callable[[Any], datetime],
) -> PaperDetail:
    paper_id = row[0]
    return PaperDetail(
        id=paper_id,
        title=row[1],
        abstract=row[2],
        note=row[3],
        rating=row[4],
        status=row[5],
        tags=tuple(tags.get(paper_id, ())),
        collections=tuple(collections.get(paper_id, ())),
        citation_key=row[6],
        added_at=read_time(row[7]),
        modified_at=read_time(row[8]),
        status_changed_at=read_time(row[9]) if row[9] is not None else None,
        queue_position=row[10],
        authors=tuple(a for a in row[11].split("\n") if a),
        year=row[12],
        venue=row[13],
        doi=row[14],
        url=row[15],
        entry_type=row[16],
        private_note=row[17],
        version=row[18],
        members=members,
        member_statuses=statuses,
    )


def _time_reader(session: Session) -> Callable[[Any], datetime]:
    """Return how to read a stored (never empty) time as the ORM would, on this back end."""
    return cast("Callable[[Any], datetime]", backend_of(session).timestamp)


def tags(session: Session) -> list[TagInfo]:
    statement = _with_counts(select(Tag.id, Tag.name, Tag.color), paper_tags.c.tag_id)
    return [TagInfo(*row) for row in session.execute(statement.order_by(Tag.name))]


def collections(session: Session) -> list[CollectionInfo]:
    statement = _with_counts(
        select(Collection.id, Collection.name, Collection.source),
        paper_collections.c.collection_id,
    )
    return [CollectionInfo(*row) for row in session.execute(statement.order_by(Collection.name))]


def _with_counts(names: AnySelect, link: Any) -> AnySelect:
    """Add to names (whose first column is the id) how many papers link to each.

    Counting the links by name reads the link table's index alone; an outer join from
    the names would look every link up (8x slower at a million papers).
    """
    counts = select(link, func.count().label("papers")).group_by(link).subquery()
    named_id = names.selected_columns[0]
    return names.add_columns(func.coalesce(counts.c.papers, 0)).outerjoin(
        counts, counts.c[link.name] == named_id
    )


def saved_searches(session: Session) -> list[SavedSearchInfo]:
    statement = select(SavedSearch.id, SavedSearch.name, SavedSearch.query).order_by(
        SavedSearch.position, SavedSearch.name
    )
    return [SavedSearchInfo(*row) for row in session.execute(statement)]


def status_counts(session: Session) -> dict[str, int]:
    """Return how many papers the current member has in each status."""
    counts = {status.value: 0 for status in Status}
    mine = PaperState.user_id == current_user(session)
    counts.update(
        session.execute(
            select(PaperState.status, func.count()).where(mine).group_by(PaperState.status)
        ).all()
    )
    return counts


def queue(session: Session) -> list[int]:
    """Return the current member's queue, in order."""
    return list(
        session.scalars(
            select(PaperState.paper_id)
            .where(
                PaperState.user_id == current_user(session), PaperState.status == Status.QUEUED
            )
            .order_by(PaperState.queue_position, PaperState.paper_id)
        )
    )


def duplicate_pairs(session: Session) -> list[tuple[int, int, float]]:
    statement = select(
        DuplicateCandidate.paper_id, DuplicateCandidate.other_id, DuplicateCandidate.score
    ).order_by(DuplicateCandidate.score.desc())
    return [tuple(row) for row in session.execute(statement)]  # type: ignore[misc]


def stats(session: Session) -> dict[str, Any]:
    papers = session.scalar(select(func.count()).select_from(Paper)) or 0
    mine = PaperState.user_id == current_user(session)
    ratings = dict(
        session.execute(
            select(PaperState.rating, func.count())
            .where(mine, PaperState.rating.is_not(None))
            .group_by(PaperState.rating)
        ).all()
    )
    rated = sum(ratings.values())
    return {
        "papers": papers,
        "collections": session.scalar(select(func.count()).select_from(Collection)) or 0,
        "tags": session.scalar(select(func.count()).select_from(Tag)) or 0,
        "statuses": status_counts(session),
        "rated": rated,
        "unrated": papers - rated,
        "ratings": {str(r): ratings.get(r, 0) for r in range(6)},
        "with_notes": session.scalar(select(func.count()).where(Paper.note != "")) or 0,
        "queue": session.scalar(
            select(func.count()).where(mine, PaperState.status == Status.QUEUED)
        )
        or 0,
        "imports": session.scalar(select(func.count()).select_from(ImportRecord)) or 0,
        "likely_duplicates": session.scalar(select(func.count()).select_from(DuplicateCandidate))
        or 0,
    }
