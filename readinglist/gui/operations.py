"""Run changes through the library and tell every panel what went stale.

Like Anki's ``CollectionOp``: a widget never writes; it asks ``Operations`` to execute a
core command, and each panel refreshes from the ``Changes`` in ``did_change``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from readinglist.core.changes import Changes
from readinglist.core.errors import EditConflict, NothingToUndo, ReadingListError

if TYPE_CHECKING:
    from collections.abc import Callable

    from readinglist.core.commands import Command
    from readinglist.core.library import Library


def sentence(label: str) -> str:
    """Turn a command label ("rate 4 papers 3") into a status-bar sentence."""
    return label[:1].upper() + label[1:] if label else label


class Operations(QObject):
    """Execute, undo and redo core commands on behalf of the window."""

    did_change = Signal(object, str)
    """(Changes, message) after a change, an undo or a redo."""
    history_did_change = Signal(object, object)
    """(undo label or None, redo label or None)."""
    failed = Signal(str)
    """A user-readable message for an error the core reported."""

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library

    def execute(
        self, command: Command, on_conflict: Callable[[EditConflict], None] | None = None
    ) -> bool:
        """Apply command as one undoable step; return whether it succeeded.

        on_conflict, if given, hears of an edit refused because someone else changed the
        same thing meanwhile (instead of the usual error message).
        """
        try:
            changes = self.library.execute(command)
        except EditConflict as conflict:
            if on_conflict is None:
                self.failed.emit(str(conflict))
            else:
                on_conflict(conflict)
            return False
        except ReadingListError as error:
            self.failed.emit(str(error))
            return False
        # The label as journaled: applying may settle what the command does (ToggleQueue).
        self.announce(changes, f"{sentence(command.label)}.")
        return True

    def move_in_queue(self, ids: list[int], where: str) -> None:
        try:
            changes = self.library.move_in_queue(ids, where)
        except ReadingListError as error:
            self.failed.emit(str(error))
            return
        if changes:
            self.announce(changes, "Queue reordered.")

    def undo(self) -> str | None:
        """Undo the newest step; return its label (None when nothing was undone)."""
        return self._step(self.library.undo, "Undid")

    def redo(self) -> str | None:
        """Redo the oldest undone step; return its label (None when nothing was redone)."""
        return self._step(self.library.redo, "Redid")

    def announce(self, changes: Changes, message: str) -> None:
        """Tell panels about a change made elsewhere (an import, a refresh)."""
        self.did_change.emit(changes, message)
        self.emit_history()

    def emit_history(self) -> None:
        try:
            undo, redo = self.library.history_labels()
        except ReadingListError:
            undo, redo = None, None
        self.history_did_change.emit(undo, redo)

    def _step(self, step: object, verb: str) -> str | None:
        try:
            label, changes = step()  # type: ignore[operator]
        except NothingToUndo as error:
            self.did_change.emit(Changes(), f"{sentence(str(error))}.")
            return None
        except ReadingListError as error:
            self.failed.emit(str(error))
            return None
        self.announce(changes, f"{verb}: {label}.")
        return str(label)
