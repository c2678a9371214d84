"""What each keymap action does: small methods over the window's selection and parts.

The keymap names these methods (``handler``); ``actions`` connects them. Each paper
action works on the whole multi-selection (or, in triage mode, on the paper shown) and
goes through ``Operations`` so it is one undoable step.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit

from readinglist.core.commands import (
    AddTags,
    DeletePapers,
    RemoveTags,
    SaveSearch,
    SetRating,
    SetStatus,
)
from readinglist.core.commands.papers import ToggleQueue
from readinglist.core.errors import ReadingListError
from readinglist.core.models import Status
from readinglist.gui import exportactions
from readinglist.gui.dialogs.openlibrary import choose_library
from readinglist.gui.dialogs.preferences import Preferences
from readinglist.gui.dialogs.shortcuts import ShortcutSheet
from readinglist.gui.dialogs.tagprompt import TagPrompt
from readinglist.gui.palette import CommandPalette
from readinglist.gui.views import combine

if TYPE_CHECKING:
    from collections.abc import Callable

    from readinglist.gui.mainwindow import MainWindow

T = TypeVar("T")

DECISIONS = {"queued": "Queued", "read": "Read", "skipped": "Skipped", "inbox": "Kept in Inbox",
             "reading": "Reading"}

IMPORT_FILTER = (
    "Reading lists (*.txt *.bib *.bibtex *.ris *.json *.csv);;"
    "Pasted lists (*.txt);;BibTeX (*.bib *.bibtex);;RIS (*.ris);;CSL-JSON (*.json);;"
    "CSV (*.csv);;All files (*)"
)


class Handlers:
    """Perform keymap actions for one main window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.prompt: TagPrompt | None = None
        """The open tag prompt, if any (tests fill it in)."""

    # -- helpers ------------------------------------------------------------------------------

    def _selection(self) -> list[int]:
        """Return the papers an action is for: the selection, or the paper triage shows."""
        triage = self.window.triage
        ids = triage.current_ids() if triage.active else self.window.paper_view.selected_ids()
        if not ids:
            self.window.say("Nothing to triage here." if triage.active
                            else "Select a paper first.")
        return ids

    def _decided(self, text: str) -> None:
        """Tell triage a decision was saved on its paper (it moves on)."""
        if self.window.triage.active:
            self.window.triage.decided(text)

    def _focus_papers(self) -> None:
        """Give the focus back to where paper keys act: the triage page or the list."""
        if self.window.triage.active:
            self.window.triage_view.setFocus()
        else:
            self.window.paper_view.setFocus()

    # -- file and application -----------------------------------------------------------------

    def import_files(self) -> None:
        window = self.window
        start = window.settings.value("import/folder", str(Path.home()), str)
        names, _ = QFileDialog.getOpenFileNames(window, "Import Reading Lists", str(start),
                                                IMPORT_FILTER)
        if names:
            window.settings.setValue("import/folder", str(Path(names[0]).parent))
            window.import_files([Path(name) for name in names])

    def open_library(self) -> None:
        """Ask for another library; the window over it replaces this one (see ``shell``)."""
        self.window.detail.flush()
        choice = choose_library(self.window.settings, self.window)
        if choice is not None:
            self.window.library_chosen.emit(choice)

    def quit(self) -> None:
        self.window.close()

    def export(self) -> None:
        exportactions.export_interactively(self.window)

    def copy_bibtex(self) -> None:
        ids = self._selection()
        if ids:
            exportactions.copy_bibtex(self.window, ids)

    # -- discovery --------------------------------------------------------------------------------

    def show_page(self, page: str) -> None:
        self.window.show_page(page)

    def focus_related(self) -> None:
        if self._selection():
            self.window.related.focus_list()

    # -- edit -----------------------------------------------------------------------------------

    def undo(self) -> None:
        self.window.detail.flush()
        label = self.window.ops.undo()
        if label is not None:
            self.window.triage.undone(label)

    def redo(self) -> None:
        self.window.detail.flush()
        label = self.window.ops.redo()
        if label is not None:
            self.window.triage.redone(label)

    def select_all(self) -> None:
        self.window.list.complete_now()  # every match, not only the first page
        self.window.paper_view.selectAll()

    def show_preferences(self) -> None:
        Preferences.show_for(self.window)

    def show_palette(self) -> None:
        CommandPalette.show_for(self.window)

    def show_shortcuts(self) -> None:
        ShortcutSheet.show_for(self.window)

    # -- view and navigation ----------------------------------------------------------------------

    def focus_filter(self) -> None:
        field = self.window.filter_bar.field
        field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        field.selectAll()

    def focus_list(self) -> None:
        if self.window.triage.active:
            self.window.triage.leave()
            return
        self.window.detail.flush()
        self.window.paper_view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def move_cursor(self, step: int) -> None:
        if self.window.triage.active:
            self.window.triage.step(step)
        else:
            self.window.paper_view.move_cursor(step)

    def toggle_triage(self) -> None:
        self.window.triage.toggle()

    def triage_back(self) -> None:
        self.window.triage.back()

    def open_paper(self) -> None:
        if self._selection():
            self.window.detail.focus_abstract()

    def refresh(self) -> None:
        self.window.refresh_all("Refreshed.")

    def save_search(self) -> None:
        window = self.window
        text = window.filter_bar.text().strip()
        query = combine(window.list.list_view.query, text)
        if not text or window.list.list_view.ids is not None:
            window.say("Type a filter first; a saved search keeps the current filter.")
            return
        name, ok = QInputDialog.getText(window, "Save Search", f"Name for “{query}”:",
                                        QLineEdit.EchoMode.Normal, text)
        if ok and name.strip():
            window.ops.execute(SaveSearch(name.strip(), query))

    # -- paper actions ----------------------------------------------------------------------------

    def rate(self, stars: int | None) -> None:
        ids = self._selection()
        if ids and self.window.ops.execute(SetRating(ids, stars)):
            self._decided("Not rated" if stars is None else f"Rated {stars}")

    def set_status(self, status: str) -> None:
        ids = self._selection()
        if ids and self.window.ops.execute(SetStatus(ids, status)):
            self._decided(DECISIONS.get(status, status))

    def toggle_queue(self) -> None:
        """Queue the selection, or put it back in the inbox when all of it is queued."""
        ids = self._selection()
        if not ids:
            return
        command = ToggleQueue(ids)
        if self.window.ops.execute(command):
            self._decided(DECISIONS[command.status])

    def add_tags(self) -> None:
        ids = self._selection()
        if not ids:
            return
        tags = self._ask(self.window.library.tags)
        if tags is None:
            return
        known = [tag.name for tag in tags]
        noun = "the selected paper" if len(ids) == 1 else f"{len(ids)} selected papers"
        self._prompt(TagPrompt("Add Tags", f"Tags to add to {noun} (comma separated; new tags "
                               "are created):", known, self.window),
                     lambda names: self._tagged(ids, names))

    def remove_tags(self) -> None:
        ids = self._selection()
        if not ids:
            return
        rows = self._ask(lambda: self.window.library.rows(ids))
        if rows is None:
            return
        present = sorted({tag for row in rows for tag in row.tags})
        if not present:
            self.window.say("The selected papers have no tags.")
            return
        noun = "the selected paper" if len(ids) == 1 else f"{len(ids)} selected papers"
        prompt = TagPrompt("Remove Tags", f"Tags to remove from {noun}:", present, self.window,
                           allow_new=False)
        if len(present) == 1:
            prompt.field.setText(present[0])
            prompt.field.selectAll()
        self._prompt(prompt, lambda names: self.window.ops.execute(RemoveTags(ids, names)))

    def _ask(self, question: Callable[[], T]) -> T | None:
        """Return what the library answers, or None after reporting why it could not."""
        try:
            return question()
        except ReadingListError as error:
            self.window.ops.failed.emit(str(error))
            return None

    def _tagged(self, ids: list[int], names: list[str]) -> None:
        if self.window.ops.execute(AddTags(ids, names)):
            self._decided(f"Tagged {', '.join(names)}")

    def delete_papers(self) -> None:
        ids = self._selection()
        if ids:
            self.window.detail.flush()
            if self.window.ops.execute(DeletePapers(ids)):
                self._decided("Deleted")

    def move_in_queue(self, where: str) -> None:
        ids = self._selection()
        if ids:
            self.window.ops.move_in_queue(ids, where)

    def start_reading(self) -> None:
        """Take the paper at the top of the queue to Reading."""
        try:
            queue = self.window.library.queue()
            title = self.window.library.detail(queue[0]).title if queue else ""
        except ReadingListError as error:
            self.window.ops.failed.emit(str(error))
            return
        if not queue:
            self.window.say("The queue is empty.")
            return
        if self.window.ops.execute(SetStatus([queue[0]], Status.READING)):
            self.window.say(f"Reading “{title}”.")

    def edit_note(self) -> None:
        if self.window.triage.active:
            self.window.triage.leave()
        ids = self._selection()
        if len(ids) > 1:
            self.window.paper_view.move_cursor(0)  # keep only the current paper
        if ids:
            self.window.detail.focus_note()

    def _prompt(self, prompt: TagPrompt, done: object) -> None:
        prompt.tags_chosen.connect(done)
        prompt.finished.connect(lambda _result: self._prompt_closed(prompt))
        prompt.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.prompt = prompt
        prompt.open()

    def _prompt_closed(self, prompt: TagPrompt) -> None:
        if self.prompt is prompt:
            self.prompt = None
        self.window.activateWindow()
        self._focus_papers()
