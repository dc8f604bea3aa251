"""Who may do what: roles, permissions, and the credential a write must present.

Plain Python. The write functions in service and tasks take a ``Credential`` and ask
``tracker.accounts`` to turn it into the author's name, checking the permission against
the database on every write: what a page shows or hides is never what protects a number.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from tracker.i18n import Lang, t


class Role(StrEnum):
    viewer = "viewer"  # may look, export and print
    editor = "editor"  # may also record, edit, delete, revert and update tasks
    admin = "admin"  # may also manage users


class Permission(StrEnum):
    view = "view"
    edit = "edit"
    manage_users = "manage_users"


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.viewer: frozenset({Permission.view}),
    Role.editor: frozenset({Permission.view, Permission.edit}),
    Role.admin: frozenset({Permission.view, Permission.edit, Permission.manage_users}),
}


def allows(role: Role, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[role]


def role_label(role: Role | str, lang: Lang = "vi") -> str:
    """người xem, biên tập viên, quản trị viên; viewer, editor, administrator."""
    return t(f"access.role.{Role(role).value}", lang)


@dataclass(frozen=True)
class Credential:
    """What a write presents. A signed-in session's token (the database knows whose it
    is and whether it is still valid), or, only while the app has no users at all, the
    name typed in the sidebar (the app then listens on this computer only)."""

    token: str | None = None
    local_name: str | None = None

    def __repr__(self) -> str:  # a token is a secret: never in a log or a traceback
        return f"Credential(token={'***' if self.token else None}, local_name={self.local_name!r})"


class AccessDeniedError(Exception):
    """A write refused before anything was written; ``code`` names why."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(code)

    def message(self, lang: Lang = "vi") -> str:
        return t(f"access.denied.{self.code}", lang)
