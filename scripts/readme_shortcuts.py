"""Rewrite README.md's "Keyboard shortcuts" section from the keymap.

Run after changing ``readinglist/gui/keymap.py``: ``uv run python scripts/readme_shortcuts.py``
(``--check`` exits 1 when the README is out of date, for CI).
"""

from __future__ import annotations

import sys
from pathlib import Path

from readinglist.gui.keyreference import replace_section

README = Path(__file__).resolve().parents[1] / "README.md"


def main(argv: list[str]) -> int:
    text = README.read_text(encoding="utf-8")
    updated = replace_section(text)
    if "--check" in argv:
        if updated != text:
            print("README.md's keyboard shortcuts are out of date; run "
                  "scripts/readme_shortcuts.py", file=sys.stderr)
            return 1
        return 0
    if updated != text:
        README.write_text(updated, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
