"""Create the library: papers, tags, collections, imports, history and the FTS5 index.

The FTS5 index is SQLite's. On PostgreSQL the revision first creates a collation named
"NOCASE", so the columns the models declare collation="NOCASE" compare without case there
too.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Case-insensitive and accent-sensitive (ICU comparison level 2). Unlike SQLite's NOCASE it
# folds the case of non-ASCII letters too.
POSTGRES_NOCASE = (
    'CREATE COLLATION IF NOT EXISTS "NOCASE" '
    "(provider = icu, locale = 'und-u-ks-level2', deterministic = false)"
)
FTS_DDL = [
    """CREATE VIRTUAL TABLE papers_fts USING fts5(
        title, abstract, note,
        content='papers', content_rowid='id',
        tokenize="unicode61 remove_diacritics 2", prefix='2 3')""",
    "CREATE VIRTUAL TABLE papers_fts_vocab USING fts5vocab(papers_fts, 'col')",
    """CREATE TRIGGER papers_fts_insert AFTER INSERT ON papers BEGIN
        INSERT INTO papers_fts(rowid, title, abstract, note)
        VALUES (new.id, new.title, new.abstract, new.note);
    END""",
    """CREATE TRIGGER papers_fts_delete AFTER DELETE ON papers BEGIN
        INSERT INTO papers_fts(papers_fts, rowid, title, abstract, note)
        VALUES ('delete', old.id, old.title, old.abstract, old.note);
    END""",
    """CREATE TRIGGER papers_fts_update AFTER UPDATE OF title, abstract, note ON papers BEGIN
        INSERT INTO papers_fts(papers_fts, rowid, title, abstract, note)
        VALUES ('delete', old.id, old.title, old.abstract, old.note);
        INSERT INTO papers_fts(rowid, title, abstract, note)
        VALUES (new.id, new.title, new.abstract, new.note);
    END""",
]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute(POSTGRES_NOCASE)
    op.create_table(
        "papers",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("title", sa.Text(collation="NOCASE"), nullable=False),
        sa.Column("abstract", sa.Text(), nullable=False),
        sa.Column("title_key", sa.Text(), nullable=False),
        sa.Column("citation_key", sa.String(200), nullable=True),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("status_changed_at", sa.DateTime(), nullable=True),
        sa.Column("queue_position", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("modified_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("rating IS NULL OR rating BETWEEN 0 AND 5", name="rating_range"),
        sa.CheckConstraint(
            "status IN ('inbox', 'queued', 'reading', 'read', 'skipped')", name="status_known"
        ),
        sa.UniqueConstraint("citation_key"),
        sqlite_autoincrement=True,
    )
    for column in ("title", "title_key", "rating", "status", "queue_position", "added_at"):
        op.create_index(f"ix_papers_{column}", "papers", [column])

    op.create_table(
        "tags",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200, collation="NOCASE"), nullable=False),
        sa.Column("color", sa.String(16), nullable=False),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "collections",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(300, collation="NOCASE"), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "paper_tags",
        sa.Column(
            "paper_id",
            sa.Integer(),
            sa.ForeignKey("papers.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "tag_id",
            sa.Integer(),
            sa.ForeignKey("tags.id", ondelete="CASCADE"),
            primary_key=True,
        ),
    )
    op.create_index("ix_paper_tags_tag_id", "paper_tags", ["tag_id"])
    op.create_table(
        "paper_collections",
        sa.Column(
            "paper_id",
            sa.Integer(),
            sa.ForeignKey("papers.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "collection_id",
            sa.Integer(),
            sa.ForeignKey("collections.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
    )
    op.create_index("ix_paper_collections_collection_id", "paper_collections", ["collection_id"])
    op.create_table(
        "imports",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "collection_id",
            sa.Integer(),
            sa.ForeignKey("collections.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("format", sa.String(40), nullable=False),
        sa.Column("encoding", sa.String(40), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("added", sa.Integer(), nullable=False),
        sa.Column("already_present", sa.Integer(), nullable=False),
        sa.Column("likely_duplicates", sa.Integer(), nullable=False),
    )
    op.create_index("ix_imports_collection_id", "imports", ["collection_id"])
    op.create_table(
        "duplicate_candidates",
        sa.Column(
            "paper_id",
            sa.Integer(),
            sa.ForeignKey("papers.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "other_id",
            sa.Integer(),
            sa.ForeignKey("papers.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("score", sa.Float(), nullable=False),
    )
    op.create_index("ix_duplicate_candidates_other_id", "duplicate_candidates", ["other_id"])
    op.create_table(
        "saved_searches",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200, collation="NOCASE"), nullable=False),
        sa.Column("query", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "history",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(60), nullable=False),
        sa.Column("state", sa.LargeBinary(), nullable=False),
        sa.Column("applied", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_history_applied", "history", ["applied"])
    op.create_table(
        "settings",
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )
    if dialect == "sqlite":
        for statement in FTS_DDL:
            op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in ("papers_fts_insert", "papers_fts_delete", "papers_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS papers_fts_vocab")
        op.execute("DROP TABLE IF EXISTS papers_fts")
    for table in (
        "settings",
        "history",
        "saved_searches",
        "duplicate_candidates",
        "imports",
        "paper_collections",
        "paper_tags",
        "collections",
        "tags",
        "papers",
    ):
        op.drop_table(table)
    # PostgreSQL's "NOCASE" collation stays: it may be older than the library (the upgrade
    # creates it only if missing), and upgrading again uses it.
