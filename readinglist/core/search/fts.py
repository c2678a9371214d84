"""Build FTS5 MATCH strings from words and phrases; every token is quoted, never raw."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from readinglist.core.search.syntax import Phrase, TextTerm, Word

# The unicode61 tokenizer's idea of a token: runs of letters and digits.
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)

Expander = Callable[[str], list[str]]
"""Return title words spelled like the given (folded) word: the typo-tolerant candidates."""


def fold(text: str) -> str:
    """Lower-case and strip diacritics, as the FTS5 tokenizer does with remove_diacritics."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokens(text: str) -> list[str]:
    return [fold(token) for token in _TOKEN.findall(text)]


def quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def word_match(word: Word, expand: Expander | None) -> str | None:
    """Match each token of the word as a prefix anywhere, or a near spelling in the title."""
    parts = []
    for token in tokens(word.text):
        alternatives = [f"{quote(token)}*"]
        near = expand(token) if expand else []
        if near:
            alternatives.append("title : (" + " OR ".join(quote(n) for n in near) + ")")
        parts.append(
            alternatives[0] if len(alternatives) == 1 else f"({' OR '.join(alternatives)})"
        )
    return " AND ".join(parts) if parts else None


def phrase_match(phrase: Phrase) -> str | None:
    words = tokens(phrase.text)
    return quote(" ".join(words)) if words else None


def term_match(term: TextTerm, expand: Expander | None) -> str | None:
    return word_match(term, expand) if isinstance(term, Word) else phrase_match(term)
