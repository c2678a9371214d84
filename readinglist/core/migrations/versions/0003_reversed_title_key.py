"""Add papers.title_key_reversed, indexed, to find near-duplicate titles by their endings.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

BATCH = 5000


def upgrade() -> None:
    op.add_column(
        "papers", sa.Column("title_key_reversed", sa.Text(), nullable=False, server_default="")
    )
    connection = op.get_bind()
    last = 0
    while True:
        rows = connection.execute(
            sa.text("SELECT id, title_key FROM papers WHERE id > :last ORDER BY id LIMIT :n"),
            {"last": last, "n": BATCH},
        ).all()
        if not rows:
            break
        connection.execute(
            sa.text("UPDATE papers SET title_key_reversed = :rev WHERE id = :id"),
            [{"id": row[0], "rev": row[1][::-1]} for row in rows],
        )
        last = rows[-1][0]
    op.create_index("ix_papers_title_key_reversed", "papers", ["title_key_reversed"])


def downgrade() -> None:
    op.drop_index("ix_papers_title_key_reversed", "papers")
    op.execute("ALTER TABLE papers DROP COLUMN title_key_reversed")
