"""Paint the paper list's rating stars, status pills and tag chips (no widget per row)."""

from __future__ import annotations

import math
from collections import OrderedDict
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QIcon,
    QPainter,
    QPainterPath,
    QPalette,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from readinglist.gui.columns import Column
from readinglist.gui.models import STATUS_TEXT, PaperModel, display_text, note_icon

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable, Sequence

    from PySide6.QtCore import QModelIndex, QPersistentModelIndex
    from PySide6.QtWidgets import QWidget

    from readinglist.core.records import PaperRow
    from readinglist.gui.tagcolors import TagColors

STAR_GOLD = QColor("#e0a100")
STAR_EMPTY = QColor("#c9ced6")
STATUS_COLORS = {
    "inbox": QColor("#5b6b7f"),
    "queued": QColor("#2f6fd6"),
    "reading": QColor("#8a4fd1"),
    "read": QColor("#2e8b57"),
    "skipped": QColor("#9aa3ad"),
}


def star_polygon(center: QPointF, radius: float) -> QPolygonF:
    """Return a five-pointed star around center."""
    points = []
    for i in range(10):
        r = radius if i % 2 == 0 else radius * 0.45
        angle = -math.pi / 2 + i * math.pi / 5
        points.append(QPointF(center.x() + r * math.cos(angle), center.y() + r * math.sin(angle)))
    return QPolygonF(points)


def paint_stars(painter: QPainter, rect: QRect, rating: int | None, size: float = 14.0,
                empty: QColor = STAR_EMPTY) -> None:
    """Draw five stars left-aligned in rect, rating of them filled."""
    ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
    stars = _star_strip(rating or 0, size, empty.rgba(), ratio)
    top = rect.center().y() + 0.5 - size / 2
    painter.drawPixmap(QPointF(rect.left(), top), stars)


class _PixmapCache:
    """Pixmaps drawn once and reused for every row that looks the same."""

    def __init__(self, capacity: int = 512) -> None:
        self.capacity = capacity
        self._pixmaps: OrderedDict[Hashable, QPixmap] = OrderedDict()

    def get(self, key: Hashable, draw: Callable[[], QPixmap]) -> QPixmap:
        pixmap = self._pixmaps.get(key)
        if pixmap is None:
            pixmap = self._pixmaps[key] = draw()
            if len(self._pixmaps) > self.capacity:
                self._pixmaps.popitem(last=False)
        else:
            self._pixmaps.move_to_end(key)
        return pixmap


_STARS = _PixmapCache(64)


