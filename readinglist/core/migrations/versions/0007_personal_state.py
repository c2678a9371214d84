"""Personal state: members, and each member's rating, status, queue place and private note.

A paper's title, abstract, tags, collections and note stay the group's; how far each
member got with it moves to ``paper_states``, one row per (member, paper). Existing
ratings, statuses and queue places become member 1's: "me" in a library file, the role
running the upgrade on a server. The undo history gains the member each step is theirs.

On SQLite, papers is rebuilt (batch mode), which drops its FTS5 triggers (re-created
here from a frozen copy of revision 0004's) and, as dropping a table deletes its rows
with foreign keys on, the rows of every table that references papers: those are kept
aside and put back. On PostgreSQL, row-level security lets a member write only their own
state rows and undo history, while everyone reads every state; a member may add blank
state rows for the others, which is how new papers and new members get theirs.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import op

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from alembic.operations import BatchOperations

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

STATUS_CHECK = "status IN ('inbox', 'queued', 'reading', 'read', 'skipped')"
RATING_CHECK = "rating IS NULL OR rating BETWEEN 0 AND 5"
PERSONAL = ("rating", "status", "status_changed_at", "queue_position")
PERSONAL_INDEXES = ("rating", "status", "queue_position")
# Tables whose rows reference papers (ON DELETE CASCADE) before this revision.
CHILDREN = ("paper_tags", "paper_collections", "duplicate_candidates")
STATE_INDEXES = {
    "ix_paper_states_user_rating": ["user_id", "rating", "paper_id"],
    "ix_paper_states_user_status": ["user_id", "status", "paper_id"],
    "ix_paper_states_user_queue": ["user_id", "queue_position", "paper_id"],
    "ix_paper_states_paper_id": ["paper_id"],
}
HISTORY_INDEX = "ix_history_user_applied"


def _fts_triggers(table: str, columns: list[str]) -> list[str]:
    """Revision 0004's triggers that keep an FTS5 index over papers current (frozen copy)."""
    names = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    return [
        f"""CREATE TRIGGER {table}_insert AFTER INSERT ON papers BEGIN
            INSERT INTO {table}(rowid, {names}) VALUES (new.id, {new});
        END""",
        f"""CREATE TRIGGER {table}_delete AFTER DELETE ON papers BEGIN
            INSERT INTO {table}({table}, rowid, {names}) VALUES ('delete', old.id, {old});
        END""",
        f"""CREATE TRIGGER {table}_update AFTER UPDATE OF {names} ON papers BEGIN
            INSERT INTO {table}({table}, rowid, {names}) VALUES ('delete', old.id, {old});
            INSERT INTO {table}(rowid, {names}) VALUES (new.id, {new});
        END""",
    ]


FTS_TRIGGERS = [
    *_fts_triggers("papers_fts", ["title", "abstract", "note"]),
    *_fts_triggers("titles_fts", ["title"]),
]

# Row-level security (PostgreSQL). FORCE makes the owner obey the policies too.
# Members are named after their database roles, compared as users.name collates.
CURRENT_ROLE = 'CAST(current_user AS text) COLLATE "NOCASE"'
MEMBER_FUNCTION = f"""
CREATE OR REPLACE FUNCTION readinglist_member() RETURNS integer
LANGUAGE sql STABLE AS $$ SELECT id FROM users WHERE name = {CURRENT_ROLE} $$
"""
BLANK_STATE = (
    "rating IS NULL AND status = 'inbox' AND status_changed_at IS NULL"
    " AND queue_position IS NULL AND note = '' AND version = 1"
)
POLICIES = [
    "CREATE POLICY users_read ON users FOR SELECT USING (true)",
    f"CREATE POLICY users_join ON users FOR INSERT WITH CHECK (name = {CURRENT_ROLE})",
    "CREATE POLICY paper_states_read ON paper_states FOR SELECT USING (true)",
    "CREATE POLICY paper_states_add ON paper_states FOR INSERT"
    f" WITH CHECK (user_id = readinglist_member() OR ({BLANK_STATE}))",
    "CREATE POLICY paper_states_change ON paper_states FOR UPDATE"
    " USING (user_id = readinglist_member()) WITH CHECK (user_id = readinglist_member())",
    "CREATE POLICY paper_states_remove ON paper_states FOR DELETE"
    " USING (user_id = readinglist_member())",
    "CREATE POLICY history_own ON history FOR ALL"
    " USING (user_id = readinglist_member()) WITH CHECK (user_id = readinglist_member())",
]
SECURED = ("users", "paper_states", "history")


def upgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    _create_users(bind, sqlite)
    if sqlite:
        # Rebuild papers first: dropping the old table would empty a paper_states made before.
        op.execute(f"CREATE TEMP TABLE personal_0007 AS SELECT id, {', '.join(PERSONAL)} FROM papers")
        _drop_personal_columns(sqlite)
        _create_states("temp.personal_0007")
        op.execute("DROP TABLE temp.personal_0007")
    else:
        _create_states("papers")
        _drop_personal_columns(sqlite)
    op.add_column(
        "history", sa.Column("user_id", sa.Integer(), nullable=False, server_default="1")
    )
    op.create_index(HISTORY_INDEX, "history", ["user_id", "applied", "id"])
    if not sqlite:
        op.execute(MEMBER_FUNCTION)
        for statement in POLICIES:
            op.execute(statement)
        for table in SECURED:
            op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
            op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")


