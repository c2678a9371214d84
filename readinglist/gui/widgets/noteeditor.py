"""The note field: saves itself shortly after typing stops, on focus-out and on switch."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QPlainTextEdit

if TYPE_CHECKING:
    from PySide6.QtGui import QFocusEvent
    from PySide6.QtWidgets import QWidget

SAVE_DELAY_MS = 700


class NoteEditor(QPlainTextEdit):
    """Edit one paper's note; ``note_edited`` fires with the text to save (no Save button)."""

    note_edited = Signal(int, str)
    """(paper id, note text) when the note should be written."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noteEditor")
        self.setPlaceholderText("Write a note… (saved as you type)")
        self.setTabChangesFocus(True)
        self._paper_id: int | None = None
        self._version: int | None = None
        self._saved = ""
        self._before_save = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self.textChanged.connect(self._edited)

    @property
    def paper_id(self) -> int | None:
        return self._paper_id

    @property
    def version(self) -> int | None:
        """The paper's version when the note being edited was read (None: not tracked)."""
        return self._version

    def show_note(self, paper_id: int | None, text: str, version: int | None = None) -> None:
        """Show paper_id's note, first saving any pending edit of the previous paper.

        version is the paper's version the text belongs to: a save says which note it
        replaces, so one saved meanwhile by someone else is never overwritten.
        """
        if paper_id == self._paper_id and self.is_dirty():
            return  # do not disturb someone typing; the edit still replaces what they read
        if paper_id == self._paper_id and text == self.toPlainText():
            self._version = version
            return
        self.flush()
        self._paper_id = paper_id
        self._version = version
        self._saved = text
        if text == self.toPlainText():
            # Most notes are empty: keep the text, but not the last paper's undo steps.
            self.document().clearUndoRedoStacks()
        else:
            self.blockSignals(True)
            self.setPlainText(text)
            self.blockSignals(False)
        self.setEnabled(paper_id is not None)

    def is_dirty(self) -> bool:
        return self._paper_id is not None and self.toPlainText() != self._saved

    def flush(self) -> None:
        """Save now if the text differs from what the library holds."""
        self._timer.stop()
        if self.is_dirty() and self._paper_id is not None:
            self._before_save, self._saved = self._saved, self.toPlainText()
            self.note_edited.emit(self._paper_id, self._saved)

    def mark_saved(self, paper_id: int, text: str, version: int | None) -> None:
        """Take text as paper_id's stored note at version (a save succeeded or was settled)."""
        if paper_id != self._paper_id:
            return
        self._version = version
        self._saved = text
        if text != self.toPlainText():
            self.blockSignals(True)
            self.setPlainText(text)
            self.blockSignals(False)

    def mark_unsaved(self, paper_id: int) -> None:
        """Count the text as unsaved again: saving paper_id's note just failed."""
        if paper_id == self._paper_id:
            self._saved = self._before_save

    def _edited(self) -> None:
        self._timer.start()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        self.flush()
        super().focusOutEvent(event)
