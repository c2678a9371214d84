"""The one table of keyboard actions: id, keys, menu text, description, context, handler.

Menus, the toolbar, the command palette, the cheat sheet and Preferences all read this
table; nothing else in the GUI calls ``setShortcut``. Keys are portable
``QKeySequence`` strings ("Ctrl+Z", "Shift+T"). User overrides live in QSettings under
``shortcuts/<action id>`` as the keys joined by ``"; "`` (an empty string unbinds).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from PySide6.QtCore import QSettings

SETTINGS_GROUP = "shortcuts"
KEY_SEPARATOR = "; "


class Context(enum.StrEnum):
    """Where a shortcut is live."""

    WINDOW = "window"
    """Anywhere in the main window (text fields still take the keys they type)."""
    LIST = "list"
    """Only while the paper list has the focus: single letters that would otherwise type."""
    TRIAGE = "triage"
    """Only in triage mode (one paper at a time)."""


@dataclass(frozen=True, slots=True)
class KeyAction:
    """One action a user can trigger by key, menu, toolbar or palette."""

    id: str
    text: str
    """Menu text, with an ``&`` mnemonic."""
    description: str
    keys: tuple[str, ...]
    context: Context
    handler: str
    """Name of the method on the handlers object that performs the action."""
    args: tuple[object, ...] = ()
    menu: str | None = None
    """Top-level menu ("file", "edit", "view", "paper", "go") or None for key-only actions."""
    toolbar: bool = False
    icon: str = ""
    """Icon name under ``resources/gui/icons`` (without ``.svg``)."""
    in_triage: bool = False
    """Also live in triage mode, where it acts on the paper shown (a list action)."""

    @property
    def contexts(self) -> frozenset[Context]:
        """Return every context where the action's keys are live."""
        return frozenset({self.context, Context.TRIAGE} if self.in_triage else {self.context})

    @property
    def title(self) -> str:
        """Return the menu text without its mnemonic (for the palette and cheat sheet)."""
        return self.text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _rate(stars: int) -> KeyAction:
    noun = "star" if stars == 1 else "stars"
    return KeyAction(
        f"paper.rate.{stars}", f"Rate &{stars} {noun}",
        f"Give the selected papers {stars} {noun}", (str(stars),), Context.LIST,
        "rate", (stars,), menu="paper.rate", in_triage=True,
    )


