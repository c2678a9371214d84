"""Read-only queries that turn rows into the frozen records views show."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from readinglist.core.bulk import chunked
from readinglist.core.errors import UnknownPaper
from readinglist.core.models import (
    Collection,
    DuplicateCandidate,
    ImportRecord,
    Paper,
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

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sqlalchemy.orm import Session

_ROW_COLUMNS = (
    Paper.id,
    Paper.title,
    Paper.rating,
    Paper.status,
    Paper.added_at,
    Paper.queue_position,
    Paper.citation_key,
    Paper.note != "",
)


def names_by_paper(
    session: Session, ids: Sequence[int]
) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """Return each paper's tag names and collection names, sorted."""
    tags: dict[int, list[str]] = defaultdict(list)
    collections: dict[int, list[str]] = defaultdict(list)
    for chunk in chunked(ids):
        for paper_id, name in session.execute(
            select(paper_tags.c.paper_id, Tag.name)
            .join(Tag, Tag.id == paper_tags.c.tag_id)
            .where(paper_tags.c.paper_id.in_(chunk))
            .order_by(Tag.name)
        ):
            tags[paper_id].append(name)
        for paper_id, name in session.execute(
            select(paper_collections.c.paper_id, Collection.name)
            .join(Collection, Collection.id == paper_collections.c.collection_id)
            .where(paper_collections.c.paper_id.in_(chunk))
            .order_by(Collection.name)
        ):
            collections[paper_id].append(name)
    return tags, collections


def rows(session: Session, ids: Sequence[int]) -> list[PaperRow]:
    """Return list rows for ids, in the order given (ids that vanished are left out)."""
    found: dict[int, Any] = {}
    row: Any
    for chunk in chunked(ids):
        for row in session.execute(select(*_ROW_COLUMNS).where(Paper.id.in_(chunk))):
            found[row[0]] = row
    tags, collections = names_by_paper(session, list(found))
    return [
        PaperRow(
            id=row[0],
            title=row[1],
            rating=row[2],
            status=row[3],
            added_at=row[4],
            queue_position=row[5],
            citation_key=row[6],
            has_note=bool(row[7]),
            tags=tuple(tags.get(row[0], ())),
            collections=tuple(collections.get(row[0], ())),
        )
        for paper_id in ids
        if (row := found.get(paper_id)) is not None
    ]


def details(session: Session, ids: Sequence[int]) -> list[PaperDetail]:
    """Return full records for ids, in the order given; raise UnknownPaper if one is missing."""
    found: dict[int, Paper] = {}
    for chunk in chunked(ids):
        found.update((p.id, p) for p in session.scalars(select(Paper).where(Paper.id.in_(chunk))))
    missing = [paper_id for paper_id in ids if paper_id not in found]
    if missing:
        raise UnknownPaper(f"no paper with id {missing[0]}")
    tags, collections = names_by_paper(session, ids)
    return [_detail(found[paper_id], tags, collections) for paper_id in ids]


def _detail(
    paper: Paper, tags: dict[int, list[str]], collections: dict[int, list[str]]
) -> PaperDetail:
    return PaperDetail(
        id=paper.id,
        title=paper.title,
        abstract=paper.abstract,
        note=paper.note,
        rating=paper.rating,
        status=paper.status,
        tags=tuple(tags.get(paper.id, ())),
        collections=tuple(collections.get(paper.id, ())),
        citation_key=paper.citation_key,
        added_at=paper.added_at,
        modified_at=paper.modified_at,
        status_changed_at=paper.status_changed_at,
        queue_position=paper.queue_position,
        authors=tuple(a for a in paper.authors.split("\n") if a),
        year=paper.year,
        venue=paper.venue,
        doi=paper.doi,
        url=paper.url,
        entry_type=paper.entry_type,
    )


def tags(session: Session) -> list[TagInfo]:
    count = func.count(paper_tags.c.paper_id)
    statement = (
        select(Tag.id, Tag.name, Tag.color, count)
        .outerjoin(paper_tags, paper_tags.c.tag_id == Tag.id)
        .group_by(Tag.id)
        .order_by(Tag.name)
    )
    return [TagInfo(*row) for row in session.execute(statement)]


def collections(session: Session) -> list[CollectionInfo]:
    count = func.count(paper_collections.c.paper_id)
    statement = (
        select(Collection.id, Collection.name, Collection.source, count)
        .outerjoin(paper_collections, paper_collections.c.collection_id == Collection.id)
        .group_by(Collection.id)
        .order_by(Collection.name)
    )
    return [CollectionInfo(*row) for row in session.execute(statement)]


def saved_searches(session: Session) -> list[SavedSearchInfo]:
    statement = select(SavedSearch.id, SavedSearch.name, SavedSearch.query).order_by(
        SavedSearch.position, SavedSearch.name
    )
    return [SavedSearchInfo(*row) for row in session.execute(statement)]


def status_counts(session: Session) -> dict[str, int]:
    counts = {status.value: 0 for status in Status}
    counts.update(session.execute(select(Paper.status, func.count()).group_by(Paper.status)).all())
    return counts


def queue(session: Session) -> list[int]:
    return list(
        session.scalars(
            select(Paper.id)
            .where(Paper.status == Status.QUEUED)
            .order_by(Paper.queue_position, Paper.id)
        )
    )


def duplicate_pairs(session: Session) -> list[tuple[int, int, float]]:
    statement = select(
        DuplicateCandidate.paper_id, DuplicateCandidate.other_id, DuplicateCandidate.score
    ).order_by(DuplicateCandidate.score.desc())
    return [tuple(row) for row in session.execute(statement)]  # type: ignore[misc]


def stats(session: Session) -> dict[str, Any]:
    papers = session.scalar(select(func.count()).select_from(Paper)) or 0
    rated = session.scalar(select(func.count()).where(Paper.rating.is_not(None))) or 0
    ratings = dict(
        session.execute(
            select(Paper.rating, func.count())
            .where(Paper.rating.is_not(None))
            .group_by(Paper.rating)
        ).all()
    )
    return {
        "papers": papers,
        "collections": session.scalar(select(func.count()).select_from(Collection)) or 0,
        "tags": session.scalar(select(func.count()).select_from(Tag)) or 0,
        "statuses": status_counts(session),
        "rated": rated,
        "unrated": papers - rated,
        "ratings": {str(r): ratings.get(r, 0) for r in range(6)},
        "with_notes": session.scalar(select(func.count()).where(Paper.note != "")) or 0,
        "queue": session.scalar(select(func.count()).where(Paper.status == Status.QUEUED)) or 0,
        "imports": session.scalar(select(func.count()).select_from(ImportRecord)) or 0,
        "likely_duplicates": session.scalar(select(func.count()).select_from(DuplicateCandidate))
        or 0,
    }
