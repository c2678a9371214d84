"""Where a library lives: a file path, or a SQLAlchemy URL naming a PostgreSQL database.

``parse_location`` turns what a user typed into either; ``describe`` renders one for
people and settings, never with a password. A password typed once in a URL is used for
that connection only, unless the user asks to remember it: then it goes to the system
keyring (``keyring``), never to a file readinglist writes. ``connect_url`` fills it in
from the keyring; without one, nothing is added and libpq finds ``~/.pgpass``,
``PGPASSFILE`` or a service file itself.
"""

from __future__ import annotations

import getpass
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from sqlalchemy import URL, make_url
from sqlalchemy.exc import ArgumentError

from readinglist.core.errors import LibraryUnavailable, ReadingListError
from readinglist.core.storage import LIBRARY_ENV, default_library_path

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

DRIVER = "postgresql+psycopg"
KEYRING_SERVICE = "readinglist"
DEFAULT_PORT = 5432
CONNECT_TIMEOUT_S = 10
POSTGRES_SCHEMES = frozenset({"postgresql", "postgres"})
POSTGRES_DRIVERS = frozenset({"", "psycopg", "psycopg2"})
"""libpq drivers: their URLs mean the same to psycopg (asyncpg's and pg8000's do not)."""
SECRET_OPTIONS = frozenset(
    {"password", "sslpassword", "oauth_client_secret", "scram_client_key", "scram_server_key"}
)
"""Connection options that are secrets: left out of every description."""
NO_PASSWORD_SQLSTATES = frozenset({"28P01"})
NO_PASSWORD_MESSAGES = ("no password supplied", "password authentication failed")
"""libpq's and the server's words when a password is missing or wrong (SQLSTATE 28P01)."""
EXTRA_HINT = "install readinglist with its postgres extra (pip install 'readinglist[postgres]')"
PGPASS_HINT = "put the password in ~/.pgpass or a service file instead"

LibraryURL = URL
"""A PostgreSQL library's URL, for code that must not import SQLAlchemy (the GUI)."""
Location = Path | URL


class InvalidLocation(ReadingListError):
    """What the user typed names no library readinglist can open."""


class KeyringUnavailable(ReadingListError):
    """The system keyring cannot store or give passwords (none installed, locked, refused)."""


def is_url(text: str) -> bool:
    """Return whether text is written as a URL (``scheme://...``) rather than a path."""
    return re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", text.strip()) is not None


def parse_location(text: str | Path) -> Path | URL:
    """Return the file path or the PostgreSQL URL (``postgresql+psycopg://``) text names.

    ``postgresql://`` and ``postgres://`` become psycopg URLs; a password given as the
    ``password`` option moves into the URL's password. ``sqlite:///file`` is a path.

    Raises:
        InvalidLocation: text is empty, malformed, or names another kind of database.
    """
    if isinstance(text, Path):
        return text.expanduser()
    stripped = text.strip()
    if not stripped:
        raise InvalidLocation("no library given: name a file or a postgresql:// URL")
    if not is_url(stripped):
        return Path(stripped).expanduser()
    try:
        url = make_url(stripped)
    except ArgumentError as error:
        raise InvalidLocation(f"{_redacted(stripped)}: not a valid URL ({error})") from None
    except ValueError:  # the one number in a URL
        raise InvalidLocation(f"{_redacted(stripped)}: the port must be a number") from None
    if url.drivername == "sqlite" and url.database:
        return Path(url.database).expanduser()
    return postgres_url(url, shown=_redacted(stripped))


def postgres_url(url: URL, *, shown: str | None = None) -> URL:
    """Return url checked and normalised to the psycopg driver (see ``parse_location``).

    Args:
        shown: how to name the URL in an error (default: its description).
    """
    scheme, _plus, driver = url.drivername.partition("+")
    name = shown if shown is not None else describe(url)
    if scheme not in POSTGRES_SCHEMES:
        raise InvalidLocation(
            f"{name}: readinglist opens library files and PostgreSQL databases "
            f"(postgresql://user@host/database), not {scheme}:// URLs"
        )
    if driver not in POSTGRES_DRIVERS:
        raise InvalidLocation(f"{name}: readinglist connects to PostgreSQL with psycopg; "
                              f"write postgresql:// instead of {url.drivername}://")
    if url.host and "@" in url.host:
        raise InvalidLocation(f"{name}: write an @ in the user name or password as %40")
    query = dict(url.query)
    unknown = sorted(set(query) - _connection_options())
    if unknown:
        raise InvalidLocation(f"{name}: unknown connection option {unknown[0]!r}")
    try:
        port = url.port
        query_port = _option(url, "port")
        if query_port is not None:
            int(query_port.split(",")[0])
    except ValueError:
        raise InvalidLocation(f"{name}: the port must be a number") from None
    if port is not None and not 0 < port < 65536:
        raise InvalidLocation(f"{name}: the port must be between 1 and 65535")
    if not (url.database or _option(url, "dbname") or _option(url, "service")):
        raise InvalidLocation(
            f"{name}: name the database (postgresql://user@host/DATABASE) or a service "
            "(postgresql:///?service=NAME)"
        )
    password = url.password
    if "password" in query:
        password = password or _option(url, "password")
        url = url.difference_update_query(["password"])
    return url.set(drivername=DRIVER, password=password)


