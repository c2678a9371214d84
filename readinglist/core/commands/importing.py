"""The import command: add parsed records to the library as one undoable step."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import delete, func, insert, select

from readinglist.core import bulk, citekeys
from readinglist.core.backends import backend_of
from readinglist.core.changes import Changes
from readinglist.core.commands.base import Command
from readinglist.core.commands.rows import (
    delete_papers,
    restore_papers,
    snapshot_papers,
)
from readinglist.core.commands.states import highest_queue_position, set_each_state
from readinglist.core.commands.tagging import add_links, clean_tag_name, ensure_tags, remove_links
from readinglist.core.duplicates import find_likely_duplicates, record_pairs
from readinglist.core.errors import InvalidValue
from readinglist.core.importing import ImportSummary
from readinglist.core.models import (
    COLLECTIONS,
    IMPORTS,
    PAPERS,
    STATUS_NAMES,
    TAGS,
    Paper,
    Status,
    paper_collections,
    paper_tags,
    utcnow,
)
from readinglist.core.normalize import clean_text, title_key
from readinglist.core.users import add_paper_states

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sqlalchemy.orm import Session

    from readinglist.core.records import PaperRecord

Progress = Callable[[int, int], None]
"""Called with (records done, records in all) while an import runs."""

BATCH = 2000
_PAPER_COLUMNS = (
    "id",
    "title",
    "abstract",
    "title_key",
    "title_key_reversed",
    "citation_key",
    "note",
    "added_at",
    "modified_at",
    "authors",
    "year",
    "venue",
    "doi",
    "url",
    "entry_type",
)
_LINK_COLUMNS = ("paper_id", "collection_id", "position")
_STATE_COLUMNS = ("rating", "status", "status_changed_at", "queue_position")
_PAPERS = PAPERS
_COLLECTIONS = COLLECTIONS
_IMPORTS = IMPORTS
_TAGS = TAGS


@dataclasses.dataclass
class ImportPapers(Command):
    """Add records as papers in a collection; papers already in the library join it."""

    kind: ClassVar[str] = "import_papers"
    collection: str
    source: str
    format: str
    encoding: str = "utf-8"
    # What the first apply did, so revert and redo can undo and repeat it exactly.
    collection_row: dict[str, Any] | None = None
    import_row: dict[str, Any] | None = None
    new_ids: list[int] = dataclasses.field(default_factory=list)
    joined: list[list[int]] = dataclasses.field(default_factory=list)
    created_tags: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    tagged_existing: list[list[int]] = dataclasses.field(default_factory=list)
    snapshot: dict[str, list[Any]] | None = None

    def __post_init__(self) -> None:
        self.records: list[PaperRecord] = []
        self.progress: Progress | None = None
        self.summary = ImportSummary(self.source, self.collection, self.format, self.encoding)
        self._pending_existing_tags: list[tuple[int, list[str]]] = []

    @property
    def label(self) -> str:
        return f"import {self.collection}"

    @property
    def changed(self) -> bool:
        """Whether applying added anything (a repeated import of one file adds nothing)."""
        return bool(
            self.new_ids
            or self.joined
            or self.tagged_existing
            or self.created_tags
            or (self.collection_row and self.collection_row.get("created"))
        )

    def apply(self, session: Session) -> Changes:
        with backend_of(session).roomy_cache(session):
            if self.import_row is None:
                self._first_apply(session)
            else:
                self._reapply(session)
        return self._changes()

    def revert(self, session: Session) -> Changes:
        self.snapshot = snapshot_papers(session, self.new_ids)
        delete_papers(session, self.new_ids)
        for paper_id, collection_id, _position in self.joined:
            session.execute(
                delete(paper_collections).where(
                    paper_collections.c.paper_id == paper_id,
                    paper_collections.c.collection_id == collection_id,
                )
            )
        remove_links(session, self.tagged_existing)
        created = [tag["id"] for tag in self.created_tags]
        if created:
            session.execute(delete(_TAGS).where(_TAGS.c.id.in_(created)))
        if self.import_row:
            session.execute(delete(_IMPORTS).where(_IMPORTS.c.id == self.import_row["id"]))
        if self.collection_row and self.collection_row["created"]:
            session.execute(
                delete(_COLLECTIONS).where(_COLLECTIONS.c.id == self.collection_row["id"])
            )
        return self._changes()

    def _reapply(self, session: Session) -> None:
        if self.collection_row and self.collection_row["created"]:
            row = {k: v for k, v in self.collection_row.items() if k != "created"}
            row["created_at"] = datetime.fromisoformat(row["created_at"])
            session.execute(insert(_COLLECTIONS).values(**row))
        if self.created_tags:
            session.execute(insert(_TAGS), self.created_tags)
        restore_papers(session, self.snapshot or {})
        if self.joined:
            session.execute(
                insert(paper_collections),
                [{"paper_id": p, "collection_id": c, "position": pos} for p, c, pos in self.joined],
            )
        add_links(session, self.tagged_existing)
        if self.import_row:
            row = dict(self.import_row)
            row["imported_at"] = datetime.fromisoformat(row["imported_at"])
            session.execute(insert(_IMPORTS).values(**row))
        self.snapshot = None

    def _changes(self) -> Changes:
        return Changes(
            papers=frozenset(self.new_ids) | frozenset(p for p, _c, _pos in self.joined),
            paper_set=True,
            tags=True,
            collections=True,
            queue=True,
        )

    def _first_apply(self, session: Session) -> None:
        now = utcnow()
        collection_id, created = self._collection(session, now)
        keys = [title_key(record.title) for record in self.records]
        existing = _existing_ids(session, keys)
        in_collection = set(
            session.scalars(
                select(paper_collections.c.paper_id).where(
                    paper_collections.c.collection_id == collection_id
                )
            )
        )
        new_records: list[tuple[int, PaperRecord, str]] = []
        seen: dict[str, int | None] = {}
        position = (
            session.scalar(
                select(func.max(paper_collections.c.position)).where(
                    paper_collections.c.collection_id == collection_id
                )
            )
            or 0
        )
        for record, key in zip(self.records, keys, strict=True):
            if key in seen or key in existing:
                self.summary.already_present += 1
                paper_id = existing.get(key)
                if paper_id is not None and key not in seen and paper_id not in in_collection:
                    position += 1
                    self.joined.append([paper_id, collection_id, position])
                    self._tag_existing_later(paper_id, record)
                seen.setdefault(key, paper_id)
                continue
            seen[key] = None
            position += 1
            new_records.append((position, record, key))
        self.summary.entries = len(self.records)
        self.new_ids = self._insert_new(session, new_records, collection_id, now)
        if self.joined:
            session.execute(
                insert(paper_collections),
                [{"paper_id": p, "collection_id": c, "position": pos} for p, c, pos in self.joined],
            )
        self._apply_record_tags(session, new_records)
        pairs = find_likely_duplicates(session, self.new_ids)
        record_pairs(session, pairs)
        self.summary.added = len(self.new_ids)
        self.summary.likely_duplicates = len(pairs)
        self.summary.new_ids = list(self.new_ids)
        self.collection_row["created"] = created  # type: ignore[index]
        if self.changed:
            import_id = session.scalar(
                insert(_IMPORTS)
                .values(
                    collection_id=collection_id,
                    source=self.source,
                    format=self.format,
                    encoding=self.encoding,
                    imported_at=now,
                    entries=len(self.records),
                    added=self.summary.added,
                    already_present=self.summary.already_present,
                    likely_duplicates=self.summary.likely_duplicates,
                )
                .returning(_IMPORTS.c.id)
            )
            row = (
                session.execute(select(_IMPORTS).where(_IMPORTS.c.id == import_id)).mappings().one()
            )
            self.import_row = {
                k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in row.items()
            }
        else:
            self.import_row = {}
        self.records = []

    def _collection(self, session: Session, now: datetime) -> tuple[int, bool]:
        row = (
            session.execute(select(_COLLECTIONS).where(_COLLECTIONS.c.name == self.collection))
            .mappings()
            .first()
        )
        created = row is None
        if row is None:
            collection_id = session.scalar(
                insert(_COLLECTIONS)
                .values(name=self.collection, source=self.source, created_at=now)
                .returning(_COLLECTIONS.c.id)
            )
            row = (
                session.execute(select(_COLLECTIONS).where(_COLLECTIONS.c.id == collection_id))
                .mappings()
                .one()
            )
        self.collection = row["name"]
        self.summary.collection = row["name"]
        self.collection_row = {
            k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in row.items()
        }
        return int(row["id"]), created

    def _insert_new(
        self,
        session: Session,
        new_records: list[tuple[int, PaperRecord, str]],
        collection_id: int,
        now: datetime,
    ) -> list[int]:
        backend = backend_of(session)
        stamp = backend.stamp(now)
        new_ids = backend.new_paper_ids(session, len(new_records))
        records = [record for _position, record, _key in new_records]
        citation_keys = _CitationKeys(session).assign_all(records)
        queue_end = highest_queue_position(session)
        states: list[Sequence[Any]] = []  # the importer's own, when a record says more
        ids: list[int] = []
        done = 0
        with backend.papers_indexed_afterwards(session, new_ids):
            for batch in _batches(new_records, BATCH):
                rows = []
                links = []
                batch_keys = citation_keys[done : done + len(batch)]
                for (position, record, key), citation_key in zip(batch, batch_keys, strict=True):
                    next_id = new_ids[len(ids)]
                    status = record.status if record.status in STATUS_NAMES else Status.INBOX.value
                    queue_position = None
                    if status == Status.QUEUED:
                        queue_end += 1
                        queue_position = queue_end
                    rows.append(
                        (
                            next_id,
                            clean_text(record.title),
                            record.abstract.strip(),
                            key,
                            key[::-1],
                            citation_key,
                            record.note,
                            stamp,
                            stamp,
                            "\n".join(a.strip() for a in record.authors if a.strip()),
                            record.year,
                            record.venue,
                            record.doi,
                            record.url,
                            record.entry_type,
                        )
                    )
                    links.append((next_id, collection_id, position))
                    rating = record.rating if record.rating in range(6) else None
                    if rating is not None or status != Status.INBOX:
                        changed = now if status != Status.INBOX else None
                        states.append([next_id, rating, status, changed, queue_position])
                    ids.append(next_id)
                backend.insert_rows(session, "papers", _PAPER_COLUMNS, rows)
                backend.insert_rows(session, "paper_collections", _LINK_COLUMNS, links)
                add_paper_states(session, new_ids[done : done + len(batch)])
                done += len(batch)
                if self.progress is not None:
                    self.progress(done, len(new_records))
        set_each_state(session, _STATE_COLUMNS, states)
        return ids

    def _tag_existing_later(self, paper_id: int, record: PaperRecord) -> None:
        if record.tags:
            self._pending_existing_tags.append((paper_id, record.tags))

    def _apply_record_tags(
        self, session: Session, new_records: list[tuple[int, PaperRecord, str]]
    ) -> None:
        wanted = [
            (pid, rec.tags)
            for pid, (_p, rec, _k) in zip(self.new_ids, new_records, strict=True)
            if rec.tags
        ]
        wanted_existing = self._pending_existing_tags
        if not wanted and not wanted_existing:
            return
        names = {name for _, tags in [*wanted, *wanted_existing] for name in tags}
        tag_ids: dict[str, int] = {}
        for name in sorted(names):
            try:
                ids, created = ensure_tags(session, [name])
            except InvalidValue as error:
                self.summary.warnings.append(f"{self.source}: tag {name[:40]!r} skipped: {error}")
                continue
            tag_ids[name] = ids[0]
            if created:
                self.created_tags.append({"id": ids[0], "name": clean_tag_name(name), "color": ""})
        links = {(pid, tag_ids[n]) for pid, tags in wanted for n in tags if n in tag_ids}
        add_links(session, [list(link) for link in links])
        existing_links = {
            (pid, tag_ids[n]) for pid, tags in wanted_existing for n in tags if n in tag_ids
        }
        if existing_links:
            have = set(
                session.execute(
                    select(paper_tags.c.paper_id, paper_tags.c.tag_id).where(
                        paper_tags.c.paper_id.in_({p for p, _ in existing_links})
                    )
                )
            )
            fresh = sorted(existing_links - have)
            add_links(session, [list(link) for link in fresh])
            self.tagged_existing = [list(link) for link in fresh]


def _existing_ids(session: Session, keys: list[str]) -> dict[str, int]:
    unique = list(dict.fromkeys(keys))
    found: dict[str, int] = {}
    for start in range(0, len(unique), 5000):
        chunk = unique[start : start + 5000]
        # No ORDER BY: with a long IN list SQLite would rather scan every paper in id order.
        for paper_id, key in session.execute(
            select(Paper.id, Paper.title_key).where(Paper.title_key.in_(chunk))
        ):
            if key not in found or paper_id < found[key]:
                found[key] = paper_id
    return found


class _CitationKeys:
    """Assign each new paper a unique key: its own if valid and free, else one from the pattern.

    The library is first asked about every wanted key and pattern key at once (one query
    per paper made imports into large libraries slow); only a key found taken loads the
    library's keys that start with it, to pick a free suffix.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.db = bulk.raw_connection(session)
        self.taken: set[str] = set()
        self.free: set[str] = set()
        self.looked_up: set[str] = set()
        row = self.db.execute(
            "SELECT value FROM settings WHERE key = ?", (citekeys.PATTERN_SETTING,)
        ).fetchone()
        self.pattern = row[0] if row else citekeys.DEFAULT_PATTERN

    def assign_all(self, records: list[PaperRecord]) -> list[str]:
        """Return the keys of records, in order (each record's key sees those before it)."""
        wanted = [record.citation_key.strip() for record in records]
        bases = [
            None if citekeys.is_valid_key(key) else self._base(record)
            for key, record in zip(wanted, records, strict=True)
        ]
        self._ask_library({key for key in wanted if citekeys.is_valid_key(key)})
        self._ask_library({base for base in bases if base is not None})
        return [
            self._assign(record, key, base)
            for record, key, base in zip(records, wanted, bases, strict=True)
        ]

    def _assign(self, record: PaperRecord, wanted: str, base: str | None) -> str:
        if base is None and not self._is_taken(wanted):
            key = wanted
        else:
            base = base or self._base(record)
            if self._is_taken(base):
                self._load(base)
                key = citekeys.unique_key(base, self.taken.__contains__)
            else:
                key = base
        self.taken.add(key)
        return key

    def _base(self, record: PaperRecord) -> str:
        return citekeys.base_key(record.title, record.authors, record.year, self.pattern)

    def _ask_library(self, keys: set[str]) -> None:
        """Sort keys into taken and free by whether the library holds them."""
        ordered = sorted(keys)  # in index order, each lookup reads pages the last one read
        stored: set[str] = set()
        for chunk in bulk.chunked(ordered):
            marks = ", ".join("?" for _ in chunk)
            rows = self.db.execute(
                f"SELECT citation_key FROM papers WHERE citation_key IN ({marks})", chunk
            )
            stored.update(row[0] for row in rows)
        self.taken |= stored
        self.free.update(key for key in ordered if key not in stored)

    def _is_taken(self, key: str) -> bool:
        if key in self.taken:
            return True
        if key in self.free:
            return False
        self._load(key)
        return key in self.taken

    def _load(self, base: str) -> None:
        if base not in self.looked_up:
            self.looked_up.add(base)
            self.taken |= backend_of(self.session).keys_starting(self.session, base)


def _batches(items: list[Any], size: int) -> list[list[Any]]:
    return [items[start : start + size] for start in range(0, len(items), size)]