DEFAULT_ACTIONS: tuple[KeyAction, ...] = (
    # File
    KeyAction("file.import", "&Import…", "Import reading lists from files (pasted lists, "
              "BibTeX, RIS, CSL-JSON, CSV)", ("Ctrl+O",), Context.WINDOW, "import_files",
              menu="file", toolbar=True, icon="import"),
    KeyAction("file.open_library", "Open &Library…", "Open another library: a library file, "
              "or a shared library on a PostgreSQL server", ("Ctrl+Shift+O",), Context.WINDOW,
              "open_library", menu="file"),
    KeyAction("file.export", "&Export…", "Export papers (the selection, the view, the queue, "
              "a tag, a collection or everything) as BibTeX, BibLaTeX, RIS, CSL-JSON, Markdown "
              "or CSV", ("Ctrl+E",), Context.WINDOW, "export", menu="file", icon="export"),
    KeyAction("app.quit", "&Quit", "Quit readinglist (everything is already saved)",
              ("Ctrl+Q",), Context.WINDOW, "quit", menu="file"),
    # Edit
    KeyAction("edit.undo", "&Undo", "Undo the last change (shared with the command line)",
              ("Ctrl+Z",), Context.WINDOW, "undo", menu="edit"),
    KeyAction("edit.redo", "&Redo", "Redo the last undone change",
              ("Ctrl+Shift+Z",), Context.WINDOW, "redo", menu="edit"),
    KeyAction("edit.select_all", "Select &All", "Select every paper in the list",
              ("Ctrl+A",), Context.LIST, "select_all", menu="edit"),
    KeyAction("edit.copy_bibtex", "Copy as &BibTeX", "Copy the selected papers to the "
              "clipboard as BibTeX entries", ("Ctrl+Shift+C",), Context.WINDOW, "copy_bibtex",
              menu="edit"),
    KeyAction("edit.preferences", "&Preferences…", "Change keyboard shortcuts",
              ("Ctrl+,",), Context.WINDOW, "show_preferences", menu="edit"),
    # View
    KeyAction("view.filter", "&Filter…", "Put the cursor in the filter field",
              ("/", "Ctrl+F"), Context.WINDOW, "focus_filter", menu="view", icon="filter"),
    KeyAction("view.focus_list", "Back to the &List", "Leave the current field and return to "
              "the paper list", ("Esc",), Context.WINDOW, "focus_list", menu="view"),
    KeyAction("view.save_search", "&Save Search…", "Save the current filter as a saved search "
              "in the sidebar", ("Ctrl+S",), Context.WINDOW, "save_search", menu="view",
              icon="search"),
    KeyAction("view.refresh", "&Refresh", "Reload the list and counts (after changes made "
              "elsewhere)", ("F5",), Context.WINDOW, "refresh", menu="view"),
    KeyAction("view.triage", "&Triage", "Decide on one paper at a time: the Inbox, or the "
              "current view and filter (again to leave)", ("Ctrl+T",), Context.WINDOW,
              "toggle_triage", menu="view", toolbar=True, icon="triage"),
    KeyAction("view.palette", "Command &Palette…", "Find any action by name and run it on "
              "the selected papers", ("Ctrl+K", "Ctrl+Shift+P"), Context.WINDOW,
              "show_palette", menu="view"),
    # Go
    KeyAction("go.next", "&Next Paper", "Move to the next paper", ("J", "Down"), Context.LIST,
              "move_cursor", (1,), menu="go", in_triage=True),
    KeyAction("go.previous", "&Previous Paper", "Move to the previous paper", ("K", "Up"),
              Context.LIST, "move_cursor", (-1,), menu="go", in_triage=True),
    KeyAction("go.open", "&Open Paper", "Open the paper: move to its abstract and note",
              ("Return", "Enter"), Context.LIST, "open_paper", menu="go"),
    KeyAction("go.related", "&Related Papers", "Move to the papers most like the current "
              "one (in the abstract pane; Enter opens one)", ("Shift+R",), Context.LIST,
              "focus_related", menu="go"),
    KeyAction("go.recommended", "Re&commended", "Show Inbox papers ranked by how much they "
              "resemble the papers you rated highly", ("Ctrl+Shift+R",), Context.WINDOW,
              "show_page", ("recommended",), menu="go", icon="recommended"),
    KeyAction("go.duplicates", "Possible &Duplicates", "Review papers that look like the same "
              "paper: compare, merge or dismiss", ("Ctrl+Shift+D",), Context.WINDOW,
              "show_page", ("duplicates",), menu="go", icon="duplicates"),
    KeyAction("go.insights", "&Insights", "Show charts of your reading: pace, ratings, "
              "statuses, tags, queue age, imports", ("Ctrl+Shift+I",), Context.WINDOW,
              "show_page", ("insights",), menu="go", icon="insights"),
    # Paper (each acts on the whole selection)
    KeyAction("paper.queue", "&Queue / Unqueue", "Add the selected papers to the reading queue, "
              "or take them out if all are queued", ("Q",), Context.LIST, "toggle_queue",
              menu="paper", toolbar=True, icon="queue", in_triage=True),
    KeyAction("paper.read", "Mark &Read", "Mark the selected papers read", ("R",),
              Context.LIST, "set_status", ("read",), menu="paper", toolbar=True, icon="read",
              in_triage=True),
    KeyAction("paper.skip", "&Skip", "Skip the selected papers (not worth reading)", ("S",),
              Context.LIST, "set_status", ("skipped",), menu="paper", toolbar=True, icon="skip",
              in_triage=True),
    KeyAction("paper.inbox", "Back to &Inbox", "Put the selected papers back in the inbox",
              ("I",), Context.LIST, "set_status", ("inbox",), menu="paper", in_triage=True),
    *(_rate(stars) for stars in range(6)),
    KeyAction("paper.rate.clear", "&Clear Rating", "Remove the rating of the selected papers",
              (), Context.LIST, "rate", (None,), menu="paper.rate", in_triage=True),
    KeyAction("paper.tag", "&Tag…", "Add tags to the selected papers (comma separated, new "
              "tags allowed)", ("T",), Context.LIST, "add_tags", menu="paper", toolbar=True,
              icon="tag", in_triage=True),
    KeyAction("paper.untag", "&Remove Tag…", "Remove tags from the selected papers",
              ("Shift+T",), Context.LIST, "remove_tags", menu="paper", in_triage=True),
    KeyAction("paper.note", "Edit &Note", "Write in the note of the current paper", ("N",),
              Context.LIST, "edit_note", menu="paper", icon="note"),
    KeyAction("paper.delete", "&Delete", "Delete the selected papers from the library "
              "(undo brings them back)", ("Del",), Context.LIST, "delete_papers", menu="paper",
              in_triage=True),
    # Queue order (acts on the queued papers among the selection)
    KeyAction("queue.up", "Move &Up in Queue", "Move the selected queued papers up",
              ("Alt+Up",), Context.LIST, "move_in_queue", ("up",), menu="paper.queue"),
    KeyAction("queue.down", "Move &Down in Queue", "Move the selected queued papers down",
              ("Alt+Down",), Context.LIST, "move_in_queue", ("down",), menu="paper.queue"),
    KeyAction("queue.top", "Move to &Top of Queue", "Move the selected queued papers first",
              ("Alt+Home",), Context.LIST, "move_in_queue", ("top",), menu="paper.queue"),
    KeyAction("queue.bottom", "Move to &Bottom of Queue", "Move the selected queued papers last",
              ("Alt+End",), Context.LIST, "move_in_queue", ("bottom",), menu="paper.queue"),
    KeyAction("queue.start", "&Start Reading", "Take the paper at the top of the queue to "
              "Reading", ("Ctrl+R",), Context.WINDOW, "start_reading", menu="paper.queue"),
    # Triage (one paper at a time; the paper keys above act on the paper shown)
    KeyAction("triage.back", "&Back", "Go back to the previous paper in triage",
              ("Backspace",), Context.TRIAGE, "triage_back"),
    # Help
    KeyAction("help.shortcuts", "&Keyboard Shortcuts", "List every action with its keys",
              ("?", "F1"), Context.WINDOW, "show_shortcuts", menu="help"),
)


