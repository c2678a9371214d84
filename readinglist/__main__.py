"""Entry point: ``readinglist`` alone opens the window, ``readinglist COMMAND ...`` runs the CLI."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if not arguments:
        # The window alone, as the command line would open it, without building the
        # command line's parser first: its subcommands cost a tenth of the start-up.
        from readinglist.gui.app import run_app

        return run_app(None, [])
    from readinglist.cli import run

    return run(arguments)


if __name__ == "__main__":
    sys.exit(main())
