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
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    false,
    text,
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
    __table_args__ = ({"sqlite_autoincrement": True},)

    # Indexed besides being the key: the added order reads ids off a narrow index (0005).
    id: Mapped[int] = mapped_column(primary_key=True, index=True)
    title: Mapped[str] = mapped_column(Text(collation="NOCASE"), index=True)
    abstract: Mapped[str] = mapped_column(Text, default="")
    title_key: Mapped[str] = mapped_column(Text, index=True)
    # The key backwards, so titles that end alike sort together (revision 0003).
    title_key_reversed: Mapped[str] = mapped_column(Text, index=True, default="")
    citation_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    # The shared note; each member's own note is PaperState.note.
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
    # Citable metadata a lookup fills (revision 0008): "2401.01234v2", "cs.CL", ISO date.
    arxiv_id: Mapped[str] = mapped_column(Text, default="", server_default="")
    primary_class: Mapped[str] = mapped_column(Text, default="", server_default="")
    published: Mapped[str] = mapped_column(Text, default="", server_default="")
    pdf_url: Mapped[str] = mapped_column(Text, default="", server_default="")
    # A pinned key is never regenerated: the user set it, or it was exported as BibTeX.
    citation_key_pinned: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Raised by each shared edit, so concurrent edits of one paper are noticed (0007).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))


class User(Base):
    """A member of the library: "me" in a library file, a database role on a server."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200, collation="NOCASE"), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class PaperState(Base):
    """One member's own state of one paper: rating, status, queue place, private note.

    Every member has a row for every paper (made with the paper or the member). The
    indexes lead with the member, so one member's list sorted or filtered by rating,
    status or queue place reads an index in order.
    """

    __tablename__ = "paper_states"
    __table_args__ = (
        CheckConstraint("rating IS NULL OR rating BETWEEN 0 AND 5", name="state_rating_range"),
        CheckConstraint(
            "status IN ('inbox', 'queued', 'reading', 'read', 'skipped')",
            name="state_status_known",
        ),
        Index("ix_paper_states_user_rating", "user_id", "rating", "paper_id"),
        Index("ix_paper_states_user_status", "user_id", "status", "paper_id"),
        Index("ix_paper_states_user_queue", "user_id", "queue_position", "paper_id"),
    )

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    paper_id: Mapped[int] = mapped_column(
        ForeignKey("papers.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    rating: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(
        String(16), default=Status.INBOX.value, server_default=Status.INBOX.value
    )
    status_changed_at: Mapped[datetime | None] = mapped_column(DateTime)
    queue_position: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="", server_default="")
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))


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
    __table_args__ = (Index("ix_history_user_applied", "user_id", "applied", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(60))
    state: Mapped[bytes] = mapped_column(LargeBinary)
    applied: Mapped[bool] = mapped_column(default=True, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # Whose step it is: each member undoes their own (0007).
    user_id: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))


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
USERS = cast("Table", User.__table__)
PAPER_STATES = cast("Table", PaperState.__table__)
