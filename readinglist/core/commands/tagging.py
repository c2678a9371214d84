"""Tag lookups shared by the tag commands."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import insert, select

from readinglist.core.bulk import chunked
from readinglist.core.commands.fields import marks, run
from readinglist.core.errors import InvalidValue
from readinglist.core.models import TAGS, Tag

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

MAX_TAG_LENGTH = 200
SEPARATORS = (",", ";")


def clean_tag_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise InvalidValue("a tag name cannot be empty")
    if len(cleaned) > MAX_TAG_LENGTH:
        raise InvalidValue(f"a tag name is at most {MAX_TAG_LENGTH} characters")
    if any(mark in cleaned for mark in SEPARATORS):
        # Bibliographies list keywords separated by these: such a tag would not come back.
        raise InvalidValue("a tag name cannot contain ',' or ';' (add two tags instead)")
    return cleaned


def ensure_tags(session: Session, names: list[str]) -> tuple[list[int], list[int]]:
    """Return the ids of the named tags (case-insensitive) and the ids of those just created."""
    ids: list[int] = []
    created: list[int] = []
    for name in dict.fromkeys(clean_tag_name(n) for n in names):
        tag_id = session.scalar(select(Tag.id).where(Tag.name == name))
        if tag_id is None:
            tag_id = session.scalar(insert(TAGS).values(name=name, color="").returning(TAGS.c.id))
            created.append(tag_id)
        ids.append(tag_id)
    return ids, created


def tag_ids_named(session: Session, names: list[str]) -> list[int]:
    cleaned = [clean_tag_name(name) for name in names]
    return list(session.scalars(select(Tag.id).where(Tag.name.in_(cleaned))))


def tag_id_named(session: Session, name: str) -> int:
    tag_id = session.scalar(select(Tag.id).where(Tag.name == clean_tag_name(name)))
    if tag_id is None:
        raise InvalidValue(f"no tag named {name!r}")
    return tag_id


def links_between(session: Session, paper_ids: list[int], tag_ids: list[int]) -> list[list[int]]:
    """Return the [paper, tag] links that join any of paper_ids to any of tag_ids."""
    links: list[list[int]] = []
    for tag_id in tag_ids:
        for chunk in chunked(paper_ids):
            sql = "SELECT paper_id, tag_id FROM paper_tags WHERE tag_id = ? AND paper_id IN "
            links += (list(row) for row in run(session, sql + marks(len(chunk)), (tag_id, *chunk)))
    return links


def add_links(session: Session, links: list[list[int]]) -> None:
    """Insert [paper, tag] links."""
    if links:
        run(session, "INSERT INTO paper_tags (paper_id, tag_id) VALUES (?, ?)", _rows(links))


def remove_links(session: Session, links: list[list[int]]) -> None:
    """Delete [paper, tag] links."""
    if links:
        run(session, "DELETE FROM paper_tags WHERE paper_id = ? AND tag_id = ?", _rows(links))


def _rows(links: list[list[int]]) -> list[tuple[int, int]]:
    return [(paper_id, tag_id) for paper_id, tag_id in links]
