"""The command interface, the registry of command kinds, and composite commands."""

from __future__ import annotations

import dataclasses
from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, Any, ClassVar, Self

from readinglist.core.changes import NO_CHANGES, Changes

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

_KINDS: dict[str, type[Command]] = {}


class Command(ABC):
    """An undoable change. Subclasses are dataclasses whose fields are their JSON state."""

    kind: ClassVar[str]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "kind" in cls.__dict__:
            _KINDS[cls.kind] = cls

    @property
    @abstractmethod
    def label(self) -> str:
        """Say what the command does, as the Edit menu shows it after "Undo" ("rate 4 papers")."""

    @abstractmethod
    def apply(self, session: Session) -> Changes:
        """Make the change, first recording whatever it overwrites."""

    @abstractmethod
    def revert(self, session: Session) -> Changes:
        """Restore exactly what apply overwrote."""

    def state(self) -> dict[str, Any]:
        """Return the JSON-serialisable state that recreates this command."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}  # type: ignore[arg-type]

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Self:
        return cls(**state)


def command_from_state(kind: str, state: dict[str, Any]) -> Command:
    """Rebuild a journaled command."""
    return _KINDS[kind].from_state(state)


@dataclasses.dataclass
class CompositeCommand(Command):
    """Several commands undone and redone as one step (one CLI invocation, one key press)."""

    kind: ClassVar[str] = "composite"
    description: str
    parts: list[Command] = dataclasses.field(default_factory=list)

    @property
    def label(self) -> str:
        return self.description

    def apply(self, session: Session) -> Changes:
        changes = NO_CHANGES
        for part in self.parts:
            changes = changes | part.apply(session)
        return changes

    def revert(self, session: Session) -> Changes:
        changes = NO_CHANGES
        for part in reversed(self.parts):
            changes = changes | part.revert(session)
        return changes

    def state(self) -> dict[str, Any]:
        return {
            "description": self.description,
            "parts": [{"kind": part.kind, "state": part.state()} for part in self.parts],
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Self:
        parts = [command_from_state(p["kind"], p["state"]) for p in state["parts"]]
        return cls(description=state["description"], parts=parts)


def plural(count: int, noun: str) -> str:
    """Return "1 paper" / "4 papers"."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
