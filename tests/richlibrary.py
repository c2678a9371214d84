"""A library in which every copied table holds rows, and its rows as stored, for copy tests."""

from __future__ import annotations

import shutil
import sqlite3
from typing import TYPE_CHECKING, Any

from readinglist.core.citekeys import PATTERN_SETTING
from readinglist.core.commands import (
    AddTags,
    DeletePapers,
    RecolorTag,
    SaveSearch,
    SetNote,
    SetRating,
    SetSetting,
    SetStatus,
)
from readinglist.core.commands.papers import SetPrivateNote
from readinglist.core.copying import copied_tables
from readinglist.core.records import PaperRecord

if TYPE_CHECKING:
    from pathlib import Path

    from readinglist.core.library import Library

NEAR_DUPLICATE = "Large Language Model Evaluation via Matrix Entropyy"


def rich_library_file(path: Path, template: Path) -> Path:
    """Copy template (a library file) to path and fill every copied table; return path."""
    from readinglist.core.library import Library

    shutil.copyfile(template, path)
    with Library.open(path) as library:
        fill_every_table(library)
    return path


def fill_every_table(library: Library) -> None:
    """Add to the sample library tags with colours, ratings, a queue, shared and private
    notes, a saved search, a setting, a likely duplicate, and a paper deleted again (so the
    id counter is ahead)."""
    library.execute(AddTags([1, 2, 3], ["nlp"]))
    library.execute(AddTags([3, 4, 400], ["vision", "Über"]))
    library.execute(RecolorTag("nlp", "#aa3355"))
    library.execute(SetRating([1, 5, 9], 5))
    library.execute(SetRating([2], 0))
    library.execute(SetStatus([7, 5, 6], "queued"))
    library.execute(SetStatus([8], "read"))
    library.execute(SetNote(1, "Read section 3 with the group; compare quokka baselines."))
    library.execute(SetPrivateNote(2, "My own reading: the wombat appendix is wrong."))
    library.execute(SaveSearch("Good", "rating:>=4"))
    library.execute(SetSetting(PATTERN_SETTING, "[auth:lower][year]"))
    library.import_records(
        [PaperRecord(NEAR_DUPLICATE, "An abstract.", authors=["Ada Lovelace"], year=2024)],
        "near",
        "near.bib",
    )
    library.import_records([PaperRecord("A paper deleted again", "Gone.")], "last", "last.txt")
    library.execute(DeletePapers([max(library.search("").ids)]))


def stored_rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Return every copied table's rows of the library file at path exactly as stored."""
    connection = sqlite3.connect(path)
    try:
        return {
            table.name: sorted(
                connection.execute(f"SELECT * FROM {table.name}").fetchall(), key=repr
            )
            for table in copied_tables()
        }
    finally:
        connection.close()


def papers_counter(path: Path) -> int:
    """Return the highest paper id the library file at path ever handed out."""
    connection = sqlite3.connect(path)
    try:
        row = connection.execute("SELECT seq FROM sqlite_sequence WHERE name = 'papers'").fetchone()
        return int(row[0])
    finally:
        connection.close()
