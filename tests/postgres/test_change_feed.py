"""A shared library's change feed: members hear each other's changes as they commit.

Each test gets a database of its own on the server READINGLIST_TEST_POSTGRES names
(.ci/run starts one); without the variable these tests fail, never skip.
"""

from __future__ import annotations

import contextlib
import os
import select
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from members import member_role
from sqlalchemy import create_engine, make_url

from readinglist.core.changes import Changes, encode_changes
from readinglist.core.commands import AddTags, SetRating
from readinglist.core.errors import LibraryUnavailable
from readinglist.core.library import Library

if TYPE_CHECKING:
    from collections.abc import Iterator

    from readinglist.core.backends import ChangeFeed

ROOT = Path(__file__).resolve().parents[2]
# Run by another process: print when the change starts, then rate the paper.
RATE_ELSEWHERE = """
import sys, time
from readinglist.core.commands import SetRating
from readinglist.core.library import Library
with Library.open(sys.argv[1]) as library:
    print("open", flush=True)
    sys.stdin.readline()
    print(time.time(), flush=True)
    library.execute(SetRating([int(sys.argv[2])], 4))
"""


@pytest.fixture
def member(server_sample_library: str) -> Iterator[Library]:
    with Library.open(server_sample_library) as opened:
        yield opened


@pytest.fixture
def other_member(server_sample_library: str) -> Iterator[Library]:
    with Library.open(server_sample_library) as opened:
        yield opened


@pytest.fixture
def feed(member: Library) -> Iterator[ChangeFeed]:
    opened = member.changes()
    assert opened is not None
    with contextlib.closing(opened):
        yield opened


def heard_within(feed: ChangeFeed, seconds: float) -> Changes:
    """Wait on the feed's socket up to seconds; return every change heard by then."""
    deadline = time.monotonic() + seconds
    heard = Changes()
    while True:
        for changes in feed.drain():
            heard |= changes
        left = deadline - time.monotonic()
        if heard or left <= 0:
            return heard
        select.select([feed.fileno()], [], [], left)


