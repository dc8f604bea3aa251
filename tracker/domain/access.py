"""Who may do what: roles, permissions, and the credential a write must present.

Plain Python. The write functions in service and tasks take a ``Credential`` and ask
``tracker.accounts`` to turn it into the author's name, checking the permission against
the database on every write: what a page shows or hides is never what protects a number.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit

from tracker.domain.errors import CodedError
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
    name typed in the sidebar, which counts only from a browser on the server itself:
    ``connection`` is what the session's connection reported, filled in by the server
    from the connection, never from anything the page sends."""

    token: str | None = None
    local_name: str | None = None
    connection: Connection | None = None

    @property
    def at_this_computer(self) -> bool:
        return self.connection is not None and is_this_computer(self.connection)

    def __repr__(self) -> str:  # a token is a secret: never in a log or a traceback
        return (
            f"Credential(token={'***' if self.token else None}, local_name={self.local_name!r}, "
            f"connection={self.connection!r})"
        )


class AccessDeniedError(CodedError):
    """A write refused before anything was written; ``code`` names why."""

    prefix = "access.denied."


# --- "this computer" -----------------------------------------------------------------

def is_loopback_address(address: str | None) -> bool:
    """127.0.0.0/8, ::1, and an IPv4 loopback seen through an IPv6 socket (::ffff:127.0.0.1,
    what a server bound to "::" reports for a browser at 127.0.0.1). None is not: a
    session without an address may come from anywhere."""
    if not address:
        return False
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return False
    if isinstance(parsed, ipaddress.IPv6Address) and parsed.ipv4_mapped is not None:
        parsed = parsed.ipv4_mapped
    return parsed.is_loopback


def is_loopback_host(host: str | None) -> bool:
    """Whether a Host header names this computer: localhost, or a loopback address
    (127.0.0.1, [::1]), with or without a port. Anything else, an empty or malformed
    Host included, is another name."""
    if not host:
        return False
    try:
        parts = urlsplit(f"//{host.strip()}")
        name, _ = parts.hostname, parts.port  # reading the port checks it is a number
    except ValueError:
        return False
    if name is None or parts.username is not None or parts.password is not None or parts.path:
        return False
    name = name.rstrip(".")
    return name == "localhost" or is_loopback_address(name)


# Headers a proxy adds. A session that came through one is not judged by the address its
# connection came from (the proxy's), whatever the proxy says the client was.
PROXY_HEADERS = frozenset({"forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-real-ip", "via"})


@dataclass(frozen=True)
class Connection:
    """How a session reached the app, as its connection showed it: the network address it
    came from (None: it has none, as Streamlit's agent API), the Host and the Origin its
    browser sent, and whether a proxy said it passed the request on."""

    address: str | None
    host: str | None
    origin: str | None = None
    proxied: bool = False


def is_this_computer(connection: Connection) -> bool:
    """Whether a session comes from a browser on the server's own computer: its
    connection's address is loopback, it asked for the app by a loopback name, its page
    is the app's own (an Origin, when sent, of that same host and port), and no proxy
    passed it on.

    The address alone is not enough: a page of a malicious site can have its own name
    resolve to 127.0.0.1 (DNS rebinding), and then the victim's browser connects from
    loopback while sending that site's name as Host; another web page on this computer
    (another port) sends its own Origin; and through a proxy on the server every visitor
    comes from loopback. A session without an address is not from this computer either."""
    if connection.proxied or not is_loopback_address(connection.address) or not is_loopback_host(connection.host):
        return False
    if connection.origin is None:
        return True  # no page: a program on this computer, which may do as much directly
    origin = urlsplit(connection.origin.strip())
    return origin.scheme in ("http", "https") and origin.netloc.lower() == (connection.host or "").strip().lower()
