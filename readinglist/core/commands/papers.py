"""Commands that change papers: rating, status, queue order, notes, tags, delete, merge.

Rating, status, queue order and the private note are the current member's own (their
``paper_states`` rows); the rest is shared by every member.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import delete, select, update

from readinglist.core.backends import backend_of
from readinglist.core.changes import Changes
from readinglist.core.commands.base import Command, plural
from readinglist.core.commands.fields import require_all, touch
from readinglist.core.commands.rows import (
    delete_papers,
    require_papers,
    restore_papers,
    snapshot_papers,
)
from readinglist.core.commands.states import (
    capture_states,
    highest_queue_position,
    restore_states,
    set_each_state,
    set_states,
)
from readinglist.core.commands.tagging import (
    add_links,
    ensure_tags,
    links_between,
    remove_links,
    tag_ids_named,
)
from readinglist.core.errors import EditConflict, InvalidValue
from readinglist.core.models import (
    PAPERS,
    STATUS_NAMES,
    TAGS,
    Paper,
    PaperState,
    Status,
    paper_collections,
    paper_tags,
    utcnow,
)
from readinglist.core.users import current_user

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

_PAPERS = PAPERS
_STATE_COLUMNS = ("status", "queue_position", "status_changed_at")


@dataclasses.dataclass
class SetRating(Command):
    """Rate papers 0-5, or clear their rating with None."""

    kind: ClassVar[str] = "set_rating"
    paper_ids: list[int]
    rating: int | None
    before: list[list[Any]] | None = None

    def __post_init__(self) -> None:
        if self.rating is not None and not 0 <= self.rating <= 5:
            raise InvalidValue(f"a rating is 0 to 5, not {self.rating}")

    @property
    def label(self) -> str:
        count = plural(len(self.paper_ids), "paper")
        return f"clear rating of {count}" if self.rating is None else f"rate {count} {self.rating}"

    def apply(self, session: Session) -> Changes:
        self.paper_ids, self.before = capture_states(session, self.paper_ids, "rating")
        set_states(session, self.paper_ids, {"rating": self.rating})
        return Changes(papers=frozenset(self.paper_ids))

    def revert(self, session: Session) -> Changes:
        restore_states(session, "rating", self.before or [])
        return Changes(papers=frozenset(self.paper_ids))


@dataclasses.dataclass
class SetStatus(Command):
    """Move papers to a reading status; queued papers join the end of the queue."""

    kind: ClassVar[str] = "set_status"
    paper_ids: list[int]
    status: str
    before: list[list[Any]] | None = None

    def __post_init__(self) -> None:
        if self.status not in STATUS_NAMES:
            raise InvalidValue(
                f"unknown status {self.status!r} (use one of: {', '.join(STATUS_NAMES)})"
            )

    @property
    def label(self) -> str:
        count = plural(len(self.paper_ids), "paper")
        verbs = {
            Status.INBOX: f"move {count} to the inbox",
            Status.QUEUED: f"queue {count}",
            Status.READING: f"start reading {count}",
            Status.READ: f"mark {count} read",
            Status.SKIPPED: f"skip {count}",
        }
        return verbs[Status(self.status)]

    def apply(self, session: Session) -> Changes:
        self._capture(session)
        self._write(session)
        return Changes(papers=frozenset(self.paper_ids), queue=True)

    def revert(self, session: Session) -> Changes:
        set_each_state(
            session,
            _STATE_COLUMNS,
            (
                [paper_id, status, position, datetime.fromisoformat(changed) if changed else None]
                for paper_id, status, position, changed in self.before or []
            ),
        )
        return Changes(papers=frozenset(self.paper_ids), queue=True)

    def _capture(self, session: Session) -> None:
        self.paper_ids, self.before = capture_states(session, self.paper_ids, *_STATE_COLUMNS)

    def _write(self, session: Session) -> None:
        now = utcnow()
        if self.status != Status.QUEUED:
            set_states(
                session,
                self.paper_ids,
                {"status": self.status, "queue_position": None, "status_changed_at": now},
            )
            return
        # Newly queued papers join the end of the queue in the given order.
        already = {row[0] for row in (self.before or []) if row[1] == Status.QUEUED}
        last = highest_queue_position(session)
        joining = [paper_id for paper_id in self.paper_ids if paper_id not in already]
        set_each_state(
            session,
            _STATE_COLUMNS,
            (
                [paper_id, self.status, position, now]
                for position, paper_id in enumerate(joining, start=last + 1)
            ),
        )


@dataclasses.dataclass
class ToggleQueue(SetStatus):
    """Queue papers, or move them to the inbox when every one of them is queued already.

    Deciding in the core reads the statuses in the same transaction that changes them.
    """

    kind: ClassVar[str] = "toggle_queue"
    status: str = Status.QUEUED

    def apply(self, session: Session) -> Changes:
        self._capture(session)
        queued = all(row[1] == Status.QUEUED for row in self.before or [])
        self.status = Status.INBOX if queued else Status.QUEUED
        self._write(session)
        return Changes(papers=frozenset(self.paper_ids), queue=True)


@dataclasses.dataclass
class ReorderQueue(Command):
    """Put the queue in a new order (a permutation of the queued papers)."""

    kind: ClassVar[str] = "reorder_queue"
    order: list[int]
    description: str = "reorder the queue"
    before: list[list[Any]] | None = None

    @property
    def label(self) -> str:
        return self.description

    def apply(self, session: Session) -> Changes:
        queued = list(
            session.scalars(
                select(PaperState.paper_id)
                .where(
                    PaperState.user_id == current_user(session),
                    PaperState.status == Status.QUEUED,
                )
                .order_by(PaperState.queue_position, PaperState.paper_id)
            )
        )
        if sorted(queued) != sorted(self.order):
            raise InvalidValue("the new queue order must list exactly the queued papers")
        self.before = [[paper_id, position] for position, paper_id in enumerate(queued, start=1)]
        self._set_positions(session, [[p, i] for i, p in enumerate(self.order, start=1)])
        return Changes(papers=frozenset(self.order), queue=True)

    def revert(self, session: Session) -> Changes:
        self._set_positions(session, self.before or [])
        return Changes(papers=frozenset(self.order), queue=True)

    @staticmethod
    def _set_positions(session: Session, positions: list[list[int]]) -> None:
        set_each_state(session, ("queue_position",), positions)


@dataclasses.dataclass
class SetNote(Command):
    """Replace one paper's note (shared by every member), never over someone else's edit.

    With seen_version (the paper's version when the note being replaced was read), a
    note another member saved meanwhile raises EditConflict instead of being
    overwritten; so does undoing or redoing after someone else changed the note.
    """

    kind: ClassVar[str] = "set_note"
    paper_id: int
    note: str
    before: str | None = None
    seen_version: int | None = None
    written_version: int | None = None
    """The paper's version once this note is saved (and what undo expects to find)."""
    restored_version: int | None = None
    """The paper's version after an undo (what redo expects to find)."""

    @property
    def label(self) -> str:
        return "edit note"

    def apply(self, session: Session) -> Changes:
        require_papers(session, [self.paper_id])
        stored, version = _note_and_version(session, self.paper_id)
        expected = self.restored_version if self.restored_version is not None else self.seen_version
        if expected is not None and version != expected:
            raise EditConflict(self.paper_id, "note", self.note, stored, version)
        self.before = stored
        self.written_version = self._write(session, self.note, version)
        return Changes(papers=frozenset({self.paper_id}))

    def revert(self, session: Session) -> Changes:
        expected = self.written_version
        if expected is None:  # journaled before papers had versions
            expected = _note_and_version(session, self.paper_id)[1]
        self.restored_version = self._write(session, self.before or "", expected)
        return Changes(papers=frozenset({self.paper_id}))

    def _write(self, session: Session, note: str, expected: int) -> int:
        """Write note if the paper is still at version expected; return its new version."""
        written = session.execute(
            update(_PAPERS)
            .where(_PAPERS.c.id == self.paper_id, _PAPERS.c.version == expected)
            .values(note=note, version=_PAPERS.c.version + 1, modified_at=utcnow())
        )
        if written.rowcount != 1:  # type: ignore[attr-defined]
            stored, version = _note_and_version(session, self.paper_id)
            raise EditConflict(self.paper_id, "note", note, stored, version)
        return expected + 1


def _note_and_version(session: Session, paper_id: int) -> tuple[str, int]:
    row = session.execute(select(Paper.note, Paper.version).where(Paper.id == paper_id)).one()
    return row[0], row[1]


@dataclasses.dataclass
class SetPrivateNote(Command):
    """Replace the current member's own note on one paper (no other member sees it)."""

    kind: ClassVar[str] = "set_private_note"
    paper_id: int
    note: str
    before: str | None = None

    @property
    def label(self) -> str:
        return "edit my note"

    def apply(self, session: Session) -> Changes:
        _ids, rows = capture_states(session, [self.paper_id], "note")
        self.before = rows[0][1]
        set_states(session, [self.paper_id], {"note": self.note})
        return Changes(papers=frozenset({self.paper_id}))

    def revert(self, session: Session) -> Changes:
        set_states(session, [self.paper_id], {"note": self.before or ""})
        return Changes(papers=frozenset({self.paper_id}))


@dataclasses.dataclass
class AddTags(Command):
    """Tag papers, creating tags that do not exist yet."""

    kind: ClassVar[str] = "add_tags"
    paper_ids: list[int]
    names: list[str]
    created_tags: list[int] = dataclasses.field(default_factory=list)
    added_links: list[list[int]] = dataclasses.field(default_factory=list)

    @property
    def label(self) -> str:
        return f"tag {plural(len(self.paper_ids), 'paper')} {', '.join(self.names)}"

    def apply(self, session: Session) -> Changes:
        self.paper_ids = require_all(session, self.paper_ids)
        tag_ids, self.created_tags = ensure_tags(session, self.names)
        existing = {(p, t) for p, t in links_between(session, self.paper_ids, tag_ids)}
        self.added_links = [
            [paper_id, tag_id]
            for paper_id in self.paper_ids
            for tag_id in tag_ids
            if (paper_id, tag_id) not in existing
        ]
        add_links(session, self.added_links)
        touch(session, self.paper_ids)
        return Changes(papers=frozenset(self.paper_ids), tags=True)

    def revert(self, session: Session) -> Changes:
        remove_links(session, self.added_links)
        if self.created_tags:
            session.execute(delete(TAGS).where(TAGS.c.id.in_(self.created_tags)))
        touch(session, self.paper_ids)
        return Changes(papers=frozenset(self.paper_ids), tags=True)


@dataclasses.dataclass
class RemoveTags(Command):
    """Untag papers (tags themselves stay, even when no paper has them)."""

    kind: ClassVar[str] = "remove_tags"
    paper_ids: list[int]
    names: list[str]
    removed_links: list[list[int]] = dataclasses.field(default_factory=list)

    @property
    def label(self) -> str:
        return f"untag {plural(len(self.paper_ids), 'paper')} {', '.join(self.names)}"

    def apply(self, session: Session) -> Changes:
        self.paper_ids = require_all(session, self.paper_ids)
        tag_ids = tag_ids_named(session, self.names)
        self.removed_links = links_between(session, self.paper_ids, tag_ids)
        remove_links(session, self.removed_links)
        touch(session, self.paper_ids)
        return Changes(papers=frozenset(self.paper_ids), tags=True)

    def revert(self, session: Session) -> Changes:
        add_links(session, self.removed_links)
        touch(session, self.paper_ids)
        return Changes(papers=frozenset(self.paper_ids), tags=True)


@dataclasses.dataclass
class DeletePapers(Command):
    """Delete papers with their tags, collection memberships and note."""

    kind: ClassVar[str] = "delete_papers"
    paper_ids: list[int]
    snapshot: dict[str, list[Any]] | None = None

    @property
    def label(self) -> str:
        return f"delete {plural(len(self.paper_ids), 'paper')}"

    def apply(self, session: Session) -> Changes:
        self.paper_ids = require_papers(session, self.paper_ids)
        self.snapshot = snapshot_papers(session, self.paper_ids)
        delete_papers(session, self.paper_ids)
        return self._changes()

    def revert(self, session: Session) -> Changes:
        restore_papers(session, self.snapshot or {})
        return self._changes()

    def _changes(self) -> Changes:
        """Papers leave or come back with their tags, collections and queue places."""
        return Changes(
            papers=frozenset(self.paper_ids),
            paper_set=True,
            tags=True,
            collections=True,
            queue=True,
        )


@dataclasses.dataclass
class MergePapers(Command):
    """Merge duplicates into one paper, keeping every tag, collection, rating and note."""

    kind: ClassVar[str] = "merge_papers"
    keep_id: int
    other_ids: list[int]
    kept_before: dict[str, Any] | None = None
    snapshot: dict[str, list[Any]] | None = None

    @property
    def label(self) -> str:
        return f"merge {plural(len(self.other_ids) + 1, 'paper')}"

    def apply(self, session: Session) -> Changes:
        ids = require_papers(session, [self.keep_id, *self.other_ids])
        self.other_ids = [paper_id for paper_id in ids if paper_id != self.keep_id]
        if not self.other_ids:
            raise InvalidValue("merging needs at least two different papers")
        self.kept_before = snapshot_papers(session, [self.keep_id])
        self.snapshot = snapshot_papers(session, self.other_ids)
        merged = _merged_fields(self.kept_before["papers"][0], self.snapshot["papers"])
        state = _merged_state([*self.kept_before["states"], *self.snapshot["states"]])
        delete_papers(session, self.other_ids)
        session.execute(
            update(_PAPERS)
            .where(_PAPERS.c.id == self.keep_id)
            .values(**merged, version=_PAPERS.c.version + 1)
        )
        if state:
            set_states(session, [self.keep_id], state)
        _copy_links(session, self.keep_id, self.snapshot)
        return self._changes()

    def revert(self, session: Session) -> Changes:
        delete_papers(session, [self.keep_id])
        # One restore, so every paper row is back before the links between them.
        kept, others = self.kept_before or {}, self.snapshot or {}
        restore_papers(session, {key: kept.get(key, []) + others.get(key, []) for key in kept})
        return self._changes()

    def _changes(self) -> Changes:
        return Changes(
            papers=frozenset([self.keep_id, *self.other_ids]),
            paper_set=True,
            tags=True,
            collections=True,
            queue=True,
        )


_STATUS_PROGRESS = {s: i for i, s in enumerate(("inbox", "skipped", "queued", "reading", "read"))}


def _merged_fields(kept: dict[str, Any], others: list[dict[str, Any]]) -> dict[str, Any]:
    """Combine shared fields: every note, the first abstract (and authors, venue...)."""
    everyone = [kept, *others]
    merged: dict[str, Any] = {"note": _joined_notes(everyone), "modified_at": utcnow()}
    for column in ("abstract", "authors", "venue", "doi", "url", "entry_type", "year"):
        if not kept[column]:
            merged[column] = next((row[column] for row in others if row[column]), kept[column])
    return merged


def _merged_state(states: list[dict[str, Any]]) -> dict[str, Any]:
    """Combine the member's states: the highest rating, the furthest status, every note."""
    if not states:
        return {}
    ratings = [row["rating"] for row in states if row["rating"] is not None]
    furthest = max(states, key=lambda row: _STATUS_PROGRESS[row["status"]])
    changed = furthest["status_changed_at"]
    return {
        "rating": max(ratings) if ratings else None,
        "status": furthest["status"],
        "queue_position": furthest["queue_position"],
        "status_changed_at": datetime.fromisoformat(changed) if changed else None,
        "note": _joined_notes(states),
    }


def _joined_notes(rows: list[dict[str, Any]]) -> str:
    return "\n\n".join(dict.fromkeys(row["note"] for row in rows if row["note"]))


def _copy_links(session: Session, keep_id: int, snapshot: dict[str, list[Any]]) -> None:
    tags = {tag_id for _, tag_id in snapshot["tags"]}
    if tags:
        session.execute(
            backend_of(session).insert_ignore(paper_tags),
            [{"paper_id": keep_id, "tag_id": tag_id} for tag_id in tags],
        )
    memberships = {collection: position for _, collection, position in snapshot["collections"]}
    if memberships:
        session.execute(
            backend_of(session).insert_ignore(paper_collections),
            [
                {"paper_id": keep_id, "collection_id": collection, "position": position}
                for collection, position in memberships.items()
            ],
        )
