"""Names, hints and errors from the library or the user are shown as typed, never as HTML."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from readinglist.gui.dialogs.errors import message_box, show_error
from readinglist.gui.dialogs.tagprompt import TagPrompt
from readinglist.gui.tagcolors import TagColors
from readinglist.gui.widgets.filterbar import FilterBar
from readinglist.gui.widgets.statusbar import StatusBar
from readinglist.gui.widgets.triageview import Progress, TriageView

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from readinglist.gui.mainwindow import MainWindow

MARKUP = "<b>x</b>"
PLAIN = Qt.TextFormat.PlainText


def test_tag_prompt_error_shows_an_unknown_tag_literally(qtbot: QtBot) -> None:
    prompt = TagPrompt("Remove Tags", f"Tags to remove from {MARKUP}:", ["nlp"],
                       allow_new=False)
    qtbot.addWidget(prompt)
    prompt.field.setText(MARKUP)
    prompt.accept()
    assert prompt.error.isVisibleTo(prompt)
    assert MARKUP in prompt.error.text()
    assert prompt.error.textFormat() == PLAIN


def test_filter_hint_shows_the_query_literally(qtbot: QtBot) -> None:
    bar = FilterBar()
    qtbot.addWidget(bar)
    bar.show_hint(f"unknown field in {MARKUP}")
    assert bar.hint.text() == f"⚠ unknown field in {MARKUP}"
    assert bar.hint.textFormat() == PLAIN


def test_status_bar_shows_a_title_literally(qtbot: QtBot) -> None:
    status = StatusBar()
    qtbot.addWidget(status)
    status.say(f"Reading “{MARKUP}”.")
    assert status.message.textFormat() == PLAIN


def test_triage_header_shows_a_collection_name_literally(qtbot: QtBot) -> None:
    view = TriageView(TagColors())
    qtbot.addWidget(view)
    view.show_progress(Progress(MARKUP, 0, 3, 1, ""))
    assert view.source.text() == "TRIAGE · <B>X</B>"
    assert view.source.textFormat() == PLAIN
    assert view.title.textFormat() == PLAIN
    view.set_hints([("Q", "queue")])
    assert view.hints.textFormat() == Qt.TextFormat.RichText  # built escaped, as HTML


def test_error_box_shows_its_message_literally(window: MainWindow) -> None:
    box = show_error(window, "readinglist", f"no paper named {MARKUP}", f"in {MARKUP}")
    assert box.textFormat() == PLAIN
    assert box.informativeText() == f"in {MARKUP}"
    box.close()


def test_message_box_is_rich_only_when_asked(window: MainWindow) -> None:
    box = message_box(window, QMessageBox.Icon.Information, "Import finished", "<p>done</p>",
                      rich=True)
    assert box.textFormat() == Qt.TextFormat.RichText
    box.close()
