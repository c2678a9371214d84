"""Members of a library: who a unit of work acts for, and every member's row of every paper.

A library file has one member, "me" (id 1). A library on a server has one per database
role that opened it, added on the role's first open. Ratings, statuses, queue places and
private notes are each member's own (``paper_states``); every member has a state row for
every paper, made with the paper or with the member.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import func, insert, literal, select, text

from readinglist.core.backends import backend_of
from readinglist.core.models import PAPER_STATES, PAPERS, USERS, utcnow

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sqlalchemy.orm import Session

LOCAL_USER = 1
"""The member of a library file (and the member who upgraded a server library)."""
USER_KEY = "user_id"
"""Where a session's ``info`` holds the member it acts for."""


def current_user(session: Session) -> int:
    """Return the id of the member session acts for (the library file's member by default)."""
    return int(session.info.get(USER_KEY, LOCAL_USER))


def join(session: Session) -> tuple[int, str]:
    """Return the id and name of the member this connection is, adding them if new.

    In a library file that is member 1. On a server it is the member named after the
    connection's role; a new member gets a blank state row for every paper at once.
    """
    if session.get_bind().dialect.name == "sqlite":
        name = session.scalar(select(USERS.c.name).where(USERS.c.id == LOCAL_USER))
        return LOCAL_USER, name or "me"
    role = str(session.scalar(text("SELECT current_user")))
    found = session.scalar(select(USERS.c.id).where(USERS.c.name == role))
    if found is not None:
        return int(found), role
    added = insert(USERS).values(name=role, created_at=utcnow()).returning(USERS.c.id)
    user_id = int(session.execute(added).scalar_one())
    session.execute(
        insert(PAPER_STATES).from_select(
            ["user_id", "paper_id"], select(literal(user_id), PAPERS.c.id)
        )
    )
    return user_id, role


def member_count(session: Session) -> int:
    """Return how many members the library has (1 for a library file)."""
    return session.scalar(select(func.count()).select_from(USERS)) or 0


def add_paper_states(session: Session, paper_ids: Sequence[int]) -> None:
    """Give these papers a blank state row for every member who has none yet.

    Run in the transaction that adds the papers (an import, a restore); the ids travel
    as one list, as a server's new ids need not be contiguous.
    """
    if not paper_ids:
        return
    backend = backend_of(session)
    backend.run(
        session.connection(),
        "INSERT INTO paper_states (user_id, paper_id) SELECT users.id, papers.id"
        f" FROM users JOIN papers ON papers.id IN ({backend.ids_sql})"
        " WHERE NOT EXISTS (SELECT 1 FROM paper_states s"
        " WHERE s.user_id = users.id AND s.paper_id = papers.id)",
        (backend.ids_param(paper_ids),),
    )
