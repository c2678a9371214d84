"""A copy moves one member's own state: the copying member's, as the destination's member's.

Ratings, statuses, queue places and private notes are each member's. A library file has
one member; a shared library one per database role. Copying a file into a shared library
makes its state the connecting member's (the others get blank rows); copying a shared
library into a file keeps the copying member's state and leaves the others' behind.
"""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING, Any

import pytest
from members import member_role
from richlibrary import rich_library_file

from readinglist.core.commands import SetRating, SetStatus
from readinglist.core.commands.papers import SetPrivateNote
from readinglist.core.copying import copy_library
from readinglist.core.library import Library
from readinglist.core.records import PaperRecord

if TYPE_CHECKING:
    from pathlib import Path

    from sqlalchemy import URL

pytestmark = pytest.mark.tools


@pytest.fixture
def source(library_path: Path, sample_template: Path) -> Path:
    """A library file holding the sample lists, in which every copied table holds rows."""
    return rich_library_file(library_path, sample_template)


@pytest.fixture
def server(postgres_url: URL) -> str:
    """An empty shared library, migrated by (and so first joined by) the test's own role."""
    typed = postgres_url.render_as_string(hide_password=False)
    Library.open(typed).close()
    return typed


def own_state(library: Library) -> dict[int, tuple[Any, ...]]:
    """The library's current member's rating, status, queue place and private note by paper,
    for the papers where any of them is set."""
    details = library.details(library.search("").ids)
    return {
        d.id: (d.rating, d.status, d.queue_position, d.private_note)
        for d in details
        if d.rating is not None or d.status != "inbox" or d.private_note
    }


def test_a_file_copied_into_a_shared_library_becomes_the_copying_members_state(
    source: Path, server: str
) -> None:
    with Library.open(source) as original:
        expected = own_state(original)
    assert expected[2][3] == "My own reading: the wombat appendix is wrong."
    with member_role(server) as as_member:
        summary = copy_library(source, as_member)
        assert summary.notes == []
        with Library.open(as_member) as member:
            assert member.user_id != 1
            assert own_state(member) == expected
            assert member.search("rating:>=4").ids == [1, 5, 9]
        with Library.open(server) as owner:
            assert owner.count() == 458
            assert own_state(owner) == {}
            assert owner.queue() == []


def test_a_shared_library_copied_into_a_file_keeps_the_copying_members_state_only(
    server: str, library_path: Path, sample_template: Path, tmp_path: Path
) -> None:
    shutil.copyfile(sample_template, library_path)
    copy_library(library_path, server)
    with member_role(server) as as_member:
        with Library.open(server) as owner:
            owner.execute(SetRating([1, 2], 5))
            owner.execute(SetPrivateNote(1, "The owner's own note."))
        with Library.open(as_member) as member:
            member.execute(SetRating([3], 1))
            member.execute(SetStatus([4, 6], "queued"))
            member.execute(SetPrivateNote(3, "The member's own note."))
            expected = own_state(member)
            queue = member.queue()
        summary = copy_library(as_member, tmp_path / "mine.sqlite")
    assert summary.notes == [
        "left out the ratings, statuses, queue places and private notes of 1 other member"
    ]
    assert summary.line().endswith("; " + summary.notes[0])
    with Library.open(tmp_path / "mine.sqlite") as mine:
        assert mine.user_id == 1
        assert own_state(mine) == expected
        assert mine.queue() == queue
        assert mine.search("rating:5").ids == []


def test_a_member_without_rights_to_set_sequences_still_gets_fresh_ids_after_the_copy(
    source: Path, server: str
) -> None:
    with member_role(server) as as_member:
        copy_library(source, as_member)
        with Library.open(as_member) as member:
            before = set(member.search("").ids)
            member.import_records([PaperRecord("A wholly new quokka paper")], "new", "new.txt")
            (new_id,) = set(member.search("").ids) - before
    assert new_id == 460  # the source handed out 459 (the last one was deleted)
