"""Tag lookups shared by the tag commands."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import delete, insert, select, tuple_

from readinglist.core.bulk import chunked
from readinglist.core.errors import InvalidValue
from readinglist.core.models import TAGS, Tag, paper_tags

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

MAX_TAG_LENGTH = 200
# Two bound parameters a link.
LINKS_PER_STATEMENT = 2000
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
    for chunk in chunked(paper_ids):
        links += [
            [paper_id, tag_id]
            for paper_id, tag_id in session.execute(
                select(paper_tags.c.paper_id, paper_tags.c.tag_id).where(
                    paper_tags.c.paper_id.in_(chunk), paper_tags.c.tag_id.in_(tag_ids)
                )
            )
        ]
    return links


def add_links(session: Session, links: list[list[int]]) -> None:
    """Insert [paper, tag] links."""
    if links:
        session.execute(insert(paper_tags), [{"paper_id": p, "tag_id": t} for p, t in links])


def remove_links(session: Session, links: list[list[int]]) -> None:
    for start in range(0, len(links), LINKS_PER_STATEMENT):
        chunk = [tuple(link) for link in links[start : start + LINKS_PER_STATEMENT]]
        session.execute(
            delete(paper_tags).where(tuple_(paper_tags.c.paper_id, paper_tags.c.tag_id).in_(chunk))
        )
