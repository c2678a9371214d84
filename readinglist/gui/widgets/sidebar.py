"""The sidebar: library views, collections, tags and saved searches, each with a live count."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QFont, QIcon, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
)

from readinglist.core.errors import InvalidQuery
from readinglist.gui import views
from readinglist.gui.icons import icon, swatch

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from readinglist.core.library import Library
    from readinglist.core.records import CollectionInfo, SavedSearchInfo, TagInfo
    from readinglist.gui.tagcolors import TagColors

ViewRole = Qt.ItemDataRole.UserRole + 10
CountRole = Qt.ItemDataRole.UserRole + 11
SectionRole = Qt.ItemDataRole.UserRole + 12

STATUS_ITEMS = (
    ("inbox", "Inbox", "inbox"),
    ("queued", "Queue", "queue"),
    ("reading", "Reading", "reading"),
    ("read", "Read", "read"),
    ("skipped", "Skipped", "skip"),
)


@dataclass(slots=True)
class SidebarData:
    """A snapshot of what the sidebar lists (read from the library in one go)."""

    total: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    collections: list[CollectionInfo] = field(default_factory=list)
    tags: list[TagInfo] = field(default_factory=list)
    searches: list[tuple[SavedSearchInfo, int | None]] = field(default_factory=list)
    last_import: list[int] | None = None
    duplicates: int = 0
    """Likely duplicate pairs waiting for review."""
    counted: bool = True
    """False for an outline: names only, each item keeps the count it showed (if any)."""


def load_outline(library: Library, last_import: list[int] | None = None) -> SidebarData:
    """Read the names the sidebar lists without counting papers (cheap at any size)."""
    collections, tags, searches = library.sidebar_names()
    return SidebarData(collections=collections, tags=tags,
                       searches=[(saved, None) for saved in searches],
                       last_import=last_import, counted=False)


def load_sidebar(library: Library, last_import: list[int] | None = None) -> SidebarData:
    """Read counts, collections, tags and saved searches (with their match counts)."""
    searches: list[tuple[SavedSearchInfo, int | None]] = []
    for saved in library.saved_searches():
        try:
            count: int | None = len(library.search(saved.query).ids)
        except InvalidQuery:
            count = None
        searches.append((saved, count))
    return SidebarData(
        total=library.count(),
        statuses=library.status_counts(),
        collections=library.collections(),
        tags=library.tags(),
        searches=searches,
        last_import=last_import,
        duplicates=len(library.duplicate_pairs()),
    )


class _CountDelegate(QStyledItemDelegate):
    """Draw the item as usual with its count right-aligned in a soft colour."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        count = index.data(CountRole)
        if index.data(SectionRole):
            self._paint_section(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        count_text = "" if count < 0 else f"{count:,}"
        count_width = opt.fontMetrics.horizontalAdvance(count_text) + 14 if count_text else 0
        widget = opt.widget
        if count_text:
            # Leave room for the count by eliding the name earlier.
            opt.rect = QRect(opt.rect)
            full = QRect(opt.rect)
            opt.rect.setRight(opt.rect.right() - count_width)
            background = QStyleOptionViewItem(option)
            self.initStyleOption(background, index)
            background.text = ""
            background.icon = type(opt.icon)()
            if widget is not None:
                widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, background,
                                           painter, widget)
            opt.state &= ~QStyle.StateFlag.State_Selected
            opt.state &= ~QStyle.StateFlag.State_MouseOver
            opt.backgroundBrush = QBrush(Qt.GlobalColor.transparent)
            selected = bool(option.state & QStyle.StateFlag.State_Selected)
            if selected:
                opt.palette.setColor(QPalette.ColorRole.Text,
                                     option.palette.color(QPalette.ColorRole.HighlightedText))
                # The selection is drawn above, so draw the icon as a selected one here.
                size = opt.decorationSize
                opt.icon = QIcon(opt.icon.pixmap(size, QIcon.Mode.Selected))
            if widget is not None:
                widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter,
                                           widget)
            painter.save()
            role = (QPalette.ColorRole.HighlightedText if selected
                    else QPalette.ColorRole.PlaceholderText)
            painter.setPen(option.palette.color(role))
            painter.drawText(full.adjusted(0, 0, -10, 0),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             count_text)
            painter.restore()
        else:
            super().paint(painter, opt, index)

    def _paint_section(self, painter: QPainter, option: QStyleOptionViewItem,
                       index: QModelIndex | QPersistentModelIndex) -> None:
        painter.save()
        font = QFont(option.font)
        font.setBold(True)
        font.setPointSizeF(max(option.font.pointSizeF() - 1.5, 7))
        font.setCapitalization(QFont.Capitalization.AllUppercase)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 106)
        painter.setFont(font)
        painter.setPen(option.palette.color(QPalette.ColorRole.PlaceholderText))
        rect = option.rect.adjusted(4, 6, 0, 0)
        painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         str(index.data(Qt.ItemDataRole.DisplayRole)))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        extra = 16 if index.data(SectionRole) else 8
        return QSize(size.width(), max(size.height() + extra, 26))


