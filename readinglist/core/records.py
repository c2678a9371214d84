"""Plain data passed between importers, the library and exporters (no database objects)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import datetime


@dataclass(slots=True)
class PaperRecord:
    """One paper as read from a file, before it meets the library.

    Only ``title`` is required; importers of richer formats fill the rest.
    ``line`` is where the entry starts in its file (1-based), for messages.
    """

    title: str
    abstract: str = ""
    authors: list[str] = field(default_factory=list)
    year: int | None = None
    venue: str = ""
    doi: str = ""
    url: str = ""
    entry_type: str = ""
    citation_key: str = ""
    tags: list[str] = field(default_factory=list)
    rating: int | None = None
    status: str | None = None
    note: str = ""
    line: int | None = None


@dataclass(frozen=True, slots=True)
class PaperRow:
    """What the paper list shows for one paper (no abstract or note, so rows stay light).

    Rating, status and queue place are the current member's own.
    """

    id: int
    title: str
    rating: int | None
    status: str
    tags: tuple[str, ...]
    collections: tuple[str, ...]
    added_at: datetime
    queue_position: int | None
    citation_key: str | None
    has_note: bool


@dataclass(frozen=True, slots=True)
class PaperDetail:
    """Everything the library knows about one paper: for the abstract pane, `show` and exports.

    ``note`` is the shared note; rating, status, queue place and ``private_note`` are the
    current member's own. ``member_statuses`` counts the members in each status (empty
    when the library has one member).
    """

    id: int
    title: str
    abstract: str
    note: str
    rating: int | None
    status: str
    tags: tuple[str, ...]
    collections: tuple[str, ...]
    citation_key: str | None
    added_at: datetime
    modified_at: datetime
    status_changed_at: datetime | None
    queue_position: int | None
    authors: tuple[str, ...]
    year: int | None
    venue: str
    doi: str
    url: str
    entry_type: str
    private_note: str = ""
    version: int = 1
    """Moves with every change to the shared fields (note included): what an edit read."""
    members: int = 1
    member_statuses: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class TagInfo:
    id: int
    name: str
    color: str
    count: int


@dataclass(frozen=True, slots=True)
class CollectionInfo:
    id: int
    name: str
    source: str
    count: int


@dataclass(frozen=True, slots=True)
class SavedSearchInfo:
    id: int
    name: str
    query: str
