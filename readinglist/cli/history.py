"""`undo` and `redo`: step through the library's change history (shared with the window)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from readinglist.cli.output import open_library

if TYPE_CHECKING:
    import argparse


def register(subparsers: Any) -> None:
    undo = subparsers.add_parser("undo", help="undo the last change (even after a restart)")
    undo.set_defaults(handler=run_undo)
    redo = subparsers.add_parser("redo", help="redo the last undone change")
    redo.set_defaults(handler=run_redo)


def run_undo(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        label, _changes = library.undo()
    print(f"undone: {label}")
    return 0


def run_redo(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        label, _changes = library.redo()
    print(f"redone: {label}")
    return 0
