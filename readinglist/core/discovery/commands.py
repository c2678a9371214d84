"""Commands that discovery adds: dismissing a likely duplicate.

Commands register their ``kind`` with the journal when their class is defined, so this
module must be imported before the journal decodes one (``core.commands`` imports it).
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, ClassVar

from sqlalchemy import delete, or_, select

from readinglist.core.backends import backend_of
from readinglist.core.changes import Changes
from readinglist.core.commands.base import Command
from readinglist.core.errors import InvalidValue
from readinglist.core.models import DUPLICATES

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement
    from sqlalchemy.orm import Session

_DUPLICATES = DUPLICATES


@dataclasses.dataclass
class DismissDuplicate(Command):
    """Say two papers found alike at import are different papers; forget the pair.

    The pair is only found again if one of the papers is deleted and imported anew
    (import compares new papers only).
    """

    kind: ClassVar[str] = "dismiss_duplicate"
    paper_id: int
    other_id: int
    score: float | None = None
    stored: list[int] | None = None
    """The pair as the table held it (either order), to put it back the same way."""

    @property
    def label(self) -> str:
        return "dismiss a likely duplicate"

    def apply(self, session: Session) -> Changes:
        found = session.execute(
            select(_DUPLICATES.c.paper_id, _DUPLICATES.c.other_id, _DUPLICATES.c.score).where(
                self._pair()
            )
        ).first()
        if found is None:
            raise InvalidValue(
                f"papers {self.paper_id} and {self.other_id} are not listed as likely duplicates"
            )
        self.stored = [found[0], found[1]]
        self.score = found[2]
        session.execute(delete(_DUPLICATES).where(self._pair()))
        return self._changes()

    def revert(self, session: Session) -> Changes:
        first, second = self.stored or [self.paper_id, self.other_id]
        session.execute(
            backend_of(session).insert_ignore(_DUPLICATES),
            [{"paper_id": first, "other_id": second, "score": self.score}],
        )
        return self._changes()

    def _pair(self) -> ColumnElement[bool]:
        columns = _DUPLICATES.c
        return or_(
            (columns.paper_id == self.paper_id) & (columns.other_id == self.other_id),
            (columns.paper_id == self.other_id) & (columns.other_id == self.paper_id),
        )

    def _changes(self) -> Changes:
        return Changes(papers=frozenset({self.paper_id, self.other_id}))
