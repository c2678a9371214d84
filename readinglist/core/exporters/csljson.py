"""CSL-JSON export, the format pandoc ``--citeproc`` and Zotero read.

Names are split into ``family`` and ``given`` ("Family, Given" at the comma, else the
last word is the family name), so an imported name comes back as "Family, Given".
Tags go to ``keyword`` (comma-separated), the note to ``annote`` (styles print ``note``),
and what CSL has no variable for to ``custom``: ``readinglist-rating``,
``readinglist-status``, ``readinglist-tags`` (the exact list) and
``readinglist-entry-type``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from readinglist.core import citekeys
from readinglist.core.exporters import fields
from readinglist.core.exporters.base import ExportOptions, ExportResult

if TYPE_CHECKING:
    from collections.abc import Sequence

    from readinglist.core.records import PaperDetail

CSL_TYPES = {
    "article": "article-journal",
    "book": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "techreport": "report",
    "report": "report",
    "online": "webpage",
    "unpublished": "manuscript",
}
DEFAULT_CSL_TYPE = "article"  # preprints: what pasted "trending papers" lists hold
TAGS_KEY = "readinglist-tags"
ENTRY_TYPE_KEY = "readinglist-entry-type"


class CslJsonExporter:
    name = "csl-json"
    label = "CSL-JSON"
    extension = ".json"

    def export(self, papers: Sequence[PaperDetail], options: ExportOptions) -> ExportResult:
        items = [_item(paper) for paper in papers]
        return ExportResult(json.dumps(items, ensure_ascii=False, indent=2) + "\n")


def _item(paper: PaperDetail) -> dict[str, Any]:
    key = paper.citation_key or citekeys.base_key(paper.title, paper.authors, paper.year)
    item: dict[str, Any] = {
        "id": key,
        "citation-key": key,
        "type": CSL_TYPES.get(paper.entry_type.strip().lower(), DEFAULT_CSL_TYPE),
        "title": paper.title,
    }
    if paper.authors:
        item["author"] = [csl_name(author) for author in paper.authors]
    if paper.year is not None:
        item["issued"] = {"date-parts": [[paper.year]]}
    optional = {
        "container-title": paper.venue,
        "abstract": paper.abstract,
        "DOI": paper.doi,
        "URL": paper.url,
        "keyword": ", ".join(paper.tags),
        "annote": paper.note,
    }
    item.update({name: value for name, value in optional.items() if value})
    custom: dict[str, Any] = {fields.STATUS_FIELD: paper.status}
    if paper.rating is not None:
        custom[fields.RATING_FIELD] = paper.rating
    if paper.tags:
        custom[TAGS_KEY] = list(paper.tags)
    if paper.entry_type:
        custom[ENTRY_TYPE_KEY] = paper.entry_type
    item["custom"] = custom
    return item


def csl_name(author: str) -> dict[str, str]:
    """Split "Family, Given" or "Given Family" into CSL name parts; keep one word literal."""
    if "," in author:
        family, given = (part.strip() for part in author.split(",", 1))
        return {"family": family, "given": given} if given else {"literal": family}
    words = author.split()
    if len(words) < 2:
        return {"literal": author.strip()}
    return {"family": words[-1], "given": " ".join(words[:-1])}
