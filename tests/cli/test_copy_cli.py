"""`readinglist copy SRC DEST`: a summary line or JSON counts, one-line errors, exit codes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from readinglist.cli import run
from readinglist.core.library import Library

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def source(library_path: Path, sample_template: Path) -> Path:
    """A library file holding the sample lists."""
    shutil.copyfile(sample_template, library_path)
    return library_path


def call(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_copy_prints_one_summary_line(
    source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    destination = tmp_path / "copy.sqlite"
    code, out, err = call(capsys, "copy", str(source), str(destination))
    assert (code, err) == (0, "")
    assert out == f"copied 457 papers, 0 tags, 3 collections to {destination}\n"
    with Library.open(destination) as copy:
        assert copy.count() == 457


def test_copy_json_gives_the_counts_of_every_table(
    source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    destination = tmp_path / "copy.sqlite"
    code, out, _err = call(capsys, "copy", "--json", str(source), str(destination))
    assert code == 0
    report = json.loads(out)
    assert report["source"] == str(source)
    assert report["destination"] == str(destination)
    assert report["created"] is True
    assert report["counts"]["papers"] == 457
    assert report["counts"]["collections"] == 3
    assert report["counts"]["paper_collections"] >= 457
    assert "history" not in report["counts"]


def test_copy_into_a_library_with_papers_fails_with_one_line(
    source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    destination = tmp_path / "copy.sqlite"
    assert call(capsys, "copy", str(source), str(destination))[0] == 0
    code, out, err = call(capsys, "copy", str(source), str(destination))
    assert (code, out) == (1, "")
    assert err == (
        f"readinglist: error: {destination}: already holds 457 papers; "
        "copy into a new or empty library\n"
    )


def test_copy_from_a_missing_library_fails_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = call(capsys, "copy", str(tmp_path / "none.sqlite"), str(tmp_path / "c"))
    assert code == 1
    assert err.count("\n") == 1 and "no library there to copy" in err
    assert list(tmp_path.iterdir()) == []


def test_copy_to_a_url_of_another_database_kind_fails_with_one_line(
    source: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = call(capsys, "copy", str(source), "mysql://me:secret@host/db")
    assert code == 1
    assert err.count("\n") == 1 and "PostgreSQL" in err
    assert "secret" not in err


def test_copy_without_a_destination_is_a_usage_error(
    source: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        run(["copy", str(source)])
    assert exited.value.code == 2
    assert "DEST" in capsys.readouterr().err


def test_copy_from_a_damaged_file_fails_without_a_traceback(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"not a library" * 100)
    result = subprocess.run(
        [sys.executable, "-m", "readinglist", "copy", str(damaged), str(tmp_path / "c.sqlite")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "damaged" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "c.sqlite").exists()
