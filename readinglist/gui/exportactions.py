"""The export actions of the window: File ▸ Export… and Copy as BibTeX."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QFileDialog

from readinglist.core.errors import ReadingListError
from readinglist.core.exporters import EXPORTERS, get
from readinglist.gui.dialogs.export import ExportDialog, ScopeCounts
from readinglist.gui.exporting import Scope, copy_as_bibtex, scope_ids

if TYPE_CHECKING:
    from readinglist.gui.exporting import ExportChoice
    from readinglist.gui.mainwindow import MainWindow

FORMAT_KEY = "export/format"
FOLDER_KEY = "export/folder"


def scope_counts(window: MainWindow) -> ScopeCounts:
    """Read what the export dialog offers: the selection, the list, the queue, tags..."""
    library = window.library
    text = window.filter_bar.text().strip()
    title = window.list.list_view.title + (f" filtered by “{text}”" if text else "")
    return ScopeCounts(
        selection=len(window.paper_view.selected_ids()),
        view=window.model.rowCount(),
        view_title=title,
        queue=library.status_counts().get("queued", 0),
        total=library.count(),
        tags=[tag.name for tag in library.tags() if tag.count],
        collections=[collection.name for collection in library.collections()],
    )


def export_interactively(window: MainWindow) -> None:
    """Ask what to export and where, then export in the background."""
    window.detail.flush()
    try:
        counts = scope_counts(window)
    except ReadingListError as error:
        window.ops.failed.emit(str(error))
        return
    last = str(window.settings.value(FORMAT_KEY, "bibtex", str))
    dialog = ExportDialog(counts, last, window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    choice = dialog.choice()
    window.settings.setValue(FORMAT_KEY, choice.format)
    path = ask_path(window, choice)
    if path is not None:
        window.settings.setValue(FOLDER_KEY, str(path.parent))
        run_export(window, choice, path)


def ask_path(window: MainWindow, choice: ExportChoice) -> Path | None:
    """Ask where to save; add the format's extension when the name has none."""
    exporter = get(choice.format)
    folder = Path(str(window.settings.value(FOLDER_KEY, str(Path.home()), str)))
    stem = choice.name or ("reading-list" if choice.scope == Scope.LIBRARY else choice.scope)
    suggested = folder / f"{stem}{exporter.extension}"
    filters = ";;".join(f"{e.label} (*{e.extension})" for e in EXPORTERS.values())
    chosen = f"{exporter.label} (*{exporter.extension})"
    name, _ = QFileDialog.getSaveFileName(window, "Export", str(suggested),
                                          f"{filters};;All files (*)", chosen)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix else path.with_suffix(exporter.extension)


def run_export(window: MainWindow, choice: ExportChoice, path: Path) -> bool:
    """Export the papers choice covers to path; return False when nothing was started."""
    window.detail.flush()
    try:
        ids = scope_ids(window.library, choice, window.paper_view.selected_ids(),
                        window.list.all_ids())
    except ReadingListError as error:
        window.ops.failed.emit(str(error))
        return False
    if not ids:
        window.say("Nothing to export: no papers in that choice.")
        return False
    if not window.export_flow.start(choice, ids, path):
        window.say("An export is still running; try again when it is done.")
        return False
    return True


def copy_bibtex(window: MainWindow, ids: list[int]) -> None:
    """Copy the papers ids as BibTeX to the clipboard and say so."""
    window.detail.flush()
    try:
        window.say(copy_as_bibtex(window.library, ids))
    except ReadingListError as error:
        window.ops.failed.emit(str(error))
