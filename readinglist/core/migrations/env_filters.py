"""What Alembic compares: everything but the full-text search structures, which migrations
manage by hand (FTS5 tables on SQLite; tsvector columns, their indexes and the title
words on PostgreSQL)."""

from __future__ import annotations

FTS_TABLE_PREFIXES = ("papers_fts", "titles_fts")
SERVER_SEARCH = {
    "table": {"title_words"},
    "column": {"title_tsv", "text_tsv"},
    "index": {"ix_papers_title_tsv", "ix_papers_text_tsv", "ix_title_words_trigrams"},
}


def include_name(name: str | None, type_: str, _parent_names: object) -> bool:
    """Hide the full-text search structures from autogenerate."""
    if name is None:
        return True
    if type_ == "table" and name.startswith(FTS_TABLE_PREFIXES):
        return False
    return name not in SERVER_SEARCH.get(type_, set())
