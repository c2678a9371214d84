"""Title words of the library, for finding what a misspelt query word was meant to be."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rapidfuzz import process
from rapidfuzz.distance import OSA
from sqlalchemy import text

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# Words shorter than this are matched as typed; longer ones tolerate one edit (a swap of
# two neighbouring letters counts as one), and words of LONG_WORD letters or more two.
MIN_FUZZY_LENGTH = 4
LONG_WORD = 8
MAX_ALTERNATIVES = 8


class Vocabulary:
    """The distinct words of every title, as the FTS5 title index folded them."""

    def __init__(self, terms: list[str]) -> None:
        self.terms = terms

    @classmethod
    def load(cls, session: Session) -> Vocabulary:
        return cls(list(session.scalars(text("SELECT term FROM titles_fts_vocab"))))

    @staticmethod
    def may_expand(token: str) -> bool:
        """Whether token is long enough to have near spellings."""
        return len(token) >= MIN_FUZZY_LENGTH

    def expand(self, token: str) -> list[str]:
        """Return title words within one or two edits of token (excluding its own prefixes)."""
        if not self.may_expand(token) or not self.terms:
            return []
        allowed = 2 if len(token) >= LONG_WORD else 1
        matches = process.extract(
            token, self.terms, scorer=OSA.distance, score_cutoff=allowed, limit=MAX_ALTERNATIVES
        )
        return [term for term, _distance, _index in matches if not term.startswith(token)]
