"""RIS export: one ``TAG  - value`` line per field, ``ER  -`` ends each record.

A value never spans lines (a line break could start a forged tag), so abstracts are
joined into one line and each line of a note becomes its own ``N1`` line. RIS has no
rating or status: they go to ``C1  - readinglist-rating: N`` and
``C2  - readinglist-status: S``; the citation key goes to ``ID``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from readinglist.core import citekeys
from readinglist.core.exporters import fields
from readinglist.core.exporters.base import ExportOptions, ExportResult

if TYPE_CHECKING:
    from collections.abc import Sequence

    from readinglist.core.records import PaperDetail

RIS_TYPES = {
    "article": "JOUR",
    "book": "BOOK",
    "inbook": "CHAP",
    "incollection": "CHAP",
    "inproceedings": "CPAPER",
    "conference": "CPAPER",
    "proceedings": "CONF",
    "phdthesis": "THES",
    "mastersthesis": "THES",
    "thesis": "THES",
    "techreport": "RPRT",
    "report": "RPRT",
    "online": "ELEC",
    "unpublished": "UNPB",
    "misc": "GEN",
}
RATING_TAG = "C1"
STATUS_TAG = "C2"


class RisExporter:
    name = "ris"
    label = "RIS"
    extension = ".ris"

    def export(self, papers: Sequence[PaperDetail], options: ExportOptions) -> ExportResult:
        return ExportResult("".join(_record(paper) for paper in papers))


def _record(paper: PaperDetail) -> str:
    lines = [("TY", RIS_TYPES.get(paper.entry_type.strip().lower(), "GEN"))]
    lines.append(("ID", paper.citation_key or citekeys.base_key(paper.title, paper.authors, None)))
    lines.append(("TI", paper.title))
    lines += [("AU", author) for author in paper.authors]
    if paper.year is not None:
        lines.append(("PY", str(paper.year)))
    if paper.venue:
        lines.append(("JO" if lines[0][1] == "JOUR" else "T2", paper.venue))
    lines += [("AB", paper.abstract), ("DO", paper.doi), ("UR", paper.url)]
    lines += [("KW", tag) for tag in paper.tags]
    lines += [("N1", line) for line in paper.note.splitlines()]
    if paper.rating is not None:
        lines.append((RATING_TAG, f"{fields.RATING_FIELD}: {paper.rating}"))
    lines.append((STATUS_TAG, f"{fields.STATUS_FIELD}: {paper.status}"))
    body = "".join(f"{tag}  - {_one_line(value)}\n" for tag, value in lines if value.strip())
    return body + "ER  - \n\n"


def _one_line(value: str) -> str:
    return " ".join(value.split())
