"""The related-papers list for the abstract pane: the closest papers to the selected one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from readinglist.core.discovery import Discovery
from readinglist.gui.discovery.worker import Worker

if TYPE_CHECKING:
    from readinglist.core.library import Library

ID_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True, slots=True)
class RelatedEntry:
    paper_id: int
    title: str
    score: float
    shared_terms: tuple[str, ...]


class RelatedList(QWidget):
    """List the papers most like the shown one; Enter or a click activates one."""

    paper_activated = Signal(int)

    def __init__(
        self,
        library: Library,
        discovery: Discovery | None = None,
        count: int = 8,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("relatedPapers")
        self.discovery = discovery if discovery is not None else Discovery(library)
        self.library = library
        self.count = count
        self.paper_id: int | None = None
        self.worker = Worker(self)
        self.worker.finished.connect(self._show)
        self.worker.failed.connect(self._fail)

        title = QLabel("RELATED")
        title.setObjectName("sectionLabel")
        self.hint = QLabel("")
        self.hint.setObjectName("relatedHint")
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("relatedList")
        self.list.setWordWrap(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.itemActivated.connect(self._activate)
        self.list.itemClicked.connect(self._activate)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.hint)
        layout.addWidget(self.list, 1)

    def show_paper(self, paper_id: int | None) -> None:
        """Find the papers related to paper_id (None clears the list)."""
        self.paper_id = paper_id
        self.list.clear()
        if paper_id is None:
            self.hint.setText("")
            return
        self.hint.setText("Finding related papers\u2026")
        discovery, library, count = self.discovery, self.library, self.count

        def work() -> tuple[int, list[RelatedEntry]]:
            found = discovery.related(paper_id, count)
            titles = {row.id: row.title for row in library.rows([p.paper_id for p in found])}
            return paper_id, [
                RelatedEntry(p.paper_id, titles[p.paper_id], p.score, p.shared_terms)
                for p in found
                if p.paper_id in titles
            ]

        self.worker.run(work)

    def refresh(self) -> None:
        self.show_paper(self.paper_id)

    def entries(self) -> list[int]:
        """Return the ids listed, in order."""
        return [self.list.item(row).data(ID_ROLE) for row in range(self.list.count())]

    def _show(self, answer: tuple[int, list[RelatedEntry]]) -> None:
        paper_id, entries = answer
        if paper_id != self.paper_id:
            return
        self.list.clear()
        self.hint.setText("" if entries else "No related papers: this one shares no terms.")
        for entry in entries:
            item = QListWidgetItem(entry.title)
            item.setData(ID_ROLE, entry.paper_id)
            item.setToolTip(
                f"similarity {entry.score:.2f}\nshares: {', '.join(entry.shared_terms)}"
            )
            self.list.addItem(item)

    def _fail(self, message: str) -> None:
        self.list.clear()
        self.hint.setText(message)

    def _activate(self, item: QListWidgetItem) -> None:
        self.paper_activated.emit(int(item.data(ID_ROLE)))
