"""Staff accounts: the list, and add / disable / enable / reset a password / change a role / unlock
(end a sign-in back-off) / resolve (put an account changed outside the program back to its audited
state). The last active administrator can be neither disabled nor demoted: the service refuses and
the page says why.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from app.domain.roles import ROLES

from ..common.messages import message_for
from ..common.widgets import Banner
from ..common.words import local_time, role_word

if TYPE_CHECKING:
    from ..common.services import DeskServices, StaffSession


def _row(form: QFormLayout, text: str, widget: QWidget) -> None:
    label = QLabel(text)
    label.setBuddy(widget)
    widget.setAccessibleName(text.replace("&", ""))
    form.addRow(label, widget)
    widget.show()


class UserDialog(QDialog):
    """Add a user (all fields), reset a password (password only) or change a role (role only)."""

    def __init__(self, mode: str, parent: QWidget | None = None, username: str = "", role: str = "nurse") -> None:
        super().__init__(parent)
        self.setObjectName(f"userDialog_{mode}")
        self.mode = mode
        titles = {"add": self.tr("Add a user"), "password": self.tr("Reset the password of %1"),
                  "role": self.tr("Change the role of %1")}
        self.setWindowTitle(titles[mode].replace("%1", username))
        self.username = QLineEdit(self)
        self.username.setLayoutDirection(Qt.LeftToRight)
        self.name_ar = QLineEdit(self)
        self.name_latin = QLineEdit(self)
        self.name_latin.setLayoutDirection(Qt.LeftToRight)
        self.role = QComboBox(self)
        for r in ROLES:
            self.role.addItem(role_word(r), r)
        self.role.setCurrentIndex(max(0, self.role.findData(role)))
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.Password)
        self.again = QLineEdit(self)
        self.again.setEchoMode(QLineEdit.Password)
        for w, name in ((self.username, self.tr("Username")), (self.name_ar, self.tr("Name (Arabic)")),
                        (self.name_latin, self.tr("Name (Latin)")), (self.role, self.tr("Role")),
                        (self.password, self.tr("Password")), (self.again, self.tr("Password again"))):
            w.setAccessibleName(name)
            w.hide()  # shown when placed in the form below
        form = QFormLayout()
        if mode == "add":
            _row(form, self.tr("&Username"), self.username)
            _row(form, self.tr("Name (&Arabic)"), self.name_ar)
            _row(form, self.tr("Name (&Latin)"), self.name_latin)
        if mode in ("add", "role"):
            _row(form, self.tr("&Role"), self.role)
        if mode in ("add", "password"):
            _row(form, self.tr("&Password"), self.password)
            _row(form, self.tr("Password &again"), self.again)
        self.error = Banner(self)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("OK"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.error)
        box.addWidget(buttons)

    def _check(self) -> None:
        if self.mode in ("add", "password") and self.password.text() != self.again.text():
            self.error.show_message("error", self.tr("The two passwords differ."))
            return
        self.accept()


class UsersPage(QWidget):
    def __init__(self, services: "DeskServices", session: "StaffSession", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adminUsersPage")
        self.services, self.session = services, session
        self.tz = services.settings.current().time_zone
        self.users = []
        self.list = QTreeWidget(self)
        self.list.setObjectName("usersList")
        self.list.setRootIsDecorated(False)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SingleSelection)
        self.list.setAccessibleName(self.tr("Staff accounts"))
        self.list.setHeaderLabels([self.tr("Username"), self.tr("Name"), self.tr("Role"), self.tr("State"),
                                   self.tr("Created")])
        self.banner = Banner(self)
        self.buttons: dict[str, QPushButton] = {}
        row, second = QHBoxLayout(), QHBoxLayout()
        for key, text, name in (("add", self.tr("&Add a user…"), self.tr("Add a user")),
                                ("disable", self.tr("&Disable"), self.tr("Disable the chosen user")),
                                ("enable", self.tr("&Enable"), self.tr("Enable the chosen user")),
                                ("password", self.tr("Reset &password…"), self.tr("Reset the chosen user's password")),
                                ("role", self.tr("Change &role…"), self.tr("Change the chosen user's role")),
                                ("unlock", self.tr("&Unlock"), self.tr("End the chosen user's sign-in wait")),
                                ("resolve", self.tr("Re&solve…"),
                                 self.tr("Put the chosen account back to its audited state"))):
            b = QPushButton(text, self)
            b.setAccessibleName(name)
            self.buttons[key] = b
            # Unlock and Resolve on a second row: the page keeps fitting 1024 pixels in either language.
            (row if key not in ("unlock", "resolve") else second).addWidget(b)
        row.addStretch(1)
        second.addStretch(1)
        self.buttons["add"].clicked.connect(self.ask_add)
        self.buttons["disable"].clicked.connect(lambda: self.disable(self.selected()))
        self.buttons["enable"].clicked.connect(lambda: self.enable(self.selected()))
        self.buttons["password"].clicked.connect(self.ask_password)
        self.buttons["role"].clicked.connect(self.ask_role)
        self.buttons["unlock"].clicked.connect(lambda: self.unlock(self.selected()))
        self.buttons["resolve"].clicked.connect(self.ask_resolve)
        self.list.itemSelectionChanged.connect(self._selection)
        hint = QLabel(self.tr("The last active administrator can be neither disabled nor given another role."), self)
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        box = QVBoxLayout(self)
        box.addWidget(self.list, 1)
        box.addWidget(hint)
        box.addWidget(self.banner)
        box.addLayout(row)
        box.addLayout(second)
        self.refresh()

    def refresh(self) -> None:
        try:
            self.users = self.services.admin_users.list_users(self.session.actor)
        except Exception as exc:  # noqa: BLE001
            self.banner.show_message("error", message_for(exc))
            return
        selected = self.selected()
        self.list.clear()
        for u in self.users:
            state = (("✔ " + self.tr("Active")) if u.active else ("✖ " + self.tr("Disabled")))
            if u.locked:
                state += " · " + self.tr("locked after failed sign-ins")
            if u.demo:
                state += " · " + self.tr("training")
            if u.unresolved:
                state += " · ⚠ " + self.tr("changed outside the program")
            item = QTreeWidgetItem([u.username, u.name_ar + (f" ({u.name_latin})" if u.name_latin else ""),
                                    role_word(u.role), state, local_time(u.created_at, self.tz)])
            item.setData(0, Qt.UserRole, u.username)
            self.list.addTopLevelItem(item)
            if u.username == selected:
                item.setSelected(True)
                self.list.setCurrentItem(item)
        for c in range(self.list.columnCount()):
            self.list.resizeColumnToContents(c)
        self._selection()

    def selected(self) -> str:
        item = self.list.currentItem()
        return item.data(0, Qt.UserRole) if item is not None and item.isSelected() else ""

    def select(self, username: str) -> None:
        for i in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(i)
            if item.data(0, Qt.UserRole) == username:
                self.list.setCurrentItem(item)
                item.setSelected(True)

    def _info(self, username: str):
        return next((u for u in self.users if u.username == username), None)

    def _selection(self) -> None:
        info = self._info(self.selected())
        for key in ("disable", "password", "role"):
            self.buttons[key].setEnabled(info is not None)
        self.buttons["disable"].setEnabled(bool(info and info.active))
        self.buttons["enable"].setEnabled(bool(info and not info.active))
        self.buttons["unlock"].setEnabled(bool(info and info.locked))
        self.buttons["resolve"].setEnabled(bool(info and info.unresolved))

    def _do(self, fn, ok_text: str) -> bool:
        self.banner.clear()
        try:
            fn()
        except Exception as exc:  # noqa: BLE001 - shown to the person (e.g. the last administrator)
            self.banner.show_message("error", message_for(exc))
            return False
        self.refresh()
        self.banner.show_message("ok", ok_text)
        return True

    # ------------------------------------------------------------------ actions
    def add_user(self, *, username: str, role: str, name_ar: str, name_latin: str, password: str) -> bool:
        svc, actor = self.services.admin_users, self.session.actor
        return self._do(lambda: svc.add(actor, username=username, role=role, name_ar=name_ar, name_latin=name_latin,
                                        password=password), self.tr("The user %1 was added.").replace("%1", username))

    def disable(self, username: str) -> bool:
        svc, actor = self.services.admin_users, self.session.actor
        return username != "" and self._do(lambda: svc.disable(actor, username),
                                           self.tr("The user %1 was disabled.").replace("%1", username))

    def enable(self, username: str) -> bool:
        svc, actor = self.services.admin_users, self.session.actor
        return username != "" and self._do(lambda: svc.enable(actor, username),
                                           self.tr("The user %1 was enabled.").replace("%1", username))

    def reset_password(self, username: str, password: str) -> bool:
        svc, actor = self.services.admin_users, self.session.actor
        return self._do(lambda: svc.reset_password(actor, username, password),
                        self.tr("The password of %1 was reset.").replace("%1", username))

    def change_role(self, username: str, role: str) -> bool:
        svc, actor = self.services.admin_users, self.session.actor
        return self._do(lambda: svc.change_role(actor, username, role),
                        self.tr("%1 is now: %2.").replace("%1", username).replace("%2", role_word(role)))

    def unlock(self, username: str) -> bool:
        svc, actor = self.services.admin_users, self.session.actor
        return username != "" and self._do(lambda: svc.unlock(actor, username),
                                           self.tr("%1 may sign in again.").replace("%1", username))

    def resolve(self, username: str, password: str | None = None) -> bool:
        svc, actor = self.services.admin_users, self.session.actor
        return username != "" and self._do(lambda: svc.resolve(actor, username, password),
                                           self.tr("%1 is back to its audited state.").replace("%1", username))

    def ask_resolve(self) -> None:
        username = self.selected()
        if not username:
            return
        try:
            self.services.admin_users.resolve(self.session.actor, username)
        except Exception as exc:  # noqa: BLE001 - its password was changed too: it needs a new one
            if getattr(exc, "code", "") != "password_required":
                self.banner.show_message("error", message_for(exc))
                return
            dialog = UserDialog("password", self, username)
            if dialog.exec() == QDialog.Accepted:
                self.resolve(username, dialog.password.text())
            return
        self.refresh()
        self.banner.show_message("ok", self.tr("%1 is back to its audited state.").replace("%1", username))

    def ask_add(self) -> None:
        dialog = UserDialog("add", self)
        if dialog.exec() == QDialog.Accepted:
            self.add_user(username=dialog.username.text().strip(), role=dialog.role.currentData(),
                          name_ar=dialog.name_ar.text().strip(), name_latin=dialog.name_latin.text().strip(),
                          password=dialog.password.text())

    def ask_password(self) -> None:
        username = self.selected()
        if username:
            dialog = UserDialog("password", self, username)
            if dialog.exec() == QDialog.Accepted:
                self.reset_password(username, dialog.password.text())

    def ask_role(self) -> None:
        info = self._info(self.selected())
        if info is not None:
            dialog = UserDialog("role", self, info.username, info.role)
            if dialog.exec() == QDialog.Accepted:
                self.change_role(info.username, dialog.role.currentData())
