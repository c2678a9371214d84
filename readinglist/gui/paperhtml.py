"""Build the abstract pane's HTML for one paper; all library text is escaped."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from readinglist.gui.highlight import highlighted
from readinglist.gui.links import doi_link, search_links
from readinglist.gui.models import STATUS_TEXT, local_time
from readinglist.gui.widgets.delegates import STATUS_COLORS

if TYPE_CHECKING:
    from readinglist.core.records import PaperDetail
    from readinglist.gui.tagcolors import TagColors

STYLE = """
.title { font-size: 15pt; font-weight: 600; color: #1d2630; }
.meta { color: #5d6874; }
.hit { background-color: #ffe58a; color: #1d2630; }
.label { color: #8a939d; font-size: 8pt; font-weight: 600; }
.abstract { color: #27313b; line-height: 140%; }
.empty { color: #8a939d; font-style: italic; }
a { color: #2b5797; text-decoration: none; }
"""


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _chips(names: tuple[str, ...], colors: TagColors) -> str:
    chips = []
    for name in names:
        background, text = colors.chip_colors(name)
        chips.append(
            f'<span style="background-color:{background.name()}; color:{text.name()};">'
            f"&nbsp;{_esc(name)}&nbsp;</span>"
        )
    return "&nbsp; ".join(chips)


def paper_html(paper: PaperDetail, query: str, colors: TagColors) -> str:
    """Return the pane's HTML: title, byline, status, tags, abstract and search links."""
    parts = [f'<p class="title">{highlighted(paper.title, query)}</p>']
    byline = []
    if paper.authors:
        authors = ", ".join(paper.authors[:8]) + (" et al." if len(paper.authors) > 8 else "")
        byline.append(_esc(authors))
    if paper.year:
        byline.append(str(paper.year))
    if paper.venue:
        byline.append(f"<i>{_esc(paper.venue)}</i>")
    if byline:
        parts.append(f'<p class="meta">{" · ".join(byline)}</p>')

    status = STATUS_TEXT.get(paper.status, paper.status)  # type: ignore[call-overload]
    color = STATUS_COLORS.get(paper.status)
    status_html = f'<b style="color:{color.name() if color else "#555"}">● {_esc(status)}</b>'
    if paper.queue_position is not None and paper.status == "queued":
        status_html += f' <span class="meta">(#{paper.queue_position} in the queue)</span>'
    added = f'<span class="meta">added {local_time(paper.added_at):%d %b %Y}</span>'
    parts.append(f"<p>{status_html} &nbsp;·&nbsp; {added}")
    if paper.collections:
        parts.append(f'<br><span class="meta">In {_esc(", ".join(paper.collections))}</span>')
    parts.append("</p>")
    if paper.tags:
        parts.append(f"<p>{_chips(paper.tags, colors)}</p>")

    parts.append('<p class="label">ABSTRACT</p>')
    if paper.abstract.strip():
        for paragraph in paper.abstract.split("\n\n"):
            parts.append(f'<p class="abstract">{highlighted(paragraph, query)}</p>')
    else:
        parts.append('<p class="empty">No abstract.</p>')

    links = [f'<a href="{_esc(url)}">{_esc(site)}</a>' for site, url in search_links(paper.title)]
    if paper.doi:
        links.append(f'<a href="{_esc(doi_link(paper.doi))}">DOI</a>')
    if paper.url.startswith(("http://", "https://")):
        links.append(f'<a href="{_esc(paper.url)}">Link</a>')
    parts.append(f'<p class="meta">Find it: {" &nbsp;·&nbsp; ".join(links)}</p>')
    return "\n".join(parts)


def selection_html(count: int, key_hint: str) -> str:
    """Return the pane's text when several papers are selected (key_hint lists the keys)."""
    return (f'<p class="title">{count:,} papers selected</p>'
            f'<p class="meta">Keys act on all of them: {_esc(key_hint)}.</p>')
