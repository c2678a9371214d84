"""The main window: layout of sidebar, list and abstract pane, and the wiring between them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from readinglist.core.changes import EVERYTHING, Changes
from readinglist.core.commands import SetNote
from readinglist.core.commands.papers import SetPrivateNote
from readinglist.core.errors import EditConflict, ReadingListError
from readinglist.gui import windowstate
from readinglist.gui.actions import ActionSet
from readinglist.gui.dialogs.conflict import ConflictDialog, Resolution, merged_note
from readinglist.gui.dialogs.errors import show_error
from readinglist.gui.dialogs.importing import ImportFlow
from readinglist.gui.discoverypages import PAGE_TITLES, DiscoveryPages
from readinglist.gui.exporting import ExportFlow
from readinglist.gui.handlers import Handlers
from readinglist.gui.icons import app_icon
from readinglist.gui.keymap import Keymap
from readinglist.gui.listcontroller import ListController
from readinglist.gui.models import PaperModel
from readinglist.gui.operations import Operations
from readinglist.gui.queuedrag import QueueDrag
from readinglist.gui.sidebarmenu import sidebar_menu
from readinglist.gui.tagcolors import TagColors
from readinglist.gui.triage import TriageMode
from readinglist.gui.views import ALL_VIEW, DISCOVER, import_view
from readinglist.gui.watcher import LibraryWatcher
from readinglist.gui.widgets.detailpane import DetailPane
from readinglist.gui.widgets.filterbar import FilterBar
from readinglist.gui.widgets.paperview import PaperView
from readinglist.gui.widgets.relatedsection import RelatedSection
from readinglist.gui.widgets.sidebar import (
    Sidebar,
    SidebarData,
    ViewRole,
    load_outline,
    load_sidebar,
)
from readinglist.gui.widgets.statusbar import StatusBar
from readinglist.gui.widgets.triageview import TriageView
from readinglist.gui.worker import Pool

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from PySide6.QtCore import QPoint, QSettings
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QMessageBox

    from readinglist.core.library import Library
    from readinglist.gui.views import ListView

KEY_HINT_ACTIONS = ("paper.rate.0", "paper.queue", "paper.read", "paper.skip", "paper.tag",
                    "paper.untag", "edit.undo")


SIDEBAR_DELAY_MS = 150
STARTUP_PAINT_WAIT_MS = 500


class _AfterPaint(QObject):
    """Call back once, just after the watched widget's next paint."""

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._callback = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._callback)
            self.deleteLater()
        return False


