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