def drain_for(feed: ChangeFeed, seconds: float) -> None:
    """Read the feed whenever its socket is readable, for seconds."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        select.select([feed.fileno()], [], [], 0.1)
        feed.drain()


def announce_then_fail(library: Library, notice: str) -> None:
    with library.writing() as session:
        library.backend.announce(session, notice)
        raise RuntimeError("the change fails after announcing it")


def test_a_change_by_another_member_is_heard_within_a_second(
        feed: ChangeFeed, other_member: Library) -> None:
    paper_id = other_member.search("").ids[0]
    other_member.execute(SetRating([paper_id], 5))
    assert heard_within(feed, 1.0).papers == {paper_id}


def test_a_member_with_a_role_of_their_own_is_heard(
        feed: ChangeFeed, server_sample_library: str) -> None:
    with member_role(server_sample_library, "ana") as url, Library.open(url) as ana:
        paper_id = ana.search("").ids[0]
        ana.execute(AddTags([paper_id], ["from-ana"]))
        ana.execute(SetRating([paper_id], 4))  # her own rating: still news of the paper
        assert heard_within(feed, 1.0).papers == {paper_id}


def test_the_members_own_changes_are_not_heard(
        member: Library, feed: ChangeFeed, other_member: Library) -> None:
    first, second = member.search("").ids[:2]
    member.execute(SetRating([first], 3))
    member.execute(AddTags([first], ["mine"]))
    member.undo()
    other_member.execute(SetRating([second], 1))
    assert heard_within(feed, 1.0).papers == {second}
    assert heard_within(feed, 0.2) == Changes()


def test_several_changes_arrive_together_when_read_late(
        feed: ChangeFeed, other_member: Library) -> None:
    ids = other_member.search("").ids[:3]
    for paper_id in ids:
        other_member.execute(SetRating([paper_id], 2))
    time.sleep(0.2)
    heard = Changes()
    for changes in feed.drain():
        heard |= changes
    assert heard.papers == set(ids)


def test_a_change_that_is_rolled_back_sends_nothing(
        feed: ChangeFeed, other_member: Library) -> None:
    notice = encode_changes(Changes(paper_set=True), other_member.client)
    with pytest.raises(RuntimeError):
        announce_then_fail(other_member, notice)
    assert heard_within(feed, 0.5) == Changes()


def test_reading_an_empty_feed_returns_at_once(feed: ChangeFeed) -> None:
    started = time.perf_counter()
    for _ in range(100):
        assert feed.drain() == []
    assert time.perf_counter() - started < 0.1


def test_a_notice_not_understood_reads_as_every_kind_of_change(
        feed: ChangeFeed, server_sample_library: str) -> None:
    engine = create_engine(server_sample_library, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT pg_notify('readinglist', 'not json')")
    finally:
        engine.dispose()
    heard = heard_within(feed, 1.0)
    assert heard.paper_set and heard.tags and heard.collections and heard.queue


def test_a_lost_connection_is_said_once_and_a_new_feed_hears_again(
        member: Library, feed: ChangeFeed, other_member: Library,
        server_sample_library: str) -> None:
    pid = getattr(feed, "server_pid", None)
    assert isinstance(pid, int)
    engine = create_engine(server_sample_library, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT pg_terminate_backend(%s)", (pid,))
    finally:
        engine.dispose()
    with pytest.raises(LibraryUnavailable, match="lost"):
        drain_for(feed, 2.0)
    paper_id = other_member.search("").ids[0]
    again = member.changes()
    assert again is not None
    with contextlib.closing(again):
        other_member.execute(SetRating([paper_id], 1))
        assert heard_within(again, 1.0).papers == {paper_id}
    member.execute(SetRating([paper_id], 2))  # the library itself still works
    assert member.rows([paper_id])[0].rating == 2


@pytest.mark.skipif(not hasattr(socket, "TCP_KEEPIDLE"), reason="Linux's TCP options")
def test_a_feed_over_tcp_is_probed_when_idle(server_sample_library: str) -> None:
    over_tcp = make_url(server_sample_library).update_query_dict({"host": "127.0.0.1"})
    with Library.open(over_tcp.render_as_string(hide_password=False)) as library:
        opened = library.changes()
        assert opened is not None
        with contextlib.closing(opened), socket.socket(fileno=socket.dup(opened.fileno())) as s:
            assert s.family == socket.AF_INET
            assert s.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE) == 1
            assert s.getsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE) == 30
            assert s.getsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPCNT) == 3


def test_a_server_ending_idle_sessions_spares_the_feed(
        server_sample_library: str, other_member: Library) -> None:
    database = make_url(server_sample_library).database
    engine = create_engine(server_sample_library, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql(
                f"ALTER DATABASE {database} SET idle_session_timeout = '300ms'")
        with Library.open(server_sample_library) as member:
            opened = member.changes()
            assert opened is not None
            with contextlib.closing(opened):
                time.sleep(0.6)
                paper_id = other_member.search("").ids[0]
                other_member.execute(SetRating([paper_id], 3))
                assert heard_within(opened, 1.0).papers == {paper_id}
    finally:
        with engine.connect() as connection:
            connection.exec_driver_sql(f"ALTER DATABASE {database} RESET idle_session_timeout")
        engine.dispose()


def test_closing_the_library_closes_its_feeds(server_sample_library: str) -> None:
    library = Library.open(server_sample_library)
    forgotten = library.changes()
    library.close()
    assert forgotten is not None
    with pytest.raises(LibraryUnavailable):
        forgotten.drain()
    deadline = time.monotonic() + 2  # the server process ends a moment after
    while listeners(server_sample_library) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert listeners(server_sample_library) == 0


def listeners(url: str) -> int:
    """Count the server's connections to url's database that listen for changes."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return int(connection.exec_driver_sql(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = current_database() AND starts_with(query, 'LISTEN')"
            ).scalar_one())
    finally:
        engine.dispose()


def test_a_library_file_has_no_feed(library_path: Path) -> None:
    with Library.open(library_path) as library:
        assert library.changes() is None


def test_a_change_made_by_another_process_is_heard_within_a_second(
        feed: ChangeFeed, member: Library, server_sample_library: str) -> None:
    paper_id = member.search("").ids[0]
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-c", RATE_ELSEWHERE, server_sample_library, str(paper_id)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=environment)
    try:
        assert process.stdin is not None and process.stdout is not None
        assert process.stdout.readline() == "open\n"
        process.stdin.write("go\n")
        process.stdin.flush()
        started = float(process.stdout.readline())
        heard = heard_within(feed, 1.0)
        arrived = time.time()
        assert heard.papers == {paper_id}
        assert arrived - started < 1.0
    finally:
        process.communicate(timeout=30)
    assert process.returncode == 0
    assert member.rows([paper_id])[0].rating == 4
