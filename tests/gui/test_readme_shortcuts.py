"""README's "Keyboard shortcuts" section lists every action with its default keys."""

from __future__ import annotations

from pathlib import Path

from readinglist.gui.keymap import DEFAULT_ACTIONS
from readinglist.gui.keyreference import HEADING, markdown_table, replace_section

README = Path(__file__).resolve().parents[2] / "README.md"


def shortcuts_section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index(f"\n{HEADING}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end if end >= 0 else len(text)]


def test_readme_lists_every_action_with_its_default_keys() -> None:
    section = shortcuts_section()
    for action in DEFAULT_ACTIONS:
        if action.keys:
            keys = " or ".join(f"`{key}`" for key in action.keys)
            assert f"| {keys} | {action.title} |" in section, (
                f"{action.id}: run scripts/readme_shortcuts.py")


def test_replacing_the_section_keeps_the_rest_of_the_readme() -> None:
    readme = "# x\n\n## Intro\n\nhello\n\n## Keyboard shortcuts\n\nold\n\n## Development\n\nend\n"
    updated = replace_section(readme)
    assert updated.startswith("# x\n\n## Intro\n\nhello\n\n## Keyboard shortcuts\n")
    assert updated.endswith("\n\n## Development\n\nend\n")
    assert markdown_table() in updated and "old" not in updated
    assert replace_section(updated) == updated
    added = replace_section("# x\n\n## Development\n\nend\n")
    assert added.index("## Keyboard shortcuts") < added.index("## Development")
