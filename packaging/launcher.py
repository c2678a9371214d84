"""PyInstaller's entry script: the frozen ``readinglist`` executable starts here."""

from __future__ import annotations

import sys

from readinglist.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
