"""What differs between the database servers a library can live on, behind one interface.

A library is an SQLite file (``sqlite.py``) or a database on a PostgreSQL server
(``postgres.py``). The models, migrations, commands and queries are the same for both;
a backend answers for full-text search, typo-tolerant title words, bulk writes, raw SQL
on the driver's connection, cancelling a search, and telling other clients about changes.
Code that holds a session asks ``backend_of(session)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence
    from contextlib import AbstractContextManager
    from datetime import datetime

    from sqlalchemy import Insert, Table
    from sqlalchemy.engine import Connection, Engine
    from sqlalchemy.orm import Session
    from sqlalchemy.sql.elements import ColumnElement

    from readinglist.core.bulk import AnySelect
    from readinglist.core.changes import Changes
    from readinglist.core.errors import LibraryUnavailable


class Cursor(Protocol):
    """The part of a DB-API cursor raw SQL uses."""

    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...
    def __iter__(self) -> Iterator[Any]: ...


class RawConnection(Protocol):
    """The driver's own connection, taking SQL written with ``?`` placeholders."""

    def execute(self, sql: str, params: Sequence[Any] = ..., /) -> Cursor: ...
    def executemany(self, sql: str, rows: Iterable[Sequence[Any]], /) -> Any: ...


class TitleWords(Protocol):
    """Finds the title words a misspelt query word may have meant."""

    def expand(self, session: Session, token: str) -> list[str]: ...
    def forget(self) -> None:
        """Papers were added or removed: drop what is cached."""


class Revisions(Protocol):
    """Reads a number that moves whenever anyone (another process too) commits a change."""

    def read(self) -> int: ...
    def close(self) -> None: ...


class ChangeFeed(Protocol):
    """The changes other clients commit to a library, heard as they commit."""

    def fileno(self) -> int:
        """Return a socket that turns readable when changes may have been heard."""

    def drain(self) -> list[Changes]:
        """Return the changes heard since the last call, without waiting; raises
        LibraryUnavailable (and closes) when the connection is lost."""

    def close(self) -> None: ...


class Backend(Protocol):
    """One kind of database server."""

    name: str
    """"sqlite" or "postgresql" (SQLAlchemy's dialect name)."""

    ids_sql: str
    """A subquery listing the ids bound to its one ``?`` (see ``ids_param``)."""

    errors: tuple[type[Exception], ...]
    """The driver's own errors, raised by raw SQL."""

    # -- raw SQL ------------------------------------------------------------------------------

    def raw(self, session: Session) -> RawConnection:
        """Return the driver connection under session's transaction."""

    def run(self, connection: Connection, sql: str, params: Any) -> Any:
        """Run ``?`` SQL through SQLAlchemy (its errors, its transaction); params may be rows."""

    def ids_param(self, ids: Sequence[int]) -> Any:
        """Return the value ``ids_sql`` binds for ids."""

    def stamp(self, moment: datetime) -> Any:
        """Return what raw SQL writes for a time."""

    def timestamp(self, value: Any) -> datetime | None:
        """Return the time raw SQL read (None stays None)."""

    def insert_ignore(self, table: Table) -> Insert:
        """Return an INSERT into table that skips rows whose key is already there."""

    def fetch_rows(self, session: Session, statement: AnySelect) -> list[tuple[Any, ...]]:
        """Run a select on the driver connection; rows as plain tuples (fast for 10^5 rows)."""

    # -- full-text search -----------------------------------------------------------------------

    def word_match(self, groups: list[list[str]]) -> ColumnElement[bool]:
        """Papers holding, for each group, its first token as a title prefix or one of the
        others (near spellings) as a title word; or every first token as a whole word in
        title, abstract or note."""

    def title_candidates(
        self, session: Session, groups: list[list[str]], others: ColumnElement[bool], limit: int
    ) -> dict[int, str]:
        """Return up to limit papers (id -> title) whose title holds every group (as in
        word_match) and that meet others; the title index drives the lookup."""

    def phrase_match(self, words: list[str]) -> ColumnElement[bool]:
        """Papers holding the words one after another in title, abstract or note."""

    def text_contains(self, phrase: str) -> ColumnElement[bool]:
        """Papers whose title, abstract and note, joined by spaces, hold phrase as typed
        (ignoring case)."""

    def title_words(self) -> TitleWords:
        """Return a library's own source of near spellings (it may cache)."""

    # -- writing many rows ----------------------------------------------------------------------

    def new_paper_ids(self, session: Session, count: int) -> list[int]:
        """Reserve count ids for papers about to be inserted (never an id used before)."""

    def insert_rows(
        self, session: Session, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]
    ) -> None:
        """Insert rows (tuples in the order of columns) as fast as the server allows."""

    def papers_indexed_afterwards(
        self, session: Session, ids: Sequence[int]
    ) -> AbstractContextManager[None]:
        """Index the papers inserted in the block in one pass at its end, if that is faster."""

    def roomy_cache(self, session: Session) -> AbstractContextManager[None]:
        """Keep more of the library in memory while the block writes many rows."""

    def keys_starting(self, session: Session, base: str) -> set[str]:
        """Return the stored citation keys that start with base."""

    # -- lifecycle --------------------------------------------------------------------------------

    def cancellable(
        self, session: Session, cancelled: Callable[[], bool]
    ) -> AbstractContextManager[None]:
        """Stop the block's statements soon after cancelled() turns True (SearchCancelled)."""

    def describe_error(self, error: BaseException) -> LibraryUnavailable:
        """Return the error to raise for a failed database call, in words for people."""

    def transaction_lost(self, session: Session) -> bool:
        """Whether a failed statement ended session's whole transaction (not just itself)."""

    def revisions(self, engine: Engine) -> Revisions:
        """Return a library's own reader of its revision."""

    def announce(self, session: Session, payload: str) -> None:
        """Tell other clients, when session's transaction commits, what it changed."""

    def change_feed(self, engine: Engine, client: str) -> ChangeFeed | None:
        """Return a new feed of the changes clients other than client commit (None when
        the server cannot tell: other clients then poll ``revisions``)."""


def backend_of(session: Session | Connection | Engine) -> Backend:
    """Return the backend serving the library of session (or of a connection or engine)."""
    from sqlalchemy.orm import Session

    name = (session.get_bind() if isinstance(session, Session) else session).dialect.name
    if name == "sqlite":
        from readinglist.core.backends.sqlite import SQLITE

        return SQLITE
    from readinglist.core.backends.postgres import POSTGRES

    return POSTGRES
