"""Rating, status, queue place and private note are each member's own; undo is per member.

On PostgreSQL the second member is a database role of its own. A library file has one
member: there the tests add a second one to the file directly and open the file as them.
"""

from __future__ import annotations

import json
import zlib
from typing import TYPE_CHECKING

import pytest
from members import member_role
from sqlalchemy import insert, select

from readinglist.core.commands import (
    DeletePapers,
    MergePapers,
    SetNote,
    SetRating,
    SetStatus,
)
from readinglist.core.commands.papers import SetPrivateNote
from readinglist.core.library import Library
from readinglist.core.models import PAPER_STATES, PAPERS, USERS, HistoryEntry, utcnow
from readinglist.core.records import PaperRecord
from readinglist.core.search import SortKey
from readinglist.core.users import add_paper_states

if TYPE_CHECKING:
    from collections.abc import Iterator


def add_member(library: Library, name: str) -> int:
    """Add a member to the library with a blank state of every paper; return their id."""
    with library.writing() as session:
        member = session.execute(
            insert(USERS).values(name=name, created_at=utcnow()).returning(USERS.c.id)
        ).scalar_one()
        add_paper_states(session, list(session.scalars(select(PAPERS.c.id))))
    return int(member)


@pytest.fixture
def papers(library: Library) -> list[int]:
    summary = library.import_records(
        [PaperRecord(f"Paper number {n}", abstract=f"About topic {n}.") for n in range(1, 6)],
        "list",
        "test",
    )
    return summary.new_ids


@pytest.fixture
def other(
    library: Library, library_backend: str, request: pytest.FixtureRequest, papers: list[int]
) -> Iterator[Library]:
    """The same library opened as a second member."""
    if library_backend == "postgresql":
        with (
            member_role(request.getfixturevalue("server_library"), "ada") as url,
            Library.open(url, back_up=False) as opened,
        ):
            yield opened
        return
    member = add_member(library, "ada")
    with Library.open(request.getfixturevalue("library_path"), back_up=False) as opened:
        opened.user_id, opened.user_name = member, "ada"
        yield opened


@pytest.mark.sqlite_only
def test_a_library_file_has_one_member_me(library: Library) -> None:
    assert (library.user_id, library.user_name) == (1, "me")


def test_members_rate_queue_and_file_papers_independently(
    library: Library, other: Library, papers: list[int]
) -> None:
    library.execute(SetRating(papers[:2], 5))
    library.execute(SetStatus([papers[2], papers[0]], "queued"))
    other.execute(SetRating([papers[0]], 1))
    other.execute(SetStatus([papers[4]], "queued"))
    other.execute(SetStatus([papers[1]], "read"))

    mine, theirs = library.detail(papers[0]), other.detail(papers[0])
    assert (mine.rating, mine.status, mine.queue_position) == (5, "queued", 2)
    assert (theirs.rating, theirs.status, theirs.queue_position) == (1, "inbox", None)
    assert library.queue() == [papers[2], papers[0]]
    assert other.queue() == [papers[4]]
    assert library.search("status:queued").ids == sorted([papers[0], papers[2]])
    assert other.search("status:queued").ids == [papers[4]]
    assert library.search("rating:>=4").ids == papers[:2]
    assert other.search("is:rated").ids == [papers[0]]
    assert library.status_counts()["read"] == 0 and other.status_counts()["read"] == 1
    assert library.search("", SortKey.QUEUE).ids[:2] == [papers[2], papers[0]]
    assert other.search("", SortKey.RATING, descending=True).ids[0] == papers[0]
    assert library.stats()["rated"] == 2 and other.stats()["rated"] == 1


def test_the_shared_note_is_everyones_and_the_private_note_only_its_writers(
    library: Library, other: Library, papers: list[int]
) -> None:
    library.execute(SetNote(papers[0], "read with the reading group"))
    library.execute(SetPrivateNote(papers[0], "I doubt the second proof"))
    mine, theirs = library.detail(papers[0]), other.detail(papers[0])
    assert mine.note == theirs.note == "read with the reading group"
    assert mine.private_note == "I doubt the second proof"
    assert theirs.private_note == ""
    library.undo()
    assert library.detail(papers[0]).private_note == ""
    assert library.detail(papers[0]).note == "read with the reading group"


def test_each_member_undoes_and_redoes_only_their_own_steps(
    library: Library, other: Library, papers: list[int]
) -> None:
    library.execute(SetRating([papers[0]], 4))
    other.execute(SetRating([papers[0]], 2))
    other.execute(SetStatus([papers[1]], "queued"))

    assert library.history_labels()[0] == "rate 1 paper 4"
    label, _changes = library.undo()
    assert label == "rate 1 paper 4"
    assert library.detail(papers[0]).rating is None
    assert other.detail(papers[0]).rating == 2  # the other member's step stays
    assert other.history_labels() == ("queue 1 paper", None)
    other.undo()
    other.undo()
    assert other.detail(papers[0]).rating is None and other.queue() == []
    other.redo()
    assert other.detail(papers[0]).rating == 2
    assert library.history_labels() == ("import list", "rate 1 paper 4")
    library.redo()
    assert library.detail(papers[0]).rating == 4


