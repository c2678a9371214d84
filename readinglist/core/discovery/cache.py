"""Keep the text index on disk between runs, in the user cache folder.

Where: ``<user cache dir>/readinglist/discovery/<digest of the library's path>.npz``
(``$READINGLIST_CACHE_DIR`` replaces the cache folder). The index is derived data, large
(tens of megabytes at 100,000 papers) and rebuilt when missing, so it belongs in the
cache rather than beside the library, where it would be backed up and synced.

Format: one uncompressed ``.npz`` holding the CSR arrays of the matrix (the arrays
``scipy.sparse.save_npz`` would write), the per-paper ids and checksums, the idf weights
and a JSON header (format version, vocabulary, fit counters) as bytes. It is read with
``allow_pickle=False``, so a tampered cache can fail to load but never run code. It is
written to a temporary file and renamed, so a reader never sees half a file; a cache that
is missing, unreadable or from another format version is ignored and rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from platformdirs import user_cache_path

from readinglist.core.discovery.index import TextIndex

if TYPE_CHECKING:
    from typing import Any

CACHE_ENV = "READINGLIST_CACHE_DIR"
FORMAT_VERSION = 1


def cache_path(library: Path | str) -> Path:
    """Return where the index of a library (its file, or its server URL) is kept."""
    named = os.environ.get(CACHE_ENV)
    root = Path(named).expanduser() if named else user_cache_path("readinglist", appauthor=False)
    place = str(library.resolve()) if isinstance(library, Path) else library
    key = hashlib.sha256(place.encode()).hexdigest()[:20]
    return root / "discovery" / f"{key}.npz"


def save(index: TextIndex, path: Path) -> bool:
    """Write index to path atomically; return False when the folder is not writable."""
    import numpy as np

    header = {
        "format": FORMAT_VERSION,
        "settings": index.version,
        "terms": index.terms,
        "fitted_rows": index.fitted_rows,
        "churn": index.churn,
        "shape": list(index.matrix.shape),
    }
    matrix = index.matrix
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False)
    except OSError:
        return False
    temporary = Path(handle.name)
    try:
        with handle:
            np.savez(
                handle,
                header=np.frombuffer(json.dumps(header).encode(), dtype=np.uint8),
                data=matrix.data,
                indices=matrix.indices,
                indptr=matrix.indptr,
                ids=index.ids,
                stamps=index.stamps,
                digests=index.digests,
                idf=index.idf,
            )
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)
        return False
    return True


def load(path: Path) -> TextIndex | None:
    """Read the index at path; return None when there is none usable."""
    import numpy as np
    from scipy import sparse

    try:
        with np.load(path, allow_pickle=False) as arrays:
            header: dict[str, Any] = json.loads(arrays["header"].tobytes())
            if header.get("format") != FORMAT_VERSION:
                return None
            matrix = sparse.csr_matrix(
                (arrays["data"], arrays["indices"], arrays["indptr"]), shape=tuple(header["shape"])
            )
            index = TextIndex(
                ids=arrays["ids"],
                matrix=matrix,
                terms=list(header["terms"]),
                idf=arrays["idf"],
                stamps=arrays["stamps"],
                digests=arrays["digests"],
                fitted_rows=int(header["fitted_rows"]),
                churn=int(header["churn"]),
                version=int(header["settings"]),
            )
    except (OSError, EOFError, ValueError, KeyError, TypeError, zipfile.BadZipFile):
        return None
    consistent = len(index) == matrix.shape[0] == len(index.stamps) == len(
        index.digests
    ) and matrix.shape[1] == len(index.terms) == len(index.idf)
    return index if consistent else None
