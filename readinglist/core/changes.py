"""Changes: what a command touched, so each view refreshes only what it shows."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields


@dataclass(frozen=True, slots=True)
class Changes:
    """Flags naming what went stale; combine with ``|``."""

    papers: frozenset[int] = field(default_factory=frozenset)
    """Papers whose fields changed (rating, status, tags, note...)."""
    paper_set: bool = False
    """Papers were added to or removed from the library."""
    tags: bool = False
    collections: bool = False
    saved_searches: bool = False
    queue: bool = False

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            papers=self.papers | other.papers,
            **{
                f.name: getattr(self, f.name) or getattr(other, f.name)
                for f in fields(self)
                if f.name != "papers"
            },
        )

    def __bool__(self) -> bool:
        return bool(self.papers) or any(
            getattr(self, f.name) for f in fields(self) if f.name != "papers"
        )


NO_CHANGES = Changes()
EVERYTHING = Changes(paper_set=True, tags=True, collections=True, saved_searches=True, queue=True)
"""Every kind of change: what to assume when it is not known what changed."""


# A notification carries at most this many paper ids (PostgreSQL's limit is 8,000 bytes);
# more, and it says "every paper may have changed".
MAX_NOTIFIED_PAPERS = 500


def encode_changes(changes: Changes, client: str) -> str:
    """Write changes as a short JSON notice, sent to other clients of a shared library."""
    notice: dict[str, object] = {"client": client}
    notice.update(
        {f.name: True for f in fields(changes) if f.name != "papers" and getattr(changes, f.name)}
    )
    if len(changes.papers) > MAX_NOTIFIED_PAPERS:
        notice["paper_set"] = True
    elif changes.papers:
        notice["papers"] = sorted(changes.papers)
    return json.dumps(notice, separators=(",", ":"))


def decode_changes(notice: str) -> tuple[str, Changes]:
    """Return the client that sent a notice and its changes; a notice not understood
    stands for every kind of change (the safe reading)."""
    try:
        data = json.loads(notice)
        client = str(data["client"])
        papers = frozenset(int(paper_id) for paper_id in data.get("papers", ()))
        changes = Changes(
            papers=papers,
            paper_set=bool(data.get("paper_set")),
            tags=bool(data.get("tags")),
            collections=bool(data.get("collections")),
            saved_searches=bool(data.get("saved_searches")),
            queue=bool(data.get("queue")),
        )
    except (ValueError, KeyError, TypeError):
        return "", EVERYTHING
    return client, changes
