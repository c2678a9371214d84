"""Title words of the library, for finding what a misspelt query word was meant to be."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from sqlalchemy import text

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# Words shorter than this are matched as typed; longer ones tolerate one edit, and words
# of LONG_WORD letters or more tolerate two.
MIN_FUZZY_LENGTH = 4
LONG_WORD = 8
MAX_ALTERNATIVES = 8


class Vocabulary:
    """The distinct words of every title, as the FTS5 index folded them."""

    def __init__(self, terms: list[str]) -> None:
        self.terms = terms
        self._known = set(terms)

    @classmethod
    def load(cls, session: Session) -> Vocabulary:
        rows = session.scalars(text("SELECT term FROM papers_fts_vocab WHERE col = 'title'"))
        return cls(list(rows))

    def expand(self, token: str) -> list[str]:
        """Return title words within one or two edits of token (excluding token itself)."""
        if len(token) < MIN_FUZZY_LENGTH or not self.terms:
            return []
        allowed = 2 if len(token) >= LONG_WORD else 1
        matches = process.extract(
            token,
            self.terms,
            scorer=Levenshtein.distance,
            score_cutoff=allowed,
            limit=MAX_ALTERNATIVES,
        )
        return [
            term
            for term, _distance, _index in matches
            if term != token and not term.startswith(token)
        ]
