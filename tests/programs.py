"""External programs the tests run (pdflatex, biber, pandoc, JabRef, appstreamcli, …).

A missing program fails its test in CI (CI=true) and skips it elsewhere, each time naming
the program and the command that installs it: python3 run.py test installs them on Debian
and Ubuntu when it may.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "packaging"))
import system_packages


def require(program: str) -> str:
    """Return program's path, or fail (in CI) or skip the test saying how to install it."""
    found = shutil.which(program)
    if found:
        return found
    message = (
        f"{program} is not installed; install it with:"
        f" {system_packages.install_command([system_packages.package_of(program)])}"
    )
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(message, pytrace=False)
    pytest.skip(message)
