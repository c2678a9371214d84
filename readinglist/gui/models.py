"""The paper list model: the current search's ids, with rows fetched lazily in blocks.

Like Anki's browser table model, the model holds only ids; rows come from
``Library.rows`` a block at a time and are cached. ``data()`` never queries: a row not
yet cached is drawn empty and its block is loaded on the next turn of the event loop
(the view also asks for the visible blocks before it paints, see ``ensure_rows``).
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import UTC, date, datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from readinglist.core.models import Status
from readinglist.gui.columns import Column
from readinglist.gui.icons import icon

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from PySide6.QtGui import QIcon

    from readinglist.core.library import Library
    from readinglist.core.records import PaperRow

BLOCK = 200
MAX_BLOCKS = 64
RowRole = Qt.ItemDataRole.UserRole + 1
"""The whole PaperRow (for delegates)."""
IdRole = Qt.ItemDataRole.UserRole + 2

STATUS_TEXT = {
    Status.INBOX: "Inbox",
    Status.QUEUED: "Queued",
    Status.READING: "Reading",
    Status.READ: "Read",
    Status.SKIPPED: "Skipped",
}

_Index = QModelIndex | QPersistentModelIndex
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_ID_ROLE = int(IdRole)
_ROW_ROLE = int(RowRole)
_SERVED_ROLES = frozenset(
    {_DISPLAY, _TOOLTIP, _DECORATION, _ID_ROLE, _ROW_ROLE,
     int(Qt.ItemDataRole.TextAlignmentRole)}
)
_COLUMNS = tuple(Column)
_TIPPED = frozenset({Column.TITLE, Column.TAGS, Column.COLLECTIONS})
_RIGHT_ALIGNED = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_NO_FLAGS = Qt.ItemFlag.NoItemFlags


class PaperModel(QAbstractTableModel):
    """A table over a list of paper ids."""

    sort_requested = Signal(int, bool)
    """(column, descending): a header was clicked; the list controller searches again."""

    def __init__(self, library: Library, parent: Any = None) -> None:
        super().__init__(parent)
        self.library = library
        self._ids: list[int] = []
        self.complete = True
        """False while the list shows only the first part of its search's answer."""
        self._blocks: OrderedDict[int, list[PaperRow | None]] = OrderedDict()
        self._wanted: set[int] = set()
        self._loader = QTimer(self)
        self._loader.setSingleShot(True)
        self._loader.setInterval(0)
        self._loader.timeout.connect(self._load_wanted)

    # -- ids --------------------------------------------------------------------------

    @property
    def ids(self) -> list[int]:
        return self._ids

    def set_ids(self, ids: Sequence[int], complete: bool = True) -> None:
        """Show ids (in order), dropping every cached row; complete=False: more follow."""
        self.beginResetModel()
        self._ids = list(ids)
        self.complete = complete
        self._blocks.clear()
        self._wanted.clear()
        self.endResetModel()
        self.ensure_rows(0, min(BLOCK, len(self._ids)) - 1)

    def forget_rows(self) -> None:
        """Drop every cached row (the library changed elsewhere); ids and selection stay."""
        self._blocks.clear()
        if self._ids:
            last = self.columnCount() - 1
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, last))

    def extend_ids(self, ids: Sequence[int]) -> bool:
        """Show the whole answer whose start the list shows; False if ids do not start so.

        Rows already shown keep their place, selection and cached data.
        """
        shown = len(self._ids)
        if list(ids[:shown]) != self._ids:
            return False
        self.complete = True
        if len(ids) > shown:
            self._blocks.pop(shown // BLOCK, None)  # a short last block grows
            self.beginInsertRows(QModelIndex(), shown, len(ids) - 1)
            self._ids.extend(ids[shown:])
            self.endInsertRows()
        return True

    def paper_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, paper_id: int) -> int | None:
        return self.rows_of([paper_id]).get(paper_id)

    def rows_of(self, paper_ids: Iterable[int]) -> dict[int, int]:
        """Return id -> row for those of paper_ids the list shows (one pass, no index kept:
        a million-row list would need 100 MB for one)."""
        wanted = set(paper_ids)
        if not wanted:
            return {}
        if len(wanted) == 1:
            (only,) = wanted
            try:
                return {only: self._ids.index(only)}
            except ValueError:
                return {}
        return {pid: row for row, pid in enumerate(self._ids) if pid in wanted}

    def paper_row(self, row: int) -> PaperRow | None:
        """Return the cached row (loading its block now if needed)."""
        self.ensure_rows(row, row)
        return self._cached(row)

    def refresh_papers(self, paper_ids: Iterable[int]) -> None:
        """Reload the cached rows of papers whose fields changed and repaint them.

        Only cached blocks can show stale data (the others load fresh when painted), so
        only they are looked at: the cost follows the cache, not the list's length.
        """
        changed = set(paper_ids)
        stale = sorted(
            b for b in self._blocks
            if not changed.isdisjoint(self._ids[b * BLOCK:(b + 1) * BLOCK])
        )
        if not stale:
            return
        for block in stale:
            del self._blocks[block]  # reloaded when next painted
        last = self.columnCount() - 1
        end = min((stale[-1] + 1) * BLOCK, len(self._ids)) - 1
        self.dataChanged.emit(self.index(stale[0] * BLOCK, 0), self.index(end, last))

    # -- loading --------------------------------------------------------------------------

    def ensure_rows(self, first: int, last: int) -> None:
        """Load the blocks covering rows first..last that are not cached yet."""
        if first < 0 or last < first or not self._ids:
            return
        last = min(last, len(self._ids) - 1)
        missing = [b for b in range(first // BLOCK, last // BLOCK + 1) if b not in self._blocks]
        if missing:
            self._load(missing)

    def cached_row(self, row: int) -> PaperRow | None:
        """Return the row if its block is loaded, else None and queue the block's loading."""
        if not 0 <= row < len(self._ids):
            return None
        paper = self._cached(row)
        if paper is None:
            self._wanted.add(row // BLOCK)
            self._loader.start()
        return paper

    def _cached(self, row: int) -> PaperRow | None:
        block = self._blocks.get(row // BLOCK)
        if block is None:
            return None
        self._blocks.move_to_end(row // BLOCK)
        return block[row % BLOCK]

    def _load(self, blocks: list[int]) -> None:
        ids = [pid for b in blocks for pid in self._ids[b * BLOCK:(b + 1) * BLOCK]]
        found = {row.id: row for row in self.library.rows(ids)}
        for b in blocks:
            self._blocks[b] = [found.get(pid) for pid in self._ids[b * BLOCK:(b + 1) * BLOCK]]
            self._blocks.move_to_end(b)
        while len(self._blocks) > MAX_BLOCKS:
            self._blocks.popitem(last=False)

    def _load_wanted(self) -> None:
        wanted = sorted(b for b in self._wanted if b not in self._blocks)
        self._wanted.clear()
        if not wanted:
            return
        self._load(wanted)
        last = self.columnCount() - 1
        for b in wanted:
            end = min((b + 1) * BLOCK, len(self._ids)) - 1
            self.dataChanged.emit(self.index(b * BLOCK, 0), self.index(end, last))

    # -- Qt model interface ---------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        spec = Column(section).spec
        if role == Qt.ItemDataRole.DisplayRole:
            return spec.header
        if role == Qt.ItemDataRole.ToolTipRole:
            return spec.tooltip or None
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        # Called for every row when selecting all: keep it to a constant.
        return _ROW_FLAGS if index.isValid() else _NO_FLAGS

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called several times per painted cell: answer the roles it does not serve first.
        if role not in _SERVED_ROLES or not index.isValid():
            return None
        row = index.row()
        if not 0 <= row < len(self._ids):
            return None
        if role == _ID_ROLE:
            return self._ids[row]
        paper = self._cached(row)
        if paper is None:
            self._wanted.add(row // BLOCK)
            self._loader.start()
            return None
        if role == _ROW_ROLE:
            return paper
        column = _COLUMNS[index.column()]
        if role == _DISPLAY:
            return display_text(paper, column)
        if role == _TOOLTIP:
            return display_text(paper, column) if column in _TIPPED else None
        if role == _DECORATION:
            return note_icon() if column == Column.TITLE and paper.has_note else None
        if column in (Column.ADDED, Column.QUEUE):  # the alignment role
            return _RIGHT_ALIGNED
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Ask the owner to search again in a new order (the core sorts, not the model)."""
        self.sort_requested.emit(column, order == Qt.SortOrder.DescendingOrder)


@cache
def note_icon() -> QIcon:
    """The mark of a paper with a note, beside its title."""
    return icon("note", "#8a939d")


def local_time(moment: datetime) -> datetime:
    """Return a stored moment in the local time zone (the core stores naive UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone()


def short_date(moment: datetime, today: date | None = None) -> str:
    """Return "Today", "Yesterday", "25 Nov" this year, or "25 Nov 2024" (as mail clients do).

    moment is as stored (naive UTC); the day is the local one, as "today" is.
    """
    today = today or date.today()
    day = local_time(moment).date()
    if day == today:
        return "Today"
    if (today - day).days == 1:
        return "Yesterday"
    if day.year == today.year:
        return f"{day.day} {day:%b}"
    return f"{day.day} {day:%b %Y}"


def display_text(paper: PaperRow, column: Column) -> str:
    """Return what the list shows of paper in column."""
    if column == Column.TITLE:
        return paper.title
    if column == Column.RATING:
        return "" if paper.rating is None else "★" * paper.rating
    if column == Column.STATUS:
        return STATUS_TEXT.get(Status(paper.status), paper.status)
    if column == Column.TAGS:
        return ", ".join(paper.tags)
    if column == Column.COLLECTIONS:
        return ", ".join(paper.collections)
    if column == Column.ADDED:
        return short_date(paper.added_at)
    if column == Column.QUEUE:
        return "" if paper.queue_position is None else str(paper.queue_position)
    return ""
