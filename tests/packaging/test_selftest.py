"""``readinglist --self-test`` passes from the source tree (packaging runs it on the .deb)."""

from __future__ import annotations

import os
import subprocess
import sys


def test_self_test_passes_from_source() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "readinglist", "--self-test"],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok samples: 457 papers" in result.stdout
    assert "self-test passed" in result.stdout
