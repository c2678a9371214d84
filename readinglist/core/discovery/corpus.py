"""Read what the text index needs from the library: ids, change stamps and texts.

Raw SQLite reads: the index checks every paper's stamp, and at 100,000 papers the ORM's
per-row cost would be most of the time.
"""

from __future__ import annotations

import zlib
from typing import TYPE_CHECKING

from readinglist.core.bulk import chunked, raw_connection
from readinglist.core.discovery.text import document

if TYPE_CHECKING:
    from collections.abc import Sequence

    import numpy as np
    from sqlalchemy.orm import Session


def library_stamp(session: Session) -> tuple[object, ...]:
    """Return a cheap summary that changes whenever papers are added, removed or edited.

    Every command that edits a paper sets its ``modified_at`` to now; undoing a delete or a
    merge restores older stamps but changes the id set, which count and sum catch.
    """
    row = (
        raw_connection(session)
        .execute("SELECT count(*), coalesce(sum(id), 0), max(modified_at) FROM papers")
        .fetchone()
    )
    return tuple(row)


def row_stamps(session: Session) -> tuple[np.ndarray, np.ndarray]:
    """Return every paper id (ascending) and a checksum of its ``modified_at``."""
    import numpy as np

    rows = raw_connection(session).execute("SELECT id, modified_at FROM papers ORDER BY id")
    ids: list[int] = []
    stamps: list[int] = []
    for paper_id, modified in rows:
        ids.append(paper_id)
        stamps.append(zlib.crc32(str(modified).encode()))
    return np.array(ids, dtype=np.int64), np.array(stamps, dtype=np.uint32)


def documents(session: Session, ids: Sequence[int]) -> list[str]:
    """Return the indexed text of each paper, in the order of ids."""
    db = raw_connection(session)
    found: dict[int, str] = {}
    for chunk in chunked(list(ids)):
        marks = ", ".join("?" for _ in chunk)
        for paper_id, title, abstract in db.execute(
            f"SELECT id, title, abstract FROM papers WHERE id IN ({marks})", list(chunk)
        ):
            found[paper_id] = document(title, abstract or "")
    return [found.get(paper_id, "") for paper_id in ids]


def all_documents(session: Session) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Return every paper id (ascending) with its stamp checksum and indexed text."""
    import numpy as np

    rows = raw_connection(session).execute(
        "SELECT id, modified_at, title, abstract FROM papers ORDER BY id"
    )
    ids: list[int] = []
    stamps: list[int] = []
    docs: list[str] = []
    for paper_id, modified, title, abstract in rows:
        ids.append(paper_id)
        stamps.append(zlib.crc32(str(modified).encode()))
        docs.append(document(title, abstract or ""))
    return np.array(ids, dtype=np.int64), np.array(stamps, dtype=np.uint32), docs


def digest(doc: str) -> int:
    """Return a checksum of a paper's indexed text, to tell edited text from a new rating."""
    return zlib.crc32(doc.encode("utf-8", "surrogatepass"))
