"""Crash during import: a SIGKILL mid-import leaves the library exactly as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from typing import TYPE_CHECKING

import pytest
from libfiles import dump, pasted_list

from readinglist.core.library import Library

if TYPE_CHECKING:
    from pathlib import Path

PAPERS = 20_000
# The import is underway once its uncommitted pages spill into the WAL beyond this.
WAL_UNDERWAY_BYTES = 512 * 1024


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
def test_killed_import_leaves_no_partial_papers_and_can_be_run_again(
    small_library_path: Path, tmp_path: Path
) -> None:
    big = tmp_path / "big.txt"
    big.write_text(pasted_list(PAPERS, start=1000), encoding="utf-8")
    with Library.open(small_library_path) as library:
        before = (dump(library), library.stats(), library.collections())
    wal = small_library_path.with_name(small_library_path.name + "-wal")
    command = [sys.executable, "-m", "readinglist", "--library", str(small_library_path)]
    process = subprocess.Popen(
        [*command, "import", str(big)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 60
        while not (wal.exists() and wal.stat().st_size > WAL_UNDERWAY_BYTES):
            assert process.poll() is None, "the import ended before it could be killed"
            assert time.monotonic() < deadline, "the import never started writing"
            time.sleep(0.01)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.kill()
        out, _err = process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert b"new" not in out, "the import finished before the kill: the test proved nothing"

    with Library.open(small_library_path) as library:
        assert (dump(library), library.stats(), library.collections()) == before
        with library.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"

    again = subprocess.run(
        [*command, "import", str(big)], capture_output=True, text=True, timeout=300, check=False
    )
    assert again.returncode == 0, again.stderr
    assert f"{PAPERS} new, 0 already present" in again.stdout
    with Library.open(small_library_path) as library:
        assert library.count() == 20 + PAPERS
