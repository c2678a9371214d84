"""Every change to the library is a command: apply, revert, a label, and a state to journal.

Commands capture what they overwrite the first time they are applied, so reverting restores
it exactly; their state is plain JSON so the history survives a restart (``journal``).
"""

from __future__ import annotations

from readinglist.core.commands.base import Command, CompositeCommand, command_from_state
from readinglist.core.commands.collections import (
    DeleteCollection,
    DeleteSavedSearch,
    RenameCollection,
    SaveSearch,
)
from readinglist.core.commands.importing import ImportPapers
from readinglist.core.commands.papers import (
    AddTags,
    DeletePapers,
    MergePapers,
    RemoveTags,
    ReorderQueue,
    SetNote,
    SetRating,
    SetStatus,
)
from readinglist.core.commands.settings import SetSetting
from readinglist.core.commands.tags import DeleteTag, MergeTags, RecolorTag, RenameTag

__all__ = [
    "AddTags",
    "Command",
    "CompositeCommand",
    "DeleteCollection",
    "DeletePapers",
    "DeleteSavedSearch",
    "DeleteTag",
    "ImportPapers",
    "MergePapers",
    "MergeTags",
    "RecolorTag",
    "RemoveTags",
    "RenameCollection",
    "RenameTag",
    "ReorderQueue",
    "SaveSearch",
    "SetNote",
    "SetRating",
    "SetSetting",
    "SetStatus",
    "command_from_state",
]

# Commands defined beside the features they serve register their kinds on import, so the
# journal can decode them; importing them here keeps every kind known to the core.
from readinglist.core.discovery import commands as _discovery_commands  # noqa: F401
