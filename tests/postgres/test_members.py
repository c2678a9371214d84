"""Letting members into a shared library and out again, from the command line."""

from __future__ import annotations

import json
import uuid
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import create_engine

from readinglist.cli import run
from readinglist.core.commands import SetRating, SetStatus
from readinglist.core.errors import LibraryUnavailable
from readinglist.core.library import Library

if TYPE_CHECKING:
    from collections.abc import Iterator

pytestmark = pytest.mark.tools


@pytest.fixture
def role(server_sample_library: str) -> Iterator[str]:
    """A login role the server's administrator made, not yet let into the library."""
    name = f"carol_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server_sample_library, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f"CREATE ROLE {name} LOGIN")
    try:
        yield name
    finally:
        with Library.open(server_sample_library) as owner:
            owner.let_out(name)
        with admin.connect() as connection:
            connection.exec_driver_sql(f"DROP ROLE {name}")
        admin.dispose()


def as_role(url: str, role: str) -> str:
    from sqlalchemy import make_url

    return make_url(url).set(username=role).render_as_string(hide_password=False)


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_role_let_in_joins_on_first_open_and_is_listed_with_its_progress(
    server_sample_library: str, role: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with Library.open(server_sample_library):
        pass  # the owner is the first member
    with pytest.raises(LibraryUnavailable):
        Library.open(as_role(server_sample_library, role))
    code, out, _ = cli(capsys, "--library", server_sample_library, "members", "--add", role)
    assert (code, out) == (0, f"{role} may now open the library\n")
    with Library.open(as_role(server_sample_library, role)) as carol:
        carol.execute(SetRating([1, 2], 4))
        carol.execute(SetStatus([3], "queued"))
    code, out, _ = cli(capsys, "--library", server_sample_library, "members", "--json")
    listed = {member["name"]: member for member in json.loads(out)}
    assert listed[role] | {"joined": ""} == {
        "name": role, "joined": "", "rated": 2, "queued": 1, "reading": 0, "read": 0,
        "may_use": True,
    }
    assert listed["readinglist"]["rated"] == 0
    code, out, _ = cli(capsys, "--library", server_sample_library, "members")
    assert code == 0 and f"{role}  joined" in out and "2 rated, 1 queued" in out


def test_a_role_let_out_can_no_longer_open_the_library_but_keeps_its_data(
    server_sample_library: str, role: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with Library.open(server_sample_library) as owner:
        owner.admit(role)
    with Library.open(as_role(server_sample_library, role)) as carol:
        carol.execute(SetRating([1], 5))
    code, out, _ = cli(capsys, "--library", server_sample_library, "members", "--remove", role)
    assert (code, out) == (0, f"{role} may no longer open the library\n")
    with pytest.raises(LibraryUnavailable, match="is not a member of this library"):
        Library.open(as_role(server_sample_library, role))
    with Library.open(server_sample_library) as owner:
        (carol_info,) = [member for member in owner.members() if member.name == role]
    assert (carol_info.rated, carol_info.may_use) == (1, False)


def test_only_the_owner_lets_members_in(
    server_sample_library: str, role: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from members import member_role

    with Library.open(server_sample_library), member_role(server_sample_library) as bob:
        code, _, err = cli(capsys, "--library", bob, "members", "--add", role)
    assert code == 1
    assert err.strip() == "readinglist: error: only the library's owner (readinglist) can let members in"


def test_an_unknown_role_and_a_library_file_are_refused_in_one_line(
    server_sample_library: str, library_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = cli(capsys, "--library", server_sample_library, "members", "--add", "nobody_x")
    assert code == 1 and "the server has no role 'nobody_x'" in err and err.count("\n") == 1
    code, out, _ = cli(capsys, "--library", str(library_path), "members")
    assert code == 0 and out.startswith("me  joined")
    code, _, err = cli(capsys, "--library", str(library_path), "members", "--add", "bob")
    assert code == 1 and "a library file has one member" in err
