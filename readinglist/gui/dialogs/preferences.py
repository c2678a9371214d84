"""Preferences: the shortcut editor (record a key, reset one or all, conflicts refused).

Each change is saved in QSettings at once through ``Keymap.save_override`` and applied to
the window's actions, so the new key works immediately and after a restart.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from readinglist.gui.dialogs.shortcuts import native_keys, where

if TYPE_CHECKING:
    from collections.abc import Sequence

    from PySide6.QtGui import QKeyEvent

    from readinglist.gui.mainwindow import MainWindow

ActionRole = Qt.ItemDataRole.UserRole + 1
ACTION, KEYS, DEFAULT, WHERE = range(4)


class ShortcutEditor(QWidget):
    """A table of actions and a recorder for the selected one's key."""

    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window_ = window
        self.keymap = window.keymap
        self.search = QLineEdit()
        self.search.setObjectName("shortcutSearch")
        self.search.setPlaceholderText("Filter actions…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("shortcutTable")
        self.table.setHorizontalHeaderLabels(["Action", "Shortcut", "Default", "Where"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ACTION, QHeaderView.ResizeMode.Stretch)
        for column in (KEYS, DEFAULT, WHERE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._selected)
        self.table.itemActivated.connect(lambda _item: self.record())
        self.table.installEventFilter(self)

        self.prompt = QLabel()
        self.recorder = QKeySequenceEdit()
        self.recorder.setObjectName("shortcutRecorder")
        self.recorder.setMaximumSequenceLength(1)
        self.recorder.editingFinished.connect(self._recorded)
        self.clear_button = QPushButton("Clear")
        self.clear_button.setToolTip("Leave the action without keys")
        self.clear_button.clicked.connect(lambda: self.apply([]))
        self.reset_button = QPushButton("Reset to Default")
        self.reset_button.clicked.connect(self.reset_current)
        self.reset_all_button = QPushButton("Reset All")
        self.reset_all_button.clicked.connect(self.reset_all)
        self.message = QLabel()
        self.message.setObjectName("shortcutMessage")
        self.message.setWordWrap(True)

        recorder_row = QHBoxLayout()
        recorder_row.addWidget(self.prompt)
        recorder_row.addWidget(self.recorder, 1)
        recorder_row.addWidget(self.clear_button)
        recorder_row.addWidget(self.reset_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addLayout(recorder_row)
        layout.addWidget(self.message)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.reset_all_button)
        layout.addLayout(bottom)
        self.fill()
        self.table.selectRow(0)

    # -- table ----------------------------------------------------------------------------

    def fill(self) -> None:
        current = self.current_id()
        self.table.setRowCount(0)
        for entry in self.keymap:
            row = self.table.rowCount()
            self.table.insertRow(row)
            default = self.keymap.default(entry.id)
            cells = (entry.title, native_keys(entry.keys) or "—",
                     native_keys(default.keys) or "—", where(entry))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ActionRole, entry.id)
                if column == KEYS and entry.keys != default.keys:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, column, item)
        if current is not None:
            self.select(current)
        self._filter(self.search.text())

    def select(self, action_id: str) -> None:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, ACTION)
            if item is not None and item.data(ActionRole) == action_id:
                self.table.selectRow(row)
                return

    def current_id(self) -> str | None:
        items = self.table.selectedItems()
        return str(items[0].data(ActionRole)) if items else None

    def record(self) -> None:
        """Put the cursor in the recorder: the next key pressed becomes the shortcut."""
        self.recorder.clear()
        self.recorder.setFocus(Qt.FocusReason.OtherFocusReason)
        self.message.setText("Press the new key (Esc in the table keeps the old one).")

    # -- changing keys --------------------------------------------------------------------

    def apply(self, keys: Sequence[str]) -> bool:
        """Give the selected action keys; refuse (and say why) when another action has one."""
        action_id = self.current_id()
        if action_id is None:
            return False
        title = self.keymap[action_id].title
        try:
            self.keymap.save_override(self.window_.settings, action_id, keys)
        except ValueError as error:
            self.message.setText(f"Not changed: {error}.")
            self.message.setStyleSheet("color: #b03a2e;")
            self._selected()
            return False
        self.window_.settings.sync()
        self.window_.action_set.apply_keys()
        shown = native_keys(self.keymap[action_id].keys)
        self.message.setStyleSheet("")
        self.message.setText(f"“{title}” is now {shown}." if shown
                             else f"“{title}” has no keys now.")
        self.fill()
        self.table.setFocus()
        return True

    def reset_current(self) -> None:
        action_id = self.current_id()
        if action_id is not None:
            self.apply(self.keymap.default(action_id).keys)

    def reset_all(self) -> None:
        """Give every action its shipped keys (cleared first, so swaps cannot clash)."""
        settings = self.window_.settings
        for entry in list(self.keymap):
            self.keymap.rebind(entry.id, [])
        for entry in list(self.keymap):
            self.keymap.save_override(settings, entry.id, self.keymap.default(entry.id).keys)
        settings.sync()
        self.window_.action_set.apply_keys()
        self.message.setStyleSheet("")
        self.message.setText("Every shortcut is back to its default.")
        self.fill()

    # -- internals ------------------------------------------------------------------------

    def _recorded(self) -> None:
        sequence = self.recorder.keySequence()
        if sequence.isEmpty():
            return
        key = sequence.toString(QKeySequence.SequenceFormat.PortableText)
        action_id = self.current_id()
        if action_id is None:
            return
        keys = self.keymap[action_id].keys
        if keys and keys[0] == key:
            return  # focus left the recorder without a new key
        rest = [k for k in keys[1:] if k.lower() != key.lower()]
        self.apply([key, *rest])

    def _selected(self) -> None:
        action_id = self.current_id()
        if action_id is None:
            return
        entry = self.keymap[action_id]
        self.prompt.setText(f"Shortcut for <b>{entry.title}</b>:")
        self.recorder.blockSignals(True)
        self.recorder.setKeySequence(QKeySequence(entry.keys[0] if entry.keys else ""))
        self.recorder.blockSignals(False)

    def _filter(self, text: str) -> None:
        needle = text.strip().lower()
        for row in range(self.table.rowCount()):
            cells = [self.table.item(row, c) for c in (ACTION, KEYS)]
            haystack = " ".join(c.text().lower() for c in cells if c is not None)
            self.table.setRowHidden(row, bool(needle) and needle not in haystack)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.record()
                return True
        return super().eventFilter(watched, event)


class Preferences(QDialog):
    """The preferences window (one tab for now: keyboard shortcuts)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("preferences")
        self.setWindowTitle("Preferences")
        self.resize(720, 560)
        self.shortcuts = ShortcutEditor(window)
        tabs = QTabWidget()
        tabs.addTab(self.shortcuts, "Shortcuts")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.finished.connect(lambda _result: window.activateWindow())
        layout = QVBoxLayout(self)
        layout.addWidget(tabs, 1)
        layout.addWidget(buttons)

    @classmethod
    def show_for(cls, window: MainWindow) -> Preferences:
        dialog = window.findChild(cls)
        if dialog is None:
            dialog = cls(window)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        dialog.shortcuts.table.setFocus()
        return dialog

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        # Enter records a key rather than closing the dialog.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)
