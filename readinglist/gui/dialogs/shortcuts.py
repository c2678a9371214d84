"""The keyboard cheat sheet: every keymap action with its current keys, grouped by menu.

Generated from the keymap each time it opens, so remapped keys show as they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from readinglist.gui.actions import MENUS, SUBMENUS
from readinglist.gui.keymap import Context

if TYPE_CHECKING:
    from collections.abc import Iterable

    from PySide6.QtWidgets import QWidget

    from readinglist.gui.keymap import KeyAction
    from readinglist.gui.mainwindow import MainWindow

ActionRole = Qt.ItemDataRole.UserRole + 1
WHERE = {Context.WINDOW: "Anywhere", Context.LIST: "Paper list", Context.TRIAGE: "Triage"}


def group_title(entry: KeyAction) -> str:
    """Return the heading an action is listed under: its menu, or its context."""
    menus = dict(MENUS)
    if entry.menu in SUBMENUS:
        parent, title = SUBMENUS[entry.menu]
        return f"{_plain(menus[parent])} ▸ {_plain(title)}"
    if entry.menu in menus:
        return _plain(menus[entry.menu])
    return "Triage" if entry.context == Context.TRIAGE else "Other keys"


def where(entry: KeyAction) -> str:
    text = WHERE[entry.context]
    return f"{text} and triage" if entry.in_triage else text


def native_keys(keys: Iterable[str]) -> str:
    return ", ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText)
                     for k in keys)


class ShortcutSheet(QDialog):
    """List the actions under their menus: name, keys, where they work, what they do."""

    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setObjectName("shortcutSheet")
        self.setWindowTitle("Keyboard Shortcuts")
        self.resize(820, 640)
        intro = QLabel("Paper keys act on every selected paper, or on the paper shown in "
                       "triage. Change keys in Edit ▸ Preferences.")
        intro.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("shortcutTree")
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(["Action", "Keys", "Where", "What it does"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setStyleSheet("QTreeWidget#shortcutTree::item { padding: 3px 2px; }")
        header = self.tree.header()
        header.setStretchLastSection(True)
        for column, width in ((0, 200), (1, 130), (2, 150)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.fill(window)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)

    @classmethod
    def show_for(cls, window: MainWindow) -> ShortcutSheet:
        sheet = window.findChild(cls)
        if sheet is None:
            sheet = cls(window)
            sheet.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        else:
            sheet.fill(window)
        sheet.show()
        sheet.activateWindow()
        return sheet

    def fill(self, window: MainWindow) -> None:
        """List every action of window's keymap with the keys it has now."""
        self.tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        for entry in window.keymap:
            title = group_title(entry)
            group = groups.get(title)
            if group is None:
                group = QTreeWidgetItem(self.tree, [title])
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                group.setFirstColumnSpanned(True)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                groups[title] = group
            item = QTreeWidgetItem(group, [entry.title, native_keys(entry.keys) or "—",
                                           where(entry), entry.description])
            item.setData(0, ActionRole, entry.id)
            item.setToolTip(3, entry.description)
        self.tree.expandAll()

    def action_ids(self) -> list[str]:
        """Return the ids of the actions listed, in order."""
        found = []
        for top in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(top)
            if group is None:
                continue
            for row in range(group.childCount()):
                child = group.child(row)
                if child is not None:
                    found.append(str(child.data(0, ActionRole)))
        return found

    def keys_of(self, action_id: str) -> str:
        for top in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(top)
            for row in range(group.childCount() if group is not None else 0):
                child = group.child(row) if group is not None else None
                if child is not None and child.data(0, ActionRole) == action_id:
                    return child.text(1)
        return ""


def _plain(text: str) -> str:
    return text.replace("&", "")
