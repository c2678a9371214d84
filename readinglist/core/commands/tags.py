"""Commands on tags themselves: rename, recolour, delete, merge."""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import delete, insert, select, update

from readinglist.core.changes import Changes
from readinglist.core.commands.base import Command
from readinglist.core.commands.tagging import add_links, clean_tag_name, remove_links, tag_id_named
from readinglist.core.errors import InvalidValue
from readinglist.core.models import TAGS, Tag, paper_tags

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

_TAGS = TAGS
COLOR = re.compile(r"^(#[0-9a-fA-F]{6})?$")


def _links_of(session: Session, tag_id: int) -> list[list[int]]:
    return [
        [row.paper_id, row.tag_id]
        for row in session.execute(select(paper_tags).where(paper_tags.c.tag_id == tag_id))
    ]


@dataclasses.dataclass
class RenameTag(Command):
    kind: ClassVar[str] = "rename_tag"
    old_name: str
    new_name: str
    tag_id: int | None = None

    @property
    def label(self) -> str:
        return f"rename tag {self.old_name} to {self.new_name}"

    def apply(self, session: Session) -> Changes:
        self.new_name = clean_tag_name(self.new_name)
        self.tag_id = tag_id_named(session, self.old_name)
        clash = session.scalar(select(Tag.id).where(Tag.name == self.new_name))
        if clash is not None and clash != self.tag_id:
            raise InvalidValue(f"a tag named {self.new_name!r} exists; merge the tags instead")
        self.old_name = session.scalar(select(Tag.name).where(Tag.id == self.tag_id)) or ""
        session.execute(update(_TAGS).where(_TAGS.c.id == self.tag_id).values(name=self.new_name))
        return Changes(tags=True, papers=self._papers(session))

    def revert(self, session: Session) -> Changes:
        session.execute(update(_TAGS).where(_TAGS.c.id == self.tag_id).values(name=self.old_name))
        return Changes(tags=True, papers=self._papers(session))

    def _papers(self, session: Session) -> frozenset[int]:
        return frozenset(
            session.scalars(select(paper_tags.c.paper_id).where(paper_tags.c.tag_id == self.tag_id))
        )


@dataclasses.dataclass
class RecolorTag(Command):
    kind: ClassVar[str] = "recolor_tag"
    name: str
    color: str
    before: str | None = None

    def __post_init__(self) -> None:
        if not COLOR.match(self.color):
            raise InvalidValue(f"a tag colour is written #rrggbb, not {self.color!r}")

    @property
    def label(self) -> str:
        return f"recolour tag {self.name}"

    def apply(self, session: Session) -> Changes:
        tag_id = tag_id_named(session, self.name)
        self.before = session.scalar(select(Tag.color).where(Tag.id == tag_id))
        session.execute(update(_TAGS).where(_TAGS.c.id == tag_id).values(color=self.color))
        return Changes(tags=True)

    def revert(self, session: Session) -> Changes:
        tag_id = tag_id_named(session, self.name)
        session.execute(update(_TAGS).where(_TAGS.c.id == tag_id).values(color=self.before or ""))
        return Changes(tags=True)


@dataclasses.dataclass
class DeleteTag(Command):
    kind: ClassVar[str] = "delete_tag"
    name: str
    row: dict[str, Any] | None = None
    links: list[list[int]] = dataclasses.field(default_factory=list)

    @property
    def label(self) -> str:
        return f"delete tag {self.name}"

    def apply(self, session: Session) -> Changes:
        tag_id = tag_id_named(session, self.name)
        row = session.execute(select(_TAGS).where(_TAGS.c.id == tag_id)).mappings().one()
        self.row = dict(row)
        self.links = _links_of(session, tag_id)
        session.execute(delete(_TAGS).where(_TAGS.c.id == tag_id))
        return Changes(tags=True, papers=frozenset(p for p, _ in self.links))

    def revert(self, session: Session) -> Changes:
        session.execute(insert(_TAGS).values(**(self.row or {})))
        add_links(session, self.links)
        return Changes(tags=True, papers=frozenset(p for p, _ in self.links))


@dataclasses.dataclass
class MergeTags(Command):
    """Fold tag `source` into tag `target`: its papers get target, and source disappears."""

    kind: ClassVar[str] = "merge_tags"
    source: str
    target: str
    deleted: DeleteTag | None = None
    added: list[list[int]] = dataclasses.field(default_factory=list)

    @property
    def label(self) -> str:
        return f"merge tag {self.source} into {self.target}"

    def apply(self, session: Session) -> Changes:
        target_id = tag_id_named(session, self.target)
        source_id = tag_id_named(session, self.source)
        if target_id == source_id:
            raise InvalidValue("a tag cannot be merged into itself")
        have = set(
            session.scalars(select(paper_tags.c.paper_id).where(paper_tags.c.tag_id == target_id))
        )
        papers = [p for p, _ in _links_of(session, source_id)]
        self.added = [[p, target_id] for p in papers if p not in have]
        self.deleted = DeleteTag(self.source)
        changes = self.deleted.apply(session)
        add_links(session, self.added)
        return changes

    def revert(self, session: Session) -> Changes:
        remove_links(session, self.added)
        assert self.deleted is not None
        return self.deleted.revert(session)

    def state(self) -> dict[str, Any]:
        state = super().state()
        state["deleted"] = self.deleted.state() if self.deleted else None
        return state

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> MergeTags:
        deleted = state.pop("deleted")
        command = cls(**state)
        command.deleted = DeleteTag.from_state(deleted) if deleted else None
        return command
