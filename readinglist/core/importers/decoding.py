"""Turn a file's bytes into text, saying which encoding was assumed."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from readinglist.core.errors import ImportFailed

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Share of control characters above which a file is treated as binary, not text.
BINARY_CONTROL_SHARE = 0.05


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    encoding: str
    assumed: bool
    """True when the encoding was guessed rather than certain (no BOM, not valid UTF-8)."""


def decode(data: bytes, source: str) -> DecodedText:
    """Decode data as text: BOM, then UTF-8, then the most likely legacy encoding."""
    if not data.strip():
        raise ImportFailed(source, "the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(_decode_or_fail(data, encoding, source), encoding, False, source)
    if b"\x00" in data:
        raise ImportFailed(source, "this is a binary file, not a text list of papers")
    try:
        return _checked(data.decode("utf-8"), "utf-8", False, source)
    except UnicodeDecodeError:
        pass
    encoding = _guess_encoding(data)
    return _checked(_decode_or_fail(data, encoding, source), encoding, True, source)


def _guess_encoding(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None:
        return "cp1252"
    return str(best.encoding)


def _decode_or_fail(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError as error:
            raise ImportFailed(source, "the file's text encoding cannot be recognised") from error


def _checked(text: str, encoding: str, assumed: bool, source: str) -> DecodedText:
    sample = text[:100_000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    if "\x00" in sample or controls > BINARY_CONTROL_SHARE * max(len(sample), 1):
        raise ImportFailed(source, "this is a binary file, not a text list of papers")
    return DecodedText(text, encoding.replace("_", "-").lower(), assumed)
