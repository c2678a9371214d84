#!/usr/bin/env python3
"""Set up and run readinglist from a checkout: ``python3 run.py`` opens the app,
``python3 run.py test`` runs the whole test suite, ``python3 run.py lint`` ruff and
mypy, ``python3 run.py bench`` the benchmarks; other arguments go to the app's CLI.

Needs only Python 3.11+. The first run installs uv (into .tools/, from PyPI) if it is not
on the PATH, and uv creates .venv/ with the exact versions in uv.lock.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TOOLS = ROOT / ".tools"
BIN = "Scripts" if os.name == "nt" else "bin"
EXE = ".exe" if os.name == "nt" else ""


def find_uv() -> str:
    """Return a uv executable: on the PATH, in .tools/, or freshly installed there."""
    found = shutil.which("uv")
    if found:
        return found
    for candidate in (TOOLS / "uv" / BIN / f"uv{EXE}", TOOLS / "uv-target" / "bin" / f"uv{EXE}"):
        if candidate.exists():
            return str(candidate)
    print("run.py: installing uv into .tools/ (first run only)...", file=sys.stderr)
    try:
        venv.EnvBuilder(with_pip=True, clear=True).create(TOOLS / "uv")
        pip = [str(TOOLS / "uv" / BIN / f"python{EXE}"), "-m", "pip"]
        subprocess.run([*pip, "install", "--quiet", "uv"], check=True)
        return str(TOOLS / "uv" / BIN / f"uv{EXE}")
    except (subprocess.CalledProcessError, OSError):
        # No ensurepip (Debian without python3-venv): install the uv wheel into a folder.
        target = TOOLS / "uv-target"
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--target", str(target), "uv"],
            check=True,
        )
        return str(target / "bin" / f"uv{EXE}")


def main(argv: list[str]) -> int:
    uv = find_uv()
    os.chdir(ROOT)
    env = dict(os.environ, UV_PROJECT_ENVIRONMENT=str(ROOT / ".venv"))
    if argv[:1] == ["test"]:
        command = [uv, "run", "--locked", "--all-groups", "pytest", *argv[1:]]
    elif argv[:1] == ["lint"]:
        checks = [["ruff", "check", "."], ["mypy"]]
        return max(
            subprocess.call([uv, "run", "--locked", "--all-groups", *check], env=env)
            for check in checks
        )
    elif argv[:1] == ["bench"]:
        # The postgres extra (the server's driver) for the shared-library benchmark.
        command = [uv, "run", "--locked", "--extra", "postgres", "python", "benchmarks/run.py",
                   *argv[1:]]
    else:
        # The postgres extra: the window and the CLI open shared libraries too.
        command = [uv, "run", "--locked", "--no-dev", "--extra", "postgres", "readinglist", *argv]
    return subprocess.call(command, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
