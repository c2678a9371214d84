"""Web searches for a paper's title: arXiv, Semantic Scholar, Google Scholar."""

from __future__ import annotations

from urllib.parse import quote, urlencode

SEARCHES: tuple[tuple[str, str], ...] = (
    ("arXiv", "https://arxiv.org/search/?{}"),
    ("Semantic Scholar", "https://www.semanticscholar.org/search?{}"),
    ("Google Scholar", "https://scholar.google.com/scholar?{}"),
)


def search_links(title: str) -> list[tuple[str, str]]:
    """Return (site, url) pairs that search each site for title."""
    title = " ".join(title.split())
    queries = (
        urlencode({"query": title, "searchtype": "title"}, quote_via=quote),
        urlencode({"q": title}, quote_via=quote),
        urlencode({"q": f'"{title}"'}, quote_via=quote),
    )
    return [(site, pattern.format(q)) for (site, pattern), q in zip(SEARCHES, queries, strict=True)]


def doi_link(doi: str) -> str:
    return f"https://doi.org/{quote(doi.strip(), safe='/:;()._-')}"
