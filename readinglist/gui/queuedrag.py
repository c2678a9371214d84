"""Drag rows of the Queue view to reorder the reading queue (one undoable ReorderQueue).

An event filter on the paper list's viewport, live only while the list shows the queue in
queue order: the model and the view stay unaware of dragging.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QMimeData, QObject, QPoint, Qt
from PySide6.QtGui import QDrag
from PySide6.QtWidgets import QApplication, QFrame

from readinglist.core.commands import ReorderQueue
from readinglist.core.errors import ReadingListError
from readinglist.gui.columns import Column
from readinglist.gui.style import ACCENT

if TYPE_CHECKING:
    from collections.abc import Sequence

    from PySide6.QtGui import QDragMoveEvent, QDropEvent, QMouseEvent

    from readinglist.gui.mainwindow import MainWindow

MIME_TYPE = "application/x-readinglist-paper-ids"
QUEUE_KEY = "status:queued"


def moved_before(order: Sequence[int], moving: Sequence[int], before: int | None) -> list[int]:
    """Return order with moving (in queue order) put just before paper before (None: last)."""
    chosen = set(moving)
    kept = [pid for pid in order if pid in chosen]
    rest = [pid for pid in order if pid not in chosen]
    if before in chosen:  # dropped among the moving rows: before the next one that stays
        after = order[order.index(before):]
        before = next((pid for pid in after if pid not in chosen), None)
    at = rest.index(before) if before in rest else len(rest)
    return [*rest[:at], *kept, *rest[at:]]


class QueueDrag(QObject):
    """Start drags from selected queue rows and turn drops into a new queue order."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.view = window.paper_view
        self._press: QPoint | None = None
        self.indicator = QFrame(self.view.viewport())
        self.indicator.setStyleSheet(f"background: {ACCENT};")
        self.indicator.setFixedHeight(2)
        self.indicator.hide()
        self.view.setAcceptDrops(True)
        self.view.viewport().installEventFilter(self)

    def enabled(self) -> bool:
        """Return whether the list shows the whole queue in queue order."""
        controller = self.window.list
        if controller.list_view.key != QUEUE_KEY or controller.text.strip():
            return False
        return not controller.explicit_sort or (controller.sort_column == Column.QUEUE
                                                and not controller.descending)

    def drop(self, ids: Sequence[int], row: int) -> bool:
        """Move ids to just above list row (the end when row is past the last); True if moved."""
        model = self.window.model
        before = model.paper_id(row) if 0 <= row < model.rowCount() else None
        try:
            order = self.window.library.queue()
        except ReadingListError as error:
            self.window.ops.failed.emit(str(error))
            return False
        moving = [pid for pid in order if pid in set(ids)]
        new_order = moved_before(order, moving, before)
        if not moving or new_order == order:
            return False
        noun = "paper" if len(moving) == 1 else f"{len(moving)} papers"
        return self.window.ops.execute(ReorderQueue(new_order, f"move {noun} in the queue"))

    # -- events ---------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            return self._drag_move(event)  # type: ignore[arg-type]
        if kind == QEvent.Type.DragLeave:
            self.indicator.hide()
            return False
        if kind == QEvent.Type.Drop:
            return self._dropped(event)  # type: ignore[arg-type]
        if not self.enabled():
            return False
        if kind == QEvent.Type.MouseButtonPress:
            return self._pressed(event)  # type: ignore[arg-type]
        if kind == QEvent.Type.MouseMove and self._press is not None:
            return self._moved(event)  # type: ignore[arg-type]
        if kind == QEvent.Type.MouseButtonRelease and self._press is not None:
            row = self.view.rowAt(self._press.y())
            self._press = None
            if row >= 0:
                self.view.select_ids([self.window.model.paper_id(row)],
                                     self.window.model.paper_id(row), row)
            return True
        return False

    def _pressed(self, event: QMouseEvent) -> bool:
        self._press = None
        position = event.position().toPoint()
        row = self.view.rowAt(position.y())
        plain = event.modifiers() == Qt.KeyboardModifier.NoModifier
        if (event.button() == Qt.MouseButton.LeftButton and plain and row >= 0
                and row in self.view.selected_rows()):
            self._press = position  # keep the selection: this may start a drag
            return True
        return False

    def _moved(self, event: QMouseEvent) -> bool:
        assert self._press is not None
        distance = (event.position().toPoint() - self._press).manhattanLength()
        if distance < QApplication.startDragDistance():
            return True
        self._press = None
        ids = self.view.selected_ids()
        mime = QMimeData()
        mime.setData(MIME_TYPE, QByteArray(",".join(map(str, ids)).encode()))
        drag = QDrag(self.view)
        drag.setMimeData(mime)
        drag.exec(Qt.DropAction.MoveAction)
        self.indicator.hide()
        return True

    def _drag_move(self, event: QDragMoveEvent) -> bool:
        if not event.mimeData().hasFormat(MIME_TYPE) or not self.enabled():
            return False
        row = self._row_at(event.position().toPoint())
        model = self.window.model
        if row < model.rowCount():
            top = self.view.visualRect(model.index(row, 0)).top()
        else:
            last = self.view.visualRect(model.index(model.rowCount() - 1, 0))
            top = last.bottom() + 1
        self.indicator.setGeometry(0, max(top - 1, 0), self.view.viewport().width(), 2)
        self.indicator.show()
        self.indicator.raise_()
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()
        return True

    def _dropped(self, event: QDropEvent) -> bool:
        self.indicator.hide()
        if not event.mimeData().hasFormat(MIME_TYPE) or not self.enabled():
            return False
        raw = bytes(event.mimeData().data(MIME_TYPE).data()).decode()
        ids = [int(part) for part in raw.split(",") if part.strip().isdigit()]
        self.drop(ids, self._row_at(event.position().toPoint()))
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()
        return True

    def _row_at(self, position: QPoint) -> int:
        """Return the row a drop at position goes above (rowCount for the end)."""
        row = self.view.rowAt(position.y())
        if row < 0:
            return self.window.model.rowCount()
        rect = self.view.visualRect(self.window.model.index(row, 0))
        return row + 1 if position.y() > rect.center().y() else row
