"""Two members editing the same shared note never silently overwrite each other."""

from __future__ import annotations

import pytest

from readinglist.core.commands import SetNote
from readinglist.core.errors import EditConflict
from readinglist.core.library import Library


def test_a_note_saved_meanwhile_is_not_overwritten(sample_library: Library) -> None:
    seen = sample_library.detail(5)
    with Library.open(sample_library.location) as other:
        other.execute(SetNote(5, "theirs: read section 3", seen_version=seen.version))
    with pytest.raises(EditConflict) as raised:
        sample_library.execute(SetNote(5, "mine: cite in intro", seen_version=seen.version))
    conflict = raised.value
    assert (conflict.theirs, conflict.mine) == ("theirs: read section 3", "mine: cite in intro")
    assert sample_library.detail(5).note == "theirs: read section 3"
    sample_library.undo()  # the refused edit left no step: undo takes back theirs
    assert sample_library.detail(5).note == ""


def test_choosing_mine_saves_over_the_version_shown(sample_library: Library) -> None:
    seen = sample_library.detail(5)
    with Library.open(sample_library.location) as other:
        other.execute(SetNote(5, "theirs", seen_version=seen.version))
    with pytest.raises(EditConflict) as raised:
        sample_library.execute(SetNote(5, "mine", seen_version=seen.version))
    sample_library.execute(SetNote(5, "mine", seen_version=raised.value.version))
    assert sample_library.detail(5).note == "mine"


def test_saving_again_on_the_version_just_written_is_no_conflict(sample_library: Library) -> None:
    first = SetNote(5, "draft", seen_version=sample_library.detail(5).version)
    sample_library.execute(first)
    sample_library.execute(SetNote(5, "draft, longer", seen_version=first.written_version))
    assert sample_library.detail(5).version == first.written_version + 1  # type: ignore[operator]


def test_undo_and_redo_of_my_own_edit_still_work(sample_library: Library) -> None:
    sample_library.execute(SetNote(5, "mine", seen_version=sample_library.detail(5).version))
    sample_library.undo()
    assert sample_library.detail(5).note == ""
    sample_library.redo()
    assert sample_library.detail(5).note == "mine"


def test_a_note_without_a_seen_version_is_written_as_before(sample_library: Library) -> None:
    with Library.open(sample_library.location) as other:
        other.execute(SetNote(5, "theirs"))
    sample_library.execute(SetNote(5, "mine"))  # the command line: the user names the text
    assert sample_library.detail(5).note == "mine"
