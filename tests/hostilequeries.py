"""Query text written to break out of its bound parameters: SQL, FTS5 and tsquery syntax."""

from __future__ import annotations

from typing import TYPE_CHECKING

from readinglist.core.errors import InvalidQuery

if TYPE_CHECKING:
    from readinglist.core.library import Library

MARKER = "zqxjv"
HOSTILE = [
    "'; DROP TABLE papers; --",
    '" OR 1=1 --',
    "' OR '1'='1",
    "x' UNION SELECT name FROM sqlite_master --",
    "tag:'; DROP TABLE tags; --",
    "in:\"x' OR '1'='1\"",
    "rating:>=4; DELETE FROM papers",
    "status:read' --",
    "NEAR(robust storage, 2)",
    "robust* OR ^storage",
    "title:robust",
    "papers MATCH 'a'",
    '"unterminated',
    "((( robust",
    "robust )))",
    "AND OR NOT",
    "- -- ---",
    "%",
    "_",
    "*",
    "\\",
    "'",
    '"',
    "\x00",
    "robust\x00storage",
    "a" * 5000,
]
QUERY_PIECES = [
    *"ab '\";-*()^:<>=!%_\\\x00\n\t",
    *("OR ", "AND ", "NOT ", "NEAR", "tag:", "in:", "rating:", "status:", "is:", "has:"),
]


def search(library: Library, query: str) -> list[int] | None:
    """Return the ids found, or None when the query was refused with a hint."""
    try:
        return library.search(query).ids
    except InvalidQuery as error:
        hint = str(error)
    assert hint.strip()
    return None
