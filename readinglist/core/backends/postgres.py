"""A shared library in a PostgreSQL database: tsvector search, trigram title words, COPY.

The search structures come from revision 0006: ``papers.title_tsv`` and ``text_tsv``
(generated, GIN-indexed) and ``title_words`` (every distinct title word, trigram-indexed).
Raw SQL is written with ``?`` placeholders for both back ends; this one rewrites them
for psycopg once per statement text.
"""

from __future__ import annotations

import copy
import functools
import re
import threading
from contextlib import contextmanager, nullcontext
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import func, literal_column, or_, select
from sqlalchemy.dialects import postgresql
from sqlalchemy.exc import DBAPIError, OperationalError

from readinglist.core.errors import LibraryDamaged, LibraryUnavailable, SearchCancelled
from readinglist.core.models import Paper
from readinglist.core.search.vocabulary import Vocabulary

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence
    from contextlib import AbstractContextManager
    from datetime import datetime

    import psycopg
    from sqlalchemy import URL, Insert, Table
    from sqlalchemy.engine import Connection, Dialect, Engine
    from sqlalchemy.orm import Session
    from sqlalchemy.sql.elements import ColumnElement

    from readinglist.core.backends.listening import ServerChangeFeed
    from readinglist.core.bulk import AnySelect

CONFIG: ColumnElement[Any] = literal_column("'readinglist'::regconfig")
"""The text-search configuration revision 0006 made (simple words, no accents)."""
REVISION_SEQUENCE = "readinglist_revision"
NOTIFY_CHANNEL = "readinglist"
# PostgreSQL 13 has every feature used (generated columns, trusted extensions).
MIN_SERVER_VERSION = 130000
# A search's cancelled() is asked this often (seconds) while a statement runs.
CANCEL_POLL_SECONDS = 0.05
# Title words sharing this share of trigrams with a misspelt word are its candidates;
# low, so a four-letter word with a swap is still found, then edit distance decides.
TRIGRAM_THRESHOLD = 0.1
NOT_A_LIBRARY = "this database is not a readinglist library (it holds other tables)"

_TITLE_TSV: ColumnElement[Any] = literal_column("papers.title_tsv")
_TEXT_TSV: ColumnElement[Any] = literal_column("papers.text_tsv")
# LIKE refuses the case-insensitive "NOCASE" collation of titles: compare them plainly.
_TEXT: ColumnElement[str] = literal_column(
    "(papers.title COLLATE \"default\" || ' ' || papers.abstract || ' ' || papers.note)"
)
_PLACEHOLDER = re.compile(r"\?")


@functools.lru_cache(maxsize=512)
def psycopg_sql(sql: str) -> str:
    """Rewrite ``?`` placeholders as psycopg's ``%s`` (and a literal % as %%)."""
    return _PLACEHOLDER.sub("%s", sql.replace("%", "%%"))


def _lexeme(token: str) -> str:
    """Quote a token as a tsquery lexeme (tokens are letters and digits only, but still)."""
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def _title_query(groups: list[list[str]]) -> str:
    parts = []
    for token, *near in groups:
        alternatives = " | ".join([f"{_lexeme(token)}:*", *(_lexeme(word) for word in near)])
        parts.append(f"({alternatives})" if near else alternatives)
    return " & ".join(parts)


def _matches(column: ColumnElement[Any], query: ColumnElement[Any]) -> ColumnElement[bool]:
    return cast("ColumnElement[bool]", column.op("@@")(query))


ROW_SECURED = frozenset({"users", "paper_states", "history"})
"""Tables whose rows each member may write only some of (row-level security, 0007)."""


