"""Show errors the core reported: one sentence in a window-modal message box."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


def message_box(parent: QWidget, icon: QMessageBox.Icon, title: str, message: str,
                details: str = "", *, rich: bool = False) -> QMessageBox:
    """Open a message box without blocking the event loop and return it.

    The texts are shown as typed unless rich is set: messages quote paper titles, tag
    names and file names, which must never be read as HTML. With rich, the caller
    escapes whatever came from the library or the user.
    """
    box = QMessageBox(icon, title, message, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorBox" if icon == QMessageBox.Icon.Warning else "messageBox")
    if details:
        box.setInformativeText(details)
    # Also sets the informative text's format (after setInformativeText made its label).
    box.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.open()
    return box


def show_error(parent: QWidget, title: str, message: str, details: str = "") -> QMessageBox:
    return message_box(parent, QMessageBox.Icon.Warning, title, message, details)
