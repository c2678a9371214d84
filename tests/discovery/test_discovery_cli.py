"""`related`, `recommend`, `dismiss`, and the insights in `stats --json`."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from readinglist.cli import run

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture
def cli(library_path: Path, sample_files: list[Path], capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Run a command line in-process against a library holding the samples."""

    def call(*argv: str) -> tuple[int, str, str]:
        code = run(["--library", str(library_path), *argv])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    assert call("import", *map(str, sample_files))[0] == 0
    return call


def test_related_json_lists_ids_scores_and_shared_terms(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("related", "1", "-k", "4", "--json")
    assert code == 0, err
    found = json.loads(out)
    assert len(found) == 4
    assert set(found[0]) == {"id", "title", "score", "shared_terms"}
    assert found[0]["score"] >= found[-1]["score"]


def test_related_text_shows_titles_and_terms(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _err = cli("related", "1", "-k", "2")
    assert code == 0
    assert "shares:" in out


def test_related_to_an_unknown_paper_fails_in_one_line(cli) -> None:  # type: ignore[no-untyped-def]
    code, _out, err = cli("related", "99999")
    assert code == 1
    assert err.strip() == "readinglist: error: no paper with id 99999"


def test_recommend_without_ratings_says_why(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _err = cli("recommend")
    assert code == 0
    assert out.startswith("no recommendations: nothing to learn from yet")
    code, out, _err = cli("recommend", "--json")
    assert json.loads(out)["picks"] == []


def test_recommend_explains_each_pick(cli) -> None:  # type: ignore[no-untyped-def]
    cli("rate", "5", "1", "2", "3")
    code, out, err = cli("recommend", "-k", "3", "--json")
    assert code == 0, err
    found = json.loads(out)
    assert found["profile"] == "ratings" and found["positives"] == 3
    assert len(found["picks"]) == 3
    assert all(pick["explanation"].startswith("shares ") for pick in found["picks"])
    code, out, _err = cli("recommend", "-k", "3")
    assert "shares " in out and "close to" in out


def test_recommend_by_tag(cli) -> None:  # type: ignore[no-untyped-def]
    cli("tag", "babies", "1", "2")
    code, out, _err = cli("recommend", "--tag", "babies", "-k", "2", "--json")
    assert code == 0
    assert json.loads(out)["profile"] == "tag:babies"
    code, _out, err = cli("recommend", "--tag", "missing")
    assert code == 1 and "no tag named 'missing'" in err


def test_stats_json_includes_insights(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _err = cli("stats", "--json")
    assert code == 0
    stats = json.loads(out)
    assert stats["papers"] == 457
    assert stats["insights"]["ratings"]["unrated"] == 457


def test_dismiss_unlisted_pair_fails(cli) -> None:  # type: ignore[no-untyped-def]
    code, _out, err = cli("dismiss", "1", "2")
    assert code == 1 and "not listed as likely duplicates" in err
