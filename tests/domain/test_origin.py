"""The one rule for "a page of the app itself": a request's Origin is the app's own origin,
scheme, host and port, as the server saw the connection (tracker.domain.access). The
websocket's sessions and the cookie routes both ask it."""

from __future__ import annotations

import pytest

from tracker.domain.access import Connection, from_own_page, is_own_origin, is_this_computer


@pytest.mark.parametrize(
    ("origin", "scheme", "host"),
    [
        ("http://127.0.0.1:8631", "http", "127.0.0.1:8631"),  # exactly the app's own
        ("http://127.0.0.1:8631", "ws", "127.0.0.1:8631"),  # its websocket: the same page
        ("https://tracker.office.local", "wss", "tracker.office.local"),
        ("http://tracker.office.local", "http", "tracker.office.local"),  # default port left out of both
        ("http://tracker.office.local", "http", "tracker.office.local:80"),  # ... or written in the Host
        ("https://tracker.office.local:443", "https", "tracker.office.local"),
        ("HTTP://LOCALHOST:8501", "http", "localhost:8501"),  # names know no case
        ("http://localhost:8501", "HTTP", "LocalHost:8501"),
        ("http://[::1]:8501", "ws", "[::1]:8501"),
        ("https://tracker.office.local", "https", "tracker.office.local"),  # behind a proxy that said https
    ],
)
def test_the_apps_own_origin(origin: str, scheme: str, host: str) -> None:
    assert is_own_origin(origin, scheme, host)
    assert from_own_page(Connection("10.0.0.7", host, origin, scheme=scheme))


@pytest.mark.parametrize(
    ("origin", "scheme", "host"),
    [
        ("http://127.0.0.1:8640", "ws", "127.0.0.1:8631"),  # another port of this computer
        ("http://127.0.0.1", "ws", "127.0.0.1:8631"),  # port 80 of this computer
        ("https://127.0.0.1:8631", "ws", "127.0.0.1:8631"),  # the other scheme
        ("http://127.0.0.1:8631", "wss", "127.0.0.1:8631"),
        ("http://tracker.office.local", "https", "tracker.office.local"),  # a proxy said https; the page is http
        ("https://tracker.office.local", "http", "tracker.office.local"),  # a page says https; no proxy did
        ("http://localhost:8631", "ws", "127.0.0.1:8631"),  # another host name, the same computer
        ("http://evil.example:8631", "ws", "127.0.0.1:8631"),
        ("http://127.0.0.1:8631.evil.example", "ws", "127.0.0.1:8631"),
        ("http://[::1]:8640", "ws", "[::1]:8631"),
        ("http://[::1]:8631", "ws", "127.0.0.1:8631"),
        ("http://127.0.0.1:8631/", "ws", "127.0.0.1:8631"),  # a trailing slash: no origin a browser sends
        ("http://127.0.0.1:8631/record", "ws", "127.0.0.1:8631"),
        ("http://127.0.0.1:8631?x", "ws", "127.0.0.1:8631"),
        ("http://lan@127.0.0.1:8631", "ws", "127.0.0.1:8631"),
        ("null", "ws", "127.0.0.1:8631"),  # a sandboxed frame, a file, a data: page
        ("", "ws", "127.0.0.1:8631"),
        (None, "ws", "127.0.0.1:8631"),  # absent: no page says it is the app's
        ("file://127.0.0.1:8631", "ws", "127.0.0.1:8631"),
        ("ftp://127.0.0.1:8631", "ftp", "127.0.0.1:8631"),
        ("http://127.0.0.1:8631", None, "127.0.0.1:8631"),  # the server did not say the scheme
        ("http://127.0.0.1:8631", "http", None),  # no Host
        ("http://127.0.0.1:8631", "http", ""),
        ("http://127.0.0.1:8631", "http", "127.0.0.1:8631/x"),  # a Host that is no host
        ("http://127.0.0.1:99999", "http", "127.0.0.1:99999"),  # no port at all
        ("http://127.0.0.1:port", "http", "127.0.0.1:port"),
    ],
)
def test_any_other_origin_is_not_the_apps(origin: str | None, scheme: str | None, host: str | None) -> None:
    assert not is_own_origin(origin, scheme, host)


def test_a_connection_without_an_origin_is_no_page_and_its_sign_in_counts() -> None:
    """Browsers always send Origin on a websocket: without one it is a program, which can
    present the cookie only if it holds the token already."""
    assert from_own_page(Connection("10.0.0.7", "tracker.office.local", None, scheme="ws"))
    assert from_own_page(Connection(None, None))  # AppTest, Streamlit's agent API
    assert not from_own_page(Connection("127.0.0.1", "127.0.0.1:8631", "http://127.0.0.1:8640", scheme="ws"))
    assert not from_own_page(Connection("127.0.0.1", "127.0.0.1:8631", "null", scheme="ws"))
    assert not from_own_page(Connection("127.0.0.1", "127.0.0.1:8631", "http://127.0.0.1:8631", scheme=None))


def test_this_computer_follows_the_same_origin_rule() -> None:
    here = Connection("127.0.0.1", "127.0.0.1:8501", "http://127.0.0.1:8501", scheme="ws")
    assert is_this_computer(here)
    assert not is_this_computer(Connection("127.0.0.1", "127.0.0.1:8501", "https://127.0.0.1:8501", scheme="ws"))
    assert not is_this_computer(Connection("127.0.0.1", "127.0.0.1:8501", "http://127.0.0.1:8502", scheme="ws"))
