"""The Debian/Ubuntu packages readinglist needs (system-packages.toml): which are missing,
the command that installs them, and installing them where this process may.

Used by run.py (before the app starts and before the tests run), .ci/run, .ci/package and
the tests that run external programs. Standard library only: run.py imports it before any
virtual environment exists.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

LIST = Path(__file__).resolve().with_name("system-packages.toml")


def _table() -> dict[str, dict[str, object]]:
    with LIST.open("rb") as handle:
        return tomllib.load(handle)


def packages(*groups: str) -> list[str]:
    """The packages of the named groups, in order, each once."""
    table = _table()["groups"]
    names: list[str] = []
    for group in groups:
        entry = table[group]
        assert isinstance(entry, dict)
        names += [name for name in entry["packages"] if name not in names]
    return names


def describe(*groups: str) -> str:
    """What the named groups are for, as one phrase."""
    table = _table()["groups"]
    return "; ".join(str(table[group]["description"]) for group in groups)  # type: ignore[index]


def package_of(program: str) -> str:
    """The package that brings program (the program's own name when unlisted)."""
    return str(_table()["programs"].get(program, program))


def is_debian() -> bool:
    """True on Debian, Ubuntu and their kin: where apt-get and dpkg-query are."""
    return sys.platform == "linux" and bool(shutil.which("apt-get") and shutil.which("dpkg-query"))


def missing(names: list[str]) -> list[str]:
    """The packages of names that dpkg does not have installed ([] off Debian)."""
    if not is_debian():
        return []
    result = subprocess.run(
        ["dpkg-query", "-W", "-f=${Package} ${db:Status-Status}\n", *names],
        capture_output=True, text=True, check=False,
    )
    installed = {
        line.split()[0].split(":")[0]
        for line in result.stdout.splitlines()
        if line.endswith(" installed")
    }
    return [name for name in names if name not in installed]


def install_command(names: list[str]) -> str:
    """The command a person runs to install names."""
    return "sudo apt-get install -y --no-install-recommends " + " ".join(names)


def _privilege() -> list[str] | None:
    """How to run apt-get as root here: [] when root, sudo without a password, else None."""
    if os.geteuid() == 0:
        return []
    if shutil.which("sudo") and subprocess.run(
        ["sudo", "-n", "true"], capture_output=True, check=False
    ).returncode == 0:
        return ["sudo", "-n"]
    return None


def can_install() -> bool:
    """True where this process may install packages with apt-get."""
    return is_debian() and _privilege() is not None


def install(names: list[str], why: str) -> bool:
    """Install names with apt-get, saying so on stderr; True when they all are installed."""
    prefix = _privilege()
    if not names or prefix is None or not is_debian():
        return not names
    print(f"run.py: installing {why}: {' '.join(names)}", file=sys.stderr, flush=True)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    command = [*prefix, "apt-get", "install", "-y", "-q", "--no-install-recommends", *names]
    quiet = {"stdout": subprocess.DEVNULL}
    if subprocess.run(command, env=env, check=False, **quiet).returncode != 0:
        # A fresh machine may have no package lists yet, or old ones.
        subprocess.run([*prefix, "apt-get", "update", "-q"], env=env, check=False, **quiet)
        subprocess.run(command, env=env, check=False, **quiet)
    return not missing(names)


def main(argv: list[str]) -> int:
    """``python3 packaging/system_packages.py GROUP…`` prints the groups' packages, one a line."""
    try:
        print("\n".join(packages(*argv)))
    except KeyError as error:
        print(f"system_packages.py: no group {error} in {LIST.name}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
