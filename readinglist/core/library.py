"""The library facade: the one object the GUI and CLI use to read and change a library.

It owns the engine and session scope (one unit of work per call, nothing live handed
out), runs every change as a journaled command, and answers queries with frozen records.
"""

from __future__ import annotations

import uuid
import weakref
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import URL, func, select
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session

from readinglist.core import journal, queries, users
from readinglist.core import members as membership
from readinglist.core.backends import backend_of
from readinglist.core.backup import DailyBackup, make_daily_backup
from readinglist.core.changes import NO_CHANGES, Changes, encode_changes
from readinglist.core.commands import CompositeCommand, ImportPapers, ReorderQueue
from readinglist.core.commands.settings import read_setting
from readinglist.core.errors import (
    ImportFailed,
    LibraryDamaged,
    LibraryUnavailable,
    NothingToUndo,
    SearchCancelled,
)
from readinglist.core.importing import ImportSummary, read_file
from readinglist.core.locations import connect_url, describe, is_url, parse_location
from readinglist.core.models import Paper
from readinglist.core.search import SearchResult, SortKey, run_search
from readinglist.core.storage import (
    WRITE_OPTION,
    check_library_file,
    create_library_engine,
    default_library_path,
    migrate,
)
from readinglist.core.users import LOCAL_USER

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from sqlalchemy.engine import Engine

    from readinglist.core.backends import Backend, ChangeFeed
    from readinglist.core.commands import Command
    from readinglist.core.members import MemberInfo
    from readinglist.core.records import (
        CollectionInfo,
        PaperDetail,
        PaperRecord,
        PaperRow,
        SavedSearchInfo,
        TagInfo,
    )

IMPORTED = Changes(paper_set=True, tags=True, collections=True)
"""What an import may change."""


