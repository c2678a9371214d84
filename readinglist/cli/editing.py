"""`rate`, `tag`, `untag`, `status`, `note`, `delete`, `merge`: change papers (each undoable)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from readinglist.cli.output import open_library
from readinglist.core.commands import (
    AddTags,
    Command,
    DeletePapers,
    MergePapers,
    RemoveTags,
    SetNote,
    SetRating,
    SetStatus,
)
from readinglist.core.commands.papers import SetPrivateNote
from readinglist.core.models import STATUS_NAMES


def _rating(text: str) -> int | None:
    if text.lower() in ("none", "clear", "-"):
        return None
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"a rating is 0 to 5 or 'none', not {text!r}") from None
    if not 0 <= value <= 5:
        raise argparse.ArgumentTypeError(f"a rating is 0 to 5 or 'none', not {value}")
    return value


def register(subparsers: Any) -> None:
    rate = subparsers.add_parser("rate", help="rate papers 0-5 ('none' clears)")
    rate.add_argument("rating", type=_rating, metavar="N")
    rate.add_argument("ids", nargs="+", type=int, metavar="ID")
    rate.set_defaults(handler=lambda a: _run(a, SetRating(a.ids, a.rating)))

    tag = subparsers.add_parser("tag", help="add a tag to papers (created if new)")
    tag.add_argument("name", metavar="NAME")
    tag.add_argument("ids", nargs="+", type=int, metavar="ID")
    tag.set_defaults(handler=lambda a: _run(a, AddTags(a.ids, [a.name])))

    untag = subparsers.add_parser("untag", help="remove a tag from papers")
    untag.add_argument("name", metavar="NAME")
    untag.add_argument("ids", nargs="+", type=int, metavar="ID")
    untag.set_defaults(handler=lambda a: _run(a, RemoveTags(a.ids, [a.name])))

    status = subparsers.add_parser("status", help="set the reading status of papers")
    status.add_argument(
        "status", choices=STATUS_NAMES, metavar="STATUS", help="one of: " + ", ".join(STATUS_NAMES)
    )
    status.add_argument("ids", nargs="+", type=int, metavar="ID")
    status.set_defaults(handler=lambda a: _run(a, SetStatus(a.ids, a.status)))

    note = subparsers.add_parser(
        "note", help="set a paper's note ('' clears it, '-' reads it from stdin)"
    )
    note.add_argument(
        "--mine", action="store_true", help="set your own note, which no other member sees"
    )
    note.add_argument("paper_id", type=int, metavar="ID")
    note.add_argument("text", nargs="+", metavar="TEXT")
    note.set_defaults(handler=_run_note)

    delete = subparsers.add_parser("delete", help="delete papers (undo brings them back)")
    delete.add_argument("ids", nargs="+", type=int, metavar="ID")
    delete.set_defaults(handler=lambda a: _run(a, DeletePapers(a.ids)))

    merge = subparsers.add_parser(
        "merge", help="merge duplicates into the first paper, keeping all tags, notes, ratings"
    )
    merge.add_argument("keep", type=int, metavar="KEEP_ID")
    merge.add_argument("others", nargs="+", type=int, metavar="ID")
    merge.set_defaults(handler=lambda a: _run(a, MergePapers(a.keep, a.others)))


def _run_note(args: argparse.Namespace) -> int:
    text = " ".join(args.text)
    if text == "-":
        text = sys.stdin.read().rstrip("\n")
    if args.mine:
        return _run(args, SetPrivateNote(args.paper_id, text))
    return _run(args, SetNote(args.paper_id, text))


def _run(args: argparse.Namespace, command: Command) -> int:
    with open_library(args) as library:
        library.execute(command)
    print(f"done: {command.label}")
    return 0
