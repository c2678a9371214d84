"""Show errors the core reported: one sentence in a window-modal message box."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


def message_box(parent: QWidget, icon: QMessageBox.Icon, title: str, message: str,
                details: str = "") -> QMessageBox:
    """Open a message box without blocking the event loop and return it."""
    box = QMessageBox(icon, title, message, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorBox" if icon == QMessageBox.Icon.Warning else "messageBox")
    if details:
        box.setInformativeText(details)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.open()
    return box


def show_error(parent: QWidget, title: str, message: str, details: str = "") -> QMessageBox:
    return message_box(parent, QMessageBox.Icon.Warning, title, message, details)
