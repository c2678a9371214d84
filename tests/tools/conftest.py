"""Helpers for tests that run the real programs (.ci/run installs them with apt-get)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from programs import require

if TYPE_CHECKING:
    from collections.abc import Callable

# Make tests/paperdata.py importable (tests/ is not a package).
TESTS = str(Path(__file__).resolve().parents[1])
if TESTS not in sys.path:
    sys.path.insert(0, TESTS)


@pytest.fixture
def run(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Return a runner of a program in tmp_path; a missing program fails (CI) or skips."""

    def run_tool(
        program: str, *args: str, timeout: float = 300
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [require(program), *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout,
            env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin:/usr/local/bin"},
            check=False,
        )

    return run_tool
