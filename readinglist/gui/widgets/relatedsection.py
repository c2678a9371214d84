"""The collapsible "Related papers" section under the note in the abstract pane."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from readinglist.gui.discovery.related import RelatedList

UNLIMITED = 16777215  # QWIDGETSIZE_MAX


class RelatedSection(QWidget):
    """Show the related papers of the current paper; collapsed, it computes nothing."""

    expanded_changed = Signal(bool)

    def __init__(self, related: RelatedList, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("relatedSection")
        self.related = related
        self._paper_id: int | None = None
        self._shown_id: int | None = None
        # The section header below is the title; the list's own label would repeat it.
        for label in related.findChildren(QLabel, "sectionLabel"):
            label.hide()
        self.toggle = QToolButton()
        self.toggle.setObjectName("sectionToggle")
        self.toggle.setText("RELATED PAPERS")
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setAutoRaise(True)
        self.toggle.setStyleSheet("QToolButton { border: none; padding: 2px 0; font-weight: 600;"
                                  " font-size: 8.5pt; color: palette(placeholder-text); }")
        self.toggle.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.toggle.toggled.connect(self.set_expanded)
        self._layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 6, 14, 8)
        layout.setSpacing(4)
        layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(related, 1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        # Folded until asked for: the first look builds a text index of the whole library,
        # which takes a minute and a few hundred MB at 100,000 papers (then it is cached).
        self.set_expanded(False)

    def expanded(self) -> bool:
        return self.toggle.isChecked()

    def set_expanded(self, expanded: bool) -> None:
        """Open or fold the section (folded, it keeps only its header's height)."""
        if self.toggle.isChecked() != expanded:
            self.toggle.setChecked(expanded)  # calls back here through toggled
            return
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.related.setVisible(expanded)
        margins = self._layout.contentsMargins()
        folded = self.toggle.sizeHint().height() + margins.top() + margins.bottom()
        self.setMaximumHeight(UNLIMITED if expanded else folded)
        if expanded:
            self._update()
        self.expanded_changed.emit(expanded)

    def show_paper(self, paper_id: int | None) -> None:
        """Follow the current paper (None: no single paper is shown)."""
        self._paper_id = paper_id
        self._update()

    def refresh(self) -> None:
        """Find the related papers again (the library changed elsewhere)."""
        self._shown_id = None
        self._update()

    def focus_list(self) -> None:
        """Open the section and put the cursor on its first paper."""
        self.set_expanded(True)
        listing = self.related.list
        if listing.currentRow() < 0 and listing.count():
            listing.setCurrentRow(0)
        listing.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _update(self) -> None:
        if not self.expanded() or self._paper_id == self._shown_id:
            return
        self._shown_id = self._paper_id
        self.related.show_paper(self._paper_id)
