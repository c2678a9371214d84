"""Ask what to do about a library file that is damaged or not a readinglist library."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from readinglist.gui.icons import app_icon
from readinglist.gui.startup import Recovery

if TYPE_CHECKING:
    from readinglist.gui.startup import Damage


def damage_text(damage: Damage) -> str:
    """Explain the problem and the choices, in a few sentences."""
    text = (f"{damage.message}.\n\nThe file has not been changed. ")
    if damage.newest is not None:
        made = damage.newest.made_at.astimezone().strftime("%Y-%m-%d %H:%M")
        text += (f"The newest backup is from {made}. Restoring it keeps a copy of the "
                 "damaged file in the backups folder.")
    else:
        text += "There is no backup of it."
    return text


def ask_recovery(damage: Damage) -> Recovery:
    """Show the choices in a dialog and return the one picked (Quit when closed)."""
    box = QMessageBox(QMessageBox.Icon.Critical, "readinglist",
                      "The library could not be opened.")
    box.setObjectName("damagedLibrary")
    box.setWindowIcon(app_icon())
    box.setInformativeText(damage_text(damage))
    box.setTextFormat(Qt.TextFormat.PlainText)  # the message quotes the file's path
    box.setDetailedText(str(damage.path))
    answers: dict[object, Recovery] = {}
    if damage.newest is not None:
        restore = box.addButton("Restore Newest Backup", QMessageBox.ButtonRole.AcceptRole)
        answers[restore] = Recovery.RESTORE
        box.setDefaultButton(restore)
    elsewhere = box.addButton("Start a New Library Elsewhere…",
                              QMessageBox.ButtonRole.ActionRole)
    answers[elsewhere] = Recovery.ELSEWHERE
    quit_button = box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    answers[quit_button] = Recovery.QUIT
    box.setEscapeButton(quit_button)
    box.exec()
    return answers.get(box.clickedButton(), Recovery.QUIT)


def ask_new_path(damaged: Path) -> Path | None:
    """Ask where to keep a new library (None when cancelled)."""
    suggested = damaged.with_name("new-library.sqlite")
    name, _ = QFileDialog.getSaveFileName(
        None, "Start a New Library", str(suggested), "readinglist library (*.sqlite);;All (*)",
        options=QFileDialog.Option.DontConfirmOverwrite)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix else path.with_suffix(".sqlite")


def show_failure(message: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, "readinglist",
                      "The library could not be opened.", QMessageBox.StandardButton.Ok)
    box.setWindowIcon(app_icon())
    box.setInformativeText(message)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()
