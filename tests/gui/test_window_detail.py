"""The abstract pane: selected paper, highlighted filter words, literal markup, the note."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from helpers import filter_for, select_rows, settle, titles, write_pasted

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from readinglist.gui.mainwindow import MainWindow

MARKUP_TITLE = "<b>Bold</b> claims about <img src=x onerror=alert(1)> models"
MARKUP_ABSTRACT = "We <script>alert('x')</script> show that <i>markup</i> & ampersands stay text."


def test_selecting_a_paper_shows_its_abstract(qtbot: QtBot, window: MainWindow) -> None:
    filter_for(qtbot, window, "matrx entrpy")
    select_rows(window, 0)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.detail.paper is not None)
    text = window.detail.browser.toPlainText()
    assert "Large Language Model Evaluation via Matrix Entropy" in text
    assert "matrix entropy, a novel metric" in text
    html = window.detail.browser.toHtml()
    assert "#ffe58a" in html  # the filter's words are highlighted


def test_several_selected_papers_are_summarised(qtbot: QtBot, window: MainWindow) -> None:
    select_rows(window, 0, 4)
    qtbot.waitUntil(lambda: "5 papers selected" in window.detail.placeholder.toPlainText())
    assert "5 selected" in window.status.counts_text()


def test_note_is_saved_without_a_save_button(qtbot: QtBot, window: MainWindow) -> None:
    paper_id = select_rows(window, 2)[0]
    qtbot.waitUntil(lambda: window.detail.paper is not None)
    window.detail.focus_note()
    qtbot.keyClicks(window.detail.note, "Read section 3")
    qtbot.waitUntil(lambda: window.library.detail(paper_id).note == "Read section 3",
                    timeout=3000)
    assert "note" in window.action_set["edit.undo"].text()


def test_note_is_saved_when_switching_papers_at_once(qtbot: QtBot, window: MainWindow) -> None:
    paper_id = select_rows(window, 2)[0]
    qtbot.waitUntil(lambda: window.detail.paper is not None)
    window.detail.note.setPlainText("Ünïcödé note, typed fast")
    select_rows(window, 3)
    assert window.library.detail(paper_id).note == "Ünïcödé note, typed fast"


def test_note_is_saved_on_close(qtbot: QtBot, window: MainWindow) -> None:
    paper_id = select_rows(window, 1)[0]
    qtbot.waitUntil(lambda: window.detail.paper is not None)
    window.detail.note.setPlainText("last words")
    window.close()
    assert window.library.detail(paper_id).note == "last words"


def test_escape_leaves_the_note_and_saves_it(qtbot: QtBot, window: MainWindow) -> None:
    paper_id = select_rows(window, 4)[0]
    qtbot.waitUntil(lambda: window.detail.paper is not None)
    window.detail.focus_note()
    window.detail.note.insertPlainText("check the appendix")
    qtbot.keyClick(window.detail.note, Qt.Key.Key_Escape)
    assert window.paper_view.hasFocus()
    assert window.library.detail(paper_id).note == "check the appendix"


def test_markup_in_titles_and_abstracts_is_shown_literally(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    path = write_pasted(tmp_path / "markup.txt", [(MARKUP_TITLE, MARKUP_ABSTRACT)])
    with qtbot.waitSignal(window.import_flow.finished, timeout=10_000):
        window.import_files([path])
    settle(qtbot, window)
    assert titles(window) == [MARKUP_TITLE]
    select_rows(window, 0)
    qtbot.waitUntil(lambda: window.detail.paper is not None)
    text = window.detail.browser.toPlainText()
    assert MARKUP_TITLE in text
    assert MARKUP_ABSTRACT in text
    filter_for(qtbot, window, "markup")
    select_rows(window, 0)
    QApplication.processEvents()
    assert MARKUP_ABSTRACT in window.detail.browser.toPlainText()
    assert window.model.index(0, 2).data() == MARKUP_TITLE


def test_clicking_a_star_rates_the_paper(qtbot: QtBot, window: MainWindow) -> None:
    paper_id = select_rows(window, 0)[0]
    qtbot.waitUntil(lambda: window.detail.paper is not None)
    stars = window.detail.rating
    from readinglist.gui.widgets.rating import STAR

    qtbot.mouseClick(stars, Qt.MouseButton.LeftButton, pos=stars.rect().topLeft() +
                     type(stars.rect().topLeft())(int(STAR * 2.5), 5))
    settle(qtbot, window)
    assert window.library.detail(paper_id).rating == 3
    assert stars.rating() == 3


def test_links_search_the_title_on_three_sites(window: MainWindow) -> None:
    from readinglist.gui.links import search_links

    links = dict(search_links("Attention Is All You Need"))
    assert links["arXiv"].startswith("https://arxiv.org/search/?query=Attention%20Is")
    assert "semanticscholar.org" in links["Semantic Scholar"]
    assert "scholar.google.com" in links["Google Scholar"]


def test_undo_in_the_note_never_brings_back_another_papers_note(
    qtbot: QtBot, window: MainWindow
) -> None:
    first = select_rows(window, 1)[0]
    qtbot.waitUntil(lambda: window.detail.paper is not None and window.detail.paper.id == first)
    window.detail.focus_note()
    window.detail.note.insertPlainText("only about the first paper")
    window.detail.note.selectAll()
    window.detail.note.cut()
    second = select_rows(window, 2)[0]
    qtbot.waitUntil(lambda: window.detail.paper is not None and window.detail.paper.id == second)
    window.detail.note.undo()
    assert window.detail.note.toPlainText() == ""


def test_refreshing_the_same_paper_keeps_the_abstract_scrolled(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.resize(900, 300)
    paper_id = select_rows(window, 0)[0]
    qtbot.waitUntil(lambda: window.detail.paper is not None)
    bar = window.detail.browser.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    window.detail.show_paper(window.library.detail(paper_id), "")
    assert bar.value() == bar.maximum() > 0


def test_a_short_abstract_after_a_long_one_needs_no_scroll_bar(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.resize(900, 300)
    paper_id = select_rows(window, 0)[0]
    qtbot.waitUntil(lambda: window.detail.paper is not None)
    bar = window.detail.browser.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.isVisible())
    short = replace(window.library.detail(paper_id), id=-1, title="Short", abstract="Brief.")
    window.detail.show_paper(short, "")
    qtbot.waitUntil(lambda: not bar.isVisible())
    assert bar.maximum() == 0
