"""Hostile text: a query string never reaches SQL unbound and cannot change the library."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from hostilequeries import HOSTILE, MARKER, QUERY_PIECES, search
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from libfiles import dump
from sqlalchemy import event

from readinglist.core.library import Library

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

HOSTILE_TITLE = 'Robert\'); DROP TABLE papers;-- "Bobby" Tables <b>bold</b> %_ *'


@pytest.fixture(scope="module")
def hostile_library(
    tmp_path_factory: pytest.TempPathFactory, small_template: Path
) -> Iterator[Library]:
    path = tmp_path_factory.mktemp("hostile") / "library.sqlite"
    path.write_bytes(small_template.read_bytes())
    source = path.with_name("hostile.txt")
    source.write_text(f"{HOSTILE_TITLE}\nAn abstract about injection.\n", encoding="utf-8")
    with Library.open(path) as library:
        assert library.import_files([source])[0].added == 1
        yield library


@pytest.fixture(scope="module")
def statements(hostile_library: Library) -> list[str]:
    """Every SQL statement text the library sends (parameters excluded)."""
    sent: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        sent.append(statement)

    event.listen(hostile_library.engine, "before_cursor_execute", record)
    return sent


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_query_changes_nothing_and_finds_nothing_unexpected(
    hostile_library: Library, statements: list[str], query: str
) -> None:
    before = (dump(hostile_library), hostile_library.stats(), hostile_library.tags())
    statements.clear()
    found = search(hostile_library, f"{query} {MARKER}")
    assert found in (None, [])  # nothing holds the marker
    found = search(hostile_library, query)
    assert found is None or len(found) <= 21
    assert "1=1" not in query or found != sorted(found or [-1])  # not every paper
    assert not any(MARKER in statement for statement in statements)
    assert (dump(hostile_library), hostile_library.stats(), hostile_library.tags()) == before
    with hostile_library.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA quick_check").scalar() == "ok"


def test_a_title_full_of_sql_is_found_by_its_words(hostile_library: Library) -> None:
    hits = search(hostile_library, '"DROP TABLE papers"')
    assert hits is not None and len(hits) == 1
    assert hostile_library.detail(hits[0]).title == HOSTILE_TITLE


@settings(
    max_examples=150,
    deadline=2000,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(query=st.lists(st.sampled_from(QUERY_PIECES), max_size=12).map("".join))
def test_random_query_text_is_bound_never_spliced_into_sql(
    hostile_library: Library, statements: list[str], query: str
) -> None:
    statements.clear()
    search(hostile_library, f"{MARKER}{query}{MARKER}")
    search(hostile_library, f"{query} {MARKER}")
    assert not any(MARKER in statement for statement in statements)
    assert hostile_library.count() == 21
