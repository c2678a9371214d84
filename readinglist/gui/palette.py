"""The command palette: type a few letters of any action, press Enter to run it.

It lists every keymap action (name, keys, description), ranked with rapidfuzz as you
type; actions that cannot run where you are (a list action in triage, a paper action
with nothing selected, Undo with nothing to undo) are shown but disabled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeySequence, QPainter, QPainterPath
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGraphicsDropShadowEffect,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)
from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from readinglist.gui.keymap import Context

if TYPE_CHECKING:
    from collections.abc import Iterable

    from PySide6.QtCore import QModelIndex, QPersistentModelIndex
    from PySide6.QtGui import QCloseEvent, QKeyEvent

    from readinglist.gui.keymap import KeyAction
    from readinglist.gui.mainwindow import MainWindow

ActionRole = Qt.ItemDataRole.UserRole + 1
MIN_SCORE = 60.0
# List actions that make sense without a selection.
NO_SELECTION_NEEDED = {"go.next", "go.previous", "edit.select_all"}
OWN_KEYS = {Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Up,
            Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown}


def score(query: str, entry: KeyAction) -> float:
    """Return how well query matches the action's name (mostly) and description (0 to 100)."""
    query = default_process(query)
    if not query:
        return 100.0
    title = default_process(entry.title)
    name = max(fuzz.WRatio(query, title), fuzz.partial_ratio(query, title))
    if title.startswith(query) or any(w.startswith(query) for w in title.split()):
        name = max(name, 100.0)
    # Descriptions count only for a near-exact phrase: loose matches there are noise.
    found = fuzz.partial_ratio(query, default_process(entry.description))
    description = 0.75 * found if len(query) > 2 and found >= 90 else 0.0
    return float(max(name, description))


def rank(query: str, entries: Iterable[KeyAction]) -> list[KeyAction]:
    """Return the entries matching query, best first (table order on ties)."""
    scored = [(score(query, entry), index, entry) for index, entry in enumerate(entries)]
    kept = [item for item in scored if item[0] >= MIN_SCORE]
    kept.sort(key=lambda item: (-item[0], item[1]))
    return [entry for _score, _index, entry in kept]


def available(window: MainWindow, entry: KeyAction) -> bool:
    """Return whether the action can run where the user is now."""
    if not window.action_set[entry.id].isEnabled():
        return False
    if window.triage.active:
        return entry.context in (Context.WINDOW, Context.TRIAGE) or entry.in_triage
    if entry.context == Context.TRIAGE:
        return False
    if entry.context == Context.LIST and entry.id not in NO_SELECTION_NEEDED:
        return bool(window.paper_view.selected_ids())
    return True


def shown_palette(window: MainWindow) -> CommandPalette | None:
    """Return the palette open over window, if any."""
    return next((p for p in window.findChildren(CommandPalette) if p.isVisible()), None)


def keys_text(entry: KeyAction) -> str:
    return "  ".join(QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
                     for key in entry.keys)


