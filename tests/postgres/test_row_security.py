"""Row-level security on a shared library: a member writes only their own personal data.

Every member reads every state row (the detail pane counts them), but the server itself
refuses a change to another member's rating, queue, private note or undo history, even
one sent as raw SQL, and even from the role that owns the tables.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from members import member_role
from sqlalchemy import text

from readinglist.core.commands import SetRating, SetStatus
from readinglist.core.errors import LibraryUnavailable
from readinglist.core.library import Library
from readinglist.core.records import PaperRecord

if TYPE_CHECKING:
    from collections.abc import Iterator

pytestmark = pytest.mark.tools


@pytest.fixture
def owner(server_library: str) -> Iterator[Library]:
    with Library.open(server_library) as library:
        library.import_records([PaperRecord("Shared paper"), PaperRecord("Other")], "list", "t")
        yield library


@pytest.fixture
def member(owner: Library, server_library: str) -> Iterator[Library]:
    with member_role(server_library, "bob") as url, Library.open(url) as library:
        yield library


def rating_of(library: Library, user_id: int, paper_id: int) -> object:
    with library.reading() as session:
        return session.execute(
            text("SELECT rating FROM paper_states WHERE user_id = :u AND paper_id = :p"),
            {"u": user_id, "p": paper_id},
        ).scalar()


def test_a_member_joins_on_first_open_with_a_state_of_every_paper(
    owner: Library, member: Library
) -> None:
    assert member.user_id != owner.user_id
    assert member.user_name.startswith("bob_")
    with member.reading() as session:
        rows = session.execute(
            text("SELECT count(*) FROM paper_states WHERE user_id = :u"), {"u": member.user_id}
        ).scalar()
    assert rows == owner.count() == 2


def test_two_members_keep_separate_ratings_queues_and_undo(
    owner: Library, member: Library
) -> None:
    first, second = owner.search("").ids
    owner.execute(SetRating([first], 5))
    member.execute(SetRating([first], 1))
    member.execute(SetStatus([second], "queued"))
    assert (owner.detail(first).rating, member.detail(first).rating) == (5, 1)
    assert (owner.queue(), member.queue()) == ([], [second])
    assert owner.detail(second).member_statuses == {"inbox": 1, "queued": 1}
    owner.undo()
    assert (owner.detail(first).rating, member.detail(first).rating) == (None, 1)
    assert member.history_labels()[0] == "queue 1 paper"


def test_updating_another_members_state_changes_nothing(owner: Library, member: Library) -> None:
    paper = owner.search("").ids[0]
    owner.execute(SetRating([paper], 4))
    with member.writing() as session:
        changed = session.execute(
            text("UPDATE paper_states SET rating = 0 WHERE user_id = :u"), {"u": owner.user_id}
        )
        assert changed.rowcount == 0
        deleted = session.execute(
            text("DELETE FROM paper_states WHERE user_id = :u"), {"u": owner.user_id}
        )
        assert deleted.rowcount == 0
    assert rating_of(owner, owner.user_id, paper) == 4


def test_handing_ones_own_row_to_another_member_is_refused(
    owner: Library, member: Library
) -> None:
    with pytest.raises(LibraryUnavailable, match="does not allow"), member.writing() as session:
        session.execute(
            text("UPDATE paper_states SET user_id = :owner WHERE user_id = :me"),
            {"owner": owner.user_id, "me": member.user_id},
        )


def test_a_member_adds_only_blank_states_for_others(owner: Library, member: Library) -> None:
    first, second = owner.search("").ids
    with member.writing() as session:
        session.execute(text("DELETE FROM paper_states WHERE user_id = :me"), {"me": member.user_id})
    blank = text("INSERT INTO paper_states (user_id, paper_id) VALUES (:u, :p)")
    rated = text("INSERT INTO paper_states (user_id, paper_id, rating) VALUES (:u, :p, 5)")
    with owner.writing() as session:  # the owning role obeys the policies too
        session.execute(blank, {"u": member.user_id, "p": first})
        changed = session.execute(
            text("UPDATE paper_states SET rating = 5 WHERE user_id = :u"), {"u": member.user_id}
        )
        assert changed.rowcount == 0
    with pytest.raises(LibraryUnavailable, match="does not allow"), owner.writing() as session:
        session.execute(rated, {"u": member.user_id, "p": second})
    assert rating_of(owner, member.user_id, first) is None
    assert rating_of(owner, member.user_id, second) is None


def test_a_member_cannot_take_another_members_name(owner: Library, member: Library) -> None:
    with pytest.raises(LibraryUnavailable, match="does not allow"), member.writing() as session:
        session.execute(
            text("INSERT INTO users (name, created_at) VALUES ('someone', now())")
        )
    with member.writing() as session:
        renamed = session.execute(
            text("UPDATE users SET name = 'x' WHERE id = :u"), {"u": owner.user_id}
        )
        assert renamed.rowcount == 0


def test_a_member_sees_and_clears_only_their_own_undo_history(
    owner: Library, member: Library
) -> None:
    owner.execute(SetRating(owner.search("").ids, 3))
    with member.writing() as session:
        assert session.execute(text("SELECT count(*) FROM history")).scalar() == 0
        session.execute(text("DELETE FROM history"))
    assert owner.history_labels()[0] == "rate 2 papers 3"
