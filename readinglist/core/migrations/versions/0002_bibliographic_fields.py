"""Add bibliographic fields (authors, year, venue, DOI, URL, entry type) to papers.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TEXT_FIELDS = ("authors", "venue", "doi", "url")


def upgrade() -> None:
    # Plain ADD COLUMN: a batch (copy-and-move) rebuild of papers would drop the FTS triggers.
    for name in TEXT_FIELDS:
        op.add_column("papers", sa.Column(name, sa.Text(), nullable=False, server_default=""))
    op.add_column("papers", sa.Column("year", sa.Integer(), nullable=True))
    op.add_column(
        "papers", sa.Column("entry_type", sa.String(40), nullable=False, server_default="")
    )


def downgrade() -> None:
    for name in (*TEXT_FIELDS, "year", "entry_type"):
        op.execute(f"ALTER TABLE papers DROP COLUMN {name}")
