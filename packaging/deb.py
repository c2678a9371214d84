"""Stage and build the Debian package from the PyInstaller bundle (used by build.py).

Layout: the bundle under /usr/lib/readinglist, a /usr/bin/readinglist symlink to its
executable (PyInstaller's bootloader resolves the link to find _internal/), the menu entry,
AppStream metainfo, hicolor icons, a man page, copyright and changelog. Depends lists the
Debian packages that own the system libraries the bundle links, found the way dpkg-shlibdeps
does it: the NEEDED entries of every ELF file, less those the bundle ships, through the
dynamic linker's cache to ``dpkg -S``.
"""

from __future__ import annotations

import email.utils
import gzip
import hashlib
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from elf import elf_files, is_elf, is_shared_object, needed

PACKAGE = "readinglist"
APP_ID = "io.github.readinglist.ReadingList"
MAINTAINER = "readinglist developers <readinglist@example.org>"
"""Change to a real address before publishing the package anywhere."""
INSTALL_DIR = Path("usr/lib") / PACKAGE
HICOLOR_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
SUMMARY = "keyboard-first reading-list manager for researchers"
DESCRIPTION = """\
ReadingList keeps the papers you mean to read in one searchable library.
Paste a list of titles or import BibTeX, RIS, CSL-JSON or CSV files, then
tag, rate and queue papers, and export bibliographies when you write.
Every change can be undone. The readinglist command also works without a
window, for scripts."""

SYSTEM_SONAME = re.compile(
    r"^lib(ssl|crypto|sqlite3|ffi|z|bz2|lzma|uuid|readline|tinfo|ncursesw|mpdec|stdc\+\+|gcc_s)"
    r"\.so(\.\d+)*$"
)
"""Bundled runtime libraries that the .deb takes from the system instead."""

HERE = Path(__file__).resolve().parent
LINUX = HERE / "linux"


@dataclass(frozen=True, slots=True)
class DebInputs:
    """What goes into the package."""

    version: str
    """The project version (PEP 440); debian_version() turns it into a Debian one."""
    bundle: Path
    """PyInstaller's onedir output (the folder holding the executable and _internal/)."""
    icons: Path
    """make_icons.py's output folder."""
    svg: Path
    """The scalable icon."""
    help_text: str
    """The bundle's ``--help`` output, for the man page."""


def debian_version(version: str) -> str:
    """Map a PEP 440 version to a Debian one that sorts the same (0.2.0rc1 -> 0.2.0~rc1)."""
    return re.sub(r"(?<=\d)[.-]?(a|b|rc|dev|alpha|beta)(?=\d|$)", r"~\1", version)


def architecture() -> str:
    return subprocess.run(
        ["dpkg", "--print-architecture"], check=True, capture_output=True, text=True
    ).stdout.strip()


def stage(inputs: DebInputs, root: Path) -> None:
    """Lay out the package's files under root (which is emptied first)."""
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(inputs.bundle, root / INSTALL_DIR, symlinks=True)
    use_system_libraries(root / INSTALL_DIR / "_internal")
    bin_dir = root / "usr/bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / PACKAGE).symlink_to(Path("../lib") / PACKAGE / PACKAGE)
    share = root / "usr/share"
    _copy(LINUX / f"{APP_ID}.desktop", share / "applications")
    _copy(LINUX / f"{APP_ID}.metainfo.xml", share / "metainfo")
    for size in HICOLOR_SIZES:
        target = share / f"icons/hicolor/{size}x{size}/apps/{APP_ID}.png"
        _copy(inputs.icons / f"readinglist-{size}.png", target.parent, target.name)
    _copy(inputs.svg, share / "icons/hicolor/scalable/apps", f"{APP_ID}.svg")
    doc = share / "doc" / PACKAGE
    _copy(LINUX / "copyright", doc)
    _write_gzip(doc / "changelog.gz", changelog(inputs.version))
    _write_gzip(share / "man/man1/readinglist.1.gz", man_page(inputs.version, inputs.help_text))
    _copy(LINUX / "lintian-overrides", share / "lintian/overrides", PACKAGE)
    _normalise_modes(root)
    control_dir = root / "DEBIAN"
    control_dir.mkdir()
    (control_dir / "control").write_text(control(inputs.version, root), encoding="utf-8")
    (control_dir / "md5sums").write_text(md5sums(root), encoding="utf-8")


def use_system_libraries(internal: Path) -> list[str]:
    """Delete the bundle's copies of libraries Debian ships under the same soname.

    PyInstaller copies the build machine's zlib, OpenSSL, SQLite... for the Python runtime.
    In the .deb the system's own copies serve (Depends then names their packages, and
    security updates reach them); the .tar.gz keeps the copies. Qt's libraries always stay:
    the bundle needs its own Qt version, whatever Qt the system has.
    """
    cache = _linker_cache()
    removed = []
    for path in sorted(internal.iterdir()):
        if SYSTEM_SONAME.match(path.name) and path.name in cache:
            path.unlink()
            removed.append(path.name)
    return removed


def build(root: Path, output: Path, level: int = 6) -> Path:
    """Run dpkg-deb (xz at level, all cores) on the staged root; root owns every file."""
    output.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "dpkg-deb",
            f"--threads-max={os.cpu_count() or 1}",
            "--root-owner-group",
            "-Zxz",
            f"-z{level}",
            "--build",
            str(root),
            str(output),
        ],
        check=True,
    )
    return output


