"""Index papers by id alone, so listing them in the order they were added reads a narrow index.

The table itself is ordered by id, but its rows hold abstracts (a few KB each): reading a
million ids off it reads gigabytes, where an index of ids is a few megabytes.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_papers_id", "papers", ["id"])


def downgrade() -> None:
    op.drop_index("ix_papers_id", table_name="papers")
