"""Hostile text on a shared library: query text reaches PostgreSQL only as bound values,
tsquery syntax included, and never changes the library."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING, Any

import psycopg
import pytest
from hostilequeries import HOSTILE, MARKER, QUERY_PIECES, search
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readinglist.core.library import Library

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

pytestmark = pytest.mark.tools

# What to_tsquery and phraseto_tsquery would read as operators if a word reached them raw.
TSQUERY = [
    "robust:*", "a & b", "a | b", "!robust", "a <-> b", "a <2> b", "'quoted'", "a:AB",
    "x') OR true --", "\\'", "robust:* & !storage | 'x'", "('", "<->", ":*", "&|!",
]


@pytest.fixture(scope="module")
def server_library(server_templates: dict[str, str]) -> Iterator[Library]:
    import serverdb

    url = serverdb.create_database(template=server_templates["samples"])
    try:
        with Library.open(url.render_as_string(hide_password=False)) as library:
            yield library
    finally:
        serverdb.drop_database(url)


@pytest.fixture(scope="module")
def file_library(
    tmp_path_factory: pytest.TempPathFactory, sample_template: Path
) -> Iterator[Library]:
    """The same papers in a library file, for comparing answers."""
    path = tmp_path_factory.mktemp("hostile") / "library.sqlite"
    shutil.copyfile(sample_template, path)
    with Library.open(path) as library:
        yield library


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every statement text psycopg sends to the server (parameters excluded)."""
    texts: list[str] = []
    execute = psycopg.Cursor.execute

    def recording(cursor: Any, query: Any, *args: Any, **kwargs: Any) -> Any:
        texts.append(str(query))
        return execute(cursor, query, *args, **kwargs)

    monkeypatch.setattr(psycopg.Cursor, "execute", recording)
    return texts


def snapshot(library: Library) -> tuple[Any, ...]:
    return (library.count(), library.stats(), library.tags(), library.collections())


@pytest.mark.parametrize("query", [*HOSTILE, *TSQUERY])
def test_hostile_query_is_bound_changes_nothing_and_finds_what_a_file_would(
    server_library: Library, file_library: Library, sent: list[str], query: str
) -> None:
    before = snapshot(server_library)
    for typed in (query, f"{query} {MARKER}"):
        assert search(server_library, typed) == search(file_library, typed)
    assert sent and not any(MARKER in text for text in sent)
    assert snapshot(server_library) == before


@settings(
    max_examples=80,
    deadline=5000,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(query=st.lists(st.sampled_from([*QUERY_PIECES, "&", "|", "<->", ":*"]), max_size=12).map("".join))
def test_random_query_text_is_bound_and_finds_what_a_file_would(
    server_library: Library, file_library: Library, sent: list[str], query: str
) -> None:
    sent.clear()
    search(server_library, f"{MARKER}{query}{MARKER}")
    assert search(server_library, f"{query} {MARKER}") == search(file_library, f"{query} {MARKER}")
    assert search(server_library, query) == search(file_library, query)
    assert not any(MARKER in text for text in sent)
    assert server_library.count() == 457


# Ordinary queries whose words a tokenizer could split differently: hyphens, versions,
# numbers with units, accents, typos, phrases, prefixes.
EVERYDAY = [
    "transformer", "transfromer", "langauge modles", "Llama-3", "GPT-4", "in-context",
    "1B", "3.2", "\"language model\"", "\"in-context learning\"", "émergent", "EMERGENT",
    "reason", "rea", "l", "self-attention", "chain-of-thought", "o1", "-llm", "llm -agent",
    "llm OR acquisition", "(child OR infant) language", "has:abstract", "year:>=2020",
]


@pytest.mark.parametrize("query", EVERYDAY)
def test_everyday_query_finds_what_a_file_would(
    server_library: Library, file_library: Library, query: str
) -> None:
    assert search(server_library, query) == search(file_library, query)
