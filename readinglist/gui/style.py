"""The look: Fusion with a calm light palette and readinglist's style sheet."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QStyleFactory

from readinglist.resources import resource_dir

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

ACCENT = "#2b5797"


def palette() -> QPalette:
    colors = {
        QPalette.ColorRole.Window: "#f3f4f6",
        QPalette.ColorRole.WindowText: "#1f2933",
        QPalette.ColorRole.Base: "#ffffff",
        QPalette.ColorRole.AlternateBase: "#f7f8fa",
        QPalette.ColorRole.Text: "#1f2933",
        QPalette.ColorRole.Button: "#f3f4f6",
        QPalette.ColorRole.ButtonText: "#1f2933",
        QPalette.ColorRole.Highlight: ACCENT,
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#fffbe6",
        QPalette.ColorRole.ToolTipText: "#1f2933",
        QPalette.ColorRole.PlaceholderText: "#8a939d",
        QPalette.ColorRole.Link: ACCENT,
        QPalette.ColorRole.Mid: "#d5d9de",
        QPalette.ColorRole.Midlight: "#e4e7eb",
        QPalette.ColorRole.Dark: "#b8bec6",
    }
    result = QPalette()
    for role, color in colors.items():
        result.setColor(role, QColor(color))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText,
                 QPalette.ColorRole.ButtonText):
        result.setColor(QPalette.ColorGroup.Disabled, role, QColor("#a0a7b0"))
    result.setColor(QPalette.ColorGroup.Inactive, QPalette.ColorRole.Highlight, QColor("#5b7db5"))
    return result


def style_sheet() -> str:
    try:
        return (resource_dir() / "gui" / "style.qss").read_text(encoding="utf-8")
    except OSError:
        return ""


def apply_style(app: QApplication) -> None:
    """Give app the Fusion style, the palette, a readable font size and the style sheet."""
    fusion = QStyleFactory.create("Fusion")
    if fusion is not None:
        app.setStyle(fusion)
    app.setPalette(palette())
    font = QFont(app.font())
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
        app.setFont(font)
    app.setStyleSheet(style_sheet())
