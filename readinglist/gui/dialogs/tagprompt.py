"""Ask for tags: a line with autocomplete for each comma-separated name; new names allowed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from PySide6.QtCore import QModelIndex, QPersistentModelIndex
    from PySide6.QtWidgets import QWidget


def split_tags(text: str) -> list[str]:
    """Return the distinct non-empty names in a comma-separated text, in order."""
    names: list[str] = []
    for part in text.split(","):
        name = " ".join(part.split())
        if name and name not in names:
            names.append(name)
    return names


class MultiCompleter(QCompleter):
    """Complete the name after the last comma, keeping the names before it."""

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:  # noqa: N802
        completion = str(super().pathFromIndex(index))
        widget = self.widget()
        text = widget.text() if isinstance(widget, QLineEdit) else ""
        head = text.rpartition(",")[0]
        return f"{head}, {completion}, " if head else f"{completion}, "

    def splitPath(self, path: str) -> list[str]:  # noqa: N802
        return [path.rpartition(",")[2].strip()]


class TagPrompt(QDialog):
    """Prompt for tags to add to (or remove from) the selected papers."""

    tags_chosen = Signal(list)

    def __init__(self, title: str, prompt: str, known: Sequence[str],
                 parent: QWidget | None = None, allow_new: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("tagPrompt")
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self.allow_new = allow_new
        self.known = list(known)
        label = QLabel(prompt)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        self.field = QLineEdit()
        self.field.setObjectName("tagField")
        self.field.setPlaceholderText("tag, another tag, …")
        completer = MultiCompleter(QStringListModel(self.known, self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.field.setCompleter(completer)
        self.error = QLabel()
        self.error.setObjectName("queryHint")
        self.error.setTextFormat(Qt.TextFormat.PlainText)  # it quotes the typed tag
        self.error.setVisible(False)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(label)
        layout.addWidget(self.field)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def names(self) -> list[str]:
        return split_tags(self.field.text())

    def accept(self) -> None:
        names = self.names()
        if not names:
            self.reject()
            return
        if not self.allow_new:
            unknown = [n for n in names if n not in self.known]
            if unknown:
                self.error.setText(f"No selected paper has the tag {unknown[0]!r}.")
                self.error.setVisible(True)
                return
        super().accept()
        self.tags_chosen.emit(names)
