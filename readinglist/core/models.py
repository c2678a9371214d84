"""SQLAlchemy models: the library's tables at the newest schema revision."""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from typing import cast

from sqlalchemy import (
    CheckConstraint,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    """Return the current time as a naive UTC datetime (how the library stores time)."""
    return datetime.now(UTC).replace(tzinfo=None)


class Status(enum.StrEnum):
    """Where a paper is in the reading workflow."""

    INBOX = "inbox"
    QUEUED = "queued"
    READING = "reading"
    READ = "read"
    SKIPPED = "skipped"


STATUS_NAMES = tuple(s.value for s in Status)


class Base(DeclarativeBase):
    pass


paper_tags = Table(
    "paper_tags",
    Base.metadata,
    Column("paper_id", ForeignKey("papers.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True),
)

paper_collections = Table(
    "paper_collections",
    Base.metadata,
    Column("paper_id", ForeignKey("papers.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "collection_id",
        ForeignKey("collections.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
    Column("position", Integer, nullable=False, default=0),
)


class Paper(Base):
    __tablename__ = "papers"
    __table_args__ = (
        CheckConstraint("rating IS NULL OR rating BETWEEN 0 AND 5", name="rating_range"),
        CheckConstraint(
            "status IN ('inbox', 'queued', 'reading', 'read', 'skipped')", name="status_known"
        ),
        {"sqlite_autoincrement": True},
    )

    # Indexed besides being the key: the added order reads ids off a narrow index (0005).
    id: Mapped[int] = mapped_column(primary_key=True, index=True)
    title: Mapped[str] = mapped_column(Text(collation="NOCASE"), index=True)
    abstract: Mapped[str] = mapped_column(Text, default="")
    title_key: Mapped[str] = mapped_column(Text, index=True)
    # The key backwards, so titles that end alike sort together (revision 0003).
    title_key_reversed: Mapped[str] = mapped_column(Text, index=True, default="")
    citation_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    rating: Mapped[int | None] = mapped_column(Integer, index=True)
    status: Mapped[str] = mapped_column(String(16), default=Status.INBOX.value, index=True)
    status_changed_at: Mapped[datetime | None] = mapped_column(DateTime)
    queue_position: Mapped[int | None] = mapped_column(Integer, index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    added_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    modified_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # Bibliographic fields (revision 0002); pasted lists leave them empty.
    authors: Mapped[str] = mapped_column(Text, default="")
    year: Mapped[int | None] = mapped_column(Integer)
    venue: Mapped[str] = mapped_column(Text, default="")
    doi: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(Text, default="")
    entry_type: Mapped[str] = mapped_column(String(40), default="")


class Tag(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200, collation="NOCASE"), unique=True)
    color: Mapped[str] = mapped_column(String(16), default="")


class Collection(Base):
    __tablename__ = "collections"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300, collation="NOCASE"), unique=True)
    source: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ImportRecord(Base):
    """One import of one file: where from, when, and what it brought."""

    __tablename__ = "imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    collection_id: Mapped[int | None] = mapped_column(
        ForeignKey("collections.id", ondelete="SET NULL"), index=True
    )
    source: Mapped[str] = mapped_column(Text)
    format: Mapped[str] = mapped_column(String(40))
    encoding: Mapped[str] = mapped_column(String(40), default="")
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    entries: Mapped[int] = mapped_column(Integer, default=0)
    added: Mapped[int] = mapped_column(Integer, default=0)
    already_present: Mapped[int] = mapped_column(Integer, default=0)
    likely_duplicates: Mapped[int] = mapped_column(Integer, default=0)


class DuplicateCandidate(Base):
    """A pair of papers whose titles are nearly the same, found at import."""

    __tablename__ = "duplicate_candidates"

    paper_id: Mapped[int] = mapped_column(
        ForeignKey("papers.id", ondelete="CASCADE"), primary_key=True
    )
    other_id: Mapped[int] = mapped_column(
        ForeignKey("papers.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    score: Mapped[float] = mapped_column(Float)


class SavedSearch(Base):
    __tablename__ = "saved_searches"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200, collation="NOCASE"), unique=True)
    query: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)


class HistoryEntry(Base):
    """One undoable step: a serialised command and whether it is currently applied."""

    __tablename__ = "history"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(60))
    state: Mapped[bytes] = mapped_column(LargeBinary)
    applied: Mapped[bool] = mapped_column(default=True, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Setting(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# The tables as Core objects, for bulk statements in commands and queries.
PAPERS = cast("Table", Paper.__table__)
TAGS = cast("Table", Tag.__table__)
COLLECTIONS = cast("Table", Collection.__table__)
IMPORTS = cast("Table", ImportRecord.__table__)
DUPLICATES = cast("Table", DuplicateCandidate.__table__)
SAVED_SEARCHES = cast("Table", SavedSearch.__table__)
