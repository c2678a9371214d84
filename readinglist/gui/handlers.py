"""What each keymap action does: small methods over the window's selection and parts.

The keymap names these methods (``handler``); ``actions`` connects them. Each paper
action works on the whole multi-selection and goes through ``Operations`` so it is one
undoable step.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

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
from readinglist.core.errors import ReadingListError
from readinglist.gui.dialogs.tagprompt import TagPrompt
from readinglist.gui.views import combine

if TYPE_CHECKING:
    from readinglist.gui.mainwindow import MainWindow

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
        ids = self.window.paper_view.selected_ids()
        if not ids:
            self.window.say("Select a paper first.")
        return ids

    # -- file and application -----------------------------------------------------------------

    def import_files(self) -> None:
        window = self.window
        start = window.settings.value("import/folder", str(Path.home()), str)
        names, _ = QFileDialog.getOpenFileNames(window, "Import Reading Lists", str(start),
                                                IMPORT_FILTER)
        if names:
            window.settings.setValue("import/folder", str(Path(names[0]).parent))
            window.import_files([Path(name) for name in names])

    def quit(self) -> None:
        self.window.close()

    # -- edit -----------------------------------------------------------------------------------

    def undo(self) -> None:
        self.window.detail.flush()
        self.window.ops.undo()

    def redo(self) -> None:
        self.window.detail.flush()
        self.window.ops.redo()

    def select_all(self) -> None:
        self.window.paper_view.selectAll()

    # -- view and navigation ----------------------------------------------------------------------

    def focus_filter(self) -> None:
        field = self.window.filter_bar.field
        field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        field.selectAll()

    def focus_list(self) -> None:
        self.window.detail.flush()
        self.window.paper_view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def move_cursor(self, step: int) -> None:
        self.window.paper_view.move_cursor(step)

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
        if ids:
            self.window.ops.execute(SetRating(ids, stars))

    def set_status(self, status: str) -> None:
        ids = self._selection()
        if ids:
            self.window.ops.execute(SetStatus(ids, status))

    def toggle_queue(self) -> None:
        """Queue the selection, or put it back in the inbox when all of it is queued."""
        ids = self._selection()
        if not ids:
            return
        try:
            rows = self.window.library.rows(ids)
        except ReadingListError as error:
            self.window.ops.failed.emit(str(error))
            return
        queued = all(row.status == "queued" for row in rows)
        self.window.ops.execute(SetStatus(ids, "inbox" if queued else "queued"))

    def add_tags(self) -> None:
        ids = self._selection()
        if not ids:
            return
        known = [tag.name for tag in self.window.library.tags()]
        noun = "the selected paper" if len(ids) == 1 else f"{len(ids)} selected papers"
        self._prompt(TagPrompt("Add Tags", f"Tags to add to {noun} (comma separated; new tags "
                               "are created):", known, self.window),
                     lambda names: self.window.ops.execute(AddTags(ids, names)))

    def remove_tags(self) -> None:
        ids = self._selection()
        if not ids:
            return
        rows = self.window.library.rows(ids)
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

    def delete_papers(self) -> None:
        ids = self._selection()
        if ids:
            self.window.detail.flush()
            self.window.ops.execute(DeletePapers(ids))

    def move_in_queue(self, where: str) -> None:
        ids = self._selection()
        if ids:
            self.window.ops.move_in_queue(ids, where)

    def edit_note(self) -> None:
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
        self.window.paper_view.setFocus()