def test_recording_a_step_keeps_the_other_members_redo_steps(
    library: Library, other: Library, papers: list[int]
) -> None:
    other.execute(SetRating([papers[0]], 2))
    other.undo()
    library.execute(SetRating([papers[1]], 3))
    assert other.history_labels() == (None, "rate 1 paper 2")


def test_members_count_each_status_on_the_detail(
    library: Library, other: Library, papers: list[int]
) -> None:
    assert library.detail(papers[0]).members == 2
    library.execute(SetStatus([papers[0]], "queued"))
    other.execute(SetStatus([papers[0]], "queued"))
    other.execute(SetStatus([papers[1]], "read"))
    assert library.detail(papers[0]).member_statuses == {"queued": 2}
    assert other.detail(papers[1]).member_statuses == {"inbox": 1, "read": 1}


def test_a_library_file_shows_no_member_counts(library: Library, papers: list[int]) -> None:
    detail = library.detail(papers[0])
    assert (detail.members, detail.member_statuses) == (1, {})


def test_new_papers_get_a_state_for_every_member(
    library: Library, other: Library, papers: list[int]
) -> None:
    other.import_records([PaperRecord("A later paper", rating=3, status="queued")], "more", "t")
    later = other.search("later").ids[0]
    assert (other.detail(later).rating, other.queue()) == (3, [later])
    assert (library.detail(later).rating, library.detail(later).status) == (None, "inbox")
    with library.reading() as session:
        members = session.scalars(
            select(PAPER_STATES.c.user_id).where(PAPER_STATES.c.paper_id == later)
        ).all()
    assert sorted(members) == [1, other.user_id]


def test_undoing_a_delete_brings_back_the_members_state(
    library: Library, other: Library, papers: list[int]
) -> None:
    library.execute(SetRating([papers[0]], 5))
    library.execute(SetStatus([papers[0]], "queued"))
    library.execute(SetPrivateNote(papers[0], "mine"))
    library.execute(DeletePapers([papers[0]]))
    assert library.queue() == []
    library.undo()
    restored = library.detail(papers[0])
    assert (restored.rating, restored.status, restored.private_note) == (5, "queued", "mine")
    assert library.queue() == [papers[0]]
    assert other.detail(papers[0]).status == "inbox"  # the other member has a row again


def test_merging_keeps_the_best_of_the_members_own_states(
    library: Library, papers: list[int]
) -> None:
    library.execute(SetRating([papers[1]], 4))
    library.execute(SetStatus([papers[1]], "read"))
    library.execute(SetPrivateNote(papers[0], "first"))
    library.execute(SetPrivateNote(papers[1], "second"))
    library.execute(MergePapers(papers[0], [papers[1]]))
    merged = library.detail(papers[0])
    assert (merged.rating, merged.status) == (4, "read")
    assert merged.private_note == "first\n\nsecond"
    library.undo()
    assert library.detail(papers[0]).rating is None
    assert library.detail(papers[1]).private_note == "second"


def test_a_delete_journaled_before_members_existed_is_undone_with_its_rating(
    library: Library, papers: list[int]
) -> None:
    """A step recorded by the previous schema keeps the rating in the paper's row."""
    row = library.detail(papers[0])
    library.execute(DeletePapers([papers[0]]))
    with library.writing() as session:
        entry = session.scalars(select(HistoryEntry).order_by(HistoryEntry.id.desc())).first()
        assert entry is not None
        state = json.loads(zlib.decompress(entry.state))
        for paper in state["snapshot"]["papers"]:
            paper.update(rating=3, status="queued", status_changed_at=None, queue_position=7)
            del paper["version"]
        del state["snapshot"]["states"]
        entry.state = zlib.compress(json.dumps(state).encode())
    library.undo()
    restored = library.detail(papers[0])
    assert (restored.title, restored.rating, restored.status) == (row.title, 3, "queued")
    assert restored.queue_position == 7


@pytest.mark.parametrize("query", ["status:queued", "-rating:>=4", "is:unrated OR tag:x"])
@pytest.mark.parametrize(
    "sort", [None, SortKey.TITLE, SortKey.RATING, SortKey.QUEUE, SortKey.TAGS]
)
def test_filters_on_my_state_find_the_same_papers_in_every_order(
    library: Library, other: Library, papers: list[int], query: str, sort: SortKey | None
) -> None:
    library.execute(SetRating(papers[:2], 5))
    library.execute(SetStatus(papers[1:3], "queued"))
    other.execute(SetRating(papers[2:], 5))
    other.execute(SetStatus(papers[3:], "queued"))
    expected = {
        "status:queued": set(papers[1:3]),
        "-rating:>=4": set(papers[2:]),
        "is:unrated OR tag:x": set(papers[2:]),
    }[query]
    found = library.search(query, sort).ids
    assert sorted(found) == sorted(expected)
    if sort is None:
        assert found == sorted(found)  # the order papers were added
        assert library.search(query, sort, limit=1).ids == found[:1]
