"""Two processes: the CLI imports while a window holds the library open, and writers queue."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import TYPE_CHECKING

from libfiles import pasted_list, run_cli

from readinglist.core.commands import SetRating

if TYPE_CHECKING:
    from pathlib import Path

    from readinglist.core.library import Library


def test_cli_import_while_the_library_is_open_elsewhere_shows_up_on_the_next_query(
    small_library: Library, tmp_path: Path
) -> None:
    source = tmp_path / "fresh.txt"
    source.write_text(pasted_list(300, start=7000), encoding="utf-8")
    assert small_library.count() == 20  # a window has the library open, connection pooled
    done = run_cli("--library", str(small_library.path), "import", str(source))
    assert done.returncode == 0, done.stderr
    assert "300 new" in done.stdout
    assert small_library.count() == 320
    assert len(small_library.search("in:fresh").ids) == 300


def test_two_processes_importing_at_once_both_succeed(
    small_library: Library, tmp_path: Path
) -> None:
    command = [sys.executable, "-m", "readinglist", "--library", str(small_library.path)]
    processes = []
    for number in range(2):
        source = tmp_path / f"list{number}.txt"
        source.write_text(pasted_list(1500, start=10_000 * (number + 1)), encoding="utf-8")
        processes.append(
            subprocess.Popen(
                [*command, "import", str(source)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=dict(os.environ),
            )
        )
    small_library.execute(SetRating([1, 2, 3], 4))  # and this process writes meanwhile
    results = [process.communicate(timeout=120) for process in processes]
    for process, (out, err) in zip(processes, results, strict=True):
        assert process.returncode == 0, err
        assert "locked" not in err and "1500 new" in out
    assert small_library.count() == 20 + 2 * 1500
    assert [small_library.detail(i).rating for i in (1, 2, 3)] == [4, 4, 4]
    assert {c.name for c in small_library.collections()} >= {"list0", "list1"}
