"""The CLI contract scripts rely on: commands, --json fields, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from readinglist import __version__
from readinglist.cli import run

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def cli(library_path: Path, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Run a command line in-process against a test library; return (code, stdout, stderr)."""

    def call(*argv: str) -> tuple[int, str, str]:
        code = run(["--library", str(library_path), *argv])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return call


@pytest.fixture
def imported(cli, sample_files: list[Path]):  # type: ignore[no-untyped-def]
    code, _out, _err = cli("import", *map(str, sample_files))
    assert code == 0
    return cli


def listed(cli, *query: str) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    code, out, err = cli("list", "--json", "--", *query)
    assert code == 0, err
    return json.loads(out)  # type: ignore[no-any-return]


def test_import_prints_a_summary_per_file(cli, sample_files: list[Path]) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("import", *map(str, sample_files))
    assert code == 0
    assert "229 new, 8 already present" in out
    assert err == ""


def test_import_with_collection_option(cli, sample_files: list[Path]) -> None:  # type: ignore[no-untyped-def]
    cli("import", "--collection", "Mine", str(sample_files[0]))
    assert listed(cli)[0]["collections"] == ["Mine"]


def test_failed_import_exits_non_zero_with_one_line_and_changes_nothing(
    cli, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"\x00" * 100)
    code, _out, err = cli("import", str(bad))
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and "bad.bin" in err
    assert listed(cli) == []


def test_list_json_fields(imported) -> None:  # type: ignore[no-untyped-def]
    papers = listed(imported)
    assert len(papers) == 457
    first = papers[0]
    assert {"id", "title", "rating", "status", "tags", "collections"} <= set(first)
    assert first["rating"] is None and first["status"] == "inbox"
    assert isinstance(first["tags"], list) and isinstance(first["collections"], list)


def test_list_finds_a_title_with_typos_first(imported) -> None:  # type: ignore[no-untyped-def]
    assert (
        listed(imported, "matrx", "entrpy")[0]["title"]
        == "Large Language Model Evaluation via Matrix Entropy"
    )


def test_editing_commands_and_filters(imported) -> None:  # type: ignore[no-untyped-def]
    cli = imported
    assert cli("rate", "4", "1", "2", "3")[0] == 0
    assert cli("tag", "nlp", "1", "2")[0] == 0
    assert cli("status", "queued", "3")[0] == 0
    assert cli("note", "2", "look", "at", "fig", "2")[0] == 0
    assert [p["id"] for p in listed(cli, "rating:>=4")] == [1, 2, 3]
    assert [p["id"] for p in listed(cli, "-tag:nlp", "rating:>=4")] == [3]
    assert [p["id"] for p in listed(cli, "status:queued")] == [3]
    assert [p["id"] for p in listed(cli, "has:note")] == [2]
    assert cli("untag", "nlp", "1")[0] == 0
    assert [p["id"] for p in listed(cli, "tag:nlp")] == [2]
    assert len(listed(cli, "is:unrated")) == 454


def test_show_json_has_everything(imported) -> None:  # type: ignore[no-untyped-def]
    imported("note", "5", "my note")
    code, out, _ = imported("show", "5", "--json")
    paper = json.loads(out)
    assert code == 0
    assert paper["note"] == "my note" and paper["abstract"]
    assert {"id", "title", "abstract", "note", "rating", "status", "tags", "collections"} <= set(
        paper
    )


def test_stats_json(imported) -> None:  # type: ignore[no-untyped-def]
    _code, out, _ = imported("stats", "--json")
    stats = json.loads(out)
    assert (stats["papers"], stats["collections"], stats["tags"]) == (457, 3, 0)


def test_undo_and_redo_one_invocation_at_a_time(imported) -> None:  # type: ignore[no-untyped-def]
    imported("rate", "5", "1", "2")
    imported("tag", "x", "1")
    code, out, _ = imported("undo")
    assert code == 0 and "tag" in out
    assert listed(imported, "tag:x") == []
    imported("undo")
    assert listed(imported, "rating:5") == []
    imported("redo")
    assert len(listed(imported, "rating:5")) == 2


@pytest.mark.parametrize(
    "argv",
    [
        ("list", "--", "NEAR("),
        ("list", "a OR"),
        ("list", "*"),
        ("show", "9999"),
        ("rate", "3", "9999"),
        ("undo",),
    ],
)
def test_errors_are_one_line_on_stderr_with_exit_1(cli, argv: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli(*argv)
    assert code == 1
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("readinglist: error: ")
    assert "Traceback" not in err


@pytest.mark.parametrize("argv", [("rate", "7", "1"), ("status", "later", "1"), ("frobnicate",)])
def test_bad_command_lines_exit_2(cli, argv: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as raised:
        cli(*argv)
    assert raised.value.code == 2


def test_whole_process_entry_points(tmp_path: Path, sample_files: list[Path]) -> None:
    env = dict(os.environ, READINGLIST_LIBRARY=str(tmp_path / "env.sqlite"))
    env.pop("DISPLAY", None)
    version = subprocess.run(
        [sys.executable, "-m", "readinglist", "--version"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert version.stdout.strip() == f"readinglist {__version__}"
    subprocess.run(
        [sys.executable, "-m", "readinglist", "import", str(sample_files[0])],
        capture_output=True,
        env=env,
        check=True,
    )
    result = subprocess.run(
        [sys.executable, "-m", "readinglist", "list", "--json", "--", "-tag:x"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert len(json.loads(result.stdout)) == 119
    helptext = subprocess.run(
        [sys.executable, "-m", "readinglist", "--help"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    for command in (
        "import",
        "list",
        "show",
        "stats",
        "rate",
        "tag",
        "untag",
        "status",
        "note",
        "undo",
        "redo",
    ):
        assert command in helptext


def test_library_option_beats_environment(
    tmp_path: Path,
    sample_files: list[Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("READINGLIST_LIBRARY", str(tmp_path / "env.sqlite"))
    run(["--library", str(tmp_path / "opt.sqlite"), "import", str(sample_files[0])])
    assert (tmp_path / "opt.sqlite").exists()
    assert not (tmp_path / "env.sqlite").exists()


@pytest.mark.parametrize(
    "query", ["(" * 400 + "a", "-" * 400 + "a", "year:99999999999999999999", 'tag:"unclosed']
)
def test_hostile_queries_get_one_line_not_a_traceback(cli, query: str) -> None:  # type: ignore[no-untyped-def]
    code, _out, err = cli("list", "--", query)
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_usage_errors_are_one_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "readinglist", "--library", str(tmp_path / "x.sqlite"), "rate", "9", "1"],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1


def test_names_with_quotes_can_be_filtered(imported) -> None:  # type: ignore[no-untyped-def]
    imported("tag", 'say "hi"', "1")
    assert [p["id"] for p in listed(imported, 'tag:"say ""hi"""')] == [1]


def test_tag_names_with_separators_are_refused(imported) -> None:  # type: ignore[no-untyped-def]
    code, _out, err = imported("tag", "a, b", "1")
    assert code == 1 and "','" in err


def test_a_bad_year_in_an_imported_file_is_not_a_crash(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "bad.json"
    source.write_text('[{"title": "A", "issued": {"date-parts": [[1e999]]}}, '
                      '{"title": "B", "issued": {"date-parts": [["99999999999999999999999"]]}}]')
    code, out, err = cli("import", str(source))
    assert code == 0, err
    assert "2 new" in out
