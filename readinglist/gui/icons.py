"""Load the GUI's line icons in a chosen colour, and the app icon when it is packaged."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QIconEngine, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from readinglist.resources import resource_dir

ICON_INK = "#4a5562"
SELECTED_INK = "#ffffff"
DISABLED_INK = "#b3bac2"


@cache
def _svg(name: str) -> str:
    path = resource_dir() / "gui" / "icons" / f"{name}.svg"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


@cache
def icon(name: str, color: str = ICON_INK) -> QIcon:
    """Return the line icon name drawn in color (an empty icon if it is missing)."""
    text = _svg(name)
    if not text:
        return QIcon()
    return QIcon(_LineIconEngine(text, color))


class _LineIconEngine(QIconEngine):
    """Draw an SVG line icon in its mode's ink, at each size when first asked for it.

    Drawing every size up front cost a tenth of the window's start-up.
    """

    def __init__(self, text: str, color: str) -> None:
        super().__init__()
        self._text, self._color = text, color
        self._inks = {QIcon.Mode.Normal: color, QIcon.Mode.Active: color,
                      QIcon.Mode.Selected: SELECTED_INK, QIcon.Mode.Disabled: DISABLED_INK}
        self._pixmaps: dict[tuple[int, int, QIcon.Mode, float], QPixmap] = {}

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode,  # noqa: N802
                     _state: QIcon.State, scale: float) -> QPixmap:
        key = (size.width(), size.height(), mode, scale)
        pixmap = self._pixmaps.get(key)
        if pixmap is None:
            width, height = round(size.width() * scale), round(size.height() * scale)
            pixmap = QPixmap(max(width, 1), max(height, 1))
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            ink = self._inks.get(mode, self._color)
            renderer = QSvgRenderer(QByteArray(self._text.replace("#000000", ink).encode()))
            renderer.render(painter, QRectF(0, 0, width, height))
            painter.end()
            pixmap.setDevicePixelRatio(scale)
            self._pixmaps[key] = pixmap
        return pixmap

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode,
              state: QIcon.State) -> None:
        scale = painter.device().devicePixelRatioF() if painter.device() else 1.0
        painter.drawPixmap(rect, self.scaledPixmap(rect.size(), mode, state, scale))

    def clone(self) -> QIconEngine:
        return _LineIconEngine(self._text, self._color)

    def isNull(self) -> bool:  # noqa: N802
        return False


def swatch(color: QColor, size: int = 16) -> QIcon:
    """Return a round colour swatch (for tags in the sidebar and menus)."""
    result = QIcon()
    for ratio in (1, 2):
        pixmap = QPixmap(size * ratio, size * ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        inset = size * ratio * 0.22
        diameter = size * ratio - 2 * inset
        painter.drawEllipse(QRectF(inset, inset, diameter, diameter))
        painter.end()
        pixmap.setDevicePixelRatio(ratio)
        result.addPixmap(pixmap)
    return result


def app_icon() -> QIcon:
    """Return readinglist's icon if packaging put it in the resources, else an empty icon."""
    try:
        path = resource_dir() / "icons" / "readinglist.svg"
    except FileNotFoundError:
        return QIcon()
    return QIcon(str(path)) if path.is_file() else QIcon()
