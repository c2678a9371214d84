"""The paper list view: a table over PaperModel with painted columns and a header menu."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QPaintEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView

from readinglist.gui.columns import Column
from readinglist.gui.widgets.delegates import (
    ChipsDelegate,
    StarDelegate,
    StatusDelegate,
    TextDelegate,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from PySide6.QtWidgets import QWidget

    from readinglist.gui.models import PaperModel
    from readinglist.gui.tagcolors import TagColors


class PaperView(QTableView):
    """Show papers; many can be selected; columns can be hidden, moved, resized and sorted."""

    default_order_requested = Signal()
    """The header menu asked for the default order (relevance while filtering)."""

    def __init__(self, model: PaperModel, colors: TagColors, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("paperList")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.setSortingEnabled(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        vertical = self.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(max(self.fontMetrics().height() + 12, 26))
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        header.setMinimumSectionSize(40)
        self._delegates = {
            Column.RATING: StarDelegate(self),
            Column.STATUS: StatusDelegate(self),
            Column.TAGS: ChipsDelegate(colors, self),
            **{column: TextDelegate(column, self) for column in
               (Column.TITLE, Column.COLLECTIONS, Column.ADDED, Column.QUEUE)},
        }
        for column, delegate in self._delegates.items():
            self.setItemDelegateForColumn(column, delegate)
        self.reset_columns()
        self.verticalScrollBar().valueChanged.connect(self._prefetch)

    def paper_model(self) -> PaperModel:
        return self.model()  # type: ignore[return-value]

    def reset_columns(self) -> None:
        """Restore the shipped column layout: order, widths, visibility, title stretching."""
        header = self.horizontalHeader()
        for column in Column:
            visual = header.visualIndex(column)
            if visual != column:
                header.moveSection(visual, column)
            header.setSectionHidden(column, not column.spec.visible)
            header.resizeSection(column, column.spec.width)
            mode = QHeaderView.ResizeMode.Stretch if column == Column.TITLE \
                else QHeaderView.ResizeMode.Interactive
            header.setSectionResizeMode(column, mode)

    # -- selection by id ------------------------------------------------------------------

    def selected_rows(self) -> list[int]:
        """Return the selected rows in order, read from the selection's ranges.

        ``selectedRows()`` checks every cell and takes seconds for 100,000 selected papers.
        """
        rows: set[int] = set()
        selection = self.selectionModel().selection()
        for index in range(selection.count()):
            selected = selection.at(index)
            rows.update(range(selected.top(), selected.bottom() + 1))
        return sorted(rows)

    def keyboardSearch(self, search: str) -> None:  # noqa: N802
        """Ignore letters that are no shortcut: jumping to a title would move the cursor."""

    def selected_count(self) -> int:
        return len(self.selected_rows())

    def selected_ids(self) -> list[int]:
        """Return the selected papers' ids in list order."""
        ids = self.paper_model().ids
        return [ids[row] for row in self.selected_rows() if row < len(ids)]

    def current_id(self) -> int | None:
        index = self.currentIndex()
        return self.paper_model().paper_id(index.row()) if index.isValid() else None

    def select_ids(self, ids: Iterable[int], current: int | None, fallback_row: int) -> None:
        """Select the papers still listed; put the cursor on current or near fallback_row."""
        model = self.paper_model()
        rows = sorted(model.rows_of(ids).values())
        selection = QItemSelection()
        last_column = model.columnCount() - 1
        start = previous = None
        for row in [*rows, None]:
            if row is not None and previous is not None and row == previous + 1:
                previous = row
                continue
            if start is not None and previous is not None:
                selection.select(model.index(start, 0), model.index(previous, last_column))
            start = previous = row
        current_row = model.row_of(current) if current is not None else None
        if current_row is None and model.rowCount() > 0:
            current_row = min(max(fallback_row, 0), model.rowCount() - 1)
            if not rows:
                selection.select(model.index(current_row, 0),
                                 model.index(current_row, last_column))
        flags = QItemSelectionModel.SelectionFlag
        selection_model = self.selectionModel()
        if current_row is not None:
            selection_model.setCurrentIndex(model.index(current_row, Column.TITLE),
                                            flags.NoUpdate)
        selection_model.select(selection, flags.ClearAndSelect)
        if current_row is not None:
            self.scrollTo(model.index(current_row, Column.TITLE))

    def move_cursor(self, step: int) -> None:
        """Move the cursor (and the selection) step rows down or up."""
        model = self.paper_model()
        if model.rowCount() == 0:
            return
        row = self.currentIndex().row()
        row = 0 if row < 0 else min(max(row + step, 0), model.rowCount() - 1)
        index = model.index(row, Column.TITLE)
        flags = QItemSelectionModel.SelectionFlag
        self.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
        self.scrollTo(index)

    # -- internals --------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        self._prefetch()  # rows about to be drawn are loaded first, never drawn blank
        super().paintEvent(event)

    def _prefetch(self) -> None:
        top = self.rowAt(0)
        bottom = self.rowAt(self.viewport().height() - 1)
        if top >= 0:
            self.paper_model().ensure_rows(top, bottom if bottom >= 0 else top + 100)

    def _header_menu(self, position: QPoint) -> None:
        header = self.horizontalHeader()
        menu = QMenu(self)
        for column in Column:
            action = QAction(column.spec.header, menu)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.setEnabled(column != Column.TITLE)
            action.toggled.connect(
                lambda shown, c=column: header.setSectionHidden(c, not shown))
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction("Default Order", self.default_order_requested.emit)
        menu.addAction("Reset Columns", self.reset_columns)
        menu.popup(header.mapToGlobal(position))
