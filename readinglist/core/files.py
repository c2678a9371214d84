"""Write files the user asked for (exports) so that a crash never leaves half a file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from readinglist.core.errors import InvalidValue


def write_atomically(path: Path, text: str) -> None:
    """Write text to path so that a crash leaves either the old file or the new one.

    The text goes to a temporary file in the same folder, is flushed to disk and then
    renamed over path in one step. Raise InvalidValue naming the path when it cannot be
    written (missing folder, no permission, full disk); no temporary file is left behind.
    A path that is not a regular file (``/dev/stdout``, a named pipe) is written in place:
    renaming over it would replace the device with a file.
    """
    if path.exists() and not path.is_file():
        try:
            with path.open("w", encoding="utf-8", newline="") as stream:
                stream.write(text)
        except OSError as error:
            raise InvalidValue(f"{path}: cannot write ({error.strerror or error})") from None
        return
    folder = path.parent if str(path.parent) else Path(".")
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as error:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        raise InvalidValue(f"{path}: cannot write ({error.strerror or error})") from None
