"""File ▸ Export…: choose the format, which papers, and the Markdown options."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QRadioButton,
    QVBoxLayout,
)

from readinglist.core.exporters import EXPORTERS, ExportOptions, GroupBy
from readinglist.gui.exporting import ExportChoice, Scope

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

GROUP_TITLES = {GroupBy.STATUS: "Status", GroupBy.TAG: "Tag", GroupBy.NONE: "Nothing (one list)"}


@dataclass(frozen=True, slots=True)
class ScopeCounts:
    """What the window can offer to export, with the sizes shown next to each choice."""

    selection: int
    view: int
    view_title: str
    queue: int
    total: int
    tags: list[str]
    collections: list[str]


def _papers(count: int) -> str:
    return "1 paper" if count == 1 else f"{count:,} papers"


class ExportDialog(QDialog):
    """Ask what to export; ``choice()`` returns the answer (the file is asked for next)."""

    def __init__(self, counts: ScopeCounts, format_name: str = "bibtex",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export")
        self.format = QComboBox()
        self.format.setObjectName("exportFormat")
        for exporter in EXPORTERS.values():
            self.format.addItem(f"{exporter.label} ({exporter.extension})", exporter.name)
        self.format.setCurrentIndex(max(self.format.findData(format_name), 0))

        self.scopes = QButtonGroup(self)
        self.buttons: dict[Scope, QRadioButton] = {}
        self.tag = QComboBox()
        self.tag.addItems(counts.tags)
        self.collection = QComboBox()
        self.collection.addItems(counts.collections)
        grid = QGridLayout()
        rows = (
            (Scope.SELECTION, f"The selection ({_papers(counts.selection)})", counts.selection),
            (Scope.VIEW, f"The list as shown: {counts.view_title} ({_papers(counts.view)})",
             counts.view),
            (Scope.QUEUE, f"The reading queue, in order ({_papers(counts.queue)})", counts.queue),
            (Scope.TAG, "The tag", len(counts.tags)),
            (Scope.COLLECTION, "The collection", len(counts.collections)),
            (Scope.LIBRARY, f"The whole library ({_papers(counts.total)})", counts.total),
        )
        for row, (scope, text, available) in enumerate(rows):
            button = QRadioButton(text)
            button.setObjectName(f"scope_{scope.value}")
            button.setEnabled(available > 0)
            self.scopes.addButton(button, row)
            self.buttons[scope] = button
            grid.addWidget(button, row, 0)
        grid.addWidget(self.tag, 3, 1)
        grid.addWidget(self.collection, 4, 1)
        grid.setColumnStretch(1, 1)
        self.tag.setEnabled(bool(counts.tags))
        self.collection.setEnabled(bool(counts.collections))
        self.tag.activated.connect(lambda _i: self.buttons[Scope.TAG].setChecked(True))
        self.collection.activated.connect(
            lambda _i: self.buttons[Scope.COLLECTION].setChecked(True))
        start = Scope.SELECTION if counts.selection > 1 else Scope.VIEW
        self.buttons[start if self.buttons[start].isEnabled() else Scope.LIBRARY].setChecked(True)
        papers = QGroupBox("Papers")
        papers.setLayout(grid)

        self.abstracts = QCheckBox("Include abstracts")
        self.group_by = QComboBox()
        for group, title in GROUP_TITLES.items():
            self.group_by.addItem(title, group.value)
        self.markdown = QGroupBox("Markdown reading list")
        markdown_form = QFormLayout(self.markdown)
        markdown_form.addRow(self.abstracts)
        markdown_form.addRow("Group by:", self.group_by)
        self.format.currentIndexChanged.connect(self._format_changed)
        self._format_changed()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton("Export…", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Format:", self.format)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(papers)
        layout.addWidget(self.markdown)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def select_scope(self, scope: Scope, name: str = "") -> None:
        """Choose scope (and the tag or collection called name)."""
        self.buttons[scope].setChecked(True)
        combo = {Scope.TAG: self.tag, Scope.COLLECTION: self.collection}.get(scope)
        if combo is not None and name:
            combo.setCurrentIndex(combo.findText(name))

    def choice(self) -> ExportChoice:
        scope = next(s for s, button in self.buttons.items() if button.isChecked())
        name = {Scope.TAG: self.tag, Scope.COLLECTION: self.collection}.get(scope)
        options = ExportOptions(abstracts=self.abstracts.isChecked(),
                                group_by=GroupBy(self.group_by.currentData()))
        return ExportChoice(str(self.format.currentData()), scope,
                            name.currentText() if name is not None else "", options)

    def _format_changed(self) -> None:
        self.markdown.setEnabled(self.format.currentData() == "markdown")
