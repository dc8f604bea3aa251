"""Which cookie signs a browser in: the one named after this app's database, and under
HTTPS only its "__Host-" form, which no other port or host can plant."""

from __future__ import annotations

from tracker.ui.cookie_routes import LEGACY_COOKIE, cookie_name, session_token

URL = "postgresql+psycopg://tracker:bí-mật@db.office.local/tracker"


def test_the_name_is_per_database_and_never_carries_the_password() -> None:
    name = cookie_name(URL)
    assert name.startswith("tracker_session_") and len(name) == len("tracker_session_") + 10
    assert name == cookie_name("postgresql+psycopg://tracker:other-password@db.office.local/tracker")
    assert name != cookie_name("postgresql+psycopg://tracker@db.office.local/tracker2")
    assert "bí-mật" not in name


def test_over_https_only_the_host_prefixed_cookie_counts() -> None:
    name = cookie_name(URL)
    planted = {name: "token-of-someone-else", LEGACY_COOKIE: "token-of-someone-else"}
    assert session_token(planted, URL, secure=True) is None
    assert session_token({**planted, f"__Host-{name}": "mine"}, URL, secure=True) == "mine"
    assert session_token({name: "mine"}, URL, secure=False) == "mine"


def test_the_earlier_releases_cookie_never_signs_in() -> None:
    assert session_token({LEGACY_COOKIE: "a-token"}, URL, secure=False) is None
    assert session_token({LEGACY_COOKIE: "a-token"}, URL, secure=True) is None


def scheme_seen(client: str, headers: list[tuple[bytes, bytes]], kind: str = "websocket") -> list[bytes]:
    """The SCHEME_HEADER values a page script would read for a connection from ``client``
    with ``headers``, through uvicorn's proxy-header handling (as `streamlit run` sets it
    up: trusting 127.0.0.1 and ::1) and then HandshakeScheme."""
    import asyncio

    from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

    from tracker.ui.cookie_routes import SCHEME_HEADER, HandshakeScheme

    seen: list[bytes] = []

    async def app(scope: dict, receive: object, send: object) -> None:
        seen.extend(value for key, value in scope["headers"] if key == SCHEME_HEADER.encode())

    scope = {"type": kind, "scheme": "ws" if kind == "websocket" else "http", "client": (client, 50000)}
    chain = ProxyHeadersMiddleware(HandshakeScheme(app), trusted_hosts="127.0.0.1,::1")
    asyncio.run(chain({**scope, "headers": headers}, None, None))
    return seen


def test_a_websocket_says_its_scheme_as_the_server_saw_it() -> None:
    assert scheme_seen("127.0.0.1", []) == [b"ws"]
    assert scheme_seen("127.0.0.1", [(b"x-forwarded-proto", b"https")]) == [b"wss"]  # a proxy on this computer
    assert scheme_seen("10.0.0.7", [(b"x-forwarded-proto", b"https")]) == [b"ws"]  # anyone else may not say so
    forged = [(b"tracker-connection-scheme", b"wss"), (b"Tracker-Connection-Scheme", b"wss")]
    assert scheme_seen("127.0.0.1", forged) == [b"ws"]  # nor write the header itself
    assert scheme_seen("127.0.0.1", [], kind="http") == []  # the cookie routes read the request's own


def test_a_body_length_in_other_digits_is_refused_not_read_as_a_number() -> None:
    """HTTP carries a header as Latin-1: "²" is a digit to str.isdigit() and a crash to int()."""
    import asyncio

    from starlette.requests import Request

    from tracker.ui.cookie_routes import _capped_body

    async def nothing_sent() -> dict[str, object]:
        return {"type": "http.request", "body": b'{"token": "x"}', "more_body": False}

    for declared in (b"\xb2", b"1\xb9", b"14"):
        headers = [(b"content-length", declared)]
        scope = {"type": "http", "method": "POST", "path": "/tracker/session", "headers": headers}
        body = asyncio.run(_capped_body(Request(scope, nothing_sent)))
        assert body == (b'{"token": "x"}' if declared == b"14" else None), declared
