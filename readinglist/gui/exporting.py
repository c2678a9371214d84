"""Export papers from the window: pick the papers, export off the UI thread, write, report.

The dialog (``dialogs/export.py``) only gathers an ``ExportChoice``; ``scope_ids`` turns it
into paper ids and ``ExportFlow`` does the work in a pool thread, so a 100,000-paper
export never freezes the window. Writing goes through ``core.files.write_atomically``.
"""

from __future__ import annotations

import enum
import html
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from readinglist.core.exporters import ExportOptions, export
from readinglist.core.files import write_atomically
from readinglist.gui.dialogs.errors import message_box
from readinglist.gui.views import quoted
from readinglist.gui.worker import Pool

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from PySide6.QtWidgets import QWidget

    from readinglist.core.library import Library

SHOWN_WARNINGS = 12
"""How many warnings the report lists before "and N more" (all are in its details)."""


class Scope(enum.StrEnum):
    """Which papers an export takes."""

    SELECTION = "selection"
    VIEW = "view"
    """The list as shown: the sidebar view and the filter, in the list's order."""
    QUEUE = "queue"
    TAG = "tag"
    COLLECTION = "collection"
    LIBRARY = "library"


@dataclass(frozen=True, slots=True)
class ExportChoice:
    """What the export dialog asks for."""

    format: str
    scope: Scope
    name: str = ""
    """The tag or collection, for those scopes."""
    options: ExportOptions = field(default_factory=ExportOptions)


def scope_ids(library: Library, choice: ExportChoice, selection: Sequence[int],
              shown: Sequence[int]) -> list[int]:
    """Return the ids of the papers choice covers, in the order they are exported."""
    match choice.scope:
        case Scope.SELECTION:
            return list(selection)
        case Scope.VIEW:
            return list(shown)
        case Scope.QUEUE:
            return library.queue()
        case Scope.TAG:
            return library.search(f"tag:{quoted(choice.name)}").ids
        case Scope.COLLECTION:
            return library.search(f"in:{quoted(choice.name)}").ids
        case Scope.LIBRARY:
            return library.search("").ids


def copy_as_bibtex(library: Library, ids: Sequence[int]) -> str:
    """Put the papers' BibTeX on the clipboard; return a sentence saying what was copied."""
    result = export("bibtex", library.details(ids))
    QApplication.clipboard().setText(result.text)
    noun = "1 paper" if len(ids) == 1 else f"{len(ids)} papers"
    message = f"Copied {noun} as BibTeX."
    if result.warnings:
        message += f" {_warning_count(result.warnings)}, the first: {result.warnings[0]}."
    return message


@dataclass(frozen=True, slots=True)
class ExportDone:
    """A finished export: how many papers went where, and what the user should know."""

    path: Path
    count: int
    warnings: list[str]
    error: str = ""


class ExportFlow(QObject):
    """Run one export at a time for the window, then report it."""

    finished = Signal(object)
    """The ExportDone of the export that just ended (also when it failed)."""
    said = Signal(str)
    """A sentence for the status bar."""

    def __init__(self, library: Library, window: QWidget) -> None:
        super().__init__(window)
        self.library = library
        self.window = window
        self._pool = Pool(threads=1, parent=self)
        self._pool.done.connect(self._ended)
        self._dialog: QProgressDialog | None = None
        self.last_box: QMessageBox | None = None

    def running(self) -> bool:
        return self._dialog is not None

    def start(self, choice: ExportChoice, ids: Sequence[int], path: Path) -> bool:
        """Export ids as choice says to path; return False when an export is running."""
        if self.running():
            return False
        dialog = QProgressDialog(f"Exporting {len(ids):,} papers…", "", 0, 0, self.window)
        dialog.setObjectName("exportProgress")
        dialog.setWindowTitle("Exporting")
        dialog.setCancelButton(None)  # an export cannot be stopped half way; it is quick
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        self._dialog = dialog
        self.said.emit(f"Exporting {len(ids):,} papers to {path.name}…")
        library, wanted = self.library, list(ids)

        def work() -> ExportDone:
            papers = library.details(wanted)
            result = export(choice.format, papers, choice.options)
            write_atomically(path, result.text)
            return ExportDone(path, len(papers), result.warnings)

        self._pool.start(work, path)
        return True

    def wait(self) -> None:
        self._pool.wait()

    def _ended(self, path: Path, done: ExportDone | None, error: str | None) -> None:
        self._done(done if done is not None else ExportDone(path, 0, [], error or ""))

    def _done(self, done: ExportDone) -> None:
        if self._dialog is not None:
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None
        if done.error:
            self.last_box = message_box(self.window, QMessageBox.Icon.Warning, "Export failed",
                                        done.error)
            self.said.emit(f"Export failed: {done.error}")
        else:
            noun = "1 paper" if done.count == 1 else f"{done.count:,} papers"
            message = f"Exported {noun} to {done.path}."
            if done.warnings:
                message += f" {_warning_count(done.warnings)}."
                self.last_box = self._report(done, message)
            self.said.emit(message)
        self.finished.emit(done)

    def _report(self, done: ExportDone, message: str) -> QMessageBox:
        items = "".join(f"<li>{html.escape(w)}</li>" for w in done.warnings[:SHOWN_WARNINGS])
        more = len(done.warnings) - SHOWN_WARNINGS
        tail = f"<p>…and {more} more (see Show Details).</p>" if more > 0 else ""
        details = ("<p>Some papers were changed to fit the format (text pdflatex cannot "
                   f"typeset, such as CJK or emoji, is transliterated or dropped):</p>"
                   f"<ul>{items}</ul>{tail}")
        box = message_box(self.window, QMessageBox.Icon.Information, "Export finished",
                          html.escape(message), details, rich=True)
        if more > 0:
            box.setDetailedText("\n".join(done.warnings))
        return box


def _warning_count(warnings: list[str]) -> str:
    count = len(warnings)
    return f"{count} warning{'s' if count != 1 else ''}"
