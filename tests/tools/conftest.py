"""Helpers for tests that run the real programs (.ci/run installs them with apt-get)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Callable

# Make tests/paperdata.py importable (tests/ is not a package).
TESTS = str(Path(__file__).resolve().parents[1])
if TESTS not in sys.path:
    sys.path.insert(0, TESTS)


@pytest.fixture
def run(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Return a runner of a program in tmp_path that fails the test if it is not installed."""

    def run_tool(
        program: str, *args: str, timeout: float = 300
    ) -> subprocess.CompletedProcess[str]:
        if shutil.which(program) is None:
            pytest.fail(f"{program} is not installed; .ci/run installs it with apt-get")
        return subprocess.run(
            [program, *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout,
            env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin:/usr/local/bin"},
            check=False,
        )

    return run_tool
