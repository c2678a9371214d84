"""What Alembic compares: everything but the FTS5 index tables, which migrations manage by hand."""

from __future__ import annotations

FTS_TABLE_PREFIXES = ("papers_fts", "titles_fts")


def include_name(name: str | None, type_: str, _parent_names: object) -> bool:
    """Hide the FTS5 tables, their shadow tables and vocabulary views from autogenerate."""
    return not (type_ == "table" and name is not None and name.startswith(FTS_TABLE_PREFIXES))
