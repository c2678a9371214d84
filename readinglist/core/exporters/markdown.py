"""A Markdown reading list: one checkbox per paper, ticked when read, in sections.

Sections follow ``ExportOptions.group_by``: by status (reading first, then queued,
inbox, read, skipped), by tag (each paper under its first tag, so it is listed once;
untagged papers last) or none. Papers keep the order given within a section (queue
order, for instance). Text is escaped so a title cannot become a link, heading or list.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from readinglist.core.exporters.base import ExportOptions, ExportResult, GroupBy

if TYPE_CHECKING:
    from collections.abc import Sequence

    from readinglist.core.records import PaperDetail

TITLE = "Reading list"
STATUS_ORDER = ("reading", "queued", "inbox", "read", "skipped")
STATUS_HEADINGS = {
    "reading": "Reading",
    "queued": "Queued",
    "inbox": "Inbox",
    "read": "Read",
    "skipped": "Skipped",
}
UNTAGGED = "Untagged"
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~])")


class MarkdownExporter:
    name = "markdown"
    label = "Markdown reading list"
    extension = ".md"

    def export(self, papers: Sequence[PaperDetail], options: ExportOptions) -> ExportResult:
        lines = [f"# {TITLE}", ""]
        for heading, group in _groups(papers, options.group_by):
            if heading is not None:
                lines += [f"## {escape(heading)} ({len(group)})", ""]
            for paper in group:
                lines += _item(paper, options.abstracts)
            lines.append("")
        return ExportResult("\n".join(lines).rstrip("\n") + "\n")


def escape(text: str) -> str:
    """Backslash every character Markdown could read as markup; fold line breaks."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _groups(
    papers: Sequence[PaperDetail], group_by: GroupBy
) -> list[tuple[str | None, list[PaperDetail]]]:
    if group_by is GroupBy.NONE:
        return [(None, list(papers))]
    groups: dict[str, list[PaperDetail]] = {}
    if group_by is GroupBy.STATUS:
        for status in STATUS_ORDER:
            groups[STATUS_HEADINGS[status]] = []
        for paper in papers:
            heading = STATUS_HEADINGS.get(paper.status, paper.status.capitalize())
            groups.setdefault(heading, []).append(paper)
    else:
        for paper in papers:
            groups.setdefault(paper.tags[0] if paper.tags else UNTAGGED, [])
        tagged = sorted((name for name in groups if name != UNTAGGED), key=str.casefold)
        groups = {name: [] for name in [*tagged, UNTAGGED] if name in groups}
        for paper in papers:
            groups[paper.tags[0] if paper.tags else UNTAGGED].append(paper)
    return [(heading, group) for heading, group in groups.items() if group]


def _item(paper: PaperDetail, abstracts: bool) -> list[str]:
    box = "x" if paper.status == "read" else " "
    parts = [f"- [{box}] **{escape(paper.title)}**"]
    byline = ", ".join(escape(author) for author in paper.authors[:3])
    if len(paper.authors) > 3:
        byline += " et al\\."
    if paper.year is not None:
        byline += f" ({paper.year})"
    if byline:
        parts.append(f"— {byline.strip()}")
    if paper.doi:
        parts.append(f"<https://doi.org/{_url(paper.doi)}>")
    elif paper.url:
        parts.append(f"<{_url(paper.url)}>")
    if paper.rating:
        parts.append("★" * paper.rating)
    parts += [f"\\#{escape(tag)}" for tag in paper.tags]
    lines = [" ".join(parts)]
    if abstracts and paper.abstract:
        lines.append(f"  > {escape(paper.abstract)}")
    return lines


def _url(url: str) -> str:
    """Keep an autolink intact: no spaces or angle brackets inside."""
    return re.sub(r"[\s<>]", lambda m: f"%{ord(m.group()):02X}", url.strip())
