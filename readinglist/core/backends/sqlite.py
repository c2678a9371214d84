"""A library in one SQLite file: FTS5 indexes, the raw sqlite3 connection, pragmas."""

from __future__ import annotations

import json
import sqlite3
import threading
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import DateTime, Integer, column, func, literal_column, select, table, text
from sqlalchemy.dialects import sqlite
from sqlalchemy.exc import OperationalError

from readinglist.core.errors import SearchCancelled
from readinglist.core.models import Paper
from readinglist.core.search.fts import quote
from readinglist.core.search.vocabulary import Vocabulary

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence
    from datetime import datetime
    from pathlib import Path

    from sqlalchemy import Insert, Table
    from sqlalchemy.engine import Connection, Engine
    from sqlalchemy.orm import Session
    from sqlalchemy.sql.elements import ColumnElement

    from readinglist.core.bulk import AnySelect
    from readinglist.core.errors import LibraryUnavailable

# Below this many new papers the per-row FTS trigger is cheaper than a refill.
FTS_REFILL_THRESHOLD = 500
# The full-text indexes over papers and the columns each indexes.
FTS_TABLES = {"papers_fts": "title, abstract, note", "titles_fts": "title"}
# Page cache for an import (in KiB): room for the index pages a batch of new papers
# touches; more did not import faster and raised peak memory by 120 MB.
IMPORT_CACHE_KIB = 64 * 1024
# SQLite virtual-machine steps between two checks of a search's cancelled().
CANCEL_CHECK_STEPS = 1000

_TITLES_FTS = table("titles_fts", column("rowid", Integer))
_PAPERS_FTS = table("papers_fts", column("rowid", Integer))
_DIALECT = sqlite.dialect()
_READ_TIME = cast(
    "Callable[[str | None], datetime | None]",
    DateTime().dialect_impl(_DIALECT).result_processor(_DIALECT, None),
)


def _match(index: str, query: str) -> ColumnElement[bool]:
    return literal_column(index).op("MATCH")(query)


def _title_query(groups: list[list[str]]) -> str:
    """FTS5 query: each group's first token as a prefix, or one of its others as a word."""
    parts = []
    for token, *near in groups:
        alternatives = " OR ".join([f"{quote(token)}*", *(quote(word) for word in near)])
        parts.append(f"({alternatives})" if near else alternatives)
    return " AND ".join(parts)


