"""Bad input: random, mutated, mis-encoded, huge and vanishing files import or fail cleanly.

Every file either imports or raises ImportFailed naming the file; a failed import leaves
the library file byte for byte as it was; nothing hangs (each call runs under a time
limit) and nothing reads more than the size limit into memory.
"""

from __future__ import annotations

import errno
import io
import os
import shutil
import tempfile
import threading
import tracemalloc
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from libfiles import fingerprint

from readinglist.core import importing
from readinglist.core.errors import ImportFailed
from readinglist.core.importers import ParsedFile, registry
from readinglist.core.importing import MAX_FILE_BYTES, read_file
from readinglist.core.library import Library

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

FORMATS = ("bibtex", "ris", "csl-json", "csv", "pasted")
EXTENSIONS = {"bibtex": ".bib", "ris": ".ris", "csl-json": ".json", "csv": ".csv", "pasted": ".txt"}
ENCODINGS = (
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "utf-32",
    "utf-32-le",
    "utf-32-be",
    "cp1252",
    "latin-1",
    "shift_jis",
    "koi8-r",
)
# Time one import may take before it counts as a hang.
LIMIT_SECONDS = 20.0
FUZZ = settings(
    max_examples=60,
    deadline=None,  # each call has its own time limit (within), which also catches hangs
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def within(seconds: float, call: Callable[[], Any]) -> Any:
    """Return call() or re-raise its error; fail the test if it runs longer than seconds."""
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = call()
        except BaseException as error:  # handed back to the test thread below
            outcome["error"] = error

    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        pytest.fail(f"still running after {seconds} s: the input made the import hang")
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def read_or_refuse(path: Path, format_name: str | None = None) -> ParsedFile | None:
    """Read path; return None when refused with ImportFailed that names the file."""
    refusal: ImportFailed | None = None
    try:
        parsed: ParsedFile = within(LIMIT_SECONDS, lambda: read_file(path, format_name))
    except ImportFailed as error:
        refusal = error
    if refusal is not None:
        assert str(path) in str(refusal) or refusal.source == format_name, str(refusal)
        assert refusal.reason.strip()
        return None
    assert parsed.records and all(record.title.strip() for record in parsed.records)
    return parsed


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    """A folder that outlives hypothesis examples (function-scoped tmp_path cannot)."""
    with tempfile.TemporaryDirectory(prefix="readinglist-fuzz-") as folder:
        yield Path(folder)


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


# -- mutations ----------------------------------------------------------------------------


@st.composite
def mutated(draw: st.DrawFn, seeds: dict[str, bytes]) -> tuple[str, bytes]:
    """Draw a seed file and apply one to four random edits to its bytes."""
    name = draw(st.sampled_from(FORMATS))
    data = bytearray(seeds[name])
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        edit = draw(
            st.sampled_from(("truncate", "delete", "insert", "flip", "nul", "repeat", "newlines"))
        )
        if edit == "truncate":
            del data[at:]
        elif edit == "delete":
            del data[at : at + draw(st.integers(1, 200))]
        elif edit == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif edit == "flip" and at < len(data):
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif edit == "nul":
            data[at:at] = b"\x00"
        elif edit == "repeat":
            data[at:at] = data[at : at + 300] * draw(st.integers(2, 50))
        elif edit == "newlines":
            data[at:at] = draw(
                st.sampled_from((b"\r", b"\n\n\n", b"\r\n", b"\x85", "\u2028".encode()))
            )
    return name, bytes(data)


# -- reading files ------------------------------------------------------------------------------


@FUZZ
@given(data=st.binary(max_size=4000), format_name=st.sampled_from((None, *FORMATS)))
def test_random_bytes_import_or_fail_naming_the_file(
    scratch: Path, data: bytes, format_name: str | None
) -> None:
    read_or_refuse(write(scratch, "random.txt", data), format_name)


@FUZZ
@given(data=st.data())
def test_mutated_files_import_or_fail_naming_the_file(
    scratch: Path, seeds: dict[str, bytes], data: st.DataObject
) -> None:
    name, content = data.draw(mutated(seeds))
    path = write(scratch, f"mutated{EXTENSIONS[name]}", content)
    read_or_refuse(path)
    read_or_refuse(path, name)


@FUZZ
@given(text=st.text(max_size=2000), format_name=st.sampled_from(FORMATS))
def test_random_text_in_each_format_imports_or_fails_naming_the_file(
    scratch: Path, text: str, format_name: str
) -> None:
    read_or_refuse(write(scratch, "text" + EXTENSIONS[format_name], text.encode()), format_name)


@pytest.mark.parametrize("format_name", FORMATS)
def test_every_truncation_of_a_seed_imports_or_fails_naming_the_file(
    scratch: Path, seeds: dict[str, bytes], format_name: str
) -> None:
    seed = seeds[format_name]
    for end in range(0, len(seed), max(len(seed) // 60, 1)):
        read_or_refuse(write(scratch, "cut" + EXTENSIONS[format_name], seed[:end]))


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("format_name", FORMATS)
def test_every_encoding_imports_or_fails_naming_the_file(
    scratch: Path, seeds: dict[str, bytes], format_name: str, encoding: str
) -> None:
    text = seeds[format_name].decode("utf-8")
    data = text.encode(encoding, errors="replace")
    parsed = read_or_refuse(write(scratch, "encoded" + EXTENSIONS[format_name], data))
    if encoding in ("utf-8", "utf-8-sig", "utf-16", "utf-32"):  # unambiguous: must import
        assert parsed is not None
        plain = write(scratch, "plain" + EXTENSIONS[format_name], seeds[format_name])
        assert len(parsed.records) == len(read_file(plain).records)


def test_text_with_nul_bytes_is_refused_as_binary(scratch: Path, seeds: dict[str, bytes]) -> None:
    data = seeds["pasted"].replace(b"\n", b"\n\x00", 3)
    with pytest.raises(ImportFailed, match="binary"):
        read_file(write(scratch, "nul.txt", data))


# -- sizes -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [b"x" * 20_000_000, b"\xe2\x80\x8b" * 5_000_000, b"{" * 10_000_000, b"TY  - " * 2_000_000],
    ids=["ascii", "zero-width-spaces", "braces", "ris-tags"],
)
def test_a_huge_single_line_fails_quickly(scratch: Path, line: bytes) -> None:
    path = write(scratch, "line.txt", line)
    assert read_or_refuse(path) is None


def test_a_file_over_the_size_limit_is_refused_without_reading_it(scratch: Path) -> None:
    path = scratch / "sparse.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk space used
    tracemalloc.start()
    try:
        with pytest.raises(ImportFailed, match="too large"):
            within(5, lambda: read_file(path))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000


@pytest.fixture(scope="module")
def fifty_megabytes(scratch: Path) -> dict[str, Path]:
    """Three 50 MB files, written once: binary noise, one endless line, a header and noise."""
    size = 50 * 2**20
    noise = (bytes(range(256)) * 17 + b"\x00\x01")[:4099]
    files = {
        "binary": noise * (size // len(noise)),
        "one-line": b"A" * size,
        "pasted-then-binary": b"Subscribe\nTitle\nAbstract\n" + noise * (size // len(noise)),
    }
    return {name: write(scratch, f"{name}.txt", data) for name, data in files.items()}


@pytest.mark.slow
@pytest.mark.parametrize("name", ["binary", "one-line", "pasted-then-binary"])
def test_a_fifty_megabyte_file_fails_in_bounded_time_and_memory(
    fifty_megabytes: dict[str, Path], name: str
) -> None:
    path = fifty_megabytes[name]
    tracemalloc.start()
    try:
        assert read_or_refuse(path) is None
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * path.stat().st_size, f"{peak / 2**20:.0f} MiB for a 50 MiB file"


# -- files that are not files, or stop being files ------------------------------------------------


def test_a_folder_is_refused(scratch: Path) -> None:
    folder = scratch / "a folder.bib"
    folder.mkdir(exist_ok=True)
    with pytest.raises(ImportFailed, match="folder"):
        read_file(folder)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_without_a_writer_is_refused_instead_of_waiting_forever(scratch: Path) -> None:
    fifo = scratch / "pipe.txt"
    if not fifo.exists():
        os.mkfifo(fifo)
    try:
        with pytest.raises(ImportFailed, match="not a regular file"):
            within(5, lambda: read_file(fifo))
    finally:
        # Unblock a reader stuck on the pipe if the protection was removed.
        try:
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_device_is_refused_without_reading(scratch: Path) -> None:
    link = scratch / "endless.txt"
    if not link.is_symlink():
        link.symlink_to("/dev/zero")
    with pytest.raises(ImportFailed, match="not a regular file"):
        within(5, lambda: read_file(link))


def test_a_file_deleted_between_the_check_and_the_read_is_refused(
    scratch: Path, monkeypatch: pytest.MonkeyPatch, seeds: dict[str, bytes]
) -> None:
    path = write(scratch, "vanishing.txt", seeds["pasted"])
    real_open = os.open

    def open_after_deletion(name: Any, flags: int, *args: Any) -> int:
        if Path(name) == path:
            path.unlink()
        return real_open(name, flags, *args)

    monkeypatch.setattr(importing.os, "open", open_after_deletion)
    with pytest.raises(ImportFailed, match="no such file") as raised:
        read_file(path)
    assert str(path) in str(raised.value)


def test_a_read_error_midway_is_refused_naming_the_file(
    scratch: Path, monkeypatch: pytest.MonkeyPatch, seeds: dict[str, bytes]
) -> None:
    path = write(scratch, "failing.txt", seeds["pasted"])
    real_fdopen = os.fdopen

    class FailingReader(io.BufferedReader):
        def read(self, size: int | None = -1, /) -> bytes:
            raise OSError(errno.EIO, "Input/output error")

    def fdopen(descriptor: int, *args: Any, **kwargs: Any) -> io.BufferedReader:
        handle = real_fdopen(descriptor, *args, **kwargs)
        return FailingReader(handle.detach())  # type: ignore[arg-type]

    monkeypatch.setattr(importing.os, "fdopen", fdopen)
    with pytest.raises(ImportFailed, match="Input/output error") as raised:
        read_file(path)
    assert str(path) in str(raised.value)


# -- the library is untouched by a failure -------------------------------------------------------


def import_into_copy(
    template: Path, folder: Path, source: Path
) -> tuple[str, str, int, str | None]:
    """Import source into a fresh copy of template; return fingerprints, count and error."""
    library_path = folder / "library.sqlite"
    shutil.copyfile(template, library_path)
    before = fingerprint(library_path)
    with Library.open(library_path) as library:
        summary = within(LIMIT_SECONDS, lambda: library.import_files([source]))[0]
        count = library.count()
    return before, fingerprint(library_path), count, summary.error


LIBRARY_FUZZ = settings(FUZZ, max_examples=25)


@LIBRARY_FUZZ
@given(data=st.data())
def test_a_failed_import_leaves_the_library_file_byte_for_byte_unchanged(
    scratch: Path, small_template: Path, seeds: dict[str, bytes], data: st.DataObject
) -> None:
    name, content = data.draw(mutated(seeds))
    source = write(scratch, f"input{EXTENSIONS[name]}", content)
    before, after, count, error = import_into_copy(small_template, scratch, source)
    if error is not None:
        assert str(source) in error
        assert after == before and count == 20
    else:
        assert count >= 20


@pytest.mark.parametrize(
    "make",
    [
        lambda folder: folder / "missing.bib",
        lambda folder: folder,
        lambda folder: write(folder, "binary.txt", bytes(range(256)) * 40),
        lambda folder: write(folder, "empty.txt", b""),
        lambda folder: write(folder, "big-title.txt", b"Subscribe" + b"x" * 10_000 + b"\nabs\n"),
        lambda folder: write(folder, "broken.bib", b"@article{key,\n title = {Open brace\n"),
    ],
    ids=["missing", "folder", "binary", "empty", "huge-title", "broken-bibtex"],
)
def test_each_kind_of_bad_file_leaves_the_library_unchanged(
    tmp_path: Path, small_template: Path, make: Callable[[Path], Path]
) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    source = make(inputs)
    before, after, count, error = import_into_copy(small_template, tmp_path, source)
    assert error is not None and str(source) in error
    assert after == before and count == 20


def test_known_formats_are_all_fuzzed() -> None:
    assert set(FORMATS) == {importer.name for importer in registry.all()}