def default_location() -> Path | URL:
    """Return the library used when none is named: $READINGLIST_LIBRARY (a path or a URL),
    else ``library.sqlite`` in the user data folder.

    Raises:
        InvalidLocation: the variable holds a URL readinglist cannot open.
    """
    named = os.environ.get(LIBRARY_ENV, "").strip()
    if named and is_url(named):
        try:
            return parse_location(named)
        except InvalidLocation as error:
            raise InvalidLocation(f"${LIBRARY_ENV}: {error}") from None
    return default_library_path()


def openable(location: Path | URL) -> Path | str:
    """Return location as ``Library.open`` takes it: a path, or the URL's full text."""
    if isinstance(location, Path):
        return location
    return location.render_as_string(hide_password=False)


def with_password(url: URL, password: str) -> URL:
    """Return url with password (typed by the user) in it, for one connection."""
    return url.set(password=password)


def server_url(host: str, port: int | None, database: str, user: str) -> URL:
    """Return the URL of a database from a form's fields; a host starting with / is a socket
    folder. Empty fields are left out, for libpq's defaults (local socket, login name).

    Raises:
        InvalidLocation: the fields name no database readinglist can open.
    """
    host, database, user = host.strip(), database.strip(), user.strip()
    query: dict[str, str] = {}
    if host.startswith("/"):
        query["host"] = host
        host = ""
        if port is not None:
            query["port"] = str(port)
            port = None
    url = URL.create(DRIVER, username=user or None, host=host or None, port=port,
                     database=database or None, query=query)
    return postgres_url(url)


def server_fields(url: URL) -> tuple[str, int, str, str] | None:
    """Return url's host (or socket folder), port, database and user, as ``server_url`` takes
    them; None when url says more (a service, SSL options) than these fields can hold."""
    if set(url.query) - {"host", "port"} or not url.database:
        return None
    port = url.port or _option(url, "port") or DEFAULT_PORT
    try:
        number = int(port)
    except ValueError:
        return None
    return url.host or _option(url, "host") or "", number, url.database, url.username or ""


def title(location: Location) -> str:
    """Name location briefly, for a window title: a file's name, or "db on host"."""
    if isinstance(location, Path):
        return location.name
    where = location.host or _option(location, "host") or _option(location, "service")
    database = location.database or _option(location, "dbname") or ""
    return f"{database} on {where}" if where and database else database or where or "server"


def readable(location: Location) -> str:
    """Render location for reading only: ``postgresql://`` and the options unescaped."""
    if isinstance(location, Path):
        return str(location)
    text = unquote(describe(location))
    return text.replace(f"{DRIVER}://", "postgresql://", 1)


def describe(location: str | Path | URL) -> str:
    """Render location for people and settings: a path, or a URL without any password."""
    if isinstance(location, str):
        typed = location.strip()
        try:
            location = parse_location(typed)
        except InvalidLocation:
            return _redacted(typed)
    if isinstance(location, Path):
        return str(location)
    # URL.set() leaves out None values: replace the field of the named tuple itself.
    public = location._replace(password=None).difference_update_query(SECRET_OPTIONS)
    return public.render_as_string(hide_password=False)


def credential_key(url: URL) -> str:
    """Name url's password in the keyring: ``user@host:port/database``.

    What libpq would use for a part the URL leaves out stands in for it (the login name,
    port 5432); a socket folder or a service is the host.
    """
    user = url.username or _option(url, "user") or getpass.getuser()
    host = url.host or _option(url, "host") or ""
    if not host and _option(url, "service"):
        host = f"service={_option(url, 'service')}"
    port = url.port or _option(url, "port") or DEFAULT_PORT
    database = url.database or _option(url, "dbname") or ""
    return f"{user}@{host or 'localhost'}:{port}/{database}"


def keyring_problem() -> str | None:
    """Return why the system keyring cannot be used here, or None when it can."""
    try:
        _keyring()
    except KeyringUnavailable as error:
        return str(error)
    return None


