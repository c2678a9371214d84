"""Importing through the window: progress, summary, new papers shown, errors named, cancel."""

from __future__ import annotations

from typing import TYPE_CHECKING

from helpers import settle, titles, write_pasted
from readinglist.gui.dialogs.importing import summarise

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from readinglist.gui.mainwindow import MainWindow

PAIRS = [("A Fresh Look at Sparse Attention", "We study sparse attention."),
         ("Tokenizers Considered Harmful", "We argue against tokenizers.")]


def test_import_shows_a_summary_and_the_new_papers(qtbot: QtBot, window: MainWindow,
                                                   tmp_path: Path) -> None:
    path = write_pasted(tmp_path / "fresh.txt", PAIRS)
    with qtbot.waitSignal(window.import_flow.finished, timeout=10_000) as blocker:
        assert window.import_files([path])
    settle(qtbot, window)
    new_ids, message = blocker.args
    assert len(new_ids) == 2
    assert message == "Imported 1 file: 2 new, 0 already present."
    assert sorted(titles(window)) == sorted(title for title, _ in PAIRS)
    assert window.sidebar.current_key() == "import"
    assert window.library.count() == 459
    assert window.status.counts_text() == "2 of 459 papers"
    box = window.import_flow.last_box
    assert box is not None and box.isVisible()
    assert "2 new" in box.text()
    assert "fresh.txt" in box.informativeText()
    box.close()
    assert window.sidebar.view("collection:fresh") is not None
    assert window.action_set["edit.undo"].text().startswith("&Undo import")


def test_importing_again_reports_papers_already_present(qtbot: QtBot, window: MainWindow,
                                                       tmp_path: Path) -> None:
    path = write_pasted(tmp_path / "fresh.txt", PAIRS)
    for _ in range(2):
        with qtbot.waitSignal(window.import_flow.finished, timeout=10_000) as blocker:
            window.import_files([path])
        settle(qtbot, window)
    assert blocker.args[1] == "Imported 1 file: 0 new, 2 already present."


def test_a_bad_file_is_named_in_an_error(qtbot: QtBot, window: MainWindow,
                                         tmp_path: Path) -> None:
    good = write_pasted(tmp_path / "good.txt", PAIRS)
    missing = tmp_path / "missing.bib"
    with qtbot.waitSignal(window.import_flow.finished, timeout=10_000) as blocker:
        window.import_files([good, missing])
    settle(qtbot, window)
    assert "1 file failed" in blocker.args[1]
    box = window.import_flow.last_box
    assert box is not None
    assert box.icon() == box.Icon.Warning
    assert "missing.bib" in box.informativeText()
    assert "no such file" in box.informativeText()
    assert window.library.count() == 459
    box.close()


def test_cancel_leaves_the_library_unchanged(qtbot: QtBot, window: MainWindow,
                                             tmp_path: Path) -> None:
    pairs = [(f"Paper number {i} about cancelling", f"Abstract {i}.") for i in range(3000)]
    path = write_pasted(tmp_path / "big.txt", pairs)
    undo_before = window.action_set["edit.undo"].text()
    with qtbot.waitSignal(window.import_flow.finished, timeout=30_000) as blocker:
        window.import_files([path])
        window.import_flow.cancel()
    settle(qtbot, window)
    assert blocker.args == [[], "Import cancelled; the library is unchanged."]
    assert window.library.count() == 457
    assert window.action_set["edit.undo"].text() == undo_before


def test_a_second_import_waits_for_the_first(qtbot: QtBot, window: MainWindow,
                                             tmp_path: Path) -> None:
    path = write_pasted(tmp_path / "fresh.txt", PAIRS)
    with qtbot.waitSignal(window.import_flow.finished, timeout=10_000):
        assert window.import_files([path])
        assert not window.import_files([path])


def test_dropping_files_imports_them(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    path = write_pasted(tmp_path / "dropped.txt", PAIRS)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.import_flow.finished, timeout=10_000):
        window.dropEvent(event)
    settle(qtbot, window)
    assert window.library.count() == 459


def test_summary_sentence_counts_duplicates_and_failures() -> None:
    from readinglist.core.importing import ImportSummary

    summaries = [ImportSummary("a.txt", "a", added=3, already_present=1, likely_duplicates=2),
                 ImportSummary("b.bib", "b", error="b.bib: no such file")]
    assert summarise(summaries) == ("Imported 1 file: 3 new, 1 already present, "
                                    "2 likely duplicates; 1 file failed.")
