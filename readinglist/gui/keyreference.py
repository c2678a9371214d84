"""Render the keymap as the README's "Keyboard shortcuts" section (no Qt needed)."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from readinglist.gui.keymap import DEFAULT_ACTIONS

if TYPE_CHECKING:
    from collections.abc import Iterable

    from readinglist.gui.keymap import KeyAction

HEADING = "## Keyboard shortcuts"
WHERE = {"window": "anywhere", "list": "paper list", "triage": "triage mode"}
"""Where keys are live, by ``Context`` value."""
INTRO = (
    "Generated from `readinglist/gui/keymap.py` by `scripts/readme_shortcuts.py`; "
    "Edit ▸ Preferences changes them. Keys marked *paper list* work while the list has "
    "the focus (single letters would otherwise type), and act on every selected paper."
)


def markdown_table(actions: Iterable[KeyAction] = DEFAULT_ACTIONS) -> str:
    """Return a Markdown table of every action that has keys: keys, action, where, what."""
    lines = ["| Keys | Action | Where | What it does |", "| --- | --- | --- | --- |"]
    for action in actions:
        if not action.keys:
            continue
        keys = " or ".join(f"`{key}`" for key in action.keys)
        where = WHERE.get(str(action.context), str(action.context))
        lines.append(f"| {keys} | {_cell(action.title)} | {where} | "
                     f"{_cell(action.description)} |")
    return "\n".join(lines)


def section(actions: Iterable[KeyAction] = DEFAULT_ACTIONS) -> str:
    """Return the whole README section, heading included, ending with a newline."""
    return f"{HEADING}\n\n{textwrap.fill(INTRO, 96)}\n\n{markdown_table(actions)}\n"


def replace_section(readme: str, actions: Iterable[KeyAction] = DEFAULT_ACTIONS) -> str:
    """Return readme with its shortcuts section replaced (or added before Development)."""
    new = section(actions)
    start = readme.find(f"\n{HEADING}\n")
    if start >= 0:
        end = readme.find("\n## ", start + 1)
        end = len(readme) if end < 0 else end + 1
        return readme[:start + 1] + new + ("\n" if end < len(readme) else "") + readme[end:]
    anchor = readme.find("\n## Development")
    if anchor < 0:
        return readme.rstrip("\n") + "\n\n" + new
    return readme[:anchor + 1] + new + "\n" + readme[anchor + 1:]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
