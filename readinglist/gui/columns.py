"""The paper list's columns: header text, sort key and default width."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from readinglist.core.search import SortKey


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    header: str
    sort: SortKey
    width: int
    visible: bool = True
    tooltip: str = ""


class Column(enum.IntEnum):
    RATING = 0
    STATUS = 1
    TITLE = 2
    TAGS = 3
    COLLECTIONS = 4
    ADDED = 5
    QUEUE = 6

    @property
    def spec(self) -> ColumnSpec:
        return SPECS[self]


SPECS: dict[Column, ColumnSpec] = {
    Column.RATING: ColumnSpec("Rating", SortKey.RATING, 84),
    Column.STATUS: ColumnSpec("Status", SortKey.STATUS, 84),
    Column.TITLE: ColumnSpec("Title", SortKey.TITLE, 300),
    Column.TAGS: ColumnSpec("Tags", SortKey.TAGS, 104),
    Column.COLLECTIONS: ColumnSpec("Collection", SortKey.COLLECTIONS, 150, visible=False),
    Column.ADDED: ColumnSpec("Added", SortKey.ADDED, 76),
    Column.QUEUE: ColumnSpec("Queue", SortKey.QUEUE, 64, visible=False,
                             tooltip="Position in the reading queue"),
}

DEFAULT_SORT_COLUMN = Column.ADDED
