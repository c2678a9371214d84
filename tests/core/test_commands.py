"""Every change is a command that undo restores exactly and redo repeats."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from readinglist.core.commands import (
    AddTags,
    Command,
    DeleteCollection,
    DeletePapers,
    DeleteSavedSearch,
    DeleteTag,
    MergePapers,
    MergeTags,
    RecolorTag,
    RemoveTags,
    RenameCollection,
    RenameTag,
    SaveSearch,
    SetNote,
    SetRating,
    SetStatus,
)
from readinglist.core.commands.papers import ToggleQueue
from readinglist.core.errors import InvalidValue, NothingToUndo, UnknownPaper
from readinglist.core.library import Library

if TYPE_CHECKING:
    from collections.abc import Callable


def state(library: Library) -> object:
    """Everything about every paper, tag, collection and saved search, in comparable form."""
    ids = library.search("").ids
    papers = [
        (
            d.id,
            d.title,
            d.abstract,
            d.note,
            d.rating,
            d.status,
            d.tags,
            d.collections,
            d.queue_position,
            d.citation_key,
        )
        for d in library.details(ids)
    ]
    return (
        papers,
        [(t.name, t.color, t.count) for t in library.tags()],
        [(c.name, c.count) for c in library.collections()],
        [(s.name, s.query) for s in library.saved_searches()],
        library.queue(),
    )


@pytest.fixture
def tagged_library(sample_library: Library) -> Library:
    sample_library.execute(AddTags([1, 2, 3], ["nlp"]))
    sample_library.execute(AddTags([3, 4], ["vision", "to-read"]))
    sample_library.execute(RecolorTag("nlp", "#aa3355"))
    sample_library.execute(SetRating([1], 5))
    sample_library.execute(SetStatus([2, 5], "queued"))
    sample_library.execute(SetNote(1, "Read section 3 first."))
    sample_library.execute(SaveSearch("Good", "rating:>=4"))
    return sample_library


COMMANDS: dict[str, Callable[[], Command]] = {
    "rate": lambda: SetRating([1, 2, 3, 4], 4),
    "clear rating": lambda: SetRating([1], None),
    "queue": lambda: SetStatus([6, 7], "queued"),
    "queue some queued": lambda: SetStatus([7, 5, 6], "queued"),
    "toggle queue on": lambda: ToggleQueue([5, 6]),
    "toggle queue off": lambda: ToggleQueue([2, 5]),
    "read": lambda: SetStatus([2, 3], "read"),
    "note": lambda: SetNote(2, "A new note ✓"),
    "tag": lambda: AddTags([1, 5, 6], ["nlp", "brand new"]),
    "untag": lambda: RemoveTags([1, 2, 3], ["nlp"]),
    "delete": lambda: DeletePapers([1, 2, 200]),
    "merge": lambda: MergePapers(1, [3, 4]),
    "rename tag": lambda: RenameTag("nlp", "NLP papers"),
    "recolour tag": lambda: RecolorTag("vision", "#112233"),
    "delete tag": lambda: DeleteTag("nlp"),
    "merge tags": lambda: MergeTags("vision", "nlp"),
    "rename collection": lambda: RenameCollection("trending-llm-society", "Society"),
    "delete collection": lambda: DeleteCollection("trending-llm-evaluation"),
    "save search": lambda: SaveSearch("Unread", "status:inbox"),
    "replace saved search": lambda: SaveSearch("Good", "rating:5"),
    "delete saved search": lambda: DeleteSavedSearch("Good"),
}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_undo_restores_and_redo_repeats(tagged_library: Library, name: str) -> None:
    before = state(tagged_library)
    tagged_library.execute(COMMANDS[name]())
    after = state(tagged_library)
    assert after != before
    tagged_library.undo()
    assert state(tagged_library) == before
    tagged_library.redo()
    assert state(tagged_library) == after


@pytest.mark.parametrize("name", list(COMMANDS))
def test_undo_works_after_reopening_the_library(tagged_library: Library, name: str) -> None:
    before = state(tagged_library)
    tagged_library.execute(COMMANDS[name]())
    tagged_library.close()
    with Library.open(tagged_library.location) as reopened:
        reopened.undo()
        assert state(reopened) == before


def test_undo_and_redo_go_in_order(tagged_library: Library) -> None:
    first = state(tagged_library)
    tagged_library.execute(SetRating([10], 3))
    second = state(tagged_library)
    tagged_library.execute(SetRating([10], 1))
    tagged_library.undo()
    assert state(tagged_library) == second
    tagged_library.undo()
    assert state(tagged_library) == first
    tagged_library.redo()
    assert state(tagged_library) == second


def test_a_new_change_after_undo_drops_the_redo_step(tagged_library: Library) -> None:
    tagged_library.execute(SetRating([10], 3))
    tagged_library.undo()
    tagged_library.execute(SetRating([11], 2))
    with pytest.raises(NothingToUndo):
        tagged_library.redo()


def test_history_labels_name_the_steps(tagged_library: Library) -> None:
    tagged_library.execute(SetRating([1, 2, 3, 4], 4))
    assert tagged_library.history_labels() == ("rate 4 papers 4", None)
    tagged_library.undo()
    assert tagged_library.history_labels() == ("save search Good", "rate 4 papers 4")


def test_empty_history_says_nothing_to_undo(library: Library) -> None:
    with pytest.raises(NothingToUndo):
        library.undo()
    with pytest.raises(NothingToUndo):
        library.redo()


def test_queue_keeps_order_and_moves(tagged_library: Library) -> None:
    tagged_library.execute(SetStatus([7, 8], "queued"))
    assert tagged_library.queue() == [2, 5, 7, 8]
    tagged_library.move_in_queue([8], "top")
    assert tagged_library.queue() == [8, 2, 5, 7]
    tagged_library.move_in_queue([2], "down")
    assert tagged_library.queue() == [8, 5, 2, 7]
    tagged_library.move_in_queue([8, 5], "bottom")
    assert tagged_library.queue() == [2, 7, 8, 5]
    tagged_library.undo()
    assert tagged_library.queue() == [8, 5, 2, 7]


def test_joining_the_queue_keeps_the_given_order_after_queued_papers(
    tagged_library: Library,
) -> None:
    tagged_library.execute(SetStatus([7, 5, 6], "queued"))
    assert tagged_library.queue() == [2, 5, 7, 6]


def test_toggle_queue_takes_papers_out_only_when_all_are_queued(tagged_library: Library) -> None:
    tagged_library.execute(ToggleQueue([5, 6]))
    assert tagged_library.queue() == [2, 5, 6]
    assert tagged_library.history_labels()[0] == "queue 2 papers"
    tagged_library.execute(ToggleQueue([2, 6]))
    assert tagged_library.queue() == [5]
    assert [d.status for d in tagged_library.details([2, 6])] == ["inbox", "inbox"]
    assert tagged_library.history_labels()[0] == "move 2 papers to the inbox"
    tagged_library.undo()
    assert tagged_library.queue() == [2, 5, 6]


def test_undo_restores_when_each_status_changed(tagged_library: Library) -> None:
    ids = [2, 3, 5, 6]
    before = [(d.status, d.status_changed_at) for d in tagged_library.details(ids)]
    tagged_library.execute(SetStatus(ids, "read"))
    tagged_library.undo()
    assert [(d.status, d.status_changed_at) for d in tagged_library.details(ids)] == before


def test_leaving_the_queue_frees_the_position(tagged_library: Library) -> None:
    tagged_library.execute(SetStatus([2], "reading"))
    assert tagged_library.queue() == [5]
    assert tagged_library.detail(2).queue_position is None


def test_merge_keeps_tags_ratings_notes_and_collections(tagged_library: Library) -> None:
    tagged_library.execute(SetNote(4, "Other note"))
    tagged_library.execute(MergePapers(1, [4]))
    merged = tagged_library.detail(1)
    assert set(merged.tags) == {"nlp", "vision", "to-read"}
    assert merged.rating == 5
    assert "Read section 3 first." in merged.note and "Other note" in merged.note
    with pytest.raises(UnknownPaper):
        tagged_library.detail(4)


def test_invalid_values_are_refused_before_anything_changes(tagged_library: Library) -> None:
    before = state(tagged_library)
    with pytest.raises(InvalidValue):
        SetRating([1], 6)
    with pytest.raises(InvalidValue):
        SetStatus([1], "later")
    with pytest.raises(UnknownPaper):
        tagged_library.execute(SetRating([1, 99999], 3))
    with pytest.raises(InvalidValue):
        tagged_library.execute(RenameTag("vision", "nlp"))
    assert state(tagged_library) == before


def test_tags_are_case_insensitive(tagged_library: Library) -> None:
    tagged_library.execute(AddTags([9], ["NLP"]))
    assert [t.name for t in tagged_library.tags()].count("nlp") == 1
    assert 9 in tagged_library.search("tag:Nlp").ids


def test_history_is_shared_between_two_open_libraries(tagged_library: Library) -> None:
    with Library.open(tagged_library.location) as other:
        other.execute(SetRating([20], 2))
    assert tagged_library.detail(20).rating == 2
    label, _ = tagged_library.undo()
    assert label == "rate 1 paper 2"
    assert tagged_library.detail(20).rating is None


def test_revision_moves_when_another_process_commits(tagged_library: Library) -> None:
    before = tagged_library.revision()
    assert tagged_library.revision() == before
    with Library.open(tagged_library.location) as other:
        other.execute(SetRating([30], 1))
    assert tagged_library.revision() != before