class Keymap:
    """The action table with the user's key overrides applied."""

    def __init__(self, actions: Iterable[KeyAction] = DEFAULT_ACTIONS) -> None:
        self._actions: dict[str, KeyAction] = {}
        for action in actions:
            if action.id in self._actions:
                raise ValueError(f"action {action.id!r} is declared twice")
            self._actions[action.id] = action

    def __iter__(self) -> Iterator[KeyAction]:
        return iter(self._actions.values())

    def __len__(self) -> int:
        return len(self._actions)

    def __getitem__(self, action_id: str) -> KeyAction:
        return self._actions[action_id]

    def default(self, action_id: str) -> KeyAction:
        """Return the action as shipped, before overrides."""
        for action in DEFAULT_ACTIONS:
            if action.id == action_id:
                return action
        return self._actions[action_id]

    def rebind(self, action_id: str, keys: Iterable[str]) -> None:
        """Give action_id new keys; raise ValueError naming the action that already uses one."""
        action = self._actions[action_id]
        keys = tuple(key for key in keys if key)
        for key in keys:
            owner = self.owner(key, action.contexts, ignore=action_id)
            if owner is not None:
                raise ValueError(f"{key} is already used by “{owner.title}”")
        self._actions[action_id] = replace(action, keys=keys)

    def owner(self, key: str, context: Context | frozenset[Context],
              ignore: str = "") -> KeyAction | None:
        """Return the action bound to key where it would clash with context, if any."""
        wanted = _normal(key)
        contexts = frozenset({context}) if isinstance(context, Context) else context
        for action in self._actions.values():
            if action.id == ignore:
                continue
            if _clash(action.contexts, contexts) and wanted in {_normal(k) for k in action.keys}:
                return action
        return None

    def conflicts(self) -> list[tuple[str, KeyAction, KeyAction]]:
        """Return every (key, first, second) pair of actions sharing a key in one context."""
        found: list[tuple[str, KeyAction, KeyAction]] = []
        earlier: list[KeyAction] = []
        for action in self._actions.values():
            for key in action.keys:
                clash = Keymap(earlier).owner(key, action.contexts) if earlier else None
                if clash is not None:
                    found.append((key, clash, action))
            earlier.append(action)
        return found

    def load_overrides(self, settings: QSettings) -> list[str]:
        """Apply the keys saved in settings; return messages for overrides that were refused."""
        refused: list[str] = []
        settings.beginGroup(SETTINGS_GROUP)
        try:
            saved = {name: settings.value(name, "", str) for name in settings.childKeys()}
        finally:
            settings.endGroup()
        for action_id, value in saved.items():
            if action_id not in self._actions:
                continue
            try:
                keys = [key.strip() for key in str(value).split(KEY_SEPARATOR.strip())]
                self.rebind(action_id, keys)
            except ValueError as error:
                refused.append(f"{self[action_id].title}: {error}")
        return refused

    def save_override(self, settings: QSettings, action_id: str, keys: Iterable[str]) -> None:
        """Rebind action_id and remember it (or forget the override when keys are the defaults)."""
        self.rebind(action_id, keys)
        name = f"{SETTINGS_GROUP}/{action_id}"
        if self[action_id].keys == self.default(action_id).keys:
            settings.remove(name)
        else:
            settings.setValue(name, KEY_SEPARATOR.join(self[action_id].keys))


def _clash(first: frozenset[Context], second: frozenset[Context]) -> bool:
    return bool(first & second) or Context.WINDOW in first | second


def _normal(key: str) -> str:
    return key.strip().lower().replace(" ", "")