class RawPostgres:
    """psycopg's connection, taking SQL written with ``?`` placeholders."""

    def __init__(self, connection: psycopg.Connection[Any]) -> None:
        self.connection = connection

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.connection.execute(psycopg_sql(sql), params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Any:
        with self.connection.cursor() as cursor:
            cursor.executemany(psycopg_sql(sql), rows)


class PostgresBackend:
    name = "postgresql"
    ids_sql = "SELECT unnest(CAST(? AS bigint[]))"

    def __init__(self) -> None:
        try:
            import psycopg
        except ImportError:  # without the driver no server library opens; nothing to catch
            self.errors: tuple[type[Exception], ...] = ()
        else:
            self.errors = (psycopg.Error,)

    # -- raw SQL ------------------------------------------------------------------------------

    def raw(self, session: Session) -> RawPostgres:
        driver = session.connection().connection.driver_connection
        return RawPostgres(cast("psycopg.Connection[Any]", driver))

    def run(self, connection: Connection, sql: str, params: Any) -> Any:
        return connection.exec_driver_sql(psycopg_sql(sql), params)

    def ids_param(self, ids: Sequence[int]) -> list[int]:
        return list(ids)

    def stamp(self, moment: datetime) -> datetime:
        return moment

    def timestamp(self, value: Any) -> datetime | None:
        return cast("datetime | None", value)

    def insert_ignore(self, target: Table) -> Insert:
        return postgresql.insert(target).on_conflict_do_nothing()

    def fetch_rows(self, session: Session, statement: AnySelect) -> list[tuple[Any, ...]]:
        compiled = statement.compile(
            dialect=session.get_bind().dialect, compile_kwargs={"render_postcompile": True}
        )
        driver = cast("psycopg.Connection[Any]", session.connection().connection.driver_connection)
        with driver.cursor() as cursor:
            cursor.execute(str(compiled), compiled.params)
            return cursor.fetchall()

    # -- full-text search -----------------------------------------------------------------------

    def word_match(self, groups: list[list[str]]) -> ColumnElement[bool]:
        words = " & ".join(_lexeme(token) for token, *_near in groups)
        return or_(
            _matches(_TITLE_TSV, func.to_tsquery(CONFIG, _title_query(groups))),
            _matches(_TEXT_TSV, func.to_tsquery(CONFIG, words)),
        )

    def phrase_match(self, words: list[str]) -> ColumnElement[bool]:
        return _matches(_TEXT_TSV, func.phraseto_tsquery(CONFIG, " ".join(words)))

    def text_contains(self, phrase: str) -> ColumnElement[bool]:
        # Not ILIKE: the planner takes a LIKE for very selective, and then sorts every
        # phrase match instead of walking the id index (0.7 s, not 5 ms, at 100,000).
        return func.strpos(func.lower(_TEXT), func.lower(phrase)) > 0

    def title_candidates(
        self, session: Session, groups: list[list[str]], others: ColumnElement[bool], limit: int
    ) -> dict[int, str]:
        statement = (
            select(Paper.id, Paper.title)
            .where(_matches(_TITLE_TSV, func.to_tsquery(CONFIG, _title_query(groups))), others)
            .order_by(Paper.id)  # the same candidates, in the same order, as a library file
            .limit(limit)
        )
        return dict(self.fetch_rows(session, statement))

    def title_words(self) -> TrigramWords:
        return TrigramWords()

    # -- writing many rows ----------------------------------------------------------------------

    def new_paper_ids(self, session: Session, count: int) -> list[int]:
        # Other members may take ids at the same moment: the ids need not be consecutive.
        rows = self.raw(session).execute(
            "SELECT nextval(pg_get_serial_sequence('papers', 'id')) FROM generate_series(1, ?)",
            (count,),
        )
        return [row[0] for row in rows]

    def insert_rows(
        self, session: Session, table_name: str, columns: Sequence[str], rows: Sequence[Any]
    ) -> None:
        if not rows:
            return
        driver = cast("psycopg.Connection[Any]", session.connection().connection.driver_connection)
        if table_name in ROW_SECURED:  # COPY refuses tables under row-level security
            # One statement whatever the number of rows: each column travels as an array.
            kinds = _column_types(table_name, columns, session.get_bind().dialect)
            arrays = ", ".join(f"%s::{kind}[]" for kind in kinds)
            driver.execute(
                f"INSERT INTO {table_name} ({', '.join(columns)}) SELECT * FROM unnest({arrays})",
                [list(values) for values in zip(*rows, strict=True)],
            )
            return
        with driver.cursor() as cursor, cursor.copy(
            f"COPY {table_name} ({', '.join(columns)}) FROM STDIN"
        ) as copy:
            for row in rows:
                copy.write_row(row)

    def papers_indexed_afterwards(
        self, session: Session, ids: Sequence[int]
    ) -> AbstractContextManager[None]:
        return nullcontext()  # the tsvector columns are generated as rows arrive

    def roomy_cache(self, session: Session) -> AbstractContextManager[None]:
        return nullcontext()  # the server manages its own memory

    def keys_starting(self, session: Session, base: str) -> set[str]:
        rows = self.raw(session).execute(
            "SELECT citation_key FROM papers WHERE starts_with(citation_key, ?)", (base,)
        )
        return {row[0] for row in rows}

    # -- lifecycle --------------------------------------------------------------------------------

    @contextmanager
    def cancellable(self, session: Session, cancelled: Callable[[], bool]) -> Iterator[None]:
        """Ask cancelled() every 50 ms from a timer thread; cancel the running statement."""
        driver = cast("psycopg.Connection[Any]", session.connection().connection.driver_connection)
        done = threading.Event()

        def watch() -> None:
            while not done.wait(CANCEL_POLL_SECONDS):
                if cancelled():
                    driver.cancel_safe()
                    return

        watcher = threading.Thread(target=watch, name="search-cancel", daemon=True)
        watcher.start()
        failures: tuple[type[Exception], ...] = (OperationalError, *self.errors)
        try:
            yield
        except failures:
            if cancelled():
                raise SearchCancelled("search cancelled") from None
            raise
        finally:
            done.set()
            watcher.join()
        if cancelled():  # a quick search is over before the timer asks: its answer is unwanted
            raise SearchCancelled("search cancelled")

    def describe_error(self, error: BaseException) -> LibraryUnavailable:
        return LibraryUnavailable(describe_server_error(error))

    def transaction_lost(self, session: Session) -> bool:
        from psycopg.pq import TransactionStatus

        driver = cast("psycopg.Connection[Any]", session.connection().connection.driver_connection)
        # In error, a savepoint can still be rolled back; idle means all was rolled back.
        return driver.info.transaction_status != TransactionStatus.INERROR

    def revisions(self, engine: Engine) -> SequenceRevision:
        return SequenceRevision(engine)

    def announce(self, session: Session, payload: str) -> None:
        """Move the revision and notify listeners; both take effect only if the change commits
        (the sequence moves at once, which costs a rolled-back change one extra refresh)."""
        self.raw(session).execute(
            f"SELECT nextval('{REVISION_SEQUENCE}'), pg_notify('{NOTIFY_CHANNEL}', ?)", (payload,)
        )

    def change_feed(self, engine: Engine, client: str) -> ServerChangeFeed:
        """Listen for the notices ``announce`` sends, on a connection of the feed's own."""
        from readinglist.core.backends.listening import ServerChangeFeed

        return ServerChangeFeed(engine, client)


def _column_types(table_name: str, columns: Sequence[str], dialect: Dialect) -> list[str]:
    """Return the SQL type of each column (without collation, for an array cast)."""
    from readinglist.core.models import Base

    table = Base.metadata.tables[table_name]
    kinds = []
    for name in columns:
        kind = table.c[name].type
        if getattr(kind, "collation", None):
            kind = copy.copy(kind)
            kind.collation = None  # type: ignore[attr-defined]
        kinds.append(kind.compile(dialect=dialect))
    return kinds


class TrigramWords:
    """Near spellings from ``title_words`` through its trigram index, then edit distance."""

    def expand(self, session: Session, token: str) -> list[str]:
        if not Vocabulary.may_expand(token):
            return []
        db = POSTGRES.raw(session)
        db.execute("SELECT set_config('pg_trgm.similarity_threshold', ?, true)",
                   (str(TRIGRAM_THRESHOLD),))
        candidates = [row[0] for row in db.execute(
            "SELECT word FROM title_words WHERE word % ?", (token,)
        )]
        return Vocabulary(candidates).expand(token)

    def forget(self) -> None:
        """Nothing cached: each lookup asks the server."""


class SequenceRevision:
    """Reads the revision sequence every change moves (``announce``)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def read(self) -> int:
        with self.engine.connect() as connection:
            # Until its first nextval a sequence shows its start value, not yet given out.
            value = connection.exec_driver_sql(
                f"SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM {REVISION_SEQUENCE}"
            )
            return int(value.scalar_one())

    def close(self) -> None:
        """Nothing kept: each read borrows a pooled connection."""


def open_server_engine(url: URL) -> Engine:
    """Return an engine on the database at url, checked and migrated to the newest revision.

    Raises LibraryUnavailable (the server cannot be reached, refuses us, is too old) or
    LibraryDamaged (the database holds tables of something else), writing nothing then.
    """
    from sqlalchemy import create_engine

    from readinglist.core.storage import migrate

    engine = create_engine(
        url,
        pool_pre_ping=True,
        connect_args={
            "application_name": "readinglist",
            # A lock held by a stuck client fails a change after 10 s rather than hanging.
            "options": "-c lock_timeout=10s -c idle_in_transaction_session_timeout=10min",
        },
    )
    try:
        with engine.connect() as connection:
            version = connection.exec_driver_sql("SHOW server_version_num").scalar_one()
        if int(version) < MIN_SERVER_VERSION:
            raise LibraryUnavailable(
                f"the server runs PostgreSQL {int(version) // 10000}; readinglist needs 13 or newer"
            )
        _check_membership(engine)
        with _migration_lock(engine):
            migrate(engine, foreign_message=NOT_A_LIBRARY)
    except DBAPIError as error:
        engine.dispose()
        raise LibraryUnavailable(describe_server_error(error)) from error
    except (LibraryUnavailable, LibraryDamaged):
        engine.dispose()
        raise
    return engine


def _check_membership(engine: Engine) -> None:
    """Refuse, in words, a role the library's owner has not let in (``members --add``)."""
    with engine.connect() as connection:
        role, shut_out = connection.exec_driver_sql(
            "SELECT current_user, to_regclass('papers') IS NOT NULL"
            " AND NOT has_table_privilege('papers', 'SELECT')"
        ).one()
    if shut_out:
        raise LibraryUnavailable(
            f"{role} is not a member of this library: its owner lets you in with "
            f"'readinglist members --add {role}'"
        )


@contextmanager
def _migration_lock(engine: Engine) -> Iterator[None]:
    """Hold a lock so two members opening a new version at once do not both upgrade."""
    with engine.connect() as connection:
        connection.exec_driver_sql("SELECT pg_advisory_lock(hashtext('readinglist-migrate'))")
        connection.commit()
        try:
            yield
        finally:
            connection.exec_driver_sql("SELECT pg_advisory_unlock(hashtext('readinglist-migrate'))")
            connection.commit()


# SQLSTATE classes and codes, and what they mean to someone opening or changing a library.
_BY_STATE = {
    "28P01": "the server refused the password",
    "28000": "the server refused the connection for this user",
    "3D000": "there is no such database on the server",
    "42501": "the server does not allow this user to do that (ask the library's owner)",
    "53100": "the server's disk is full, so changes cannot be saved",
    "55P03": "another member is changing the same papers; try again in a moment",
    "57014": "the server cancelled the statement",
    "40001": "another member changed the same papers at the same moment; try again",
    "40P01": "another member changed the same papers at the same moment; try again",
    "25006": "the server only allows reading here, so changes cannot be saved",
}


def describe_server_error(error: BaseException) -> str:
    """Return what went wrong in words for people (no passwords: libpq never prints them)."""
    original = getattr(error, "orig", error)
    state = getattr(original, "sqlstate", None) or ""
    if state in _BY_STATE:
        return _BY_STATE[state]
    if state.startswith("08") or (not state and isinstance(error, OperationalError)):
        first = str(original).strip().splitlines()[0] if str(original).strip() else ""
        return f"cannot reach the server ({first})" if first else "cannot reach the server"
    lines = str(original).strip().splitlines()
    return lines[0] if lines else type(original).__name__


POSTGRES = PostgresBackend()
