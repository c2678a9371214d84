"""The command line: ``readinglist [--library PATH|URL] COMMAND ...`` over the same core as the GUI.

Exit codes: 0 success, 1 the command failed (one line on stderr says why), 2 the command
line itself was wrong (argparse's usage message), 130 interrupted.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from readinglist.cli.backups import restore_hint
from readinglist.cli.parser import build_parser
from readinglist.core.errors import LibraryDamaged, ReadingListError
from readinglist.core.locations import needs_password

if TYPE_CHECKING:
    from pathlib import Path

    from sqlalchemy import URL

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_INTERRUPTED = 130
DEBUG_ENV = "READINGLIST_DEBUG"
PASSWORD_HINT = ("the server wants a password: put it in ~/.pgpass or a service file, or "
                 "open the library once in the window and let it remember the password")


def run(argv: list[str]) -> int:
    """Run one command line and return its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    named: Path | URL | None = args.library
    if args.self_test:
        from readinglist.selftest import run_self_test

        return run_self_test()
    if args.open_files is not None and args.command is not None:
        parser.error("--open opens the window; give it no COMMAND (use 'import' instead)")
    if args.command is None:
        from readinglist.gui.app import run_app

        return run_app(named, list(args.open_files or []))
    try:
        return int(args.handler(args))
    except LibraryDamaged as error:
        hint = restore_hint(error.path, named is not None) if error.path else ""
        print(f"readinglist: error: {error}; {hint}".rstrip("; "), file=sys.stderr)
        return EXIT_FAILED
    except ReadingListError as error:
        hint = f"; {PASSWORD_HINT}" if needs_password(error) else ""
        print(f"readinglist: error: {error}{hint}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("readinglist: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (e.g. `| head`): not an error
        return EXIT_OK
    except Exception as error:  # a bug: still one line for scripts, the trace on request
        if os.environ.get(DEBUG_ENV):
            raise
        print(
            f"readinglist: internal error: {type(error).__name__}: {error} "
            f"(set {DEBUG_ENV}=1 for details; please report it)",
            file=sys.stderr,
        )
        return EXIT_FAILED
