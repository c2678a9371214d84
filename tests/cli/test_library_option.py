"""--library takes a file path or a PostgreSQL URL; a bad one is a one-line usage error."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from readinglist.cli import run
from readinglist.cli.parser import build_parser
from readinglist.core.errors import LibraryUnavailable
from readinglist.core.library import Library
from readinglist.core.storage import LIBRARY_ENV

if TYPE_CHECKING:
    from pathlib import Path


def failed_usage(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """Run argv, expect the usage exit code, and return the one line on stderr."""
    with pytest.raises(SystemExit) as raised:
        run(list(argv))
    assert raised.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    return err


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("mysql://ann@db/papers", "not mysql:// URLs"),
        ("postgresql://ann@db:port/papers", "the port must be a number"),
        ("postgresql://ann@db", "name the database"),
        ("postgresql://ann@db/papers?colour=blue", "unknown connection option 'colour'"),
        ("postgresql+asyncpg://ann@db/papers", "with psycopg"),
    ],
)
def test_a_bad_url_is_a_usage_error_on_one_line(
    capsys: pytest.CaptureFixture[str], url: str, reason: str
) -> None:
    err = failed_usage(capsys, "--library", url, "stats")
    assert err.startswith("readinglist: error: argument --library: ")
    assert reason in err


def test_a_bad_url_never_shows_its_password(capsys: pytest.CaptureFixture[str]) -> None:
    err = failed_usage(capsys, "--library", "postgresql://ann:s3cret@db:port/papers", "list")
    assert "s3cret" not in err and "ann:***@db" in err


def test_library_accepts_each_form_of_postgres_url() -> None:
    parser = build_parser()
    for url in ("postgresql+psycopg://ann@db:5433/papers", "postgres://ann@db/papers",
                "postgresql://ann@/papers?host=/run/pg&port=5439",
                "postgresql+psycopg:///?service=lab"):
        location = parser.parse_args(["--library", url, "stats"]).library
        assert str(location).startswith("postgresql+psycopg://")


def test_a_path_still_names_a_library_file(library_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--library", str(library_path), "stats"]) == 0
    assert "papers" in capsys.readouterr().out


def test_help_says_a_url_is_welcome(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run(["--help"])
    out = capsys.readouterr().out
    assert "--library PATH|URL" in out and "postgresql://USER@HOST" in out


def test_a_server_that_cannot_be_reached_fails_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"postgresql://ann:s3cret@/papers?host={tmp_path}&port=5999"
    assert run(["--library", url, "stats"]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and err.startswith("readinglist: error: ")
    assert "s3cret" not in err and "internal error" not in err
    assert not list(tmp_path.iterdir())  # nothing was made where a file would have been


def test_a_bad_url_in_the_environment_fails_on_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(LIBRARY_ENV, "mysql://ann:s3cret@db/papers")
    assert run(["stats"]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert LIBRARY_ENV in err and "not mysql:// URLs" in err and "s3cret" not in err


def test_backups_of_a_server_library_point_to_the_servers_tools(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(["--library", "postgresql://ann@db/papers", "backups"]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "pg_dump" in err


def test_a_server_asking_for_a_password_says_where_to_put_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def refused(_location: object, **_options: object) -> object:
        raise LibraryUnavailable("postgresql+psycopg://ann@db/papers: cannot reach the server "
                                 "(connection failed: fe_sendauth: no password supplied)")

    monkeypatch.setattr(Library, "open", refused)
    assert run(["--library", "postgresql://ann@db/papers", "stats"]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "~/.pgpass" in err
