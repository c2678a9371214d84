"""Who may use a shared library: its members, and letting database roles in or out.

A member is a database role that opened the library (``users.join``). Before a role can
open it, the library's owner lets it use the tables (``admit``); row-level security
(revision 0007) then lets it change only its own ratings, queue and notes. Roles
themselves are the server administrator's (``CREATE ROLE name LOGIN``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import text

from readinglist.core.errors import InvalidValue

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# Rows of every table and the id sequences; the default privileges cover the tables a
# later revision adds when the owner upgrades the library.
_ADMIT = (
    "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
    "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
    "ALTER DEFAULT PRIVILEGES IN SCHEMA public"
    " GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {role}",
    "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {role}",
)
_LET_OUT = (
    "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {role}",
    "REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {role}",
    "ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM {role}",
    "ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM {role}",
)
_COUNTS = (
    "SELECT users.name, users.created_at, count(s.rating),"
    " coalesce(sum(CASE WHEN s.status = 'queued' THEN 1 ELSE 0 END), 0),"
    " coalesce(sum(CASE WHEN s.status = 'reading' THEN 1 ELSE 0 END), 0),"
    " coalesce(sum(CASE WHEN s.status = 'read' THEN 1 ELSE 0 END), 0), {may_use}"
    " FROM users LEFT JOIN paper_states s ON s.user_id = users.id"
    " GROUP BY users.id, users.name, users.created_at ORDER BY users.id"
)
# Role names compare exactly, not as the case-insensitive member names do.
_MAY_USE = (
    "EXISTS (SELECT 1 FROM pg_roles WHERE rolname = users.name COLLATE \"C\")"
    " AND has_table_privilege(users.name COLLATE \"C\", 'papers', 'UPDATE')"
)


@dataclass(frozen=True, slots=True)
class MemberInfo:
    """A member and how far they are with the library's papers."""

    name: str
    joined: datetime
    rated: int
    queued: int
    reading: int
    read: int
    may_use: bool
    """Whether the member may still use the library (False once let out)."""


def members(session: Session) -> list[MemberInfo]:
    """Return every member, in the order they joined."""
    server = session.get_bind().dialect.name != "sqlite"
    rows = session.execute(text(_COUNTS.format(may_use=_MAY_USE if server else "1")))
    return [
        MemberInfo(name, _time(joined), int(rated), int(queued), int(reading), int(read),
                   bool(may_use))
        for name, joined, rated, queued, reading, read, may_use in rows
    ]


def admit(session: Session, role: str) -> None:
    """Let the database role use the library; it joins as a member when it first opens it."""
    _run(session, _ADMIT, role)
    # The server only warns when someone but the owner grants what they may not.
    allowed = session.scalar(
        text("SELECT has_table_privilege(:role, 'papers', 'UPDATE')"), {"role": role}
    )
    if not allowed:
        owner = session.scalar(text("SELECT tableowner FROM pg_tables WHERE tablename = 'papers'"))
        raise InvalidValue(f"only the library's owner ({owner}) can let members in")


def let_out(session: Session, role: str) -> None:
    """Take the role's use of the library away; its ratings and notes stay, unseen."""
    _run(session, _LET_OUT, role)


def _run(session: Session, statements: tuple[str, ...], role: str) -> None:
    if session.get_bind().dialect.name == "sqlite":
        raise InvalidValue("a library file has one member; members are for shared libraries")
    known = session.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :role"), {"role": role})
    if not known:
        raise InvalidValue(
            f"the server has no role {role!r}: its administrator creates it "
            f"(CREATE ROLE {role} LOGIN)"
        )
    quoted = session.get_bind().dialect.identifier_preparer.quote_identifier(role)
    for statement in statements:
        session.execute(text(statement.format(role=quoted)))


def _time(value: datetime | str) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)
