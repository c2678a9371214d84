"""File ▸ Open Library…: a library file, a shared library on a PostgreSQL server, or a recent one.

The dialog only says which library and how to log in (``LibraryChoice``); opening it and
switching the window is ``shell``'s job. Passwords stay in memory: the recent list holds
``locations.describe`` texts, and a password is remembered only in the system keyring.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from readinglist.core.locations import (
    DEFAULT_PORT,
    InvalidLocation,
    keyring_problem,
    parse_location,
    readable,
    server_fields,
    server_url,
    title,
)
from readinglist.gui.startup import forget_recent, recent_libraries

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QKeyEvent

    from readinglist.core.locations import Location
    from readinglist.gui.startup import PasswordAnswer

FILE_FILTER = "readinglist library (*.sqlite);;All files (*)"
FILE_TAB, SERVER_TAB = 0, 1
REMEMBER_TEXT = "&Remember the password in the system keyring"
RECENT_ROWS = 5
DESCRIBED_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True, slots=True)
class LibraryChoice:
    """The library to open, and a password typed for it (kept only in memory)."""

    location: Location
    password: str | None = None
    remember: bool = False


class RecentList(QListWidget):
    """The recent libraries; Enter opens one, Delete takes it off the list."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.currentItem():
            self.takeItem(self.currentRow())
            return
        super().keyPressEvent(event)


