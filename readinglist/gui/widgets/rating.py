"""A row of five stars: shows a rating and sets one by click."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

from readinglist.gui.widgets.delegates import STAR_EMPTY, paint_stars

if TYPE_CHECKING:
    from PySide6.QtGui import QMouseEvent, QPaintEvent

STAR = 18


class RatingWidget(QWidget):
    """Five clickable stars; clicking the current rating clears it."""

    rating_chosen = Signal(object)
    """The new rating (0-5) or None to clear."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rating: int | None = None
        self._hover: int | None = None
        self.setMouseTracking(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Click a star to rate (keys 0 to 5); click the same star again to clear")

    def rating(self) -> int | None:
        return self._rating

    def set_rating(self, rating: int | None) -> None:
        if rating != self._rating:  # papers in a row often share a rating: no repaint
            self._rating = rating
            self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(5 * (STAR + 1) + 2, STAR + 6)

    def _star_at(self, x: float) -> int:
        return max(1, min(5, int(x // (STAR + 1)) + 1))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._hover = self._star_at(event.position().x())
        self.update()

    def leaveEvent(self, _event: object) -> None:  # noqa: N802
        self._hover = None
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton:
            return
        stars = self._star_at(event.position().x())
        self.rating_chosen.emit(None if stars == self._rating else stars)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        shown = self._hover if self._hover is not None else self._rating
        empty = QColor(STAR_EMPTY) if self._rating is not None or self._hover else QColor("#dde1e6")
        paint_stars(painter, QRect(1, 0, self.width(), self.height()), shown, float(STAR), empty)
        painter.end()