class SqliteBackend:
    name = "sqlite"
    ids_sql = "SELECT value FROM json_each(?)"
    errors: tuple[type[Exception], ...] = (sqlite3.Error,)

    # -- raw SQL ------------------------------------------------------------------------------

    def raw(self, session: Session) -> sqlite3.Connection:
        return cast("sqlite3.Connection", session.connection().connection.driver_connection)

    def run(self, connection: Connection, sql: str, params: Any) -> Any:
        return connection.exec_driver_sql(sql, params)

    def ids_param(self, ids: Sequence[int]) -> str:
        return json.dumps(list(ids))

    def stamp(self, moment: datetime) -> str:
        return moment.strftime("%Y-%m-%d %H:%M:%S.%f")

    def timestamp(self, value: Any) -> datetime | None:
        return _READ_TIME(value)

    def insert_ignore(self, target: Table) -> Insert:
        return sqlite.insert(target).on_conflict_do_nothing()

    def fetch_rows(self, session: Session, statement: AnySelect) -> list[tuple[Any, ...]]:
        compiled = statement.compile(
            dialect=session.get_bind().dialect, compile_kwargs={"render_postcompile": True}
        )
        params = compiled.construct_params()
        positional = [params[name] for name in compiled.positiontup or ()]
        return self.raw(session).execute(str(compiled), positional).fetchall()

    # -- full-text search -----------------------------------------------------------------------

    def word_match(self, groups: list[list[str]]) -> ColumnElement[bool]:
        words = " AND ".join(quote(token) for token, *_near in groups)
        in_titles = select(_TITLES_FTS.c.rowid).where(_match("titles_fts", _title_query(groups)))
        in_text = select(_PAPERS_FTS.c.rowid).where(_match("papers_fts", words))
        return Paper.id.in_(in_titles.union(in_text))

    def phrase_match(self, words: list[str]) -> ColumnElement[bool]:
        found = select(_PAPERS_FTS.c.rowid).where(_match("papers_fts", quote(" ".join(words))))
        return Paper.id.in_(found)

    def text_contains(self, phrase: str) -> ColumnElement[bool]:
        haystack = Paper.title + " " + Paper.abstract + " " + Paper.note
        escaped = phrase.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return haystack.like(f"%{escaped}%", escape="\\")

    def title_candidates(
        self, session: Session, groups: list[list[str]], others: ColumnElement[bool], limit: int
    ) -> dict[int, str]:
        # The title index drives the lookup and stops at limit hits.
        statement = (
            select(Paper.id, Paper.title)
            .select_from(_TITLES_FTS.join(Paper, Paper.id == _TITLES_FTS.c.rowid))
            .where(_match("titles_fts", _title_query(groups)), others)
            .limit(limit)
        )
        return dict(self.fetch_rows(session, statement))

    def title_words(self) -> CachedVocabulary:
        return CachedVocabulary()

    # -- writing many rows ----------------------------------------------------------------------

    def new_paper_ids(self, session: Session, count: int) -> list[int]:
        # AUTOINCREMENT never reuses an id: the next is past the highest ever given.
        highest = session.scalar(select(func.max(Paper.id))) or 0
        used = session.scalar(text("SELECT seq FROM sqlite_sequence WHERE name = 'papers'")) or 0
        first = max(highest, used) + 1
        return list(range(first, first + count))

    def insert_rows(
        self, session: Session, table_name: str, columns: Sequence[str], rows: Sequence[Any]
    ) -> None:
        if rows:
            marks = ", ".join("?" for _ in columns)
            self.raw(session).executemany(
                f"INSERT INTO {table_name} ({', '.join(columns)}) VALUES ({marks})", rows
            )

    @contextmanager
    def papers_indexed_afterwards(self, session: Session, ids: Sequence[int]) -> Iterator[None]:
        """Drop the per-row FTS insert triggers for the block and index its papers at the end.

        DDL is transactional in SQLite, so a crash or rollback brings the triggers back.
        """
        if len(ids) < FTS_REFILL_THRESHOLD:
            yield
            return
        db = self.raw(session)
        triggers = db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (?, ?)",
            tuple(f"{index}_insert" for index in FTS_TABLES),
        ).fetchall()
        for name, _sql in triggers:
            db.execute(f"DROP TRIGGER {name}")
        yield
        for index, columns in FTS_TABLES.items():
            db.execute(
                f"INSERT INTO {index}(rowid, {columns}) SELECT id, {columns} FROM papers "
                "WHERE id >= ?",
                (min(ids),),
            )
        for _name, sql in triggers:
            db.execute(sql)

    @contextmanager
    def roomy_cache(self, session: Session, kib: int = IMPORT_CACHE_KIB) -> Iterator[None]:
        """Let SQLite keep up to kib of the library's pages in memory until the block ends.

        Adding thousands of papers to a large library touches a page of each title and key
        index per paper, more than the default cache holds: without room each page would be
        read again and written to the WAL more than once. The cache fills only as needed.
        """
        db = self.raw(session)
        (previous,) = db.execute("PRAGMA cache_size").fetchone()
        (page_size,) = db.execute("PRAGMA page_size").fetchone()
        previous_kib = -previous if previous < 0 else previous * page_size // 1024
        if previous_kib >= kib:
            yield
            return
        db.execute(f"PRAGMA cache_size = {-kib}")
        try:
            yield
        finally:
            db.execute(f"PRAGMA cache_size = {previous}")

    def keys_starting(self, session: Session, base: str) -> set[str]:
        # A range, so the unique index finds them; U+10FFFF sorts after any other character.
        rows = self.raw(session).execute(
            "SELECT citation_key FROM papers WHERE citation_key >= ? AND citation_key < ?",
            (base, base + "\U0010ffff"),
        )
        return {row[0] for row in rows}

    # -- lifecycle --------------------------------------------------------------------------------

    @contextmanager
    def cancellable(self, session: Session, cancelled: Callable[[], bool]) -> Iterator[None]:
        db = self.raw(session)
        db.set_progress_handler(lambda: int(cancelled()), CANCEL_CHECK_STEPS)
        try:
            yield
        except (sqlite3.OperationalError, OperationalError):
            if cancelled():
                raise SearchCancelled("search cancelled") from None
            raise
        finally:
            db.set_progress_handler(None, 0)

    def describe_error(self, error: BaseException) -> LibraryUnavailable:
        from readinglist.core.storage import database_error

        return database_error(error)

    def transaction_lost(self, session: Session) -> bool:
        db = session.connection().connection.dbapi_connection
        return db is None or not cast("sqlite3.Connection", db).in_transaction

    def revisions(self, engine: Engine) -> DataVersion:
        database = engine.url.database
        assert database is not None
        return DataVersion(database)

    def announce(self, session: Session, payload: str) -> None:
        """Nothing to send: other clients poll ``revisions``."""

    def change_feed(self, engine: Engine, client: str) -> None:
        """SQLite tells no one: other clients poll ``revisions``."""


class CachedVocabulary:
    """The library's title words, loaded once and kept until papers come or go."""

    def __init__(self) -> None:
        self._vocabulary: Vocabulary | None = None
        self._stamp: object = None
        self._lock = threading.Lock()  # searches run in worker threads

    def expand(self, session: Session, token: str) -> list[str]:
        return self._current(session).expand(token)

    def forget(self) -> None:
        with self._lock:
            self._vocabulary = None

    def _current(self, session: Session) -> Vocabulary:
        # Titles only arrive with new papers, and ids only grow: the highest id says
        # whether the word list is current. A deleted paper's words may linger, which
        # only offers a spelling that then matches nothing.
        stamp = session.scalar(select(func.max(Paper.id)))
        with self._lock:
            vocabulary = self._vocabulary
            if vocabulary is None or stamp != self._stamp:
                terms = session.scalars(text("SELECT term FROM titles_fts_vocab"))
                vocabulary = Vocabulary(list(terms))
                self._vocabulary, self._stamp = vocabulary, stamp
            return vocabulary


class DataVersion:
    """Reads ``PRAGMA data_version`` on a connection of its own, which moves when any
    other connection commits."""

    def __init__(self, path: str | Path) -> None:
        self.path = path
        self._connection: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    def read(self) -> int:
        with self._lock:
            if self._connection is None:
                self._connection = sqlite3.connect(self.path, check_same_thread=False)
            return int(self._connection.execute("PRAGMA data_version").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None


SQLITE = SqliteBackend()