def control(version: str, root: Path) -> str:
    installed_kib = sum(
        (path.lstat().st_size + 1023) // 1024 for path in root.rglob("*") if not path.is_dir()
    )
    fields = {
        "Package": PACKAGE,
        "Version": debian_version(version),
        "Architecture": architecture(),
        "Maintainer": MAINTAINER,
        "Installed-Size": str(installed_kib),
        "Depends": ", ".join(shared_library_packages(root / INSTALL_DIR)),
        "Section": "science",
        "Priority": "optional",
        "Description": SUMMARY + "\n" + _indent(DESCRIPTION),
    }
    return "".join(f"{key}: {value}\n" for key, value in fields.items())


def shared_library_packages(bundle: Path) -> list[str]:
    """Return the packages owning the system libraries that the bundle's ELF files link."""
    shipped = {path.name for path in bundle.rglob("*.so*")}
    wanted: set[str] = set()
    for path in elf_files(bundle):
        wanted.update(name for name in needed(path) if name not in shipped)
    cache = _linker_cache()
    missing = sorted(name for name in wanted if name not in cache)
    if missing:
        raise RuntimeError(
            "the bundle links libraries this machine does not have, so the package cannot "
            f"name them in Depends: {', '.join(missing)} (install them, or leave out the "
            "plug-in that needs them in readinglist.spec)"
        )
    return sorted(_owning_packages({name: cache[name] for name in wanted}))


def changelog(version: str) -> str:
    date = email.utils.format_datetime(email.utils.localtime())
    return (
        f"{PACKAGE} ({debian_version(version)}) unstable; urgency=medium\n\n"
        f"  * Release {version}; see the project's history for the changes.\n\n"
        f" -- {MAINTAINER}  {date}\n"
    )


def man_page(version: str, help_text: str) -> str:
    """A man page whose body is the program's own --help text, so it never drifts."""
    escaped = help_text.replace("\\", "\\e").replace("\n.", "\n\\&.").replace("\n'", "\n\\&'")
    return (
        f'.TH READINGLIST 1 "" "readinglist {version}" "User Commands"\n'
        f".SH NAME\nreadinglist \\- {SUMMARY}\n"
        ".SH SYNOPSIS\n.B readinglist\n[\\fIOPTIONS\\fR] [\\fICOMMAND\\fR ...]\n"
        ".SH DESCRIPTION\nWithout a command, opens the window. "
        "With one, works on the library from the terminal.\n"
        f".PP\n.nf\n{escaped}\n.fi\n"
    )


def md5sums(root: Path) -> str:
    lines = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink() and "DEBIAN" not in path.parts:
            digest = hashlib.md5(path.read_bytes()).hexdigest()  # dpkg's format, not security
            lines.append(f"{digest}  {path.relative_to(root).as_posix()}\n")
    return "".join(lines)


def _copy(source: Path, folder: Path, name: str | None = None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, folder / (name or source.name))


def _write_gzip(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with (
        path.open("wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as gz,
    ):
        gz.write(text.encode("utf-8"))


def _normalise_modes(root: Path) -> None:
    """Folders and executables 0755, everything else (shared libraries too) 0644."""
    for path in root.rglob("*"):
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        elif is_elf(path) and not is_shared_object(path):
            path.chmod(0o755)
        else:
            path.chmod(0o644)


def _linker_cache() -> dict[str, str]:
    """Map each soname in ld.so's cache (this machine's architecture) to its path."""
    output = subprocess.run(
        ["/sbin/ldconfig", "-p"], check=True, capture_output=True, text=True
    ).stdout
    cache: dict[str, str] = {}
    for name, flags, path in re.findall(r"^\s+(\S+) \(([^)]*)\) => (\S+)$", output, re.MULTILINE):
        if "x86-64" in flags or os.uname().machine != "x86_64":
            cache.setdefault(name, path)
    return cache


def _owning_packages(libraries: dict[str, str]) -> set[str]:
    """Return the packages owning each soname's file; fail for a file no package owns."""
    spellings: dict[str, set[str]] = {}
    for soname, path in libraries.items():
        names = {path, os.path.realpath(path)}
        # Merged /usr: dpkg may have recorded /lib/... or /usr/lib/... for the same file.
        names |= {n[4:] if n.startswith("/usr/") else "/usr" + n for n in names}
        spellings[soname] = names
    result = subprocess.run(
        ["dpkg-query", "--search", *sorted(set().union(*spellings.values()))],
        capture_output=True,
        text=True,
    )
    owners: dict[str, set[str]] = {}
    for line in result.stdout.splitlines():
        listed, _sep, path = line.partition(": ")
        owners.setdefault(path.strip(), set()).update(
            package.split(":")[0].strip() for package in listed.split(",")
        )
    found: set[str] = set()
    unowned = []
    for soname, names in sorted(spellings.items()):
        owning: set[str] = set().union(*(owners.get(name, set()) for name in names))
        if not owning:
            unowned.append(f"{soname} ({libraries[soname]})")
        found |= owning
    if unowned:
        raise RuntimeError(f"no Debian package owns these libraries: {', '.join(unowned)}")
    return found


def _indent(text: str) -> str:
    return "\n".join(f" {line}" if line.strip() else " ." for line in text.splitlines())
