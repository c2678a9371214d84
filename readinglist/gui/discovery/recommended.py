"""The Recommended view: Inbox papers ranked by what the user liked, each with its reason."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from readinglist.core.discovery import Discovery
from readinglist.gui.discovery.refresh import Refresher
from readinglist.gui.discovery.worker import Worker

if TYPE_CHECKING:
    from PySide6.QtGui import QShowEvent

    from readinglist.core.changes import Changes
    from readinglist.core.library import Library
    from readinglist.gui.operations import Operations

ID_ROLE = Qt.ItemDataRole.UserRole
RATINGS_PROFILE = ""


@dataclass(frozen=True, slots=True)
class RecommendedEntry:
    paper_id: int
    title: str
    explanation: str


@dataclass(frozen=True, slots=True)
class RecommendedAnswer:
    profile: str
    entries: list[RecommendedEntry]
    reason: str
    tags: list[str]


class RecommendedView(QWidget):
    """Ranked unrated Inbox papers for the reading profile or for one tag."""

    paper_activated = Signal(int)
    refreshed = Signal()
    """A ranking (or the reason there is none) is on screen."""

    def __init__(
        self,
        library: Library,
        discovery: Discovery | None = None,
        ops: Operations | None = None,
        count: int = 50,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recommendedView")
        self.library = library
        self.discovery = discovery if discovery is not None else Discovery(library)
        self.count = count
        self.worker = Worker(self)
        self.worker.finished.connect(self._show)
        self.worker.failed.connect(self._fail)
        self.refresher = Refresher(self, self.refresh)
        if ops is not None:
            ops.did_change.connect(
                lambda changes, _message: self.refresher.library_did_change(changes)
            )

        self.profile = QComboBox()
        self.profile.setObjectName("recommendedProfile")
        self.profile.addItem("From your ratings", RATINGS_PROFILE)
        self.profile.currentIndexChanged.connect(lambda _index: self.refresh())
        self.status = QLabel("")
        self.status.setObjectName("recommendedStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("recommendedList")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.itemActivated.connect(self._activate)
        self.list.itemDoubleClicked.connect(self._activate)

        header = QHBoxLayout()
        header.addWidget(QLabel("More like:"))
        header.addWidget(self.profile, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.status)
        layout.addWidget(self.list, 1)

    def tag(self) -> str | None:
        """Return the tag the ranking follows, or None for the reading profile."""
        data = self.profile.currentData()
        return str(data) if data else None

    def set_tag(self, tag: str | None) -> None:
        """Rank by tag (None: by ratings), adding the tag to the choices if needed."""
        index = self.profile.findData(tag or RATINGS_PROFILE)
        if index < 0:
            self.profile.addItem(f"tag: {tag}", tag)
            index = self.profile.count() - 1
        self.profile.setCurrentIndex(index)
        self.refresh()

    def refresh(self) -> None:
        """Rank again in the background."""
        self.status.setText("Ranking the Inbox\u2026")
        discovery, library, count, tag = self.discovery, self.library, self.count, self.tag()

        def work() -> RecommendedAnswer:
            found = discovery.recommend(count, tag)
            ids = [p.paper_id for p in found.picks]
            closest = [p.closest_id for p in found.picks if p.closest_id is not None]
            titles = {row.id: row.title for row in library.rows([*ids, *closest])}
            entries = [
                RecommendedEntry(
                    pick.paper_id,
                    titles.get(pick.paper_id, ""),
                    pick.explanation(titles.get(pick.closest_id) if pick.closest_id else None),
                )
                for pick in found.picks
            ]
            tags = [info.name for info in library.tags() if info.count]
            return RecommendedAnswer(tag or RATINGS_PROFILE, entries, found.reason, tags)

        self.worker.run(work)

    def library_did_change(self, changes: Changes) -> None:
        """Re-rank once changes settle (for windows that did not pass their Operations)."""
        self.refresher.library_did_change(changes)

    def entries(self) -> list[int]:
        return [self.list.item(row).data(ID_ROLE) for row in range(self.list.count())]

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.refresher.shown()

    def _show(self, answer: RecommendedAnswer) -> None:
        self._update_tags(answer.tags)
        self.list.clear()
        for entry in answer.entries:
            item = QListWidgetItem(f"{entry.title}\n    {entry.explanation}")
            item.setData(ID_ROLE, entry.paper_id)
            item.setToolTip(entry.explanation)
            self.list.addItem(item)
        if answer.entries:
            self.status.setText(f"{len(answer.entries)} Inbox papers, best first")
        else:
            self.status.setText(answer.reason[:1].upper() + answer.reason[1:] + ".")
        self.refreshed.emit()

    def _update_tags(self, tags: list[str]) -> None:
        known = {self.profile.itemData(i) for i in range(self.profile.count())}
        self.profile.blockSignals(True)
        for tag in tags:
            if tag not in known:
                self.profile.addItem(f"tag: {tag}", tag)
        self.profile.blockSignals(False)

    def _fail(self, message: str) -> None:
        self.list.clear()
        self.status.setText(message)
        self.refreshed.emit()

    def _activate(self, item: QListWidgetItem) -> None:
        self.paper_activated.emit(int(item.data(ID_ROLE)))
