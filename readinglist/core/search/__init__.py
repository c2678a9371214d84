"""The query language: parse text into a query tree, compile it to SQL, run and rank it."""

from __future__ import annotations

from readinglist.core.search.engine import SearchResult, run_search
from readinglist.core.search.parser import parse_query
from readinglist.core.search.sorting import SortKey

__all__ = ["SearchResult", "SortKey", "parse_query", "run_search"]