def _create_users(bind: sa.Connection, sqlite: bool) -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200, collation="NOCASE"), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("name"),
    )
    name = "me" if sqlite else bind.execute(sa.text("SELECT current_user")).scalar()
    users = sa.table(
        "users", sa.column("id", sa.Integer), sa.column("name"), sa.column("created_at")
    )
    now = datetime.now(UTC).replace(tzinfo=None)
    op.execute(users.insert().values(id=1, name=name, created_at=now))
    if not sqlite:
        op.execute("SELECT setval(pg_get_serial_sequence('users', 'id'), 1)")


def _create_states(source: str) -> None:
    """Create paper_states, giving member 1 the personal columns of source's papers."""
    op.create_table(
        "paper_states",
        sa.Column(
            "user_id",
            sa.Integer(),
            sa.ForeignKey("users.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "paper_id",
            sa.Integer(),
            sa.ForeignKey("papers.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False, server_default="inbox"),
        sa.Column("status_changed_at", sa.DateTime(), nullable=True),
        sa.Column("queue_position", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False, server_default=""),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        sa.CheckConstraint(RATING_CHECK, name="state_rating_range"),
        sa.CheckConstraint(STATUS_CHECK, name="state_status_known"),
    )
    op.execute(
        "INSERT INTO paper_states (user_id, paper_id, rating, status, status_changed_at,"
        f" queue_position) SELECT 1, id, {', '.join(PERSONAL)} FROM {source}"
    )
    for name, columns in STATE_INDEXES.items():
        op.create_index(name, "paper_states", columns)


def _keep_children() -> None:
    """Copy aside the rows that dropping papers would delete (SQLite's rebuild)."""
    for table in CHILDREN:
        op.execute(f"CREATE TEMP TABLE kept_{table} AS SELECT * FROM {table}")


def _restore_children() -> None:
    for table in CHILDREN:
        op.execute(f"INSERT INTO {table} SELECT * FROM temp.kept_{table}")
        op.execute(f"DROP TABLE temp.kept_{table}")


def _sequence(sqlite: bool) -> int | None:
    """Return papers' AUTOINCREMENT high-water mark (SQLite), which a rebuild would lower."""
    if not sqlite:
        return None
    return op.get_bind().scalar(sa.text("SELECT seq FROM sqlite_sequence WHERE name = 'papers'"))


def _restore_sequence(kept: int | None) -> None:
    """Keep ids of deleted papers unused: undoing the deletion brings them back."""
    if kept is not None:
        op.execute(
            sa.text(
                "UPDATE sqlite_sequence SET seq = max(seq, :seq) WHERE name = 'papers'"
            ).bindparams(seq=kept)
        )


def _batch(sqlite: bool) -> AbstractContextManager[BatchOperations]:
    """Alter papers: a rebuild on SQLite (keeping AUTOINCREMENT and the NOCASE title)."""
    if not sqlite:
        return op.batch_alter_table("papers")
    return op.batch_alter_table(
        "papers",
        recreate="always",
        table_kwargs={"sqlite_autoincrement": True},
        reflect_args=[sa.Column("title", sa.Text(collation="NOCASE"), nullable=False)],
    )


def _drop_personal_columns(sqlite: bool) -> None:
    sequence = _sequence(sqlite)
    if sqlite:
        _keep_children()
    for column in PERSONAL_INDEXES:
        op.drop_index(f"ix_papers_{column}", table_name="papers")
    with _batch(sqlite) as batch:
        batch.drop_constraint("rating_range", type_="check")
        batch.drop_constraint("status_known", type_="check")
        for column in PERSONAL:
            batch.drop_column(column)
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    if sqlite:
        _restore_children()
        _restore_sequence(sequence)
        for statement in FTS_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    if not sqlite:
        for table in SECURED:
            op.execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
            op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
        for statement in POLICIES:
            name, table = statement.split()[2], statement.split()[4]
            op.execute(f"DROP POLICY IF EXISTS {name} ON {table}")
        op.execute("DROP FUNCTION IF EXISTS readinglist_member()")
    op.drop_index(HISTORY_INDEX, table_name="history")
    # The undo history of other members cannot be replayed without them: keep member 1's.
    op.execute("DELETE FROM history WHERE user_id != 1")
    with op.batch_alter_table("history") as batch:
        batch.drop_column("user_id")
    sequence = _sequence(sqlite)
    if sqlite:
        _keep_children()
    op.execute(
        "CREATE TEMP TABLE personal_0007 AS SELECT paper_id, "
        + ", ".join(PERSONAL)
        + " FROM paper_states WHERE user_id = 1"
    )
    op.drop_table("paper_states")
    op.drop_table("users")
    with _batch(sqlite) as batch:
        batch.drop_column("version")
        batch.add_column(sa.Column("rating", sa.Integer(), nullable=True))
        batch.add_column(
            sa.Column("status", sa.String(16), nullable=False, server_default="inbox")
        )
        batch.add_column(sa.Column("status_changed_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("queue_position", sa.Integer(), nullable=True))
        batch.create_check_constraint("rating_range", RATING_CHECK)
        batch.create_check_constraint("status_known", STATUS_CHECK)
    op.execute(
        "UPDATE papers SET "
        + ", ".join(
            f"{column} = (SELECT {column} FROM personal_0007 WHERE paper_id = papers.id)"
            for column in PERSONAL[:1] + PERSONAL[2:]
        )
        + ", status = coalesce((SELECT status FROM personal_0007"
        " WHERE paper_id = papers.id), 'inbox')"
    )
    op.execute("DROP TABLE personal_0007")
    for column in PERSONAL_INDEXES:
        op.create_index(f"ix_papers_{column}", "papers", [column])
    if sqlite:
        _restore_children()
        _restore_sequence(sequence)
        for statement in FTS_TRIGGERS:
            op.execute(statement)