class _ItemDelegate(QStyledItemDelegate):
    """Draw the action name, its description below in grey, and its keys as caps."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        widget = opt.widget
        if widget is not None:
            widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter,
                                       widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        enabled = bool(index.flags() & Qt.ItemFlag.ItemIsEnabled)
        ink = QColor("#ffffff") if selected else QColor("#1f2933" if enabled else "#a0a7b0")
        soft = QColor("#dbe4f3") if selected else QColor("#7b8591" if enabled else "#b8bec6")
        rect = option.rect.adjusted(14, 6, -14, -6)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        keys = str(index.data(Qt.ItemDataRole.ToolTipRole) or "")
        small = QFont(option.font)
        small.setPointSizeF(max(option.font.pointSizeF() - 1, 7))
        right = rect.right()
        cap_metrics = QFontMetrics(small)
        painter.setFont(small)
        for key in reversed(keys.split("  ") if keys else []):
            width = cap_metrics.horizontalAdvance(key) + 12
            cap = QRect(right - width, rect.top() + 2, width, cap_metrics.height() + 4)
            path = QPainterPath()
            path.addRoundedRect(cap.toRectF(), 4, 4)
            painter.fillPath(path, QColor(255, 255, 255, 40) if selected else QColor("#eef1f5"))
            painter.setPen(ink)
            painter.drawText(cap, Qt.AlignmentFlag.AlignCenter, key)
            right -= width + 6
        title_font = QFont(option.font)
        title_font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(title_font)
        painter.setPen(ink)
        top = QRect(rect.left(), rect.top(), right - rect.left() - 8,
                    QFontMetrics(title_font).height())
        painter.drawText(top, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        painter.setFont(small)
        painter.setPen(soft)
        description = str(index.data(Qt.ItemDataRole.StatusTipRole) or "")
        below = QRect(rect.left(), top.bottom() + 3, rect.width(), cap_metrics.height())
        painter.drawText(below, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         cap_metrics.elidedText(description, Qt.TextElideMode.ElideRight,
                                                below.width()))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        height = QFontMetrics(option.font).height() * 2 + 16
        return QSize(super().sizeHint(option, index).width(), height)


class CommandPalette(QFrame):
    """A panel floating over the window: a search field above the matching actions.

    A child of the window rather than a popup window, so it needs no keyboard grab; it
    closes when the focus leaves it.
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("commandPalette")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.window_ = window
        self._return_focus = QApplication.focusWidget()
        shadow = QGraphicsDropShadowEffect(self)
        shadow.setBlurRadius(28)
        shadow.setOffset(0, 6)
        shadow.setColor(QColor(15, 30, 50, 70))
        self.setGraphicsEffect(shadow)
        self.setStyleSheet(
            "QFrame#commandPalette { background: #ffffff; border: 1px solid #c9d0d8;"
            " border-radius: 10px; }"
            "QLineEdit#paletteField { border: none; border-bottom: 1px solid #e4e7eb;"
            " padding: 12px 16px; font-size: 15px; background: transparent; }"
            "QListWidget#paletteList { border: none; outline: 0; background: #ffffff; }"
            "QListWidget#paletteList::item:selected { background: #2b5797; border-radius: 7px; }")
        self.field = QLineEdit()
        self.field.setObjectName("paletteField")
        self.field.setPlaceholderText("Type an action…")
        self.field.installEventFilter(self)
        self.list = QListWidget()
        self.list.setObjectName("paletteList")
        self.list.setItemDelegate(_ItemDelegate(self.list))
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setUniformItemSizes(True)
        self.list.itemActivated.connect(lambda _item: self.run_current())
        self.list.itemClicked.connect(lambda _item: self.run_current())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 8)
        layout.setSpacing(4)
        layout.addWidget(self.field)
        layout.addWidget(self.list, 1)
        self.field.textChanged.connect(self.refilter)
        self.refilter("")
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    @classmethod
    def show_for(cls, window: MainWindow) -> CommandPalette:
        """Open the palette over window, near its top, with the cursor in the field."""
        palette = shown_palette(window) or cls(window)
        width = min(640, max(window.width() - 80, 360))
        height = min(460, max(window.height() - 140, 240))
        palette.setGeometry((window.width() - width) // 2, 64, width, height)
        palette.show()
        palette.raise_()
        palette.field.setFocus(Qt.FocusReason.PopupFocusReason)
        return palette

    def entries(self) -> list[str]:
        """Return the action ids listed now, in order."""
        return [str(item.data(ActionRole)) for i in range(self.list.count())
                if (item := self.list.item(i)) is not None]

    def refilter(self, text: str) -> None:
        self.list.clear()
        window = self.window_
        first_enabled = -1
        for entry in rank(text, window.keymap):
            item = QListWidgetItem(entry.title)
            item.setData(ActionRole, entry.id)
            item.setData(Qt.ItemDataRole.StatusTipRole, entry.description)
            item.setData(Qt.ItemDataRole.ToolTipRole, keys_text(entry))
            if not available(window, entry):
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            elif first_enabled < 0:
                first_enabled = self.list.count()
            self.list.addItem(item)
        self.list.setCurrentRow(max(first_enabled, 0))

    def run_current(self) -> None:
        """Close and trigger the highlighted action (on the selection or the triage paper)."""
        item = self.list.currentItem()
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return
        action = self.window_.action_set[str(item.data(ActionRole))]
        self.close()
        action.trigger()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.field and event.type() == QEvent.Type.ShortcutOverride:
            # Keep Esc, Enter and the arrows from the window's shortcuts (Esc leaves triage).
            if event.key() in OWN_KEYS:  # type: ignore[attr-defined]
                event.accept()
                return True
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            return self._key(event)  # type: ignore[arg-type]
        return super().eventFilter(watched, event)

    def _focus_changed(self, _old: object, new: QWidget | None) -> None:
        if new is not None and new is not self and not self.isAncestorOf(new):
            self._return_focus = None  # the user went elsewhere on purpose
            self.close()

    def _key(self, event: QKeyEvent) -> bool:
        key = event.key()
        steps = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 8,
                 Qt.Key.Key_PageUp: -8}
        if key in steps:
            self._move(steps[Qt.Key(key)])
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.run_current()
            return True
        if key == Qt.Key.Key_Escape:
            self.close()
            return True
        return False

    def _move(self, step: int) -> None:
        count = self.list.count()
        row = self.list.currentRow()
        direction = 1 if step > 0 else -1
        target = row
        for _ in range(abs(step)):
            candidate = target + direction
            while 0 <= candidate < count:
                item = self.list.item(candidate)
                if item is not None and item.flags() & Qt.ItemFlag.ItemIsEnabled:
                    break
                candidate += direction
            if not 0 <= candidate < count:
                break
            target = candidate
        self.list.setCurrentRow(target)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.disconnect(self._focus_changed)
        if self._return_focus is not None and not self.window_.isHidden():
            self._return_focus.setFocus(Qt.FocusReason.PopupFocusReason)
        super().closeEvent(event)
