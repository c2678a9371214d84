"""How ratings, statuses and notes are spelled in bibliography files, both ways.

JabRef's fields come first so JabRef users keep them: rating 1-5 is ``ranking =
{rank1}``..``{rank5}``; status ``read`` is ``readstatus = {read}`` and ``reading`` is
``{skimmed}``. Our own fields carry only what JabRef cannot say: ``readinglist-rating
= {0}`` (JabRef has no rank 0) and ``readinglist-status`` for ``inbox``, ``queued`` and
``skipped``. On import JabRef's fields win when both are present, so a rank or read mark
set later in JabRef is kept. RIS and CSL-JSON have no such fields and use ours alone.
"""

from __future__ import annotations

import re

STATUSES = ("inbox", "queued", "reading", "read", "skipped")
STATUS_FIELD = "readinglist-status"
RATING_FIELD = "readinglist-rating"
RANKING_FIELD = "ranking"
READSTATUS_FIELD = "readstatus"
_READSTATUS = {"read": "read", "reading": "skimmed"}
_STATUS_OF_READSTATUS = {"read": "read", "skimmed": "reading"}
_RANK = re.compile(r"\s*rank\s*([1-5])\s*", re.IGNORECASE)


def jabref_ranking(rating: int | None) -> str | None:
    return f"rank{rating}" if rating is not None and 1 <= rating <= 5 else None


def own_rating(rating: int | None) -> str | None:
    """Return our rating field's value, needed only where JabRef has no rank (0)."""
    return str(rating) if rating == 0 else None


def jabref_readstatus(status: str) -> str | None:
    return _READSTATUS.get(status)


def own_status(status: str) -> str | None:
    """Return our status field's value, needed only where JabRef has no readstatus."""
    return status if status not in _READSTATUS and status in STATUSES else None


def parse_rating(ranking: str | None, own: str | None) -> int | None:
    """Read a rating from JabRef's ranking, else ours; None when neither makes sense."""
    if ranking and (match := _RANK.fullmatch(ranking)):
        return int(match.group(1))
    if own and own.strip().isdigit() and 0 <= int(own) <= 5:
        return int(own)
    return None


def parse_status(readstatus: str | None, own: str | None) -> str | None:
    """Read a status from JabRef's readstatus, else ours; None when neither is known."""
    if readstatus and (status := _STATUS_OF_READSTATUS.get(readstatus.strip().lower())):
        return status
    if own and own.strip().lower() in STATUSES:
        return own.strip().lower()
    return None
