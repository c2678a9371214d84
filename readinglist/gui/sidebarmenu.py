"""The sidebar's right-click menu: rename, recolour and delete collections, tags, searches.

Every choice is an undoable core command, so deleting asks no confirmation; the status bar
says what happened and Ctrl+Z brings it back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QColorDialog, QInputDialog, QLineEdit, QMenu

from readinglist.core.commands import (
    DeleteCollection,
    DeleteSavedSearch,
    DeleteTag,
    MergeTags,
    RecolorTag,
    RenameCollection,
    RenameTag,
)
from readinglist.gui.icons import swatch

if TYPE_CHECKING:
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QWidget

    from readinglist.gui.operations import Operations
    from readinglist.gui.tagcolors import TagColors


def sidebar_menu(parent: QWidget, key: str, ops: Operations, colors: TagColors) -> QMenu | None:
    """Return the menu for the sidebar item with key, or None when it has none."""
    kind, _, name = key.partition(":")
    menu = QMenu(parent)
    if kind == "collection":
        menu.addAction("Rename Collection…",
                       lambda: _rename(parent, ops, "Rename Collection", name, RenameCollection))
        menu.addAction("Delete Collection",
                       lambda: ops.execute(DeleteCollection(name))).setStatusTip(
            "Delete the collection; its papers stay in the library")
    elif kind == "tag":
        menu.addAction("Rename Tag…",
                       lambda: _rename(parent, ops, "Rename Tag", name, RenameTag))
        menu.addAction("Merge Into…", lambda: _merge(parent, ops, name)).setStatusTip(
            "Give this tag's papers another tag and delete this one")
        menu.addAction(swatch(colors.color(name)), "Change Colour…",
                       lambda: _recolor(parent, ops, name, colors.color(name)))
        menu.addAction("Delete Tag", lambda: ops.execute(DeleteTag(name)))
    elif kind == "search":
        menu.addAction("Delete Saved Search", lambda: ops.execute(DeleteSavedSearch(name)))
    else:
        return None
    return menu


def _rename(parent: QWidget, ops: Operations, title: str, name: str, command: type) -> None:
    new_name, ok = QInputDialog.getText(parent, title, "New name:", QLineEdit.EchoMode.Normal,
                                        name)
    if ok and new_name.strip() and new_name.strip() != name:
        ops.execute(command(name, new_name.strip()))


def _merge(parent: QWidget, ops: Operations, name: str) -> None:
    others = [tag.name for tag in ops.library.tags() if tag.name != name]
    if not others:
        ops.failed.emit(f"There is no other tag to merge “{name}” into.")
        return
    target, ok = QInputDialog.getItem(parent, "Merge Tag", f"Merge “{name}” into:", others, 0,
                                      False)
    if ok and target:
        ops.execute(MergeTags(name, target))


def _recolor(parent: QWidget, ops: Operations, name: str, current: QColor) -> None:
    color = QColorDialog.getColor(current, parent, f"Colour of “{name}”")
    if color.isValid():
        ops.execute(RecolorTag(name, color.name()))
