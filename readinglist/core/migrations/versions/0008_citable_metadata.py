"""Citable metadata: arXiv identity, publication date, PDF address and pinned citation keys.

A pasted paper has only a title and an abstract; a metadata lookup fills these (and the
fields of revision 0002). ``arxiv_id`` holds the identifier with its version
("2401.01234v2"), ``primary_class`` arXiv's primary category, ``published`` the ISO date
("2024-01-02", or shorter when only the year or month is known), ``pdf_url`` where the PDF
can be downloaded. A pinned citation key is never regenerated: the user set it, or the
paper was exported or copied as BibTeX.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

TEXT_FIELDS = ("arxiv_id", "primary_class", "published", "pdf_url")


def upgrade() -> None:
    # Plain ADD COLUMN: a batch (copy-and-move) rebuild of papers would drop the FTS triggers.
    for name in TEXT_FIELDS:
        op.add_column("papers", sa.Column(name, sa.Text(), nullable=False, server_default=""))
    op.add_column(
        "papers",
        sa.Column(
            "citation_key_pinned", sa.Boolean(), nullable=False, server_default=sa.false()
        ),
    )


def downgrade() -> None:
    for name in (*TEXT_FIELDS, "citation_key_pinned"):
        op.execute(f"ALTER TABLE papers DROP COLUMN {name}")
