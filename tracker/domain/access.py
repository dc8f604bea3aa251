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
    approve = "approve"  # approve, lock and reopen reporting periods
    manage_users = "manage_users"


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.viewer: frozenset({Permission.view}),
    Role.editor: frozenset({Permission.view, Permission.edit}),
    Role.admin: frozenset({Permission.view, Permission.edit, Permission.approve, Permission.manage_users}),
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
    from the connection, never from anything the page sends. A token counts only from a
    page of the app itself (``from_own_page``) when the connection is known; without one
    (the command line, a program) the token alone decides."""

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
    browser sent, whether a proxy said it passed the request on, and the scheme of the
    connection as the server saw it (http or https; ws or wss for a websocket): from the
    socket, or from X-Forwarded-Proto of a proxy the server trusts, never from anything
    the page reports. None: not known, and then no Origin is the app's own. It defaults,
    as ASGI's scope does, to plain "http"."""

    address: str | None
    host: str | None
    origin: str | None = None
    proxied: bool = False
    scheme: str | None = "http"


def is_this_computer(connection: Connection) -> bool:
    """Whether a session comes from a browser on the server's own computer: its
    connection's address is loopback, it asked for the app by a loopback name, its page
    is the app's own (an Origin, when sent, of that same scheme, host and port), and no proxy
    passed it on.

    The address alone is not enough: a page of a malicious site can have its own name
    resolve to 127.0.0.1 (DNS rebinding), and then the victim's browser connects from
    loopback while sending that site's name as Host; another web page on this computer
    (another port) sends its own Origin; and through a proxy on the server every visitor
    comes from loopback. A session without an address is not from this computer either."""
    if connection.proxied or not is_loopback_address(connection.address) or not is_loopback_host(connection.host):
        return False
    # Without an Origin, no page: a program on this computer, which may do as much directly.
    return from_own_page(connection)


# --- "a page of the app itself" --------------------------------------------------------

_PAGE_SCHEMES = {"http": "http", "ws": "http", "https": "https", "wss": "https"}
_DEFAULT_PORTS = {"http": 80, "https": 443}


def is_own_origin(origin: str | None, scheme: str | None, host: str | None) -> bool:
    """Whether a request's Origin is the app's own origin: the scheme the server saw the
    request come by (``scheme``: http/https, or ws/wss for a websocket, the same page),
    the host name the browser asked for (Host) and its port, all three. The one rule for
    "a page of this app" (the websocket's sessions and the cookie routes both ask it).

    The browser writes Origin itself (no script can), so it names the page that made the
    request. A page of another port of this host, or of the same host over the other
    scheme, is another origin, though the browser sends it this host's cookies all the
    same (cookies ignore ports and, without Secure, schemes). Names compare without case;
    a port left out is the scheme's default (http://host is host:80). An Origin that is
    not exactly scheme://host[:port] ("null" from a sandboxed frame or a file, anything
    with a path) is no page of the app; so is a missing Origin, a missing Host, or a
    scheme the server did not report."""
    page_scheme = _PAGE_SCHEMES.get((scheme or "").lower())
    if not origin or not host or page_scheme is None:
        return False
    try:
        sent = urlsplit(origin)
        asked = urlsplit(f"//{host}")
        sent_port, asked_port = sent.port, asked.port  # reading a port checks it is a number
    except ValueError:
        return False
    if origin.lower() != f"{sent.scheme}://{sent.netloc}".lower() or sent.username is not None:
        return False  # a path, a query, a fragment or a user is no origin a browser sends
    if asked.path or asked.query or asked.fragment or asked.username is not None or not asked.hostname:
        return False
    default = _DEFAULT_PORTS[page_scheme]
    return (
        sent.scheme == page_scheme
        and sent.hostname == asked.hostname
        and (sent_port or default) == (asked_port or default)
    )


def from_own_page(connection: Connection) -> bool:
    """Whether a sign-in may count for a session that reached the app this way: its
    connection was opened by a page of the app itself (``is_own_origin``), or sent no
    Origin at all.

    Without this, a page of another port of this computer (or of the same host name)
    could open the app's websocket, which the browser sends the sign-in cookie along
    with, and work as the person signed in. A connection without an Origin is let
    through: every browser sends Origin on a websocket's handshake, so that is a program,
    not a page the person has open; a program can present the cookie only if it already
    holds the token, and then it could as well send the Origin this rule wants."""
    if connection.origin is None:
        return True
    return is_own_origin(connection.origin, connection.scheme, connection.host)
