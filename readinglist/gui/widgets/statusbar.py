"""The status bar: what the last action did on the left, "N of M papers" on the right."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget


class StatusBar(QStatusBar):
    """Keep the last action's message until the next one (no timeouts to miss)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        self.setSizeGripEnabled(True)
        self.message = QLabel()
        self.message.setObjectName("statusMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # messages quote titles and paths
        self.counts = QLabel()
        self.counts.setObjectName("statusCounts")
        self.addWidget(self.message, 1)
        self.addPermanentWidget(self.counts)

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setToolTip(text)

    def set_counts(self, shown: int, total: int | None, selected: int = 0,
                   more: bool = False) -> None:
        """Show how many papers the list shows (of total, once the library is counted);
        more: it shows the first of more matches."""
        listed = f"{shown:,}{'+' if more else ''}"
        if total is None:
            text = f"{listed} {'paper' if shown == 1 and not more else 'papers'}"
        else:
            text = f"{listed} of {total:,} {'paper' if total == 1 else 'papers'}"
        if selected > 1:
            text = f"{selected:,} selected · {text}"
        self.counts.setText(text)

    def counts_text(self) -> str:
        return self.counts.text()