class Library:
    """A readinglist library: one SQLite file, or a database on a PostgreSQL server."""

    daily_backup: DailyBackup = DailyBackup()
    """What the backup made on open did (see ``core.backup``), for the edge to report."""

    def __init__(self, engine: Engine, location: Path | str) -> None:
        self.engine = engine
        self.backend: Backend = backend_of(engine)
        self.path: Path | None = location if isinstance(location, Path) else None
        """The library file; None for a library on a server."""
        self.location = str(location)
        """Where the library is, for people: its path, or its URL without a password."""
        self.client = uuid.uuid4().hex
        """Names this Library in the notices of its changes (see ``changes.encode_changes``)."""
        self._database_errors: tuple[type[Exception], ...] = (
            OperationalError, DatabaseError, *self.backend.errors
        )
        """SQLAlchemy's and the driver's own (raw SQL raises those) database errors."""
        self._title_words = self.backend.title_words()
        self._revisions = self.backend.revisions(engine)
        self._feeds: weakref.WeakSet[ChangeFeed] = weakref.WeakSet()
        self.user_id = LOCAL_USER
        """The member this library acts for: their ratings, queue and undo history."""
        self.user_name = "me"

    @classmethod
    def open(cls, location: Path | URL | str | None = None, *, back_up: bool = True) -> Library:
        """Open (creating or upgrading as needed) the library at location or the default place.

        location is a file path or, for a shared library, a PostgreSQL URL
        (``postgresql+psycopg://user@host/db``). With back_up, the day's first open of a
        file copies it into its backups folder first (see ``core.backup``); the window
        passes False and calls ``back_up_if_due`` in the background instead, as a large
        copy takes seconds.
        """
        if isinstance(location, URL) or (isinstance(location, str) and is_url(location)):
            return cls._open_server(location)
        library_path = (
            Path(location).expanduser() if location is not None else default_library_path()
        )
        try:
            library_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise LibraryUnavailable(
                f"{library_path.parent}: cannot create folder ({error.strerror})"
            ) from error
        if library_path.is_dir():
            raise LibraryUnavailable(f"{library_path}: is a folder, not a library file")
        try:
            check_library_file(library_path)
            engine = create_library_engine(library_path)
            try:
                migrate(engine)
            except LibraryUnavailable:
                engine.dispose()
                raise
        except LibraryDamaged as error:
            raise LibraryDamaged(f"{library_path}: {error}", library_path) from None
        except LibraryUnavailable as error:
            raise LibraryUnavailable(f"{library_path}: {error}") from None
        library = cls(engine, library_path)
        library._join()
        if back_up:
            library.back_up_if_due()
        return library

    @classmethod
    def _open_server(cls, location: URL | str) -> Library:
        from readinglist.core.backends.postgres import open_server_engine

        url = parse_location(location) if isinstance(location, str) else location
        assert isinstance(url, URL)
        shown = describe(url)
        ready = connect_url(url)  # its errors name the library already
        try:
            engine = open_server_engine(ready)
        except LibraryDamaged as error:
            raise LibraryDamaged(f"{shown}: {error}") from None
        except LibraryUnavailable as error:
            raise LibraryUnavailable(f"{shown}: {error}") from None
        library = cls(engine, shown)
        library._join()
        return library

    def _join(self) -> None:
        """Find (on a server: add, if new) the member this connection is."""
        local = self.engine.dialect.name == "sqlite"  # a file's member is there: just read
        with self.reading() if local else self.writing() as session:
            self.user_id, self.user_name = users.join(session)

    def back_up_if_due(self) -> DailyBackup:
        """Make today's automatic backup unless there is one; never raises (see ``problem``).

        A library on a server is backed up by the server's administrator: nothing to do.
        """
        if self.path is not None:
            self.daily_backup = make_daily_backup(self.path)
        return self.daily_backup

    def close(self) -> None:
        """Close the library's connections, and any feed from ``changes`` still open."""
        for feed in list(self._feeds):
            feed.close()
        self._revisions.close()
        self.engine.dispose()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- units of work ------------------------------------------------------------------

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only unit of work (one consistent snapshot)."""
        try:
            with Session(self.engine, expire_on_commit=False) as session, session.begin():
                session.info[users.USER_KEY] = self.user_id
                yield session
        except (OperationalError, DatabaseError) as error:
            raise self._described(error) from error

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A unit of work that holds the write lock from the start and commits at the end."""
        try:
            with self.engine.connect() as connection:
                connection = connection.execution_options(**{WRITE_OPTION: True})
                with Session(bind=connection, expire_on_commit=False) as session, session.begin():
                    session.info[users.USER_KEY] = self.user_id
                    yield session
        except (OperationalError, DatabaseError) as error:
            raise self._described(error) from error

    # -- changes --------------------------------------------------------------------------

    def execute(self, command: Command) -> Changes:
        """Apply command as one undoable step."""
        with self.writing() as session:
            changes = command.apply(session)
            journal.record(session, command)
            self._announce(session, changes)
        self._note(changes)
        return changes

    def undo(self) -> tuple[str, Changes]:
        """Revert the newest applied step; return its label and what changed."""
        return self._step(undoing=True)

    def redo(self) -> tuple[str, Changes]:
        """Re-apply the oldest undone step; return its label and what changed."""
        return self._step(undoing=False)

    def _step(self, *, undoing: bool) -> tuple[str, Changes]:
        with self.writing() as session:
            entry = journal.next_undo(session) if undoing else journal.next_redo(session)
            if entry is None:
                raise NothingToUndo("nothing to undo" if undoing else "nothing to redo")
            command = journal.decode(entry)
            changes = command.revert(session) if undoing else command.apply(session)
            journal.mark(entry, command, applied=not undoing)
            self._announce(session, changes)
            label = entry.label
        self._note(changes)
        return label, changes

    def history_labels(self) -> tuple[str | None, str | None]:
        """Return the labels of the step undo and redo would act on (None when empty)."""
        with self.reading() as session:
            undo = journal.next_undo(session)
            redo = journal.next_redo(session)
            return (undo.label if undo else None, redo.label if redo else None)

    def move_in_queue(self, paper_ids: Sequence[int], where: str) -> Changes:
        """Move queued papers "up", "down", to the "top" or "bottom" of the queue, as one step."""
        order = self.queue()
        moving = [paper_id for paper_id in order if paper_id in set(paper_ids)]
        if not moving:
            return NO_CHANGES
        new_order = _moved(order, moving, where)
        if new_order == order:
            return NO_CHANGES
        count = len(moving)
        noun = "paper" if count == 1 else f"{count} papers"
        label = {
            "up": f"move {noun} up",
            "down": f"move {noun} down",
            "top": f"move {noun} to the top",
            "bottom": f"move {noun} to the bottom",
        }[where]
        return self.execute(ReorderQueue(new_order, description=label))

    # -- importing ----------------------------------------------------------------------------

    def import_files(
        self,
        paths: Sequence[Path],
        collection: str | None = None,
        format_name: str | None = None,
        progress: Callable[[Path, int, int], None] | None = None,
        record_history: bool = True,
    ) -> list[ImportSummary]:
        """Import each file as a collection, all as one undoable step.

        A file that fails (unreadable, wrong format) changes nothing and gets its error in
        its summary; the others are imported. A progress callback that raises (for
        example ImportCancelled) rolls the whole call back.
        """
        summaries: list[ImportSummary] = []
        commands: list[ImportPapers] = []
        for path in paths:
            name = collection or path.stem
            try:
                parsed = read_file(path, format_name)
            except ImportFailed as error:
                summaries.append(ImportSummary(str(path), name, error=str(error)))
                continue
            command = ImportPapers(name, str(path), parsed.format, parsed.encoding)
            command.records = parsed.records
            command.summary.warnings.extend(parsed.warnings)
            if progress is not None:
                command.progress = lambda done, total, p=path: progress(p, done, total)
            commands.append(command)
            summaries.append(command.summary)
        self._apply_imports(commands, record_history)
        return summaries

    def import_records(
        self, records: list[PaperRecord], collection: str, source: str, format_name: str = "records"
    ) -> ImportSummary:
        """Import records already in memory (sample data, plug-ins) as one undoable step."""
        command = ImportPapers(collection, source, format_name)
        command.records = records
        self._apply_imports([command])
        return command.summary

    def _apply_imports(self, commands: list[ImportPapers], record_history: bool = True) -> None:
        done: list[ImportPapers] = []
        backend = self.backend
        failures: tuple[type[Exception], ...] = (*self._database_errors, OverflowError)
        with self.writing() as session:
            for command in commands:
                savepoint = session.begin_nested()
                try:
                    command.apply(session)
                except failures as error:
                    # The import's fast path writes on the raw connection: its errors are
                    # the driver's own, and a number SQLite cannot store is an OverflowError.
                    if backend.transaction_lost(session):
                        raise  # the database rolled everything back (disk full, I/O error): stop
                    savepoint.rollback()
                    command.summary.error = f"{command.source}: {backend.describe_error(error)}"
                    continue
                savepoint.commit()
                if command.changed:
                    done.append(command)
            if done and record_history:
                step: Command = done[0]
                if len(done) > 1:
                    step = CompositeCommand(f"import {len(done)} lists", list(done))
                journal.record(session, step)
            if done:
                self._announce(session, IMPORTED)
        if done:
            self._note(IMPORTED)

    # -- queries ------------------------------------------------------------------------------

    def search(
        self,
        query: str = "",
        sort: SortKey | None = None,
        descending: bool = False,
        *,
        limit: int | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> SearchResult:
        """Return matching paper ids; raise InvalidQuery with a hint for a malformed query.

        With limit, return at most that many (the start of the whole answer, which says
        whether it is complete). cancelled is asked now and then while the database
        works; once it answers True the search stops with SearchCancelled.
        """
        if cancelled is not None and cancelled():
            raise SearchCancelled("search cancelled")
        with self.reading() as session:

            def expand(token: str) -> list[str]:
                return self._title_words.expand(session, token)

            if cancelled is None:
                return run_search(session, query, sort, descending, expand, limit)
            with self.backend.cancellable(session, cancelled):
                return run_search(session, query, sort, descending, expand, limit)

    def rows(self, ids: Sequence[int]) -> list[PaperRow]:
        with self.reading() as session:
            return queries.rows(session, ids)

    def detail(self, paper_id: int) -> PaperDetail:
        return self.details([paper_id])[0]

    def details(self, ids: Sequence[int]) -> list[PaperDetail]:
        with self.reading() as session:
            return queries.details(session, ids)

    def count(self) -> int:
        with self.reading() as session:
            return session.scalar(select(func.count()).select_from(Paper)) or 0

    def stats(self) -> dict[str, Any]:
        with self.reading() as session:
            return queries.stats(session)

    def tags(self) -> list[TagInfo]:
        with self.reading() as session:
            return queries.tags(session)

    def collections(self) -> list[CollectionInfo]:
        with self.reading() as session:
            return queries.collections(session)

    def saved_searches(self) -> list[SavedSearchInfo]:
        with self.reading() as session:
            return queries.saved_searches(session)

    def sidebar_names(
        self,
    ) -> tuple[list[CollectionInfo], list[TagInfo], list[SavedSearchInfo]]:
        """Return the collections, tags (with a count of -1: not counted) and saved searches.

        Cheap at any size, unlike ``collections`` and ``tags``, which read every
        membership: a window lists the names at once and counts them a moment later.
        Plain SQL, as compiling statements costs more than running these at start-up.
        """
        from sqlalchemy import text

        from readinglist.core.records import CollectionInfo, SavedSearchInfo, TagInfo

        def rows(sql: str) -> list[Any]:
            return list(session.execute(text(sql)))

        with self.reading() as session:
            collections = rows("SELECT id, name, source FROM collections ORDER BY name")
            tags = rows("SELECT id, name, color FROM tags ORDER BY name")
            searches = rows("SELECT id, name, query FROM saved_searches ORDER BY position, name")
        return ([CollectionInfo(id_, name, source, -1) for id_, name, source in collections],
                [TagInfo(id_, name, color, -1) for id_, name, color in tags],
                [SavedSearchInfo(*row) for row in searches])

    def status_counts(self) -> dict[str, int]:
        with self.reading() as session:
            return queries.status_counts(session)

    def members(self) -> list[MemberInfo]:
        """Return the library's members (one, "me", for a library file)."""
        with self.reading() as session:
            return membership.members(session)

    def admit(self, role: str) -> None:
        """Let a database role use this shared library (the owner's right); not undoable."""
        with self.writing() as session:
            membership.admit(session, role)

    def let_out(self, role: str) -> None:
        """Take a member's use of this shared library away; their own data stays."""
        with self.writing() as session:
            membership.let_out(session, role)

    def queue(self) -> list[int]:
        with self.reading() as session:
            return queries.queue(session)

    def setting(self, key: str) -> str | None:
        """Return a library setting's value (None when unset)."""
        with self.reading() as session:
            return read_setting(session, key)

    def duplicate_pairs(self) -> list[tuple[int, int, float]]:
        with self.reading() as session:
            return queries.duplicate_pairs(session)

    def revision(self) -> int:
        """Return a number that changes whenever anyone (another process too) commits a change.

        Cheap enough to poll: on SQLite it reads ``PRAGMA data_version`` on a connection
        kept for the purpose, which moves when a commit is made through any other connection.
        """
        try:
            return self._revisions.read()
        except self._database_errors as error:
            raise self._described(error) from error

    def changes(self) -> ChangeFeed | None:
        """Return a new feed of the changes other clients commit (closed by ``close`` at
        the latest).

        A shared library on a server tells its clients of each change as it commits; a
        library file cannot (None: poll ``revision`` instead). Raises LibraryUnavailable
        when the server cannot be reached.
        """
        feed = self.backend.change_feed(self.engine, self.client)
        if feed is not None:
            self._feeds.add(feed)
        return feed

    # -- internals ----------------------------------------------------------------------------

    def _announce(self, session: Session, changes: Changes) -> None:
        """Tell other clients of the library what this change did, when it commits."""
        if changes:
            self.backend.announce(session, encode_changes(changes, self.client))

    def _note(self, changes: Changes) -> None:
        if changes.paper_set:
            self._title_words.forget()

    def _described(self, error: BaseException) -> LibraryUnavailable:
        """Name the library in the message; damage keeps its type so the GUI can offer a restore."""
        described = self.backend.describe_error(error)
        if isinstance(described, LibraryDamaged) and self.path is not None:
            return LibraryDamaged(f"{self.path}: {described}", self.path)
        return described


def _moved(order: list[int], moving: list[int], where: str) -> list[int]:
    """Return order with moving (kept in their relative order) shifted as where says."""
    chosen = set(moving)
    rest = [paper_id for paper_id in order if paper_id not in chosen]
    if where == "top":
        return [*moving, *rest]
    if where == "bottom":
        return [*rest, *moving]
    result = list(order)
    step = -1 if where == "up" else 1
    indices = range(len(result)) if step == -1 else range(len(result) - 1, -1, -1)
    for index in indices:
        target = index + step
        if result[index] in chosen and 0 <= target < len(result) and result[target] not in chosen:
            result[index], result[target] = result[target], result[index]
    return result