def _star_strip(rating: int, size: float, empty: int, ratio: float) -> QPixmap:
    def draw() -> QPixmap:
        width, height = 5 * (size + 1), size + 1
        pixmap = QPixmap(math.ceil(width * ratio), math.ceil(height * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        for i in range(5):
            center = QPointF(size / 2 + i * (size + 1), size / 2)
            painter.setBrush(STAR_GOLD if i < rating else QColor.fromRgba(empty))
            painter.drawPolygon(star_polygon(center, size / 2))
        painter.end()
        return pixmap

    return _STARS.get((rating, size, empty, ratio), draw)


class _RowDelegate(QStyledItemDelegate):
    """Draw the item background (selection, hover) then let subclasses paint content."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        # Only the cell's panel (selection, hover): the content is painted here, so the
        # model's text, font and decoration (initStyleOption) are not needed.
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter,
                                widget)
        # Ask the model directly: cheaper than a QVariant round trip per painted cell.
        model = index.model()
        paper = model.cached_row(index.row()) if isinstance(model, PaperModel) else None
        if paper is not None:
            selected = bool(option.state & QStyle.StateFlag.State_Selected)
            self.paint_content(painter, option.rect.adjusted(6, 0, -4, 0), paper, selected,
                               option)

    def paint_content(self, painter: QPainter, rect: QRect, paper: PaperRow, selected: bool,
                      option: QStyleOptionViewItem) -> None:
        raise NotImplementedError


class TextDelegate(_RowDelegate):
    """Draw a column's text straight from the cached row (the title with its note mark)."""

    def __init__(self, column: Column, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.column = column
        right = column in (Column.ADDED, Column.QUEUE)
        horizontal = Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft
        self.alignment = horizontal | Qt.AlignmentFlag.AlignVCenter

    def paint_content(self, painter: QPainter, rect: QRect, paper: PaperRow, selected: bool,
                      option: QStyleOptionViewItem) -> None:
        if self.column == Column.TITLE and paper.has_note:
            size = 16
            mode = QIcon.Mode.Selected if selected else QIcon.Mode.Normal
            top = rect.center().y() - size // 2 + 1
            note_icon().paint(painter, QRect(rect.left(), top, size, size),
                              Qt.AlignmentFlag.AlignCenter, mode)
            rect = rect.adjusted(size + 4, 0, 0, 0)
        text = display_text(paper, self.column)
        if not text:
            return
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(option.palette.color(role))
        elided = option.fontMetrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect, self.alignment, elided)


class StarDelegate(_RowDelegate):
    def paint_content(self, painter: QPainter, rect: QRect, paper: PaperRow, selected: bool,
                      option: QStyleOptionViewItem) -> None:
        if paper.rating is None:
            return
        empty = QColor(255, 255, 255, 90) if selected else STAR_EMPTY
        paint_stars(painter, rect, paper.rating, 13.0, empty)

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(5 * 14 + 12, super().sizeHint(option, index).height())


class StatusDelegate(_RowDelegate):
    def paint_content(self, painter: QPainter, rect: QRect, paper: PaperRow, selected: bool,
                      option: QStyleOptionViewItem) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        color = STATUS_COLORS.get(paper.status, QColor("#777"))
        dot = QRectF(rect.left(), rect.center().y() - 3.5, 7, 7)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("white") if selected else color)
        painter.drawEllipse(dot)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(option.palette.color(role))
        painter.setFont(option.font)
        text_rect = rect.adjusted(14, 0, 0, 0)
        text = STATUS_TEXT.get(paper.status, paper.status)  # type: ignore[call-overload]
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                         text)
        painter.restore()


class ChipsDelegate(_RowDelegate):
    """Draw tags as rounded coloured chips, as many as fit, then "+N"."""

    def __init__(self, colors: TagColors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.colors = colors

    def paint_content(self, painter: QPainter, rect: QRect, paper: PaperRow, selected: bool,
                      option: QStyleOptionViewItem) -> None:
        if not paper.tags:
            return
        colors = tuple((name, *(c.rgba() for c in self.colors.chip_colors(name)))
                       for name in paper.tags)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        more_color = option.palette.color(role)
        ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
        key = (colors, rect.width(), rect.height(), more_color.rgba(), option.font.key(), ratio)

        def draw() -> QPixmap:
            pixmap = QPixmap(math.ceil(rect.width() * ratio), math.ceil(rect.height() * ratio))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            chips = QPainter(pixmap)
            self._draw_chips(chips, QRect(0, 0, rect.width(), rect.height()), paper.tags,
                             more_color, option)
            chips.end()
            return pixmap

        painter.drawPixmap(rect.topLeft(), _CHIPS.get(key, draw))

    def _draw_chips(self, painter: QPainter, rect: QRect, tags: Sequence[str], more_color: QColor,
                    option: QStyleOptionViewItem) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(option.font)
        font.setPointSizeF(max(font.pointSizeF() - 1, 7))
        painter.setFont(font)
        metrics = QFontMetrics(font)
        height = metrics.height() + 2
        top = rect.center().y() - height / 2 + 1
        x = float(rect.left())
        right = float(rect.right())
        count = len(tags)
        for i, name in enumerate(tags):
            width = metrics.horizontalAdvance(name) + 14.0
            more = f"+{count - i}"
            more_width = metrics.horizontalAdvance(f"+{count - i - 1}") + 6 if i < count - 1 else 0
            if i > 0 and x + width + more_width > right:
                painter.setPen(more_color)
                painter.drawText(QRectF(x, top, right - x, height),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, more)
                break
            background, text = self.colors.chip_colors(name)
            chip = QRectF(x, top, min(width, right - x - more_width), height)
            path = QPainterPath()
            path.addRoundedRect(chip, height / 2, height / 2)
            painter.fillPath(path, background)
            painter.setPen(text)
            label = metrics.elidedText(name, Qt.TextElideMode.ElideRight, int(chip.width()) - 8)
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, label)
            x += chip.width() + 4


_CHIPS = _PixmapCache(512)
