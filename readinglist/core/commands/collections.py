"""Commands on collections and saved searches."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import delete, func, insert, select, update

from readinglist.core.changes import Changes
from readinglist.core.commands.base import Command
from readinglist.core.errors import InvalidValue
from readinglist.core.models import (
    COLLECTIONS,
    IMPORTS,
    SAVED_SEARCHES,
    Collection,
    ImportRecord,
    SavedSearch,
    paper_collections,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

_COLLECTIONS = COLLECTIONS
_SAVED = SAVED_SEARCHES
_IMPORTS = IMPORTS


def _collection_id(session: Session, name: str) -> int:
    collection_id = session.scalar(select(Collection.id).where(Collection.name == name))
    if collection_id is None:
        raise InvalidValue(f"no collection named {name!r}")
    return collection_id


def _clean_name(name: str, what: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise InvalidValue(f"a {what} needs a name")
    return cleaned


@dataclasses.dataclass
class RenameCollection(Command):
    kind: ClassVar[str] = "rename_collection"
    old_name: str
    new_name: str

    @property
    def label(self) -> str:
        return f"rename collection {self.old_name}"

    def apply(self, session: Session) -> Changes:
        self.new_name = _clean_name(self.new_name, "collection")
        collection_id = _collection_id(session, self.old_name)
        clash = session.scalar(select(Collection.id).where(Collection.name == self.new_name))
        if clash not in (None, collection_id):
            raise InvalidValue(f"a collection named {self.new_name!r} exists")
        self.old_name = (
            session.scalar(select(Collection.name).where(Collection.id == collection_id)) or ""
        )
        self._rename(session, collection_id, self.new_name)
        return Changes(collections=True)

    def revert(self, session: Session) -> Changes:
        self._rename(session, _collection_id(session, self.new_name), self.old_name)
        return Changes(collections=True)

    @staticmethod
    def _rename(session: Session, collection_id: int, name: str) -> None:
        session.execute(
            update(_COLLECTIONS).where(_COLLECTIONS.c.id == collection_id).values(name=name)
        )


@dataclasses.dataclass
class DeleteCollection(Command):
    """Delete a collection; its papers stay in the library."""

    kind: ClassVar[str] = "delete_collection"
    name: str
    row: dict[str, Any] | None = None
    members: list[list[int]] = dataclasses.field(default_factory=list)
    imports: list[int] = dataclasses.field(default_factory=list)

    @property
    def label(self) -> str:
        return f"delete collection {self.name}"

    def apply(self, session: Session) -> Changes:
        collection_id = _collection_id(session, self.name)
        row = (
            session.execute(select(_COLLECTIONS).where(_COLLECTIONS.c.id == collection_id))
            .mappings()
            .one()
        )
        self.row = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in row.items()}
        self.members = [
            list(r)
            for r in session.execute(
                select(paper_collections).where(paper_collections.c.collection_id == collection_id)
            )
        ]
        self.imports = list(
            session.scalars(
                select(ImportRecord.id).where(ImportRecord.collection_id == collection_id)
            )
        )
        session.execute(delete(_COLLECTIONS).where(_COLLECTIONS.c.id == collection_id))
        return Changes(collections=True, papers=frozenset(m[0] for m in self.members))

    def revert(self, session: Session) -> Changes:
        from datetime import datetime

        row = dict(self.row or {})
        row["created_at"] = datetime.fromisoformat(row["created_at"])
        session.execute(insert(_COLLECTIONS).values(**row))
        if self.members:
            session.execute(
                insert(paper_collections),
                [
                    {"paper_id": p, "collection_id": c, "position": pos}
                    for p, c, pos in self.members
                ],
            )
        if self.imports:
            session.execute(
                update(_IMPORTS)
                .where(_IMPORTS.c.id.in_(self.imports))
                .values(collection_id=row["id"])
            )
        return Changes(collections=True, papers=frozenset(m[0] for m in self.members))


@dataclasses.dataclass
class SaveSearch(Command):
    """Save a query under a name in the sidebar (replacing a saved search of that name)."""

    kind: ClassVar[str] = "save_search"
    name: str
    query: str
    before: dict[str, Any] | None = None
    new_id: int | None = None

    @property
    def label(self) -> str:
        return f"save search {self.name}"

    def apply(self, session: Session) -> Changes:
        self.name = _clean_name(self.name, "saved search")
        row = session.execute(select(_SAVED).where(_SAVED.c.name == self.name)).mappings().first()
        self.before = dict(row) if row else None
        if row:
            session.execute(update(_SAVED).where(_SAVED.c.id == row["id"]).values(query=self.query))
        else:
            position = (session.scalar(select(func.max(SavedSearch.position))) or 0) + 1
            values: dict[str, Any] = {"name": self.name, "query": self.query, "position": position}
            if self.new_id is not None:
                values["id"] = self.new_id
            self.new_id = session.scalar(insert(_SAVED).values(**values).returning(_SAVED.c.id))
        return Changes(saved_searches=True)

    def revert(self, session: Session) -> Changes:
        if self.before:
            session.execute(
                update(_SAVED)
                .where(_SAVED.c.id == self.before["id"])
                .values(query=self.before["query"])
            )
        else:
            session.execute(delete(_SAVED).where(_SAVED.c.id == self.new_id))
        return Changes(saved_searches=True)


@dataclasses.dataclass
class DeleteSavedSearch(Command):
    kind: ClassVar[str] = "delete_saved_search"
    name: str
    row: dict[str, Any] | None = None

    @property
    def label(self) -> str:
        return f"delete saved search {self.name}"

    def apply(self, session: Session) -> Changes:
        row = session.execute(select(_SAVED).where(_SAVED.c.name == self.name)).mappings().first()
        if row is None:
            raise InvalidValue(f"no saved search named {self.name!r}")
        self.row = dict(row)
        session.execute(delete(_SAVED).where(_SAVED.c.id == row["id"]))
        return Changes(saved_searches=True)

    def revert(self, session: Session) -> Changes:
        session.execute(insert(_SAVED).values(**(self.row or {})))
        return Changes(saved_searches=True)
