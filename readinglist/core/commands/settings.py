"""Library settings (stored in the library, so every window and script sees them)."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, ClassVar

from sqlalchemy import delete, select

from readinglist.core.changes import NO_CHANGES, Changes
from readinglist.core.commands.base import Command
from readinglist.core.models import Setting

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def read_setting(session: Session, key: str) -> str | None:
    return session.scalar(select(Setting.value).where(Setting.key == key))


@dataclasses.dataclass
class SetSetting(Command):
    """Set (or with None, clear) one library setting."""

    kind: ClassVar[str] = "set_setting"
    key: str
    value: str | None
    description: str = ""
    before: str | None = None

    @property
    def label(self) -> str:
        return self.description or f"change setting {self.key}"

    def apply(self, session: Session) -> Changes:
        self.before = read_setting(session, self.key)
        self._write(session, self.value)
        return NO_CHANGES

    def revert(self, session: Session) -> Changes:
        self._write(session, self.before)
        return NO_CHANGES

    def _write(self, session: Session, value: str | None) -> None:
        if value is None:
            session.execute(delete(Setting).where(Setting.key == self.key))
        else:
            session.merge(Setting(key=self.key, value=value))
        session.flush()
