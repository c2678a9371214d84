"""Importers turn a file's text into PaperRecords; they never touch the database.

Each importer module defines one ``Importer`` and registers it in ``registry``; the
import pipeline (``readinglist.core.importing``) picks one by name, extension or content.
"""

from __future__ import annotations

from readinglist.core.importers.base import Importer, ParsedFile, registry

__all__ = ["Importer", "ParsedFile", "registry"]
