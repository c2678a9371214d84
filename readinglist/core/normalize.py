"""Title normalisation used to recognise the same paper across lists."""

from __future__ import annotations

import re
import unicodedata

_SEPARATORS = re.compile(r"[\W_]+", re.UNICODE)


def title_key(title: str) -> str:
    """Return the key under which two spellings of one title compare equal.

    Case, whitespace, punctuation and Unicode composition forms are ignored, so
    "Self-Attention, Revisited" and "self attention  revisited" share a key.
    """
    text = unicodedata.normalize("NFKC", title).casefold()
    return _SEPARATORS.sub(" ", text).strip()


def clean_text(text: str) -> str:
    """Collapse runs of whitespace and strip control characters from imported text."""
    text = unicodedata.normalize("NFC", text)
    if not text.isprintable():  # the per-character pass is slow; most lines need none
        text = "".join(ch if ch.isprintable() or ch in "\t\n" else " " for ch in text)
    return " ".join(text.split())
