"""The query tree: what a parsed query means, independent of SQL."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Word:
    """A free word: titles match it fuzzily, abstracts and notes by full text (as a prefix)."""

    text: str


@dataclass(frozen=True, slots=True)
class Phrase:
    """Quoted text that must occur as written (case aside) in title, abstract or note."""

    text: str


@dataclass(frozen=True, slots=True)
class Filter:
    """A field condition such as ``tag:ml``, ``rating:>=4`` or ``is:unrated``."""

    field: str
    op: str
    value: str


@dataclass(frozen=True, slots=True)
class Not:
    term: Node


@dataclass(frozen=True, slots=True)
class And:
    terms: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    terms: tuple[Node, ...]


Node = Word | Phrase | Filter | Not | And | Or
TextTerm = Word | Phrase


def positive_text(node: Node) -> list[TextTerm]:
    """Return the words and phrases a result should be ranked by (those not negated)."""
    if isinstance(node, Word | Phrase):
        return [node]
    if isinstance(node, And | Or):
        return [term for child in node.terms for term in positive_text(child)]
    return []
