"""Import files in a worker thread with a cancellable progress dialog, then summarise."""

from __future__ import annotations

import html
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog

from readinglist.core.errors import ImportCancelled
from readinglist.gui.dialogs.errors import message_box
from readinglist.gui.worker import Pool

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from PySide6.QtWidgets import QWidget

    from readinglist.core.importing import ImportSummary
    from readinglist.core.library import Library


class _Progress(QObject):
    reported = Signal(str, int, int, int)
    """(file name, file number, done, total), emitted from the import thread."""


def summarise(summaries: Sequence[ImportSummary]) -> str:
    """Return one sentence for the status bar: counts of new, present and likely duplicates."""
    done = [s for s in summaries if s.error is None]
    added = sum(s.added for s in done)
    present = sum(s.already_present for s in done)
    duplicates = sum(s.likely_duplicates for s in done)
    files = "1 file" if len(done) == 1 else f"{len(done)} files"
    text = f"Imported {files}: {added} new, {present} already present"
    if duplicates:
        text += f", {duplicates} likely duplicate{'s' if duplicates != 1 else ''}"
    failed = len(summaries) - len(done)
    if failed:
        text += f"; {failed} file{'s' if failed != 1 else ''} failed"
    return text + "."


class ImportFlow(QObject):
    """Run one import at a time for the window: progress, cancel, summary, errors."""

    finished = Signal(list, str)
    """(new paper ids, status message) when an import ends (also when cancelled or failed)."""

    def __init__(self, library: Library, window: QWidget) -> None:
        super().__init__(window)
        self.library = library
        self.window = window
        self._pool = Pool(threads=1, parent=self)
        self._pool.done.connect(self._done)
        self._cancel = threading.Event()
        self._reporter = _Progress(self)
        self._reporter.reported.connect(self._progress)
        self._dialog: QProgressDialog | None = None
        self._count = 0
        self.last_box: QMessageBox | None = None

    def running(self) -> bool:
        return self._dialog is not None

    def start(self, paths: Sequence[Path]) -> bool:
        """Import paths; return False if another import is still running."""
        if self.running() or not paths:
            return False
        paths = [Path(p) for p in paths]
        self._count = len(paths)
        self._cancel.clear()
        dialog = QProgressDialog("Reading files…", "Cancel", 0, 0, self.window)
        dialog.setObjectName("importProgress")
        dialog.setWindowTitle("Importing")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(420)
        dialog.canceled.connect(self.cancel)
        self._dialog = dialog
        self._pool.start(self._work(paths))
        return True

    def _work(self, paths: list[Path]) -> Callable[[], list[ImportSummary]]:
        library, cancel, reported = self.library, self._cancel, self._reporter.reported
        numbers = {path: number for number, path in enumerate(paths, start=1)}

        def progress(path: Path, done: int, total: int) -> None:
            if cancel.is_set():
                raise ImportCancelled
            reported.emit(path.name, numbers.get(path, 1), done, total)

        return lambda: library.import_files(paths, progress=progress)

    def cancel(self) -> None:
        """Stop the running import; the library is left exactly as before."""
        self._cancel.set()
        if self._dialog is not None:
            self._dialog.setLabelText("Cancelling…")

    def wait(self) -> None:
        self._pool.wait()

    def _progress(self, name: str, number: int, done: int, total: int) -> None:
        if self._dialog is None or self._cancel.is_set():
            return
        of = f" (file {number} of {self._count})" if self._count > 1 else ""
        self._dialog.setLabelText(f"Importing {name}{of}…")
        self._dialog.setMaximum(max(total, 1))
        self._dialog.setValue(min(done, total))

    def _done(self, _tag: object, summaries: list[ImportSummary] | None,
              error: str | None) -> None:
        cancelled = self._cancel.is_set()
        if self._dialog is not None:
            self._dialog.canceled.disconnect(self.cancel)
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None
        if summaries is None:
            if cancelled or error == str(ImportCancelled()):
                self.finished.emit([], "Import cancelled; the library is unchanged.")
                return
            reason = error or "unknown error"
            self.last_box = message_box(self.window, QMessageBox.Icon.Warning,
                                        "Import failed", reason)
            self.finished.emit([], f"Import failed: {reason}")
            return
        new_ids = [pid for s in summaries for pid in s.new_ids]
        message = summarise(summaries)
        self.last_box = self._report(summaries, message)
        self.finished.emit(new_ids, message)

    def _report(self, summaries: list[ImportSummary], message: str) -> QMessageBox:
        failed = [s for s in summaries if s.error is not None]
        lines = []
        for summary in summaries:
            name = html.escape(Path(summary.source).name)
            if summary.error is not None:
                lines.append(f"<li><b>{name}</b>: {html.escape(summary.error)}</li>")
                continue
            parts = [f"{summary.added} new", f"{summary.already_present} already present"]
            if summary.likely_duplicates:
                parts.append(f"{summary.likely_duplicates} likely duplicates")
            warnings = "".join(f"<br><i>{html.escape(w)}</i>" for w in summary.warnings[:3])
            lines.append(f"<li><b>{name}</b> → {html.escape(summary.collection)}: "
                         f"{', '.join(parts)}{warnings}</li>")
        details = f"<ul>{''.join(lines)}</ul>"
        if failed:
            title = "Some files could not be imported" if len(failed) < len(summaries) \
                else "The files could not be imported"
            icon = QMessageBox.Icon.Warning
        else:
            title, icon = "Import finished", QMessageBox.Icon.Information
        return message_box(self.window, icon, title, html.escape(message), details, rich=True)
