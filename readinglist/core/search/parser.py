"""Parse query text into a query tree (see ``syntax``), with a readable hint on bad input.

Grammar: terms separated by spaces are ANDed; ``OR`` (upper case) between terms,
``-`` before a term negates it, parentheses group. Terms: free words, ``"phrases"``,
and filters: ``tag:NAME``, ``status:NAME``, ``rating:N`` / ``>=N`` / ``<=N`` / ``>N`` / ``<N``,
``in:COLLECTION``, ``is:unrated|rated|untagged|tagged|duplicate``, ``has:note|abstract``,
``year:N`` (with the same operators as rating). Values with spaces go in quotes
(``tag:"deep learning"``).
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from readinglist.core.errors import InvalidQuery
from readinglist.core.models import STATUS_NAMES
from readinglist.core.search.lexer import Token, tokenize
from readinglist.core.search.syntax import And, Filter, Node, Not, Or, Phrase, Word

IS_VALUES = ("unrated", "rated", "untagged", "tagged", "duplicate")
HAS_VALUES = ("note", "abstract")
FIELDS = ("tag", "status", "rating", "in", "is", "has", "year")
_COMPARISON = re.compile(r"^(>=|<=|>|<|=)?\s*(\d+)$")
_WORD_CHARS = re.compile(r"[^\W_]", re.UNICODE)


def parse_query(query: str) -> Node:
    """Parse query; an empty query matches every paper."""
    return _Parser(tokenize(query)).parse()


# Deeper nesting of parentheses and '-' is refused rather than recursed into.
MAX_DEPTH = 50
YEAR_RANGE = range(0, 10_000)


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.index = 0
        self.depth = 0

    def peek(self) -> Token | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def parse(self) -> Node:
        if not self.tokens:
            return And(())
        node = self.parse_or()
        token = self.peek()
        if token is not None:
            raise InvalidQuery("unmatched ')': remove it or add a '(' before it")
        return node

    def parse_or(self) -> Node:
        terms = [self.parse_and()]
        while (token := self.peek()) is not None and token.kind == "or":
            self.take()
            following = self.peek()
            if following is None or following.kind in ("close", "or"):
                raise InvalidQuery("OR needs a term on each side, as in: tag:nlp OR tag:vision")
            terms.append(self.parse_and())
        return terms[0] if len(terms) == 1 else Or(tuple(terms))

    def parse_and(self) -> Node:
        terms: list[Node] = []
        while (token := self.peek()) is not None and token.kind not in ("close", "or"):
            term = self.parse_unary()
            if term is not None:
                terms.append(term)
        if not terms:
            token = self.peek()
            if token is not None and token.kind == "or":
                raise InvalidQuery("OR needs a term on each side, as in: tag:nlp OR tag:vision")
            if token is not None and token.kind == "close" and self.index == 0:
                raise InvalidQuery("unmatched ')': remove it or add a '(' before it")
            if self.index > 0 and self.tokens[self.index - 1].kind == "open":
                if token is None:
                    raise InvalidQuery("unclosed '(': add the closing ')'")
                raise InvalidQuery("empty parentheses: put a term inside, or remove them")
            return And(())
        return terms[0] if len(terms) == 1 else And(tuple(terms))

    def parse_unary(self) -> Node | None:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise InvalidQuery("the query nests too deeply: use fewer parentheses")
            return self._unary()
        finally:
            self.depth -= 1

    def _unary(self) -> Node | None:
        token = self.take()
        if token.kind == "not":
            following = self.peek()
            if following is None or following.kind in ("close", "or"):
                raise InvalidQuery(
                    "'-' must stand right before the term it excludes, as in -tag:read"
                )
            term = self.parse_unary()
            return None if term is None else Not(term)
        if token.kind == "open":
            node = self.parse_or()
            closing = self.peek()
            if closing is None or closing.kind != "close":
                raise InvalidQuery("unclosed '(': add the closing ')'")
            self.take()
            return node
        if token.kind == "phrase":
            text = " ".join(token.text.split())
            return Phrase(text) if text else None
        if token.kind == "field":
            return _field(token)
        return _word(token.text)


def _word(text: str) -> Node | None:
    if text.strip("*") == "":
        raise InvalidQuery("'*' alone matches nothing: type the start of a word instead")
    cleaned = text.replace("*", "")
    if not _WORD_CHARS.search(cleaned):
        return None  # punctuation only, such as "&" or "+": nothing to look for
    return Word(cleaned)


def _field(token: Token) -> Node | None:
    name, value = token.name.lower(), token.text.strip()
    if name not in FIELDS and not value:
        return _word(f"{token.name}:")
    if name not in FIELDS:
        guess = process.extractOne(name, FIELDS, scorer=fuzz.ratio, score_cutoff=70)
        if guess is not None:
            raise InvalidQuery(f"unknown filter '{name}:': did you mean {guess[0]}:?")
        # Not meant as a filter ("arXiv:2401.0001", "http://..."): search for the text itself.
        return _word(f"{token.name} {value}")
    if not value:
        raise InvalidQuery(f"'{name}:' needs a value, as in {_EXAMPLES[name]}")
    if name == "status":
        status = value.lower()
        if status not in STATUS_NAMES:
            raise InvalidQuery(f"unknown status '{value}': use {', '.join(STATUS_NAMES)}")
        return Filter("status", "=", status)
    if name in ("rating", "year"):
        return _comparison(name, value)
    if name == "is":
        return _choice("is", value, IS_VALUES)
    if name == "has":
        return _choice("has", value, HAS_VALUES)
    return Filter(name, "=", value)


def _comparison(name: str, value: str) -> Filter:
    match = _COMPARISON.match(value)
    if match is None:
        raise InvalidQuery(f"'{name}:{value}' is not a number: try {_EXAMPLES[name]}")
    op, number = match.group(1) or "=", int(match.group(2))
    if name == "rating" and not 0 <= number <= 5:
        raise InvalidQuery(f"ratings go from 0 to 5, so '{name}:{value}' matches nothing")
    if name == "year" and number not in YEAR_RANGE:
        raise InvalidQuery(f"'{name}:{value}' is not a year: try {_EXAMPLES[name]}")
    return Filter(name, op, str(number))


def _choice(name: str, value: str, allowed: tuple[str, ...]) -> Filter:
    if value.lower() not in allowed:
        raise InvalidQuery(f"unknown '{name}:{value}': use {name}:" + f", {name}:".join(allowed))
    return Filter(name, "=", value.lower())


_EXAMPLES = {
    "tag": "tag:nlp",
    "status": "status:queued",
    "rating": "rating:>=4",
    "in": 'in:"My list"',
    "is": "is:unrated",
    "has": "has:note",
    "year": "year:>=2020",
}
