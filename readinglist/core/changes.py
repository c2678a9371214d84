"""Changes: what a command touched, so each view refreshes only what it shows."""

from __future__ import annotations

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
