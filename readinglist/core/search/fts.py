"""Split query words into the tokens the full-text indexes hold; quote them for FTS5.

A free word matches a title holding it as a prefix or as a near spelling, or any
paper holding it as a whole word in title, abstract or note (see ``core.backends``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from readinglist.core.search.syntax import Word

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


def word_groups(word: Word, expand: Expander | None) -> list[list[str]]:
    """Return, for each token of word, the token and the title words it may be a typo of."""
    return [[token, *(expand(token) if expand else [])] for token in tokens(word.text)]
