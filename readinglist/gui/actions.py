"""Build QActions, menus, the toolbar and the list's context menu from the keymap.

Like Picard's ``mainwindow/actions.py``: one module creates every action; the keymap
supplies text, keys and handler; this is the only place shortcuts are set.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from readinglist.gui.icons import icon
from readinglist.gui.keymap import Context

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow, QMenu, QMenuBar, QToolBar, QWidget

    from readinglist.gui.keymap import KeyAction, Keymap

MENUS = (("file", "&File"), ("edit", "&Edit"), ("view", "&View"), ("go", "&Go"),
         ("paper", "&Paper"), ("help", "&Help"))
SUBMENUS = {"paper.rate": ("paper", "&Rate"), "paper.queue": ("paper", "Queue &Order")}
# Separators go before these actions in their menu.
SEPARATE_BEFORE = {"app.quit", "edit.select_all", "edit.preferences", "view.save_search",
                   "view.refresh", "view.triage", "go.open", "paper.tag", "paper.note",
                   "paper.inbox", "paper.delete", "queue.start"}
# Export and discovery start their own groups.
SEPARATE_BEFORE |= {"edit.copy_bibtex", "go.recommended"}


class ActionSet:
    """Every QAction of the window, keyed by keymap id."""

    def __init__(self, keymap: Keymap, handlers: object, window: QMainWindow,
                 list_widget: QWidget, triage_widget: QWidget | None = None) -> None:
        self.keymap = keymap
        self.actions: dict[str, QAction] = {}
        for entry in keymap:
            action = QAction(entry.text, window)
            action.setObjectName(entry.id)
            action.setStatusTip(entry.description)
            action.setToolTip(_tooltip(entry))
            if entry.icon:
                action.setIcon(icon(entry.icon))
            handler = getattr(handlers, entry.handler)
            action.triggered.connect(lambda _checked=False, h=handler, a=entry.args: h(*a))
            owners = {Context.WINDOW: window, Context.LIST: list_widget,
                      Context.TRIAGE: triage_widget or window}
            action.setShortcutContext(
                Qt.ShortcutContext.WindowShortcut if entry.context == Context.WINDOW
                else Qt.ShortcutContext.WidgetWithChildrenShortcut)
            owners[entry.context].addAction(action)
            if entry.in_triage and triage_widget is not None:
                # A widget shortcut is live wherever one of the action's widgets has focus.
                triage_widget.addAction(action)
            self.actions[entry.id] = action
        self.apply_keys()

    def __getitem__(self, action_id: str) -> QAction:
        return self.actions[action_id]

    def apply_keys(self) -> None:
        """Give each action the keys the keymap holds now (after a remap)."""
        for entry in self.keymap:
            action = self.actions[entry.id]
            action.setShortcuts([QKeySequence(key) for key in entry.keys])
            action.setToolTip(_tooltip(entry))

    def build_menus(self, menubar: QMenuBar) -> dict[str, QMenu]:
        menus: dict[str, QMenu] = {}
        for menu_id, title in MENUS:
            menus[menu_id] = menubar.addMenu(title)
        for entry in self.keymap:
            if entry.menu is None:
                continue
            if entry.menu not in menus and entry.menu in SUBMENUS:
                parent, title = SUBMENUS[entry.menu]
                menus[entry.menu] = menus[parent].addMenu(title)
            menu = menus[entry.menu]
            if entry.id in SEPARATE_BEFORE and not menu.isEmpty():
                menu.addSeparator()
            menu.addAction(self.actions[entry.id])
        return menus

    def build_toolbar(self, toolbar: QToolBar) -> None:
        previous = ""
        for entry in self.keymap:
            if not entry.toolbar:
                continue
            group = entry.id.partition(".")[0]
            if previous and group != previous:
                toolbar.addSeparator()
            toolbar.addAction(self.actions[entry.id])
            previous = group

    def fill_context_menu(self, menu: QMenu) -> None:
        """Fill the paper list's right-click menu with the paper actions."""
        submenus: dict[str, QMenu] = {}
        for entry in self.keymap:
            if entry.menu in SUBMENUS:
                if entry.menu not in submenus:
                    submenus[entry.menu] = menu.addMenu(SUBMENUS[entry.menu][1])
                submenus[entry.menu].addAction(self.actions[entry.id])
            elif entry.menu == "paper":
                if entry.id in SEPARATE_BEFORE:
                    menu.addSeparator()
                menu.addAction(self.actions[entry.id])

    def set_history(self, undo: str | None, redo: str | None) -> None:
        """Name the step Undo and Redo would act on, as the Edit menu shows it."""
        for action_id, verb, label in (("edit.undo", "Undo", undo), ("edit.redo", "Redo", redo)):
            action = self.actions[action_id]
            action.setEnabled(label is not None)
            action.setText(f"&{verb} {label}" if label else f"&{verb}")
            action.setStatusTip(f"{verb} {label}" if label else f"Nothing to {verb.lower()}")


def _tooltip(entry: KeyAction) -> str:
    keys = " or ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText)
                       for k in entry.keys)
    return f"{entry.title} ({keys})" if keys else entry.title
