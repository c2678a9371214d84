"""Discovery for one library: related papers and recommendations over a fresh text index.

A ``Discovery`` keeps the index in memory and on disk (``cache``). Each question first
compares a cheap library stamp (paper count, id sum, newest ``modified_at``) with the one
the index was last synced at; only when it moved does ``index.sync`` look at each paper.
So a window asking "related to this paper" on every selection pays a few milliseconds,
a rating costs a stamp check (and a retrained profile), and an import appends rows.

It is safe to call from worker threads: one lock serialises index updates.
"""

from __future__ import annotations

import hashlib
import threading
from typing import TYPE_CHECKING

from readinglist.core.discovery import cache, corpus, labels, profile
from readinglist.core.discovery.index import TextIndex, sync
from readinglist.core.discovery.recommend import Recommendations, rank
from readinglist.core.discovery.related import RelatedPaper, related_rows
from readinglist.core.errors import UnknownPaper

if TYPE_CHECKING:
    from pathlib import Path

    from readinglist.core.library import Library

NO_POSITIVES = (
    "nothing to learn from yet: rate papers 4 or 5, or queue or read some, "
    "and similar Inbox papers will show up here"
)


class Discovery:
    """Answer discovery questions about one library, keeping its text index fresh."""

    def __init__(self, library: Library, cache_file: Path | None = None) -> None:
        self.library = library
        if cache_file is None:
            cache_file = cache.cache_path(library.path or library.location)
        self.cache_file = cache_file
        self._lock = threading.RLock()
        self._index: TextIndex | None = None
        self._loaded = False
        self._stamp: object = None
        self._profile_key: bytes | None = None
        self._profile: profile.Profile | None = None
        self.rebuilds = 0
        """How many times the index was built or patched (for tests and benchmarks)."""

    def index(self) -> TextIndex:
        """Return the text index, synced with the library first if it moved."""
        with self._lock:
            with self.library.reading() as session:
                stamp = corpus.library_stamp(session)
                if self._index is not None and stamp == self._stamp:
                    return self._index
                if not self._loaded:
                    self._index = cache.load(self.cache_file)
                    self._loaded = True
                index, changed = sync(session, self._index)
            self._index, self._stamp = index, stamp
            if changed:
                self.rebuilds += 1
                cache.save(index, self.cache_file)
            return index

    def related(self, paper_id: int, k: int = 10) -> list[RelatedPaper]:
        """Return the k papers whose title and abstract are most like paper_id's."""
        index = self.index()
        if index.row_of(paper_id) is None:
            raise UnknownPaper(f"no paper with id {paper_id}")
        return related_rows(index, paper_id, k)

    def recommend(self, k: int = 10, tag: str | None = None) -> Recommendations:
        """Rank unrated Inbox papers by the reading profile, or by tag when one is given."""
        index = self.index()
        with self.library.reading() as session:
            found = labels.tag_labels(session, tag) if tag else labels.reading_labels(session)
        if not len(found.positives):
            reason = f"no papers are tagged {tag!r} yet" if tag else NO_POSITIVES
            return Recommendations(reason=reason, candidates=len(found.candidates))
        trained = self._trained(index, found)
        if trained is None:
            return Recommendations(
                reason="no other papers to contrast the liked ones with",
                positives=len(found.positives),
            )
        return rank(index, found, trained, k)

    def _trained(self, index: TextIndex, found: labels.Labels) -> profile.Profile | None:
        """Return the profile for these labels, reusing the last one when nothing changed."""
        key = hashlib.blake2b(digest_size=16)
        key.update(str(self.rebuilds).encode())
        for ids in (found.positives, found.negatives, found.unlabelled):
            key.update(ids.tobytes())
            key.update(b"|")
        with self._lock:
            if key.digest() != self._profile_key:
                self._profile = profile.train(index, found)
                self._profile_key = key.digest()
            return self._profile


def related(library: Library, paper_id: int, k: int = 10) -> list[RelatedPaper]:
    """Return the k papers most like paper_id as (paper_id, score, shared_terms)."""
    return Discovery(library).related(paper_id, k)


def recommend(library: Library, k: int = 10, tag: str | None = None) -> Recommendations:
    """Rank unrated Inbox papers for the reading profile or a tag."""
    return Discovery(library).recommend(k, tag)
