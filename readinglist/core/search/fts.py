"""Build FTS5 MATCH strings from words and phrases; every token is quoted, never raw.

Two indexes serve a free word: ``titles_fts`` (titles, with prefix indexes) matches the
word as a prefix or as a near spelling; ``papers_fts`` (title, abstract, note) matches it
as a whole word.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from readinglist.core.search.syntax import Phrase, Word

# The unicode61 tokenizer's idea of a token: runs of letters and digits.
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)

Expander = Callable[[str], list[str]]
"""Return title words spelled like the given (folded) word: the typo-tolerant candidates."""


@dataclass(frozen=True, slots=True)
class WordMatch:
    """MATCH strings for one free word: in the title index and in the full-text index."""

    titles: str
    text: str


def fold(text: str) -> str:
    """Lower-case and strip diacritics, as the FTS5 tokenizer does with remove_diacritics."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokens(text: str) -> list[str]:
    return [fold(token) for token in _TOKEN.findall(text)]


def quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def word_match(word: Word, expand: Expander | None) -> WordMatch | None:
    """Match every token of the word: in titles as a prefix or near spelling, else as a word."""
    title_parts = []
    text_parts = []
    for token in tokens(word.text):
        alternatives = [f"{quote(token)}*", *(quote(n) for n in (expand(token) if expand else []))]
        title_parts.append(
            alternatives[0] if len(alternatives) == 1 else f"({' OR '.join(alternatives)})"
        )
        text_parts.append(quote(token))
    if not title_parts:
        return None
    return WordMatch(" AND ".join(title_parts), " AND ".join(text_parts))


def phrase_match(phrase: Phrase) -> str | None:
    words = tokens(phrase.text)
    return quote(" ".join(words)) if words else None
