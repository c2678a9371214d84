"""The filter field: filter as you type (debounced), with an inline hint for bad queries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QVBoxLayout, QWidget

from readinglist.gui.icons import icon

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent

DEBOUNCE_MS = 150
PLACEHOLDER = ('Filter: words (typos are fine), "a phrase", tag:x, status:queued, rating:>=4, '
               "in:collection")


class FilterField(QLineEdit):
    """A line edit that hands the focus back to the list on Return or Down."""

    leave_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Down):
            self.leave_requested.emit()
            return
        super().keyPressEvent(event)


class FilterBar(QWidget):
    """Emit the filter text after typing pauses; show a hint when the query is malformed."""

    filter_changed = Signal(str)
    save_requested = Signal()
    leave_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterBar")
        self.field = FilterField()
        self.field.setObjectName("filterField")
        self.field.setPlaceholderText(PLACEHOLDER)
        self.field.setClearButtonEnabled(True)
        self.field.addAction(icon("search", "#7a8591"), QLineEdit.ActionPosition.LeadingPosition)
        self.field.leave_requested.connect(self.leave_requested)
        self.save_button = QToolButton()
        self.save_button.setObjectName("saveSearchButton")
        self.save_button.setText("Save Search…")
        self.save_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.save_button.setToolTip("Keep this filter in the sidebar as a saved search")
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save_requested)
        self.hint = QLabel()
        self.hint.setObjectName("queryHint")
        self.hint.setTextFormat(Qt.TextFormat.PlainText)  # the hint quotes the typed query
        self.hint.setWordWrap(True)
        self.hint.setVisible(False)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        row.addWidget(self.field, 1)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        layout.addLayout(row)
        layout.addWidget(self.hint)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.emit_now)
        self.field.textChanged.connect(self._typed)

    def text(self) -> str:
        return self.field.text()

    def set_text(self, text: str) -> None:
        """Set the filter and apply it at once."""
        self.field.setText(text)
        self.emit_now()

    def emit_now(self) -> None:
        self._timer.stop()
        self.filter_changed.emit(self.field.text())

    def show_hint(self, message: str) -> None:
        self.hint.setText(f"⚠ {message}")
        self.hint.setVisible(True)
        self.field.setProperty("invalid", True)
        self._restyle()
        self.save_button.setEnabled(False)

    def clear_hint(self) -> None:
        if self.hint.isVisible():
            self.hint.setVisible(False)
            self.field.setProperty("invalid", False)
            self._restyle()
        self.save_button.setEnabled(bool(self.field.text().strip()))

    def _typed(self, _text: str) -> None:
        self._timer.start()

    def _restyle(self) -> None:
        style = self.field.style()
        style.unpolish(self.field)
        style.polish(self.field)
