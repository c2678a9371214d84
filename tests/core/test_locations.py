"""Library locations: paths and PostgreSQL URLs, their descriptions, and remembered passwords."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import URL, make_url

from memorykeyring import MemoryKeyring, installed, no_keyring
from readinglist.core.locations import (
    KEYRING_SERVICE,
    InvalidLocation,
    KeyringUnavailable,
    connect_url,
    credential_key,
    default_location,
    describe,
    forget_password,
    keyring_problem,
    needs_password,
    openable,
    parse_location,
    readable,
    remember_password,
    server_fields,
    server_url,
    stored_password,
    title,
    with_password,
)
from readinglist.core.storage import LIBRARY_ENV

if TYPE_CHECKING:
    from collections.abc import Iterator


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    with installed(MemoryKeyring()) as backend:
        assert isinstance(backend, MemoryKeyring)
        yield backend


@pytest.fixture
def without_keyring() -> Iterator[object]:
    with installed(no_keyring()) as backend:
        yield backend


def url(text: str) -> URL:
    parsed = parse_location(text)
    assert isinstance(parsed, URL)
    return parsed


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("postgresql+psycopg://ann@db.lab.org:5433/papers",
         "postgresql+psycopg://ann@db.lab.org:5433/papers"),
        ("postgresql+psycopg://ann@/papers?host=/run/pg&port=5439",
         "postgresql+psycopg://ann@/papers?host=%2Frun%2Fpg&port=5439"),
        ("postgresql+psycopg:///?service=lab", "postgresql+psycopg:///?service=lab"),
        ("postgresql://ann@db/papers", "postgresql+psycopg://ann@db/papers"),
        ("postgres://ann@db/papers", "postgresql+psycopg://ann@db/papers"),
        ("  postgresql://ann@db/papers?sslmode=require  ",
         "postgresql+psycopg://ann@db/papers?sslmode=require"),
    ],
)
def test_postgres_urls_are_read_with_the_psycopg_driver(typed: str, expected: str) -> None:
    assert describe(url(typed)) == expected
    assert url(typed).drivername == "postgresql+psycopg"


@pytest.mark.parametrize("typed", ["lib.sqlite", "/data/lab library.sqlite", "C:lib.sqlite"])
def test_anything_that_is_not_a_url_is_a_file_path(typed: str) -> None:
    assert parse_location(typed) == Path(typed)


def test_a_path_starting_with_a_tilde_is_in_the_home_folder() -> None:
    assert parse_location("~/lib.sqlite") == Path.home() / "lib.sqlite"
    assert parse_location(Path("~/lib.sqlite")) == Path.home() / "lib.sqlite"


def test_a_sqlite_url_is_its_file() -> None:
    assert parse_location("sqlite:////data/lib.sqlite") == Path("/data/lib.sqlite")


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("", "no library given"),
        ("   ", "no library given"),
        ("mysql://ann@db/papers", "not mysql:// URLs"),
        ("https://example.org/lib", "not https:// URLs"),
        ("postgresql+asyncpg://ann@db/papers", "connects to PostgreSQL with psycopg"),
        ("postgresql://ann@db:port/papers", "the port must be a number"),
        ("postgresql://ann@db:70000/papers", "between 1 and 65535"),
        ("postgresql://ann@db/papers?port=fifty", "the port must be a number"),
        ("postgresql://ann@db", "name the database"),
        ("postgresql://ann@db/papers?colour=blue", "unknown connection option 'colour'"),
        ("postgresql://ann:p@ss@db/papers", "as %40"),
    ],
)
def test_a_bad_location_is_refused_with_its_reason(typed: str, reason: str) -> None:
    with pytest.raises(InvalidLocation, match=reason):
        parse_location(typed)


@pytest.mark.parametrize(
    "typed",
    [
        "postgresql://ann:s3cret@db/papers",
        "postgres://ann:s3cret@db/papers?sslmode=require",
        "postgresql://ann@db/papers?password=s3cret",
        "postgresql://ann@db/papers?sslpassword=s3cret&sslmode=require",
        # Refused URLs are still described without their passwords.
        "postgresql://ann:s3cret@db/papers?colour=blue",
        "postgresql://ann:s3cret@db:port/papers",
        "postgresql://ann:s3@cret@db/papers",
        "mysql://ann:s3cret@db/papers",
    ],
)
def test_descriptions_and_errors_never_show_a_password(typed: str) -> None:
    assert "s3cret" not in describe(typed)
    assert "cret" not in describe(typed)
    try:
        described = describe(parse_location(typed))
    except InvalidLocation as error:
        described = str(error)
    assert "cret" not in described
    assert "ann" in described


def test_a_password_given_as_an_option_is_the_urls_password() -> None:
    parsed = url("postgresql://ann@db/papers?password=s3cret&sslmode=require")
    assert parsed.password == "s3cret"
    assert dict(parsed.query) == {"sslmode": "require"}


def test_the_keyring_names_a_password_by_user_host_port_and_database() -> None:
    assert credential_key(url("postgresql://ann@db.lab.org/papers")) == "ann@db.lab.org:5432/papers"
    assert (credential_key(url("postgresql://ann@/papers?host=/run/pg&port=5439"))
            == "ann@/run/pg:5439/papers")
    # The password plays no part: typing it again finds the same entry.
    assert (credential_key(url("postgresql://ann:pw@db.lab.org:5432/papers"))
            == "ann@db.lab.org:5432/papers")


def test_a_remembered_password_is_filled_in_when_connecting(
    memory_keyring: MemoryKeyring,
) -> None:
    remember_password(url("postgresql://ann:s3cret@db/papers"), "s3cret")
    assert memory_keyring.passwords == {(KEYRING_SERVICE, "ann@db:5432/papers"): "s3cret"}
    assert connect_url(url("postgresql://ann@db/papers")).password == "s3cret"
    assert stored_password(url("postgres://ann@db:5432/papers")) == "s3cret"
    # Another user, or another database, gets nothing.
    assert connect_url(url("postgresql://bob@db/papers")).password is None
    assert connect_url(url("postgresql://ann@db/other")).password is None


def test_a_typed_password_wins_over_the_remembered_one(memory_keyring: MemoryKeyring) -> None:
    remember_password(url("postgresql://ann@db/papers"), "old")
    assert connect_url(url("postgresql://ann:new@db/papers")).password == "new"


def test_connect_url_accepts_any_postgres_url_form(memory_keyring: MemoryKeyring) -> None:
    connected = connect_url(make_url("postgresql://ann@db/papers?password=typed"))
    assert connected.drivername == "postgresql+psycopg"
    assert connected.password == "typed"


def test_forgetting_removes_the_password(memory_keyring: MemoryKeyring) -> None:
    remember_password(url("postgresql://ann@db/papers"), "s3cret")
    assert forget_password(url("postgresql://ann@db/papers")) is True
    assert connect_url(url("postgresql://ann@db/papers")).password is None
    assert forget_password(url("postgresql://ann@db/papers")) is False


def test_without_a_keyring_libpq_looks_for_the_password_itself(without_keyring: object) -> None:
    connected = connect_url(url("postgresql://ann@db/papers"))
    assert connected.password is None
    assert str(connected) == "postgresql+psycopg://ann@db/papers?connect_timeout=10"
    assert forget_password(url("postgresql://ann@db/papers")) is False
    problem = keyring_problem()
    assert problem is not None and ".pgpass" in problem


def test_remembering_without_a_keyring_says_so(without_keyring: object) -> None:
    with pytest.raises(KeyringUnavailable, match=r"no keyring .*\.pgpass"):
        remember_password(url("postgresql://ann@db/papers"), "s3cret")


def test_a_keyring_that_fails_is_reported_not_raised() -> None:
    class Broken(MemoryKeyring):
        def get_password(self, service: str, username: str) -> str | None:
            raise OSError("the D-Bus session went away")

        def set_password(self, service: str, username: str, password: str) -> None:
            raise OSError("the D-Bus session went away")

    with installed(Broken()):
        assert connect_url(url("postgresql://ann@db/papers")).password is None
        with pytest.raises(KeyringUnavailable, match="D-Bus"):
            remember_password(url("postgresql://ann@db/papers"), "s3cret")


class _ServerError(Exception):
    def __init__(self, message: str, sqlstate: str | None = None) -> None:
        super().__init__(message)
        self.sqlstate = sqlstate


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (_ServerError('connection failed: fe_sendauth: no password supplied'), True),
        (_ServerError('FATAL:  password authentication failed for user "ann"'), True),
        (_ServerError("FATAL: Passwort-Authentifizierung fehlgeschlagen", "28P01"), True),
        (_ServerError('FATAL:  database "papers" does not exist', "3D000"), False),
        (_ServerError("connection refused"), False),
    ],
)
def test_a_missing_or_wrong_password_is_told_apart(error: Exception, expected: bool) -> None:
    assert needs_password(error) is expected
    wrapped = RuntimeError("db: cannot open the library")
    wrapped.__cause__ = error
    assert needs_password(wrapped) is expected


def test_a_forms_fields_make_a_url() -> None:
    assert str(server_url(" db.lab.org ", 5433, "papers", "ann")) == (
        "postgresql+psycopg://ann@db.lab.org:5433/papers")
    assert str(server_url("", None, "papers", "")) == "postgresql+psycopg:///papers"
    socket = server_url("/run/postgresql", 5439, "papers", "ann")
    assert dict(socket.query) == {"host": "/run/postgresql", "port": "5439"}
    with pytest.raises(InvalidLocation, match="name the database"):
        server_url("db", 5432, " ", "ann")


@pytest.mark.parametrize(
    ("typed", "fields"),
    [
        ("postgresql://ann@db.lab.org:5433/papers", ("db.lab.org", 5433, "papers", "ann")),
        ("postgresql://db/papers", ("db", 5432, "papers", "")),
        ("postgresql://ann@/papers?host=/run/pg&port=5439", ("/run/pg", 5439, "papers", "ann")),
        ("postgresql://ann@db/papers?sslmode=require", None),
        ("postgresql:///?service=lab", None),
    ],
)
def test_a_url_goes_back_into_the_form_when_the_form_can_hold_it(
    typed: str, fields: tuple[str, int, str, str] | None
) -> None:
    assert server_fields(url(typed)) == fields
    if fields is not None:
        assert server_fields(server_url(*fields)) == fields


@pytest.mark.parametrize(
    ("typed", "expected_title", "expected_text"),
    [
        ("/data/lab.sqlite", "lab.sqlite", "/data/lab.sqlite"),
        ("postgresql://ann:pw@db.lab.org/papers", "papers on db.lab.org",
         "postgresql://ann@db.lab.org/papers"),
        ("postgresql://ann@/papers?host=/run/pg&port=5439", "papers on /run/pg",
         "postgresql://ann@/papers?host=/run/pg&port=5439"),
        ("postgresql:///?service=lab", "lab", "postgresql:///?service=lab"),
    ],
)
def test_locations_read_well_in_titles_and_lists(
    typed: str, expected_title: str, expected_text: str
) -> None:
    location = parse_location(typed)
    assert title(location) == expected_title
    assert readable(location) == expected_text


def test_a_url_is_opened_with_its_password_and_described_without(
    memory_keyring: MemoryKeyring,
) -> None:
    typed = url("postgresql://ann:s3cret@db/papers")
    assert openable(typed) == "postgresql+psycopg://ann:s3cret@db/papers"
    assert openable(with_password(url("postgresql://ann@db/papers"), "typed")) == (
        "postgresql+psycopg://ann:typed@db/papers")
    assert openable(Path("lib.sqlite")) == Path("lib.sqlite")


def test_the_environment_may_name_a_server(monkeypatch: pytest.MonkeyPatch,
                                           tmp_path: Path) -> None:
    monkeypatch.setenv(LIBRARY_ENV, "postgres://ann@db/papers")
    assert str(default_location()) == "postgresql+psycopg://ann@db/papers"
    monkeypatch.setenv(LIBRARY_ENV, str(tmp_path / "lib.sqlite"))
    assert default_location() == tmp_path / "lib.sqlite"
    monkeypatch.setenv(LIBRARY_ENV, "mysql://ann@db/papers")
    with pytest.raises(InvalidLocation, match=LIBRARY_ENV):
        default_location()


def test_a_server_that_does_not_answer_is_given_up_after_a_while(
    memory_keyring: MemoryKeyring,
) -> None:
    assert connect_url(url("postgresql://ann@db/papers")).query["connect_timeout"] == "10"
    chosen = connect_url(url("postgresql://ann@db/papers?connect_timeout=3"))
    assert chosen.query["connect_timeout"] == "3"
