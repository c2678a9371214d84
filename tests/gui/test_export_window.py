"""File ▸ Export… and Copy as BibTeX: the dialog's choice, the export thread, the clipboard."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from helpers import select_rows, settle, write_pasted
from readinglist.core.commands import SetStatus
from readinglist.core.exporters import ExportOptions, GroupBy
from readinglist.gui.dialogs.export import ExportDialog
from readinglist.gui.exportactions import run_export, scope_counts
from readinglist.gui.exporting import ExportChoice, Scope

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from readinglist.gui.mainwindow import MainWindow


def plain_words(title: str) -> str:
    """Return the longest run of letters and spaces in title (Markdown escapes the rest)."""
    return max(re.findall(r"[A-Za-z ]+", title), key=len).strip()


def export_through_window(qtbot: QtBot, window: MainWindow, choice: ExportChoice,
                          path: Path) -> None:
    with qtbot.waitSignal(window.export_flow.finished, timeout=20_000) as done:
        assert run_export(window, choice, path)
    assert not done.args[0].error


def test_export_dialog_exports_the_selection_to_the_chosen_file(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    ids = select_rows(window, 2, 4)
    dialog = ExportDialog(scope_counts(window), "bibtex", window)
    qtbot.addWidget(dialog)
    assert dialog.buttons[Scope.SELECTION].isChecked()  # several papers selected
    assert "3 papers" in dialog.buttons[Scope.SELECTION].text()
    assert not dialog.markdown.isEnabled()
    target = tmp_path / "chosen.bib"
    export_through_window(qtbot, window, dialog.choice(), target)
    text = target.read_text(encoding="utf-8")
    assert text.count("\n@") + text.startswith("@") == 3
    for paper in window.library.details(ids):  # keys are stored when first exported
        assert f"{{{paper.citation_key}," in text
    assert "Exported 3 papers" in window.status.message.text()


def test_export_of_the_queue_keeps_queue_order_in_markdown(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    ids = [window.model.paper_id(row) for row in (5, 1, 3)]
    for paper_id in ids:  # queued one by one: the queue order is 5, 1, 3
        window.ops.execute(SetStatus([paper_id], "queued"))
    settle(qtbot, window)
    dialog = ExportDialog(scope_counts(window), "markdown", window)
    qtbot.addWidget(dialog)
    assert dialog.markdown.isEnabled()
    dialog.select_scope(Scope.QUEUE)
    dialog.abstracts.setChecked(True)
    dialog.group_by.setCurrentIndex(dialog.group_by.findData(GroupBy.NONE.value))
    choice = dialog.choice()
    assert choice == ExportChoice("markdown", Scope.QUEUE, "",
                                  ExportOptions(abstracts=True, group_by=GroupBy.NONE))
    target = tmp_path / "queue.md"
    export_through_window(qtbot, window, choice, target)
    text = target.read_text(encoding="utf-8")
    words = [plain_words(paper.title) for paper in window.library.details(ids)]
    positions = [text.index(part) for part in words]
    assert positions == sorted(positions)


def test_export_of_a_collection_as_csl_json(qtbot: QtBot, window: MainWindow,
                                            tmp_path: Path) -> None:
    name = "Sample: LLMs and society"
    dialog = ExportDialog(scope_counts(window), "csl-json", window)
    qtbot.addWidget(dialog)
    dialog.select_scope(Scope.COLLECTION, name)
    target = tmp_path / "society.json"
    export_through_window(qtbot, window, dialog.choice(), target)
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert len(exported) == len(window.library.search(f'in:"{name}"').ids) > 0


def test_export_to_an_unwritable_place_says_so(qtbot: QtBot, window: MainWindow,
                                               tmp_path: Path) -> None:
    select_rows(window, 0)
    choice = ExportChoice("ris", Scope.SELECTION)
    with qtbot.waitSignal(window.export_flow.finished, timeout=20_000) as done:
        run_export(window, choice, tmp_path / "missing-folder" / "x.ris")
    assert "cannot write" in done.args[0].error
    assert window.export_flow.last_box is not None
    assert "cannot write" in window.export_flow.last_box.text()
    window.export_flow.last_box.close()


def test_export_warnings_are_shown_after_the_export(qtbot: QtBot, window: MainWindow,
                                                    tmp_path: Path) -> None:
    source = write_pasted(tmp_path / "emoji.txt", [("Rockets 🚀 and 漢字 in a title",
                                                    "An abstract.")])
    window.library.import_files([source])
    paper_id = window.library.search("Rockets").ids[0]
    with qtbot.waitSignal(window.export_flow.finished, timeout=20_000):
        window.export_flow.start(ExportChoice("bibtex", Scope.SELECTION), [paper_id],
                                 tmp_path / "w.bib")
    box = window.export_flow.last_box
    assert box is not None and "pdflatex" in box.informativeText()
    assert "1 warning" in window.status.message.text()
    box.close()


def test_ctrl_shift_c_copies_the_selection_as_bibtex(qtbot: QtBot, window: MainWindow) -> None:
    ids = select_rows(window, 0, 1)
    QApplication.clipboard().clear()
    qtbot.keyClick(window.paper_view, Qt.Key.Key_C,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    text = QApplication.clipboard().text()
    for paper in window.library.details(ids):
        assert f"{{{paper.citation_key}," in text
    assert text.count("\n@") + text.startswith("@") == 2
    assert "Copied 2 papers as BibTeX" in window.status.message.text()
