"""The abstract pane: the current paper's title, abstract, facts, rating, links and notes.

In a shared library the pane also says how far the other members got with the paper,
and offers two notes: the shared one every member sees and the member's own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from readinglist.gui.paperhtml import STYLE, paper_html, selection_html
from readinglist.gui.widgets.noteeditor import NoteEditor
from readinglist.gui.widgets.rating import RatingWidget

if TYPE_CHECKING:
    from readinglist.core.records import PaperDetail
    from readinglist.gui.tagcolors import TagColors


# How the members line puts each status, in the order a paper goes through them.
_MEMBER_VERBS = {"queued": "queued this", "reading": "are reading this", "read": "read this",
                 "skipped": "skipped this"}


def members_line(paper: PaperDetail) -> str:
    """Say how many members got how far with paper ("2 of 5 members queued this · ...")."""
    parts = [
        f"{count} of {paper.members} members {verb}"
        for status, verb in _MEMBER_VERBS.items()
        if (count := paper.member_statuses.get(status, 0))
    ]
    return " · ".join(parts) or f"None of the {paper.members} members has queued this yet"


class DetailPane(QWidget):
    """Show one paper (or a summary of a multi-selection) and edit its notes and rating."""

    note_edited = Signal(int, str)
    """(paper id, text) of the note every member shares."""
    private_note_edited = Signal(int, str)
    """(paper id, text) of the member's own note (shared libraries only)."""
    rating_chosen = Signal(object)
    link_opened = Signal(str)

    def __init__(
        self, colors: TagColors, parent: QWidget | None = None, *, shared: bool = False
    ) -> None:
        super().__init__(parent)
        self.setObjectName("detailPane")
        self.colors = colors
        self.shared = shared
        """Whether the library is shared (on a server): then the pane shows both notes."""
        self._paper: PaperDetail | None = None
        self._query = ""
        self._html = ""

        self.browser = QTextBrowser()
        self.browser.setObjectName("abstractView")
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.document().setDefaultStyleSheet(STYLE)
        self.browser.document().setDocumentMargin(14)
        self.browser.anchorClicked.connect(self._open_link)
        self.browser.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

        self.rating = RatingWidget()
        self.rating.rating_chosen.connect(self.rating_chosen)
        self.note = NoteEditor()
        self.note.note_edited.connect(self.note_edited)
        self.private_note = NoteEditor()
        self.private_note.setObjectName("privateNoteEditor")
        self.private_note.setPlaceholderText("Only you see this note… (saved as you type)")
        self.private_note.note_edited.connect(self.private_note_edited)
        self.members = QLabel()
        self.members.setObjectName("membersLine")
        self.members.setWordWrap(True)  # "1 of 2 members queued this · 1 of 2 members read this"
        self.members.hide()
        note_title = QLabel("SHARED NOTE" if shared else "NOTE")
        note_title.setObjectName("sectionLabel")
        private_title = QLabel("MY NOTE")
        private_title.setObjectName("sectionLabel")
        rating_title = QLabel("RATING")
        rating_title.setObjectName("sectionLabel")

        footer = QWidget()
        footer.setObjectName("noteArea")
        footer_layout = QVBoxLayout(footer)
        footer_layout.setContentsMargins(14, 8, 14, 12)
        footer_layout.setSpacing(6)
        rating_row = QHBoxLayout()
        rating_row.addWidget(rating_title)
        rating_row.addSpacing(8)
        rating_row.addWidget(self.rating)
        rating_row.addStretch(1)
        footer_layout.addWidget(self.members)
        footer_layout.addLayout(rating_row)
        footer_layout.addWidget(note_title)
        footer_layout.addWidget(self.note, 1)
        footer_layout.addWidget(private_title)
        footer_layout.addWidget(self.private_note, 1)
        private_title.setVisible(shared)
        self.private_note.setVisible(shared)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("detailSplitter")
        self.splitter.addWidget(self.browser)
        self.splitter.addWidget(footer)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([520, 200])

        self.placeholder = QTextBrowser()
        self.placeholder.setObjectName("abstractView")
        self.placeholder.document().setDefaultStyleSheet(STYLE)
        self.placeholder.document().setDocumentMargin(14)
        self.placeholder.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.splitter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.show_nothing()

    @property
    def paper(self) -> PaperDetail | None:
        return self._paper

    def show_paper(self, paper: PaperDetail, query: str) -> None:
        """Show paper with query's words highlighted (keeps the scroll position on refresh)."""
        same = self._paper is not None and self._paper.id == paper.id
        html = paper_html(paper, query, self.colors)
        self._paper, self._query = paper, query
        if not same or html != self._html:  # a refresh that changed nothing shown lays out nothing
            scroll = self.browser.verticalScrollBar().value() if same else 0
            self._html = html
            self._set_html(html)
            self.browser.verticalScrollBar().setValue(scroll)
        self.rating.set_rating(paper.rating)
        self.note.show_note(paper.id, paper.note, paper.version)
        self.private_note.show_note(paper.id, paper.private_note)
        self.members.setVisible(paper.members > 1)
        self.members.setText(members_line(paper) if paper.members > 1 else "")
        self.stack.setCurrentWidget(self.splitter)

    def show_selection(self, count: int, key_hint: str) -> None:
        self._leave_paper()
        self.placeholder.setHtml(selection_html(count, key_hint))
        self.stack.setCurrentWidget(self.placeholder)

    def show_nothing(self) -> None:
        self._leave_paper()
        self.placeholder.setHtml('<p class="empty" align="center"><br><br>No paper selected.</p>')
        self.stack.setCurrentWidget(self.placeholder)

    def add_section(self, widget: QWidget) -> None:
        """Add widget under the note, in the pane's splitter (related papers go there)."""
        self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(self.splitter.count() - 1, 1)
        self.splitter.setSizes([440, 170, 170])

    def focus_note(self) -> None:
        if self._paper is not None:
            self.note.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.note.moveCursor(self.note.textCursor().MoveOperation.End)

    def focus_abstract(self) -> None:
        if self._paper is not None:
            self.browser.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def flush(self) -> None:
        """Save pending note edits now (before closing or switching papers)."""
        self.note.flush()
        self.private_note.flush()

    def _set_html(self, html: str) -> None:
        """Replace the browser's text, laying it out once rather than three times.

        setHtml empties the document first: a shown scroll bar would hide, then show
        again, and each change of the text width lays the whole text out again.
        """
        bar = self.browser.verticalScrollBar()
        if bar.isVisible():
            self.browser.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.browser.setHtml(html)
        self.browser.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)

    def _leave_paper(self) -> None:
        self.note.show_note(None, "")
        self.private_note.show_note(None, "")
        self._paper = None
        self._html = ""

    def _open_link(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https"):
            self.link_opened.emit(url.toString())
            QDesktopServices.openUrl(url)
