"""Output helpers: opening the library, JSON, tables and the progress bar."""

from __future__ import annotations

import json
import shutil
import sys
from typing import TYPE_CHECKING, Any

from readinglist.core.library import Library
from readinglist.core.locations import default_location, openable

if TYPE_CHECKING:
    import argparse
    from pathlib import Path

    from readinglist.core.records import PaperDetail, PaperRow

STARS = "★"


def open_library(args: argparse.Namespace) -> Library:
    """Open --library (a path or a URL), else the default library."""
    location = args.library if args.library is not None else default_location()
    library = Library.open(openable(location))
    if library.daily_backup.problem:
        print(f"readinglist: warning: {library.daily_backup.problem}", file=sys.stderr)
    return library


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def row_json(row: PaperRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "title": row.title,
        "rating": row.rating,
        "status": row.status,
        "tags": list(row.tags),
        "collections": list(row.collections),
        "citation_key": row.citation_key,
        "added": row.added_at.isoformat(timespec="seconds"),
    }


def detail_json(paper: PaperDetail) -> dict[str, Any]:
    return {
        "id": paper.id,
        "title": paper.title,
        "abstract": paper.abstract,
        "note": paper.note,
        "my_note": paper.private_note,
        "rating": paper.rating,
        "status": paper.status,
        "tags": list(paper.tags),
        "collections": list(paper.collections),
        "citation_key": paper.citation_key,
        "queue_position": paper.queue_position,
        "authors": list(paper.authors),
        "year": paper.year,
        "venue": paper.venue,
        "doi": paper.doi,
        "url": paper.url,
        "added": paper.added_at.isoformat(timespec="seconds"),
        "modified": paper.modified_at.isoformat(timespec="seconds"),
        "members": paper.members,
        "member_statuses": dict(paper.member_statuses),
    }


def rating_text(rating: int | None) -> str:
    return "-" if rating is None else STARS * rating if rating else "0"


def print_rows(rows: list[PaperRow]) -> None:
    """Print one line a paper: id, rating, status, title and tags, fitted to the terminal."""
    width = shutil.get_terminal_size((100, 24)).columns
    id_width = max((len(str(row.id)) for row in rows), default=1)
    for row in rows:
        tags = f"  [{', '.join(row.tags)}]" if row.tags else ""
        head = f"{row.id:>{id_width}}  {rating_text(row.rating):<5}  {row.status:<7}  "
        room = max(width - len(head) - len(tags), 20)
        title = row.title if len(row.title) <= room else row.title[: room - 1] + "…"
        print(f"{head}{title}{tags}")


class ProgressBar:
    """A one-line progress bar on stderr, shown only when stderr is a terminal."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self.shown = False

    def __call__(self, path: Path, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        width = 30
        filled = width * done // total
        bar = "#" * filled + "-" * (width - filled)
        sys.stderr.write(f"\r{path.name[:30]:<30} [{bar}] {done}/{total}")
        sys.stderr.flush()
        self.shown = True

    def finish(self) -> None:
        if self.shown:
            sys.stderr.write("\n")
            self.shown = False
