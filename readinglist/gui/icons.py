"""Load the GUI's line icons in a chosen colour, and the app icon when it is packaged."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from readinglist.resources import resource_dir

ICON_INK = "#4a5562"
SELECTED_INK = "#ffffff"
DISABLED_INK = "#b3bac2"
_SIZES = (16, 20, 24, 32, 48)


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
    result = QIcon()
    for mode, ink in ((QIcon.Mode.Normal, color), (QIcon.Mode.Selected, SELECTED_INK),
                      (QIcon.Mode.Disabled, DISABLED_INK)):
        renderer = QSvgRenderer(QByteArray(text.replace("#000000", ink).encode()))
        for size in _SIZES:
            for ratio in (1, 2):
                pixmap = QPixmap(size * ratio, size * ratio)
                pixmap.fill(Qt.GlobalColor.transparent)
                painter = QPainter(pixmap)
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                renderer.render(painter, QRectF(0, 0, size * ratio, size * ratio))
                painter.end()
                pixmap.setDevicePixelRatio(ratio)
                result.addPixmap(pixmap, mode)
    return result


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
