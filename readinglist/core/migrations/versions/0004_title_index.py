"""Give titles their own FTS5 index with prefix indexes; drop them from the full-text index.

Typing a few letters searches titles by prefix, which prefix indexes make fast; on the
abstracts they tripled the import cost for no use. The title index's vocabulary is
also the small word list that typo correction searches.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TOKENIZER = 'tokenize="unicode61 remove_diacritics 2"'


def _triggers(table: str, columns: list[str]) -> list[str]:
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


def _drop(table: str) -> None:
    for suffix in ("insert", "delete", "update"):
        op.execute(f"DROP TRIGGER IF EXISTS {table}_{suffix}")
    op.execute(f"DROP TABLE IF EXISTS {table}_vocab")
    op.execute(f"DROP TABLE IF EXISTS {table}")


def _create(table: str, columns: list[str], options: str, vocab: str) -> None:
    op.execute(
        f"CREATE VIRTUAL TABLE {table} USING fts5({', '.join(columns)}, "
        f"content='papers', content_rowid='id', {options})"
    )
    op.execute(f"CREATE VIRTUAL TABLE {table}_vocab USING fts5vocab({table}, '{vocab}')")
    for statement in _triggers(table, columns):
        op.execute(statement)
    op.execute(f"INSERT INTO {table}({table}) VALUES ('rebuild')")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return  # the FTS5 index is SQLite's: nothing to change elsewhere
    _drop("papers_fts")
    _create("papers_fts", ["title", "abstract", "note"], TOKENIZER, "col")
    _create("titles_fts", ["title"], f"{TOKENIZER}, prefix='1 2 3'", "row")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    _drop("titles_fts")
    _drop("papers_fts")
    _create("papers_fts", ["title", "abstract", "note"], f"{TOKENIZER}, prefix='2 3'", "col")