def stored_password(url: URL) -> str | None:
    """Return the password remembered for url, or None (also when there is no keyring)."""
    try:
        backend, failure = _keyring()
    except KeyringUnavailable:
        return None
    try:
        return backend.get_password(KEYRING_SERVICE, credential_key(url))
    except failure:
        return None


def remember_password(url: URL, password: str) -> None:
    """Keep password for url in the system keyring.

    Raises:
        KeyringUnavailable: there is no keyring, or it refused; nothing was stored.
    """
    backend, failure = _keyring()
    try:
        backend.set_password(KEYRING_SERVICE, credential_key(url), password)
    except failure as error:
        raise KeyringUnavailable(
            f"the system keyring did not store the password ({error}); {PGPASS_HINT}"
        ) from None


def forget_password(url: URL) -> bool:
    """Remove url's password from the keyring; return whether one was there."""
    try:
        backend, failure = _keyring()
    except KeyringUnavailable:
        return False
    key = credential_key(url)
    try:
        if backend.get_password(KEYRING_SERVICE, key) is None:
            return False
        backend.delete_password(KEYRING_SERVICE, key)
    except failure as error:
        raise KeyringUnavailable(
            f"the system keyring did not forget the password ({error})"
        ) from None
    return True


def connect_url(url: URL) -> URL:
    """Return url ready to connect: normalised, with the remembered password if it has none.

    A server that does not answer is given up after CONNECT_TIMEOUT_S (libpq would wait
    for ever) unless the URL sets ``connect_timeout`` itself. Without a remembered
    password (or a keyring) nothing is added, and libpq looks in ``~/.pgpass``,
    ``PGPASSFILE`` or the service file itself.

    Raises:
        InvalidLocation: url names no PostgreSQL database.
        LibraryUnavailable: psycopg, the PostgreSQL driver, is not installed.
    """
    url = postgres_url(url)
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise LibraryUnavailable(
            f"{describe(url)}: opening a PostgreSQL library needs psycopg: {EXTRA_HINT}"
        ) from None
    if "connect_timeout" not in url.query:
        url = url.update_query_dict({"connect_timeout": str(CONNECT_TIMEOUT_S)})
    if url.password:
        return url
    password = stored_password(url)
    return url.set(password=password) if password else url


def needs_password(error: BaseException) -> bool:
    """Return whether error says the server wants a password it did not get (or a right one)."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if getattr(current, "sqlstate", None) in NO_PASSWORD_SQLSTATES:
            return True
        if any(words in str(current) for words in NO_PASSWORD_MESSAGES):
            return True
        current = current.__cause__ or current.__context__
    return False


def _keyring() -> tuple[KeyringBackend, tuple[type[Exception], ...]]:
    """Return the system keyring and the errors its calls raise when it fails.

    Raises:
        KeyringUnavailable: keyring is not installed, or found no backend here.
    """
    try:
        import keyring
        from keyring.backends import fail
        from keyring.errors import KeyringError
    except ImportError:
        raise KeyringUnavailable(f"keyring is not installed ({EXTRA_HINT})") from None
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        raise KeyringUnavailable(f"this system has no keyring readinglist can use; {PGPASS_HINT}")
    # Backends pass on what their platform raised: a D-Bus or file error, a locked store.
    return backend, (KeyringError, OSError, RuntimeError)


def _connection_options() -> frozenset[str]:
    """Return libpq's connection options, as psycopg's libpq lists them."""
    try:
        from psycopg import pq
    except ImportError:  # connect_url says what is missing
        return frozenset(SECRET_OPTIONS | {"host", "port", "dbname", "user", "service"})
    return frozenset(option.keyword.decode() for option in pq.Conninfo.get_defaults())


def _option(url: URL, name: str) -> str | None:
    value = url.query.get(name)
    if isinstance(value, tuple):
        value = value[0] if value else None
    return value or None


def _redacted(text: str) -> str:
    """Return a URL as typed with its passwords (user:password@, ?password=) masked.

    An unescaped ``@`` may be part of the password, so everything up to the last one
    after the user name is masked.
    """
    scheme, separator, rest = text.partition("://")
    if separator and "@" in rest:
        userinfo, _at, host = rest.rpartition("@")
        user, colon, _password = userinfo.partition(":")
        rest = f"{user}:***@{host}" if colon else rest
    options = "|".join(sorted(SECRET_OPTIONS))
    rest = re.sub(rf"((?:^|[?&])(?:{options})=)[^&#]*", r"\1***", rest)
    return f"{scheme}{separator}{rest}"
