"""Ask what to do when a note was changed by someone else while it was being edited."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from readinglist.core.errors import EditConflict


class Resolution(enum.Enum):
    KEEP_THEIRS = "theirs"
    USE_MINE = "mine"
    KEEP_BOTH = "both"


def merged_note(conflict: EditConflict) -> str:
    """Their note, then mine: what "Keep both" saves."""
    theirs, mine = conflict.theirs.rstrip(), conflict.mine.strip()
    return f"{theirs}\n\n{mine}" if theirs and mine else theirs or mine


class ConflictDialog(QDialog):
    """Show the stored note beside the one being saved; the buttons choose what stays."""

    def __init__(self, conflict: EditConflict, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle("Note changed by someone else")
        self.resolution = Resolution.KEEP_THEIRS
        intro = QLabel(
            f"While you were editing the note of “{title}”, someone else saved a different "
            "one. Nothing has been overwritten: choose which note to keep."
        )
        intro.setWordWrap(True)
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        for column, (caption, text, name) in enumerate(
            (("Their note (saved)", conflict.theirs, "theirs"),
             ("Your note (not saved)", conflict.mine, "mine"))
        ):
            label = QLabel(caption)
            label.setObjectName("sectionLabel")
            view = QPlainTextEdit(text)
            view.setObjectName(f"{name}Note")
            view.setReadOnly(True)
            view.setMinimumSize(280, 160)
            grid.addWidget(label, 0, column)
            grid.addWidget(view, 1, column)
        buttons = QDialogButtonBox()
        for text, resolution, role in (
            ("Keep Theirs", Resolution.KEEP_THEIRS, QDialogButtonBox.ButtonRole.RejectRole),
            ("Keep Both", Resolution.KEEP_BOTH, QDialogButtonBox.ButtonRole.AcceptRole),
            ("Use Mine", Resolution.USE_MINE, QDialogButtonBox.ButtonRole.AcceptRole),
        ):
            button = QPushButton(text)
            button.setObjectName(f"{resolution.value}Button")
            button.clicked.connect(lambda _checked=False, r=resolution: self._choose(r))
            buttons.addButton(button, role)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addLayout(grid, 1)
        layout.addWidget(buttons)
        self.resize(680, 380)

    def _choose(self, resolution: Resolution) -> None:
        self.resolution = resolution
        self.done(QDialog.DialogCode.Accepted)
