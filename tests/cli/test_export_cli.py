"""Export from the CLI, and the library round trip through every bibliography format."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from readinglist.cli import run
from readinglist.core.commands import AddTags, SetNote, SetRating, SetStatus
from readinglist.core.library import Library

if TYPE_CHECKING:
    from pathlib import Path

    from readinglist.core.records import PaperDetail

ROUND_TRIP_FORMATS = ["bibtex", "biblatex", "ris", "csl-json", "csv"]


@pytest.fixture
def decided(sample_library: Library) -> Library:
    """Samples with ratings (0 included), tags, every status and notes."""
    ids = sample_library.search("").ids
    sample_library.execute(SetRating(ids[:20], 5))
    sample_library.execute(SetRating(ids[20:30], 0))
    sample_library.execute(AddTags(ids[:40], ["nlp", "to cite"]))
    sample_library.execute(SetStatus(ids[40:45], "queued"))
    sample_library.execute(SetStatus(ids[45:50], "read"))
    sample_library.execute(SetStatus(ids[50:55], "skipped"))
    sample_library.execute(SetStatus(ids[55:60], "reading"))
    sample_library.execute(SetNote(ids[0], "A note with {braces} & 100% $pecial chars"))
    return sample_library


def comparable(library: Library) -> list[tuple[object, ...]]:
    papers = library.details(library.search("").ids)
    return sorted(
        (p.title, p.abstract.split(), p.rating, p.status, tuple(sorted(p.tags)), p.note)
        for p in papers
    )


@pytest.mark.parametrize("fmt", ROUND_TRIP_FORMATS)
def test_round_trip_keeps_papers_tags_ratings_statuses_notes(
    decided: Library, tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / f"library.{fmt}"
    assert (
        run(["--library", str(decided.path), "export", "--format", fmt, "-o", str(exported)]) == 0
    )
    fresh = tmp_path / "fresh.sqlite"
    assert run(["--library", str(fresh), "import", str(exported)]) == 0
    capsys.readouterr()
    with Library.open(fresh) as imported:
        assert comparable(imported) == comparable(decided)


def test_export_to_stdout_defaults_to_bibtex(
    decided: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--library", str(decided.path), "export", "--query", "tag:nlp"]) == 0
    out = capsys.readouterr().out
    assert out.count("@") == 40


def test_export_queue_keeps_queue_order(
    decided: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    decided.move_in_queue([decided.queue()[-1]], "top")
    assert run(["--library", str(decided.path), "export", "--queue", "--format", "csl-json"]) == 0
    exported = [item["title"] for item in json.loads(capsys.readouterr().out)]
    assert exported == [row.title for row in decided.rows(decided.queue())]


def test_export_format_follows_the_file_extension(decided: Library, tmp_path: Path) -> None:
    target = tmp_path / "list.ris"
    assert (
        run(["--library", str(decided.path), "export", "--ids", "1", "2", "-o", str(target)]) == 0
    )
    assert target.read_text(encoding="utf-8").startswith("TY  - ")


def test_markdown_lists_each_paper_once_grouped_by_status(
    decided: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--library", str(decided.path), "export", "--format", "markdown"]) == 0
    text = capsys.readouterr().out
    assert text.count("- [") == 457
    assert "- [x]" in text


def test_bad_query_in_export_is_one_line(
    decided: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--library", str(decided.path), "export", "--query", "a OR"]) == 1
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_citekey_pattern_applies_to_new_papers_only_and_is_undoable(
    cli_library: Path, sample_files: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["--library", str(cli_library)]
    assert run([*base, "import", str(sample_files[0])]) == 0
    before = {p.id: p.citation_key for p in _papers(cli_library)}
    assert run([*base, "citekey-pattern", "[year][veryshorttitle:lower]"]) == 0
    assert run([*base, "import", str(sample_files[1])]) == 0
    papers = _papers(cli_library)
    assert {p.id: p.citation_key for p in papers if p.id in before} == before
    assert any(p.citation_key and p.citation_key.islower() for p in papers if p.id not in before)
    assert run([*base, "citekey-pattern", "[nonsense]"]) == 1
    capsys.readouterr()


@pytest.fixture
def cli_library(tmp_path: Path) -> Path:
    return tmp_path / "cli.sqlite"


def _papers(path: Path) -> list[PaperDetail]:
    with Library.open(path) as library:
        return library.details(library.search("").ids)


def test_import_accepts_the_export_format_names(
    decided: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / "library.txt"
    base = ["--library", str(decided.path)]
    assert run([*base, "export", "--format", "biblatex", "--ids", "1", "2", "-o", str(exported)]) == 0
    fresh = ["--library", str(tmp_path / "fresh.sqlite")]
    assert run([*fresh, "import", "--format", "biblatex", str(exported)]) == 0
    assert "2 new" in capsys.readouterr().out