class Sidebar(QTreeWidget):
    """List the library's views; selecting one asks the list to show it."""

    view_selected = Signal(object)
    """A ListView the user picked."""

    def __init__(self, colors: TagColors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.colors = colors
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setIndentation(0)
        self.setUniformRowHeights(False)
        self.setIconSize(QSize(16, 16))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setItemDelegate(_CountDelegate(self))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._views: dict[str, views.ListView] = {}
        self._populating = False
        self.currentItemChanged.connect(self._current_changed)

    # -- content ----------------------------------------------------------------------------

    def populate(self, data: SidebarData) -> None:
        """Rebuild the items from data, keeping the selected view selected.

        An outline (``data.counted`` False) keeps the counts already shown by key.
        """
        current = self.current_key()
        shown = {} if data.counted else self._shown_counts()

        def count_of(key: str, count: int | None) -> int | None:
            return count if data.counted else shown.get(key)

        self._populating = True
        scroll = self.verticalScrollBar().value()
        try:
            self.clear()
            self._views.clear()
            library = self._section("Library")
            self._add(library, views.ALL_VIEW, count_of(views.ALL, data.total), icon("all"))
            for status, title, icon_name in STATUS_ITEMS:
                view = views.status_view(status, title)
                self._add(library, view, count_of(view.key, data.statuses.get(status, 0)),
                          icon(icon_name))
            if data.last_import is not None:
                self._add(library, views.import_view(data.last_import), len(data.last_import),
                          icon("recent"))
            section = self._section("Discover")
            for page, title in (("recommended", "Recommended"),
                                ("duplicates", "Possible duplicates"), ("insights", "Insights")):
                view = views.discovery_view(page, title)
                count = data.duplicates if page == "duplicates" and data.duplicates else None
                self._add(section, view, count_of(view.key, count), icon(page))
            if data.collections:
                section = self._section("Collections")
                for collection in data.collections:
                    view = views.collection_view(collection.name)
                    self._add(section, view, count_of(view.key, collection.count),
                              icon("collection"), tooltip=collection.source)
            if data.tags:
                section = self._section("Tags")
                for tag in data.tags:
                    view = views.tag_view(tag.name)
                    self._add(section, view, count_of(view.key, tag.count),
                              swatch(self.colors.color(tag.name)))
            if data.searches:
                section = self._section("Saved Searches")
                for saved, matches in data.searches:
                    view = views.saved_search_view(saved.name, saved.query)
                    self._add(section, view, count_of(view.key, matches), icon("search"),
                              tooltip=saved.query)
            self.expandAll()
            found = self.select_key(current or views.ALL, emit=False)
            self.verticalScrollBar().setValue(scroll)
        finally:
            self._populating = False
        if not found:
            self.select_key(views.ALL)  # the selected collection or tag is gone

    def current_key(self) -> str | None:
        item = self.currentItem()
        return (item.data(0, ViewRole) or None) if item is not None else None

    def view(self, key: str) -> views.ListView | None:
        return self._views.get(key)

    def select_key(self, key: str, emit: bool = True) -> bool:
        """Select the view with key; return False when there is none."""
        for item in self._items():
            if item.data(0, ViewRole) == key:
                blocked = self.signalsBlocked()
                self.blockSignals(not emit)
                self.setCurrentItem(item)
                self.blockSignals(blocked)
                return True
        return False

    def clear_selection(self) -> None:
        self.blockSignals(True)
        self.setCurrentIndex(QModelIndex())
        self.clearSelection()
        self.blockSignals(False)

    # -- internals --------------------------------------------------------------------------

    def _section(self, title: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self, [title])
        # Every role gets a value, so lookups never meet an empty QVariant.
        item.setData(0, SectionRole, True)
        item.setData(0, ViewRole, "")
        item.setData(0, CountRole, -1)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        return item

    def _add(self, parent: QTreeWidgetItem, view: views.ListView, count: int | None,
             item_icon: object, tooltip: str = "") -> None:
        item = QTreeWidgetItem(parent, [view.title])
        item.setData(0, ViewRole, view.key)
        item.setData(0, CountRole, -1 if count is None else count)
        item.setData(0, SectionRole, False)
        item.setIcon(0, item_icon)  # type: ignore[arg-type]
        item.setToolTip(0, tooltip or view.title)
        self._views[view.key] = view

    def _shown_counts(self) -> dict[str, int | None]:
        counts: dict[str, int | None] = {}
        for item in self._items():
            count = int(item.data(0, CountRole))
            counts[str(item.data(0, ViewRole))] = None if count < 0 else count
        return counts

    def _items(self) -> list[QTreeWidgetItem]:
        found: list[QTreeWidgetItem] = []
        for top in range(self.topLevelItemCount()):
            section = self.topLevelItem(top)
            if section is not None:
                found += [c for i in range(section.childCount()) if (c := section.child(i))]
        return found

    def _current_changed(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        if current is None or self._populating:
            return
        view = self._views.get(current.data(0, ViewRole))
        if view is not None:
            self.view_selected.emit(view)
