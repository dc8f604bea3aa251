"""The sign-in cookie, set by the server so that no script can read it.

A session's token lives in the browser session (Streamlit's) and, so that a reload or a
second tab stays signed in, in a cookie. Streamlit's pages cannot set an HttpOnly
cookie: only an HTTP response can. So the app adds two small routes beside Streamlit's
(dashboard.py's ``st.App``): after a sign-in, the page posts the new token to
``/tracker/session``, which checks it against the database and answers with the cookie,
HttpOnly, SameSite=Strict, and under HTTPS Secure with the ``__Host-`` prefix; signing
out posts to ``/tracker/session/end``, which ends the session and clears the cookie.

The cookie is named after the database the app serves, so that two instances on two
ports of one computer (which share cookies: cookies ignore ports) keep apart, while two
app servers of one database share a sign-in.

Plain Starlette and the accounts; nothing here imports streamlit.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.requests import ClientDisconnect, HTTPConnection, Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tracker import settings
from tracker.domain.access import AccessDeniedError, is_own_origin
from tracker.storage.accounts import Accounts
from tracker.storage.database import DatabaseOpenError, DatabaseSettingError, SchemaError
from tracker.storage.ledger import Ledger

SET_PATH = "/tracker/session"
END_PATH = "/tracker/session/end"
# The scheme a websocket came by, as the server saw it, handed to the page scripts as a
# header of its handshake (HandshakeScheme); st.context.url is what the page reports.
SCHEME_HEADER = "tracker-connection-scheme"
LEGACY_COOKIE = "tracker_session"  # set by page script before this release, readable by scripts
_SECURE_PREFIX = "__Host-"  # under HTTPS: Secure, Path=/, no Domain, so no other site or subdomain can set it
_MAX_BODY = 1024
log = logging.getLogger(__name__)


def cookie_name(database_url: str) -> str:
    """tracker_session_<10 hex>, from the database (its URL without the password)."""
    shown = make_url(database_url).render_as_string(hide_password=True)
    return f"{LEGACY_COOKIE}_{hashlib.sha256(shown.encode('utf-8')).hexdigest()[:10]}"


def session_token(cookies: Mapping[str, str], database_url: str, secure: bool) -> str | None:
    """The token a browser's cookies carry for this app's database, if any. Under HTTPS
    only the "__Host-" cookie counts: another port or a sibling host can plant a cookie
    of any other name (a token of its own, to have the victim work as someone else), but
    not that one. The cookie an earlier release set by script never signs anyone in."""
    name = _SECURE_PREFIX + cookie_name(database_url) if secure else cookie_name(database_url)
    value = cookies.get(name)
    return value if isinstance(value, str) and value else None


@functools.cache
def _ledger(url: str) -> Ledger:
    return Ledger(url)


def _accounts() -> Accounts:
    return Accounts(_ledger(settings.database_url()).database)


# The database cannot answer: the routes say 503, never a traceback.
_UNAVAILABLE = (DatabaseOpenError, DatabaseSettingError, SchemaError, SQLAlchemyError)


def _same_origin(request: Request, allowed_host: Callable[[str | None], bool]) -> bool:
    """A request from a page of this app itself: its Host is one the app answers to and
    its Origin is the same scheme, host and port (``is_own_origin``, the rule the
    websocket's sessions follow too). A page of another site, or of another port of this
    computer, cannot make the browser set or clear the cookie. A request without an Origin
    is refused: browsers send one with every POST, and only a page needs the cookie."""
    host = request.headers.get("host")
    origin = request.headers.get("origin")
    return bool(host) and allowed_host(host) and is_own_origin(origin, request.url.scheme, host)


def _cookie_headers(response: Response, request: Request, token: str | None, lifetime: int) -> None:
    """Set (a token) or clear (None) this app's cookie; the one an earlier release set by
    script is always cleared."""
    name = cookie_name(settings.database_url())
    secure = request.url.scheme == "https"
    if token is not None:
        named = _SECURE_PREFIX + name if secure else name
        response.set_cookie(named, token, max_age=lifetime, path="/", secure=secure, httponly=True, samesite="strict")
    else:
        response.delete_cookie(name, path="/", httponly=True, samesite="strict")
        if secure:  # a browser takes a __Host- cookie, even to clear it, only over HTTPS
            response.delete_cookie(_SECURE_PREFIX + name, path="/", secure=True, httponly=True, samesite="strict")
    response.delete_cookie(LEGACY_COOKIE, path="/", samesite="strict")


def routes(allowed_host: Callable[[str | None], bool]) -> list[Route]:
    """The two routes; ``allowed_host`` is Streamlit's own check of server.allowedHosts."""

    async def set_cookie(request: Request) -> Response:
        if not _same_origin(request, allowed_host):
            return Response(status_code=403)
        token = _token_from(await _capped_body(request))
        if token is None:
            return Response(status_code=400)
        try:
            accounts = await run_in_threadpool(_accounts)
            await run_in_threadpool(accounts.identity, token)  # only a session that is valid now
        except AccessDeniedError:
            response = Response(status_code=403)
            _cookie_headers(response, request, None, 0)
            return response
        except _UNAVAILABLE:  # the page says so itself; the cookie waits for the next sign-in
            return Response(status_code=503)
        response = Response(status_code=204)
        _cookie_headers(response, request, token, int(accounts.session_max.total_seconds()))
        return response

    async def end(request: Request) -> Response:
        if not _same_origin(request, allowed_host):
            return Response(status_code=403)
        token = session_token(request.cookies, settings.database_url(), request.url.scheme == "https")
        response = Response(status_code=204)
        if token:
            try:
                await run_in_threadpool(lambda: _accounts().sign_out(token))
            except _UNAVAILABLE:
                response = Response(status_code=503)  # the cookie goes all the same
        _cookie_headers(response, request, None, 0)
        return response

    return [Route(SET_PATH, set_cookie, methods=["POST"]), Route(END_PATH, end, methods=["POST"])]


class HandshakeScheme:
    """ASGI middleware around the whole app: a websocket's handshake reaches the app with
    one more header, SCHEME_HEADER, that says the scheme it came by (ws or wss), so that
    the page scripts can judge its Origin (tracker.domain.access.from_own_page).

    Streamlit hands the scripts the handshake's headers, cookies and address, but not
    its scheme; and ``st.context.url`` is what the page itself reports, which a page of
    another origin may write as it likes. The scope's scheme is the server's own: uvicorn
    sets it from the socket (wss under server.sslCertFile), or from X-Forwarded-Proto
    when a proxy it trusts (FORWARDED_ALLOW_IPS; 127.0.0.1 and ::1 unless told) sent it,
    before any middleware runs. A header of that name the client sent is dropped first."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            name = SCHEME_HEADER.encode("ascii")
            headers = [(key, value) for key, value in scope["headers"] if key.lower() != name]
            headers.append((name, str(scope.get("scheme", "ws")).encode("latin-1")))
            scope = {**scope, "headers": headers}
        await self.app(scope, receive, send)


class FrameAndCookieGuard:
    """ASGI middleware around the whole app. Every HTTP answer says the app may be framed
    only by itself (a page of another port or site cannot lay it under its own clicks),
    and a request that still carries the cookie an earlier release set by script, which
    any script could read, gets it cleared."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        stale = LEGACY_COOKIE in HTTPConnection(scope).cookies

        async def answer(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["X-Frame-Options"] = "SAMEORIGIN"
                headers["Content-Security-Policy"] = "frame-ancestors 'self'"
                if stale:
                    headers.append("Set-Cookie", f"{LEGACY_COOKIE}=; Max-Age=0; Path=/; SameSite=Strict")
            await send(message)

        await self.app(scope, receive, answer)


async def _capped_body(request: Request) -> bytes | None:
    """The request's body, or None once it is longer than a token needs (read no further),
    or when the client leaves before sending all of it: a browser closed, a network
    dropped. That is said in one line of the server's log, not a traceback; the answer
    goes nowhere and nothing was done."""
    declared = request.headers.get("content-length", "")
    if declared and (not (declared.isascii() and declared.isdigit()) or int(declared) > _MAX_BODY):  # "٣", "²"
        return None
    body = b""
    try:
        async for chunk in request.stream():
            body += chunk
            if len(body) > _MAX_BODY:
                return None
    except ClientDisconnect:
        log.warning(
            "%s: the client left before sending the whole request (%d of %s bytes); nothing was done",
            request.url.path,
            len(body),
            declared or "?",
        )
        return None
    return body


def _token_from(body: bytes | None) -> str | None:
    """{"token": "..."} as the page posts it, or None for anything else."""
    if body is None:
        return None
    try:
        value: Any = json.loads(body).get("token")
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, str) and value.isascii() and 0 < len(value) <= 256 else None