class OpenLibraryDialog(QDialog):
    """Choose a library file or a PostgreSQL database, or pick one opened before."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openLibrary")
        self.setWindowTitle("Open Library")
        self.setMinimumWidth(560)
        self.settings = settings
        self.chosen: LibraryChoice | None = None

        self.recent = RecentList()
        self.recent.setObjectName("recentLibraries")
        self.recent.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.recent.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.recent.setUniformItemSizes(True)
        self._shown_recent = recent_libraries(settings)
        for described in self._shown_recent:
            self.recent.addItem(_recent_item(described))
        rows = min(max(self.recent.count(), 2), RECENT_ROWS)
        self.recent.setFixedHeight(self.recent.sizeHintForRow(0) * rows
                                   + 2 * self.recent.frameWidth() + 4)
        self.recent.currentItemChanged.connect(self._recent_selected)
        self.recent.itemActivated.connect(self._recent_activated)
        self.recent.model().rowsRemoved.connect(self._recent_removed)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("libraryKind")
        self.tabs.addTab(self._file_page(), "Library &File")
        self.tabs.addTab(self._server_page(), "PostgreSQL &Server")
        self.tabs.currentChanged.connect(lambda _index: self._clear_problem())

        self.problem = QLabel()
        self.problem.setObjectName("queryHint")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)  # it quotes what was typed
        self.problem.setWordWrap(True)
        self.problem.setVisible(False)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.open_button = buttons.button(QDialogButtonBox.StandardButton.Open)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        if self._shown_recent:
            recent_label = QLabel(
                "R&ecent libraries (Enter opens; Delete forgets, saved password too):"
            )
            recent_label.setBuddy(self.recent)
            layout.addWidget(recent_label)
            layout.addWidget(self.recent)
        else:
            self.recent.setVisible(False)
        layout.addWidget(self.tabs)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        if self._shown_recent:
            self.recent.setCurrentRow(0)
            self.recent.setFocus()
        else:
            self.file_path.setFocus()

    # -- pages --------------------------------------------------------------------------------

    def _file_page(self) -> QWidget:
        page = QWidget()
        self.file_path = QLineEdit()
        self.file_path.setObjectName("libraryFile")
        self.file_path.setPlaceholderText("/path/to/library.sqlite")
        self.file_path.textEdited.connect(lambda _text: self._clear_problem())
        browse = QPushButton("&Choose…")
        browse.setObjectName("chooseLibraryFile")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.file_path, 1)
        row.addWidget(browse)
        note = QLabel("A library file on this computer. A name that does not exist yet "
                      "starts a new library there.")
        note.setWordWrap(True)
        note.setObjectName("pageNote")
        layout = QVBoxLayout(page)
        layout.addLayout(row)
        layout.addWidget(note)
        layout.addStretch(1)
        return page

    def _server_page(self) -> QWidget:
        page = QWidget()
        self.host = QLineEdit()
        self.host.setObjectName("serverHost")
        self.host.setPlaceholderText("db.example.org, or a socket folder such as /run/postgresql")
        self.port = QSpinBox()
        self.port.setObjectName("serverPort")
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.port.setFixedWidth(110)
        self.database = QLineEdit()
        self.database.setObjectName("serverDatabase")
        self.database.setPlaceholderText("the lab's library database")
        self.user = QLineEdit()
        self.user.setObjectName("serverUser")
        self.user.setPlaceholderText(getpass.getuser())
        self.password = QLineEdit()
        self.password.setObjectName("serverPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("from the keyring or ~/.pgpass when empty")
        self.remember = QCheckBox(REMEMBER_TEXT)
        self.remember.setObjectName("rememberPassword")
        for field in (self.host, self.database, self.user, self.password):
            field.textEdited.connect(lambda _text: self._clear_problem())
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Host:", self.host)
        form.addRow("Por&t:", self.port)
        form.addRow("&Database:", self.database)
        form.addRow("&User:", self.user)
        form.addRow("&Password:", self.password)
        form.addRow("", self.remember)
        unavailable = keyring_problem()
        if unavailable is not None:
            self.remember.setEnabled(False)
            self.remember.setToolTip(unavailable)
            note = QLabel(f"No password can be remembered: {unavailable}.")
            note.setObjectName("pageNote")
            note.setWordWrap(True)
            note.setTextFormat(Qt.TextFormat.PlainText)
            form.addRow("", note)
        page.setLayout(form)
        return page

    # -- choosing -----------------------------------------------------------------------------

    def accept(self) -> None:
        """Take what the current page says; a mistake is shown and the dialog stays."""
        try:
            self.chosen = self._from_fields()
        except InvalidLocation as error:
            self._show_problem(str(error))
            return
        self._keep_recent_list()
        super().accept()

    def _from_fields(self) -> LibraryChoice:
        if self.tabs.currentIndex() == FILE_TAB:
            text = self.file_path.text().strip()
            if not text:
                raise InvalidLocation("Choose a library file, or type where to start one.")
            path = Path(text).expanduser()
            if path.is_dir():
                raise InvalidLocation(f"{path} is a folder: name a library file in it.")
            return LibraryChoice(path)
        if not self.database.text().strip():
            raise InvalidLocation("Name the database that holds the library.")
        url = server_url(self.host.text(), self.port.value(), self.database.text(),
                         self.user.text())
        password = self.password.text() or None
        return LibraryChoice(url, password, bool(password) and self.remember.isChecked())

    def _recent_activated(self, item: QListWidgetItem) -> None:
        try:
            location = parse_location(str(item.data(DESCRIBED_ROLE)))
        except InvalidLocation as error:
            self._show_problem(str(error))
            return
        self.chosen = LibraryChoice(location)
        self._keep_recent_list()
        super().accept()

    def _recent_selected(self, item: QListWidgetItem | None) -> None:
        """Fill the page of the library picked, to open it or start from it."""
        self._clear_problem()
        if item is None:
            return
        try:
            location = parse_location(str(item.data(DESCRIBED_ROLE)))
        except InvalidLocation:
            return
        if isinstance(location, Path):
            self.file_path.setText(str(location))
            self.tabs.setCurrentIndex(FILE_TAB)
            return
        fields = server_fields(location)
        if fields is None:  # options the form cannot show: Enter opens it as it is
            return
        host, port, database, user = fields
        self.host.setText(host)
        self.port.setValue(port)
        self.database.setText(database)
        self.user.setText(user)
        self.password.clear()
        self.tabs.setCurrentIndex(SERVER_TAB)

    def _recent_removed(self) -> None:
        self._keep_recent_list()
        if self.recent.count() == 0:
            self.file_path.setFocus()

    def _keep_recent_list(self) -> None:
        """Forget the recent libraries the user took off the list."""
        kept = {str(self.recent.item(row).data(DESCRIBED_ROLE))
                for row in range(self.recent.count())}
        for described in self._shown_recent:
            if described not in kept:
                forget_recent(self.settings, described)
        self._shown_recent = [item for item in self._shown_recent if item in kept]

    def _browse(self) -> None:
        start = self.file_path.text().strip() or str(Path.home() / "library.sqlite")
        name, _ = QFileDialog.getSaveFileName(
            self, "Library File", start, FILE_FILTER,
            options=QFileDialog.Option.DontConfirmOverwrite)
        if name:
            path = Path(name)
            self.file_path.setText(str(path if path.suffix else path.with_suffix(".sqlite")))
            self._clear_problem()

    def _show_problem(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.setVisible(True)

    def _clear_problem(self) -> None:
        self.problem.setVisible(False)


class PasswordPrompt(QDialog):
    """Ask for a server library's password (again, when the server refused one)."""

    def __init__(self, described: str, refused: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("passwordPrompt")
        self.setWindowTitle("Password")
        self.setMinimumWidth(440)
        first = ("The server refused the password. Type it again for:" if refused
                 else "The server asks for a password for:")
        message = QLabel(first)
        message.setWordWrap(True)
        where = QLabel(described)
        where.setTextFormat(Qt.TextFormat.PlainText)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        where.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setObjectName("promptPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(REMEMBER_TEXT)
        self.remember.setObjectName("promptRemember")
        unavailable = keyring_problem()
        if unavailable is not None:
            self.remember.setEnabled(False)
            self.remember.setToolTip(unavailable)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(where)
        layout.addWidget(self.password)
        layout.addWidget(self.remember)
        layout.addWidget(buttons)
        self.password.setFocus()

    def answer(self) -> PasswordAnswer:
        return self.password.text(), self.remember.isEnabled() and self.remember.isChecked()


def _recent_item(described: str) -> QListWidgetItem:
    """Show a recent library by its name, then where it is."""
    try:
        location = parse_location(described)
        text = f"{title(location)}  —  {readable(location)}"
    except InvalidLocation:
        text = described
    item = QListWidgetItem(text)
    item.setData(DESCRIBED_ROLE, described)
    item.setToolTip(text)
    return item


def choose_library(settings: QSettings, parent: QWidget | None) -> LibraryChoice | None:
    """Show the dialog; return the library chosen (None: cancelled)."""
    dialog = OpenLibraryDialog(settings, parent)
    try:
        return dialog.chosen if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def ask_password(parent: QWidget | None, described: str, refused: bool) -> PasswordAnswer | None:
    """Ask for the password of the library described (None: cancelled)."""
    prompt = PasswordPrompt(described, refused, parent)
    try:
        if prompt.exec() != QDialog.DialogCode.Accepted:
            return None
        return prompt.answer()
    finally:
        prompt.deleteLater()
