"""Place the discovery views in the window: pages beside the paper list, related papers.

The views themselves live in ``gui/discovery/``; this only builds them over one shared
core ``Discovery`` (one text index for the whole window), stacks the pages with the
paper list, and forwards the paper a user picks in any of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QStackedWidget

from readinglist.core.discovery import Discovery
from readinglist.gui.discovery.duplicates import DuplicatesView
from readinglist.gui.discovery.insights import InsightsView
from readinglist.gui.discovery.recommended import RecommendedView
from readinglist.gui.discovery.related import RelatedList

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from readinglist.core.library import Library
    from readinglist.gui.operations import Operations

PAGE_TITLES = {"recommended": "Recommended", "duplicates": "Possible duplicates",
               "insights": "Insights"}
"""The discovery pages by name, as the sidebar and the keymap ("show_page") call them."""


class DiscoveryPages(QObject):
    """The paper list and the discovery pages in one stack, plus the related-papers list."""

    paper_activated = Signal(int)
    """The user picked a paper in a discovery page or in the related papers."""

    def __init__(self, library: Library, ops: Operations, list_page: QWidget,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.discovery = Discovery(library)
        self.list_page = list_page
        self.related = RelatedList(library, self.discovery)
        self.recommended = RecommendedView(library, self.discovery, ops)
        self.duplicates = DuplicatesView(library, ops)
        self.insights = InsightsView(library, ops)
        self.pages: dict[str, QWidget] = {"recommended": self.recommended,
                                          "duplicates": self.duplicates,
                                          "insights": self.insights}
        self.stack = QStackedWidget()
        self.stack.setObjectName("centerStack")
        self.stack.addWidget(list_page)
        for page in self.pages.values():
            # The stack is as wide as its widest page needs; keep the list's narrow minimum.
            page.setMinimumSize(240, 200)
            self.stack.addWidget(page)
        for view in (self.related, self.recommended, self.duplicates):
            view.paper_activated.connect(self.paper_activated)

    def current(self) -> str | None:
        """Return the name of the page shown, or None when the paper list is shown."""
        shown = self.stack.currentWidget()
        return next((name for name, page in self.pages.items() if page is shown), None)

    def show(self, name: str) -> None:
        self.stack.setCurrentWidget(self.pages[name])

    def show_list(self) -> None:
        self.stack.setCurrentWidget(self.list_page)

    def refresh(self) -> None:
        """Recompute the pages (after changes made elsewhere): now if shown, else on show."""
        for view in (self.recommended, self.duplicates, self.insights):
            view.refresher.request()

    def wait(self) -> None:
        """Block until no view is computing (before the library closes)."""
        for view in (self.related, self.recommended, self.duplicates, self.insights):
            view.worker.wait()
