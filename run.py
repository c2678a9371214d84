#!/usr/bin/env python3
"""Set up and run readinglist from a checkout: ``python3 run.py`` opens the app,
``python3 run.py test`` runs the whole test suite, ``python3 run.py lint`` ruff and
mypy, ``python3 run.py bench`` the benchmarks, ``python3 run.py package`` the app's
packages (packaging/build.py); other arguments go to the app's CLI.

Needs only Python 3.11+ and the package registries. The first run installs uv (into
.tools/, from PyPI) if it is not on the PATH, and uv creates .venv/ with the exact versions
in uv.lock. The system packages the app or the tests need (packaging/system-packages.toml)
are installed with apt-get on Debian or Ubuntu when run as root or with password-less sudo;
elsewhere run.py prints the command that installs them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "packaging"))
import system_packages  # noqa: E402  (standard library only, next to the packaging scripts)

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


def ensure_system_packages(*groups: str, required: bool) -> bool:
    """Install the groups' missing packages where possible; False when some stay missing.

    When they cannot be installed, print the command that would; a required group's
    absence is reported as an error, an optional one's as a note.
    """
    needed = system_packages.missing(system_packages.packages(*groups))
    if not needed or system_packages.install(needed, system_packages.describe(*groups)):
        return True
    still = system_packages.missing(needed) if system_packages.can_install() else needed
    kind = "error" if required else "note"
    print(
        f"run.py: {kind}: missing {system_packages.describe(*groups)}; install them with:"
        f" {system_packages.install_command(still)}",
        file=sys.stderr,
    )
    return False


def main(argv: list[str]) -> int:
    uv = find_uv()
    os.chdir(ROOT)
    # uv trusts the system's certificate store, as pip does (proxies, mirrors, company roots);
    # UV_NATIVE_TLS is the name older uv releases read.
    env = dict(os.environ, UV_PROJECT_ENVIRONMENT=str(ROOT / ".venv"))
    env.setdefault("UV_SYSTEM_CERTS", "1")
    env.setdefault("UV_NATIVE_TLS", "1")
    if argv[:1] == ["test"]:
        # Tests that need a missing program skip saying so (fail in CI).
        ensure_system_packages("app", "display", "tests", required=False)
        command = [uv, "run", "--locked", "--all-groups", "pytest", *argv[1:]]
    elif argv[:1] == ["lint"]:
        checks = [["ruff", "check", "."], ["mypy"]]
        return max(
            subprocess.call([uv, "run", "--locked", "--all-groups", *check], env=env)
            for check in checks
        )
    elif argv[:1] == ["package"]:
        if not ensure_system_packages("packaging", required=True):
            return 1
        command = [uv, "run", "--locked", "--group", "packaging", "python", "packaging/build.py",
                   *argv[1:]]
    elif argv[:1] == ["bench"]:
        # The postgres extra (the server's driver) for the shared-library benchmark.
        command = [uv, "run", "--locked", "--extra", "postgres", "python", "benchmarks/run.py",
                   *argv[1:]]
    else:
        if not argv and not ensure_system_packages("app", required=True):
            return 1
        # The postgres extra: the window and the CLI open shared libraries too.
        command = [uv, "run", "--locked", "--no-dev", "--extra", "postgres", "readinglist", *argv]
    return subprocess.call(command, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