class MainWindow(QMainWindow):
    """Sidebar | paper list under a filter bar | abstract pane, over one library."""

    startup_did_finish = Signal()
    """The window shows its first list (or page): time for work that can wait."""
    library_chosen = Signal(object)
    """File ▸ Open Library… chose a library to show instead (a ``LibraryChoice``)."""

    def __init__(self, library: Library, settings: QSettings,
                 keymap: Keymap | None = None) -> None:
        super().__init__()
        self.library = library
        self.settings = settings
        self.setObjectName("mainWindow")
        self.setWindowTitle("readinglist")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.setUnifiedTitleAndToolBarOnMac(True)
        self._last_import: list[int] | None = None
        self._note_given_up = False
        self._error_box: QMessageBox | None = None
        self._total: int | None = None
        self._first_list_shown = False
        self.started = False
        """Whether startup_did_finish was emitted."""

        self.colors = TagColors()
        self.ops = Operations(library, self)
        self.model = PaperModel(library, self)
        self.paper_view = PaperView(self.model, self.colors)
        self.sidebar = Sidebar(self.colors)
        self.filter_bar = FilterBar()
        self.detail = DetailPane(self.colors, shared=library.path is None)
        self.status = StatusBar()
        self.list = ListController(library, self.model, self.paper_view, self)
        self.import_flow = ImportFlow(library, self)
        self.export_flow = ExportFlow(library, self)
        self.watcher = LibraryWatcher(library, self)
        self.keymap = keymap if keymap is not None else Keymap()
        self.refused_keys = self.keymap.load_overrides(settings)
        self.handlers = Handlers(self)
        self.triage_view = TriageView(self.colors)
        self.triage = TriageMode(self, self.triage_view)
        self.action_set = ActionSet(self.keymap, self.handlers, self, self.paper_view,
                                    self.triage_view)

        self._build_layout()
        self.queue_drag = QueueDrag(self)
        self._wire()
        self._detail_timer = QTimer(self)
        self._detail_timer.setSingleShot(True)
        self._detail_timer.setInterval(0)
        self._detail_timer.timeout.connect(self.refresh_detail)
        # Sidebar counts follow a change a moment later, after the list: counting every
        # view and saved search costs more than the change itself in a large library.
        self._sidebar_timer = QTimer(self)
        self._sidebar_timer.setSingleShot(True)
        self._sidebar_timer.setInterval(SIDEBAR_DELAY_MS)
        self._sidebar_timer.timeout.connect(self.refresh_sidebar)
        self._counting = Pool(parent=self)
        self._counting.done.connect(self._sidebar_counted)
        self._counting_busy = False
        self._count_again = False

        view_key = windowstate.restore(self, settings)
        # The sidebar lists names at once; counting them waits until the list shows papers.
        self.show_sidebar_names()
        if not self.sidebar.select_key(view_key, emit=False):
            view_key = "all"
            self.sidebar.select_key(view_key, emit=False)
        self.list.results_shown.connect(self._finish_startup)
        self.list.query_failed.connect(self._finish_startup)
        view = self.sidebar.view(view_key)
        if view is not None:
            self.show_view(view)
        if self.discovery.current() is not None:
            QTimer.singleShot(0, self._finish_startup)
        self.paper_view.setFocus()

    # -- layout -------------------------------------------------------------------------------

    def _build_layout(self) -> None:
        self.action_set.build_menus(self.menuBar())
        toolbar = QToolBar("Toolbar")
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setIconSize(QSize(18, 18))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.action_set.build_toolbar(toolbar)
        self.addToolBar(toolbar)

        center = QWidget()
        center.setObjectName("listColumn")
        column = QVBoxLayout(center)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.filter_bar)
        column.addWidget(self.paper_view, 1)
        self.discovery = DiscoveryPages(self.library, self.ops, center, self)
        self.related = RelatedSection(self.discovery.related)
        self.detail.add_section(self.related)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.discovery.stack)
        self.splitter.addWidget(self.detail)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([236, 734, 310])
        self.sidebar.setMinimumWidth(160)
        self.detail.setMinimumWidth(280)
        self.central_stack = QStackedWidget()
        self.central_stack.addWidget(self.splitter)
        self.central_stack.addWidget(self.triage_view)
        self.setCentralWidget(self.central_stack)
        self.setStatusBar(self.status)

        self.paper_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self._context_menu = QMenu(self)
        self.action_set.fill_context_menu(self._context_menu)
        self.setTabOrder(self.filter_bar.field, self.paper_view)
        self.setTabOrder(self.paper_view, self.detail.note)

    def _wire(self) -> None:
        self.sidebar.view_selected.connect(self.show_view)
        self.filter_bar.filter_changed.connect(self.list.set_text)
        self.filter_bar.leave_requested.connect(self.handlers.focus_list)
        self.filter_bar.save_requested.connect(self.handlers.save_search)
        self.list.query_failed.connect(self.filter_bar.show_hint)
        self.list.query_accepted.connect(self.filter_bar.clear_hint)
        self.list.results_shown.connect(lambda _n: self.update_counts())
        self.list.results_completed.connect(lambda _n: self.update_counts())
        self.paper_view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.paper_view.customContextMenuRequested.connect(self._show_context_menu)
        self.sidebar.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.sidebar.customContextMenuRequested.connect(self._show_sidebar_menu)
        self.detail.note_edited.connect(self._save_note)
        self.detail.private_note_edited.connect(self._save_private_note)
        self.detail.rating_chosen.connect(self.handlers.rate)
        self.ops.did_change.connect(self._library_did_change)
        self.ops.did_change.connect(self.triage.library_did_change)
        self.ops.history_did_change.connect(self.action_set.set_history)
        self.ops.failed.connect(self._show_failure)
        self.import_flow.finished.connect(self._imported)
        self.export_flow.said.connect(self.say)
        self.ops.did_change.connect(lambda _changes, _message: self.watcher.acknowledge())
        self.watcher.changed_elsewhere.connect(self.refresh_from_elsewhere)
        self.discovery.paper_activated.connect(self.reveal_paper)

    # -- public operations ----------------------------------------------------------------------

    def say(self, message: str) -> None:
        """Show what just happened in the status bar."""
        self.status.say(message)

    def import_files(self, paths: Sequence[Path]) -> bool:
        """Import files (as File ▸ Import… and dropping files do); False if one is running."""
        self.detail.flush()
        started = self.import_flow.start(list(paths))
        if started:
            self.say(f"Importing {len(paths)} file{'s' if len(paths) != 1 else ''}…")
        return started

    def refresh_all(self, message: str = "") -> None:
        """Reload the sidebar, the list and the pane (after changes made elsewhere)."""
        self.model.forget_rows()
        self.show_sidebar_names()
        self.refresh_sidebar()
        self.list.refresh()
        self.ops.emit_history()
        if message:
            self.say(message)

    def refresh_from_elsewhere(self, changes: Changes = EVERYTHING) -> None:
        """Show what another program (the CLI, another window, another member) changed.

        When only some papers changed, only their rows and the pane showing one reload,
        as after the window's own change, and the status bar keeps what it says (members
        of a shared library change papers all day); anything more reloads every row.
        """
        if changes == Changes(papers=changes.papers):
            self.ops.announce(changes, "")
            return
        self.model.forget_rows()
        self.related.refresh()
        self.ops.announce(changes, "The library was changed elsewhere; refreshed.")

    def show_view(self, view: ListView) -> None:
        """Show what the sidebar picked: a list of papers, or a discovery page."""
        page = view.key.removeprefix(DISCOVER)
        if view.key.startswith(DISCOVER) and page in PAGE_TITLES:
            self.detail.flush()
            self.discovery.show(page)
            return
        self.discovery.show_list()
        self.list.set_view(view)

    def show_page(self, page: str) -> None:
        """Show the discovery page called page (as picking it in the sidebar does)."""
        if self.sidebar.select_key(f"{DISCOVER}{page}"):
            self.discovery.pages[page].setFocus(Qt.FocusReason.ShortcutFocusReason)

    def reveal_paper(self, paper_id: int) -> None:
        """Select paper_id in the list, showing all papers if the current view lacks it."""
        self.detail.flush()
        if self.discovery.current() is not None or not self.list.reveal(paper_id):
            self.discovery.show_list()
            self.sidebar.select_key(ALL_VIEW.key, emit=False)
            self.filter_bar.field.blockSignals(True)
            self.filter_bar.field.clear()
            self.filter_bar.field.blockSignals(False)
            self.list.show_paper(ALL_VIEW, paper_id)
        self.paper_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def sidebar_refresh_pending(self) -> bool:
        """Whether the sidebar's counts are not yet shown or about to be refreshed."""
        return not self.started or self._sidebar_timer.isActive() or self._counting_busy

    def show_sidebar_names(self) -> None:
        """List the current collections, tags and saved searches, keeping shown counts."""
        try:
            self._show_sidebar(load_outline(self.library, self._last_import))
        except ReadingListError as error:
            self.say(str(error))

    def refresh_sidebar(self) -> None:
        """Count the sidebar's views in the background and show them once counted.

        Counting reads the whole library (a second at a million papers): the window
        stays responsive meanwhile, and a request made during a count counts again.
        """
        if self._counting_busy:
            self._count_again = True
            return
        self._counting_busy = True
        library, last_import = self.library, self._last_import
        self._counting.start(lambda: load_sidebar(library, last_import))

    def update_counts(self) -> None:
        self.status.set_counts(self.model.rowCount(), self._total,
                               self.paper_view.selected_count(), more=not self.model.complete)

    def wait_for_counts(self) -> None:
        """Block until the sidebar's background count is done (for shutdown)."""
        self._counting.wait()

    def refresh_detail(self) -> None:
        ids = self.paper_view.selected_ids()
        self.related.show_paper(ids[0] if len(ids) == 1 else None)
        if len(ids) == 1:
            try:
                paper = self.library.detail(ids[0])
            except ReadingListError:
                self.detail.show_nothing()
                return
            self.detail.show_paper(paper, self.filter_bar.text())
        elif ids:
            self.detail.show_selection(len(ids), self._key_hint())
        else:
            self.detail.show_nothing()

    # -- reactions ------------------------------------------------------------------------------

    def _finish_startup(self, *_args: object) -> None:
        """Once the first list is shown, let waiting work start after it is painted."""
        if self._first_list_shown:
            return
        self._first_list_shown = True
        viewport = self.paper_view.viewport()
        if viewport.isVisible():
            viewport.installEventFilter(_AfterPaint(viewport, self._after_startup))
            # Should no paint come (a minimised window), waiting work need not wait long.
            QTimer.singleShot(STARTUP_PAINT_WAIT_MS, self._after_startup)
        else:
            QTimer.singleShot(0, self._after_startup)

    def _after_startup(self) -> None:
        if self.started:
            return
        self.started = True
        self.ops.emit_history()
        self.refresh_sidebar()
        self.startup_did_finish.emit()

    def _sidebar_counted(self, _tag: object, data: SidebarData | None, error: str | None) -> None:
        self._counting_busy = False
        if self._count_again:
            self._count_again = False
            self.refresh_sidebar()
            return
        if error is not None:
            self.say(error)
        elif data is not None:
            self._show_sidebar(data)

    def _show_sidebar(self, data: SidebarData) -> None:
        self.colors.update(data.tags)
        if data.counted:
            self._total = data.total
        self.sidebar.populate(data)
        self.update_counts()

    def _library_did_change(self, changes: Changes, message: str) -> None:
        if message:
            self.say(message)
        if not changes:
            return
        self.list.library_did_change(changes)
        self._sidebar_timer.start()
        current = self.detail.paper
        if changes.paper_set or (current is not None and current.id in changes.papers):
            self.refresh_detail()

    def _show_failure(self, message: str) -> None:
        """Show an error the core reported, once while the same one is still on screen."""
        box = self._error_box
        if box is not None and box.isVisible() and box.text() == message:
            return
        self._error_box = show_error(self, "readinglist", message)
        self._error_box.finished.connect(self._forget_error_box)

    def _forget_error_box(self) -> None:
        self._error_box = None  # it deletes itself on close

    def _save_note(self, paper_id: int, text: str, seen_version: int | None = None) -> None:
        """Save a note; if it cannot be saved, keep it in the editor marked as unsaved.

        A note someone else saved meanwhile is not overwritten: the window asks which to keep.
        """
        editor = self.detail.note
        if seen_version is None and editor.paper_id == paper_id:
            seen_version = editor.version
        command = SetNote(paper_id, text, seen_version=seen_version)
        if self.ops.execute(command, on_conflict=self._note_conflict):
            editor.mark_saved(paper_id, text, command.written_version)
            return
        editor.mark_unsaved(paper_id)
        self.say("The note was not saved; it stays in the editor.")

    def _note_conflict(self, conflict: EditConflict) -> None:
        shown = self.detail.paper
        title = shown.title if shown is not None and shown.id == conflict.paper_id else "a paper"
        dialog = ConflictDialog(conflict, title, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _code: self._settle_conflict(conflict, dialog.resolution))
        dialog.open()

    def _settle_conflict(self, conflict: EditConflict, resolution: Resolution) -> None:
        paper_id = conflict.paper_id
        if resolution == Resolution.KEEP_THEIRS:
            self.detail.note.mark_saved(paper_id, conflict.theirs, conflict.version)
            self.say("Kept the note saved by someone else.")
            return
        text = conflict.mine if resolution == Resolution.USE_MINE else merged_note(conflict)
        self.detail.note.mark_saved(paper_id, conflict.theirs, conflict.version)
        self._save_note(paper_id, text, conflict.version)

    def _save_private_note(self, paper_id: int, text: str) -> None:
        if not self.ops.execute(SetPrivateNote(paper_id, text)):
            self.detail.private_note.mark_unsaved(paper_id)
            self.say("Your note was not saved; it stays in the editor.")

    def _selection_changed(self) -> None:
        self.detail.flush()
        self._detail_timer.start()
        self.update_counts()

    def _imported(self, new_ids: list[int], message: str) -> None:
        self.say(message)
        if new_ids:
            self._last_import = new_ids
            self.show_sidebar_names()
            self.refresh_sidebar()
            view = import_view(new_ids)
            self.sidebar.select_key(view.key, emit=False)
            self.list.set_view(view)
        self.ops.announce(Changes(paper_set=True, tags=True, collections=True), message)

    def _show_context_menu(self, position: QPoint) -> None:
        if self.paper_view.selected_ids():
            self._context_menu.popup(self.paper_view.viewport().mapToGlobal(position))

    def _show_sidebar_menu(self, position: QPoint) -> None:
        item = self.sidebar.itemAt(position)
        key = str(item.data(0, ViewRole)) if item is not None else ""
        menu = sidebar_menu(self, key, self.ops, self.colors) if key else None
        if menu is not None:
            menu.popup(self.sidebar.viewport().mapToGlobal(position))

    def _key_hint(self) -> str:
        parts = []
        for action_id in KEY_HINT_ACTIONS:
            entry = self.keymap[action_id]
            if entry.keys:
                title = "0 to 5 rate" if action_id == "paper.rate.0" else entry.title.rstrip("…")
                key = "" if action_id == "paper.rate.0" else f"{entry.keys[0]} "
                parts.append(f"{key}{title}".strip())
        return ", ".join(parts)

    # -- Qt events ----------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_files(paths)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.watcher.check()  # at once, not at the next poll

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.detail.flush()
        if self.detail.note.is_dirty() and not self._note_given_up:
            # The note could not be saved (read-only file, full disk): say so once.
            self._note_given_up = True
            event.ignore()
            show_error(self, "readinglist", "The note could not be saved.",
                       "Copy its text somewhere safe, then quit again to close without it.")
            return
        self.triage.save()
        if self.import_flow.running():
            self.import_flow.cancel()
        self.import_flow.wait()
        self.list.runner.wait()
        self.watcher.stop()
        self.export_flow.wait()
        self.discovery.wait()
        self.wait_for_counts()
        windowstate.save(self, self.settings)
        super().closeEvent(event)
