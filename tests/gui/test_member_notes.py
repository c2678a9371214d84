"""The abstract pane of a shared library: a shared note, the member's own, and who got how far."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from paperdata import paper
from readinglist.gui.tagcolors import TagColors
from readinglist.gui.widgets.detailpane import DetailPane, members_line

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

pytestmark = pytest.mark.gui


def pane(qtbot: QtBot, shared: bool) -> DetailPane:
    widget = DetailPane(TagColors(), shared=shared)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_a_library_file_shows_one_note_and_no_members(qtbot: QtBot) -> None:
    detail = pane(qtbot, shared=False)
    detail.show_paper(paper(1, "A paper", note="mine alone"), "")
    assert detail.note.toPlainText() == "mine alone"
    assert not detail.private_note.isVisible()
    assert not detail.members.isVisible()


def test_a_shared_library_shows_the_shared_note_and_my_own(qtbot: QtBot) -> None:
    detail = pane(qtbot, shared=True)
    detail.show_paper(paper(1, "A paper", note="for the group", private_note="for me"), "")
    assert detail.note.toPlainText() == "for the group"
    assert detail.private_note.isVisible()
    assert detail.private_note.toPlainText() == "for me"
    assert not detail.members.isVisible()  # the only member so far


def test_editing_my_note_saves_it_apart_from_the_shared_one(qtbot: QtBot) -> None:
    detail = pane(qtbot, shared=True)
    detail.show_paper(paper(7, "A paper"), "")
    with qtbot.waitSignal(detail.private_note_edited) as saved:
        detail.private_note.setPlainText("check the appendix")
        detail.flush()
    assert saved.args == [7, "check the appendix"]


def test_other_members_progress_shows_once_there_are_several(qtbot: QtBot) -> None:
    detail = pane(qtbot, shared=True)
    counts = {"inbox": 1, "queued": 3, "read": 1}
    detail.show_paper(paper(1, "A paper", members=5, member_statuses=counts), "")
    assert detail.members.isVisible()
    assert detail.members.text() == "3 of 5 members queued this · 1 of 5 members read this"


def test_the_members_line_says_when_nobody_went_further_than_the_inbox() -> None:
    assert (
        members_line(paper(1, "A paper", members=3, member_statuses={"inbox": 3}))
        == "None of the 3 members has queued this yet"
    )
