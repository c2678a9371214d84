"""The Possible duplicates view: pairs found at import, compared side by side.

Merge runs the core's undoable ``MergePapers`` (tags, collections, ratings and notes of
both are kept); "Not duplicates" runs the undoable ``DismissDuplicate``. Both go through
the window's ``Operations``, so they land on the one undo stack and every panel refreshes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from readinglist.core.commands import MergePapers
from readinglist.core.discovery import DismissDuplicate, comparisons
from readinglist.gui.discovery.refresh import Refresher
from readinglist.gui.discovery.worker import Worker
from readinglist.gui.operations import Operations

if TYPE_CHECKING:
    from PySide6.QtGui import QShowEvent

    from readinglist.core.changes import Changes
    from readinglist.core.discovery import DuplicateComparison
    from readinglist.core.library import Library

SHORT = 160


class DuplicatesView(QWidget):
    """Review likely duplicates: compare, merge into either paper, or dismiss."""

    paper_activated = Signal(int)
    refreshed = Signal()

    def __init__(
        self, library: Library, ops: Operations | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("duplicatesView")
        self.library = library
        self.ops = ops if ops is not None else Operations(library, self)
        self.pairs: list[DuplicateComparison] = []
        self.worker = Worker(self)
        self.worker.finished.connect(self._show)
        self.worker.failed.connect(self._fail)
        self.refresher = Refresher(self, self.refresh)
        self.ops.did_change.connect(lambda changes, _m: self.library_did_change(changes))

        self.status = QLabel("")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.list = QListWidget()
        self.list.setObjectName("duplicatePairs")
        self.list.currentRowChanged.connect(self._compare)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("duplicateComparison")
        self.table.setHorizontalHeaderLabels(["", "Left", "Right"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.cellDoubleClicked.connect(self._open_paper)

        self.keep_left = QPushButton("Merge, keep left")
        self.keep_right = QPushButton("Merge, keep right")
        self.dismiss = QPushButton("Not duplicates")
        self.keep_left.clicked.connect(lambda: self.merge(keep_left=True))
        self.keep_right.clicked.connect(lambda: self.merge(keep_left=False))
        self.dismiss.clicked.connect(self.dismiss_current)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.keep_left, self.keep_right, self.dismiss):
            buttons.addWidget(button)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.table, 1)
        right_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)
        self._enable(False)

    def refresh(self) -> None:
        self.status.setText("Looking for likely duplicates\u2026")
        library = self.library
        self.worker.run(lambda: comparisons(library))

    def library_did_change(self, changes: Changes) -> None:
        self.refresher.library_did_change(changes)

    def current(self) -> DuplicateComparison | None:
        row = self.list.currentRow()
        return self.pairs[row] if 0 <= row < len(self.pairs) else None

    def merge(self, keep_left: bool) -> None:
        """Merge the shown pair into its left (or right) paper, as one undoable step."""
        pair = self.current()
        if pair is None:
            return
        keep = pair.left.id if keep_left else pair.right.id
        self.ops.execute(MergePapers(keep, [pair.other(keep)]))

    def dismiss_current(self) -> None:
        """Record that the shown pair are different papers (undoable)."""
        pair = self.current()
        if pair is not None:
            self.ops.execute(DismissDuplicate(pair.left.id, pair.right.id))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.refresher.shown()

    def _show(self, pairs: list[DuplicateComparison]) -> None:
        previous = self.current()
        self.pairs = pairs
        self.list.blockSignals(True)
        self.list.clear()
        for pair in pairs:
            item = QListWidgetItem(f"{pair.left.title}\n{pair.right.title}")
            item.setToolTip(f"title similarity {pair.score:.0f}%")
            self.list.addItem(item)
        self.list.blockSignals(False)
        count = len(pairs)
        self.status.setText(
            f"{count} possible duplicate{'s' if count != 1 else ''}"
            if count
            else "No possible duplicates."
        )
        row = 0
        if previous is not None:
            row = next((i for i, p in enumerate(pairs) if p.ids == previous.ids), 0)
        self.list.setCurrentRow(row if pairs else -1)
        self._compare(self.list.currentRow())
        self.refreshed.emit()

    def _fail(self, message: str) -> None:
        self.status.setText(message)
        self.refreshed.emit()

    def _compare(self, row: int) -> None:
        pair = self.pairs[row] if 0 <= row < len(self.pairs) else None
        self._enable(pair is not None)
        self.table.setRowCount(0)
        if pair is None:
            return
        suggested = "left" if pair.suggested_keep == pair.left.id else "right"
        self.table.setHorizontalHeaderLabels(
            ["", f"Left (#{pair.left.id})", f"Right (#{pair.right.id})"]
        )
        self.keep_left.setDefault(suggested == "left")
        self.keep_right.setDefault(suggested == "right")
        for field in pair.fields:
            index = self.table.rowCount()
            self.table.insertRow(index)
            name = QTableWidgetItem(field.name)
            self.table.setItem(index, 0, name)
            for column, text in ((1, field.left), (2, field.right)):
                cell = QTableWidgetItem(
                    text
                    if len(text) <= SHORT or field.name == "Abstract"
                    else text[:SHORT] + "\u2026"
                )
                cell.setToolTip(text)
                if not field.same:
                    font = QFont(cell.font())
                    font.setBold(True)
                    cell.setFont(font)
                self.table.setItem(index, column, cell)
        self.table.resizeRowsToContents()

    def _enable(self, enabled: bool) -> None:
        for button in (self.keep_left, self.keep_right, self.dismiss):
            button.setEnabled(enabled)

    def _open_paper(self, _row: int, column: int) -> None:
        pair = self.current()
        if pair is not None and column in (1, 2):
            self.paper_activated.emit(pair.left.id if column == 1 else pair.right.id)
