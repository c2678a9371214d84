"""The exporter interface: papers in, text and warnings out (no database, no files)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Sequence

    from readinglist.core.records import PaperDetail


class GroupBy(StrEnum):
    """How the Markdown reading list is sectioned."""

    STATUS = "status"
    TAG = "tag"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """Choices that shape an export; formats ignore the ones that do not concern them."""

    abstracts: bool = False
    """Markdown: print each abstract under its title."""
    group_by: GroupBy = GroupBy.STATUS
    """Markdown: section the list by status, by tag (a paper under its first tag) or not."""


@dataclass(slots=True)
class ExportResult:
    """The exported text and what the user should know about it (papers changed, skipped)."""

    text: str
    warnings: list[str] = field(default_factory=list)


class Exporter(Protocol):
    """A writer for one file format."""

    name: str
    """Short id used by ``--format`` (e.g. ``bibtex``, ``csl-json``)."""
    label: str
    """Human name shown in dialogs (e.g. "BibTeX")."""
    extension: str
    """The usual file name ending, with the dot."""

    def export(self, papers: Sequence[PaperDetail], options: ExportOptions) -> ExportResult:
        """Return papers as text in this format, in the order given."""
        ...


def describe(paper: PaperDetail) -> str:
    """Name a paper in a warning: its id and a shortened title."""
    title = paper.title if len(paper.title) <= 60 else paper.title[:57] + "..."
    return f"paper {paper.id} '{title}'"
