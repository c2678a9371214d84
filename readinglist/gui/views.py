"""What the sidebar can select: a library view, collection, tag, saved search or last import."""

from __future__ import annotations

from dataclasses import dataclass

from readinglist.core.search import SortKey

ALL = "all"


@dataclass(frozen=True, slots=True)
class ListView:
    """A named slice of the library: a query (or a fixed set of ids) and a default order."""

    key: str
    """Stable identity, remembered across launches ("status:queued", "tag:nlp")."""
    title: str
    query: str = ""
    ids: tuple[int, ...] | None = None
    default_sort: SortKey | None = None


def quoted(value: str) -> str:
    """Quote a filter value when it holds spaces, parentheses or quotes.

    Inside the quotes each quote is doubled: the lexer reads two quotes in a row as one
    quote that belongs to the value, not as the closing quote.
    """
    if any(c.isspace() or c in '()"' for c in value):
        return '"' + value.replace('"', '""') + '"'
    return value


def status_view(status: str, title: str) -> ListView:
    sort = SortKey.QUEUE if status == "queued" else None
    return ListView(f"status:{status}", title, f"status:{status}", default_sort=sort)


def collection_view(name: str) -> ListView:
    return ListView(f"collection:{name}", name, f"in:{quoted(name)}")


def tag_view(name: str) -> ListView:
    return ListView(f"tag:{name}", name, f"tag:{quoted(name)}")


def saved_search_view(name: str, query: str) -> ListView:
    return ListView(f"search:{name}", name, query)


DISCOVER = "discover:"
"""Key prefix of the sidebar entries that show a discovery page instead of papers."""


def discovery_view(page: str, title: str) -> ListView:
    return ListView(f"{DISCOVER}{page}", title)


def import_view(ids: list[int]) -> ListView:
    return ListView("import", "Last import", ids=tuple(ids))


ALL_VIEW = ListView(ALL, "All papers")


def combine(base: str, text: str) -> str:
    """Return the query matching both the view's query and the filter text."""
    base, text = base.strip(), text.strip()
    if base and text:
        return f"({base}) ({text})"
    return base or text
