"""Split query text into tokens: words, "phrases", field:value, -, OR, parentheses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from readinglist.core.errors import InvalidQuery

TokenKind = Literal["word", "phrase", "field", "not", "or", "open", "close"]
_BREAK = set(' \t\n\r()"')


@dataclass(frozen=True, slots=True)
class Token:
    kind: TokenKind
    text: str = ""
    name: str = ""
    position: int = 0


def tokenize(query: str) -> list[Token]:
    """Return the tokens of query; raise InvalidQuery on an unclosed quote."""
    tokens: list[Token] = []
    index = 0
    length = len(query)
    while index < length:
        char = query[index]
        if char.isspace():
            index += 1
        elif char in "()":
            tokens.append(Token("open" if char == "(" else "close", char, position=index))
            index += 1
        elif char == "-" and index + 1 < length and not query[index + 1].isspace():
            tokens.append(Token("not", position=index))
            index += 1
        elif char == '"':
            text, index = _quoted(query, index)
            tokens.append(Token("phrase", text, position=index))
        else:
            start = index
            while index < length and query[index] not in _BREAK:
                index += 1
            run = query[start:index]
            name, colon, value = run.partition(":")
            if colon and name.isalpha() and not value and index < length and query[index] == '"':
                value, index = _quoted(query, index)
                tokens.append(Token("field", value, name=name, position=start))
            elif colon and name.isalpha():
                tokens.append(Token("field", value, name=name, position=start))
            elif run == "OR":
                tokens.append(Token("or", position=start))
            elif run != "AND":
                tokens.append(Token("word", run, position=start))
    return tokens


def _quoted(query: str, start: int) -> tuple[str, int]:
    """Read a quoted value starting at start; a doubled quote inside stands for one quote."""
    parts = []
    index = start + 1
    while True:
        end = query.find('"', index)
        if end == -1:
            raise InvalidQuery('unclosed quote: add the closing " to search for an exact phrase')
        parts.append(query[index:end])
        if query.startswith('""', end):
            parts.append('"')
            index = end + 2
            continue
        return "".join(parts), end + 1


def quote_value(value: str) -> str:
    """Quote a tag or collection name for a query (tag:NAME), doubling inner quotes."""
    return '"' + value.replace('"', '""') + '"'
