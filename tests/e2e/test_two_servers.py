"""A city deployment as docs/deploy.md sets it up: two app servers on one PostgreSQL
database, nginx in front (the repository's own config file) over HTTPS with a certificate
made for the office's host name, and Chromium reaching the app by that name.

Everything that matters lives in the database: a sign-in made on one server counts on the
other, a figure saved on one is on the other's next page, a sign-out on one ends the
session on both, and when one server stops, its browsers are served by the other after a
reload, still signed in. nginx's access log says which server served each request."""

from __future__ import annotations

import base64
import os
import signal
import socket
import ssl
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import IN_CI
from tests.e2e.proxy import HOST, NGINX, certificate, running_nginx, served_by, unit_options
from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, dashboard_process
from tests.e2e.test_cross_origin import record_in_form
from tests.e2e.test_this_computer import REBIND, REMOTE_BANNER
from tests.e2e.waiting import settled, success
from tests.helpers import PASSWORD
from tracker.domain.access import Role
from tracker.storage.accounts import Accounts
from tracker.storage.database import Database
from tracker.ui.cookie_routes import cookie_name

pytestmark = pytest.mark.postgres
Page = Any  # playwright.sync_api.Page
ADMIN_SHOWN = "Quản trị viên · quản trị viên"
EDITOR_SHOWN = "Trần Thị Lan · biên tập viên"
ATTEMPTS = 16  # new browsers tried until one is sent to the other server: (1/2)^16 to fail


@pytest.fixture
def tls(tmp_path: Path) -> tuple[Path, Path, str]:
    """The certificate nginx serves for the office's name, and its key's hash for Chromium."""
    (tmp_path / "tls").mkdir()
    return certificate(tmp_path / "tls")


@contextmanager
def city_of(tmp_path: Path, postgres_url: str, tls: tuple[Path, Path, str]) -> Iterator[dict[str, Any]]:
    """Two app servers on one PostgreSQL database, nginx over HTTPS in front of them."""
    if not Path(NGINX).exists():
        message = f"nginx not found at {NGINX}: install it with `apt-get install -y nginx`"
        if IN_CI:
            pytest.fail(f"{message}; .ci/run installs it in CI")
        pytest.skip(message)
    options = unit_options()  # as systemd runs each app process (docs/deploy.md)
    assert options[options.index("--server.address") + 1] == "127.0.0.1" and HOST in options
    crt, key, spki = tls
    with ExitStack() as stack:
        servers = [stack.enter_context(dashboard_process(tmp_path / name, postgres_url, options=options))
                   for name in ("server-a", "server-b")]  # fmt: skip
        ports = [int(url.rsplit(":", 1)[1]) for url, _ in servers]
        https_port = stack.enter_context(running_nginx(tmp_path / "nginx", ports, crt, key))
        yield {
            "base": f"https://{HOST}:{https_port}",
            "https_port": https_port,
            "servers": {f"127.0.0.1:{port}": pid for port, (_, pid) in zip(ports, servers, strict=True)},
            "logs": tmp_path / "nginx",
            "spki": spki,
            "crt": crt,
            "database": postgres_url,
        }


@pytest.fixture
def city(tmp_path: Path, postgres_url: str, tls: tuple[Path, Path, str]) -> Iterator[dict[str, Any]]:
    """The city's servers, with an administrator and a district editor."""
    database = Database(postgres_url)
    accounts = Accounts(database)
    accounts.add_user("quan-tri", "Quản trị viên", Role.admin, PASSWORD, first=True)
    accounts.add_user("lan", "Trần Thị Lan", Role.editor, PASSWORD)
    database.dispose()
    with city_of(tmp_path, postgres_url, tls) as found:
        yield found


@pytest.fixture
def city_without_accounts(tmp_path: Path, postgres_url: str, tls: tuple[Path, Path, str]) -> Iterator[dict[str, Any]]:
    """The city's servers before anyone made the first account."""
    with city_of(tmp_path, postgres_url, tls) as found:
        yield found


@pytest.fixture
def office_browser(browser: Any, tls: tuple[Path, Path, str]) -> Iterator[Any]:
    """Chromium that finds the office's host name on this computer and trusts the test's
    certificate for it, and nothing else it would not trust anyway."""
    launched = _launch(browser, tls[2])
    yield launched
    launched.close()


def _launch(browser: Any, spki: str) -> Any:
    return browser.browser_type.launch(
        executable_path=CHROMIUM,
        headless=True,
        args=[
            *CHROMIUM_ARGS,
            f"--host-resolver-rules=MAP {HOST} 127.0.0.1",
            f"--ignore-certificate-errors-spki-list={spki}",
        ],
    )


def open_app(office_browser: Any, city: dict[str, Any], path: str = "/record") -> Page:
    context = office_browser.new_context(locale="vi-VN", viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(f"{city['base']}{path}")
    settled(page)
    return page


def route(page: Page) -> str:
    return next(c["value"] for c in page.context.cookies() if c["name"] == "tracker_route")


def server_of(page: Page, city: dict[str, Any]) -> str:
    """The one app server nginx sent this browser's requests to so far."""
    [server] = served_by(city["logs"], route(page))
    return server


def sign_in(page: Page, username: str, shown_as: str) -> None:
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_role("textbox", name="Tên đăng nhập").fill(username)
    sidebar.get_by_role("textbox", name="Mật khẩu").fill(PASSWORD)
    sidebar.get_by_role("button", name="Đăng nhập").click()
    expect(sidebar.get_by_text(shown_as)).to_be_visible()
    settled(page)


def signed_in_as(page: Page, shown_as: str) -> None:
    expect(page.locator("[data-testid='stSidebar']").get_by_text(shown_as)).to_be_visible()


def signed_out(page: Page) -> None:
    sidebar = page.locator("[data-testid='stSidebar']")
    expect(sidebar.get_by_role("button", name="Đăng nhập")).to_be_visible()
    expect(page.get_by_role("button", name="Lưu bản ghi")).to_have_count(0)


def test_two_servers_behind_nginx_share_figures_sessions_and_take_over(
    office_browser: Any, city: dict[str, Any]
) -> None:
    first = open_app(office_browser, city)
    sign_in(first, "quan-tri", ADMIN_SHOWN)
    first_server = server_of(first, city)
    session = next(c for c in first.context.cookies() if c["name"] == f"__Host-{cookie_name(city['database'])}")
    assert session["secure"] and session["httpOnly"] and session["sameSite"] == "Strict"

    # A second browser, sent by nginx to the other server.
    for _ in range(ATTEMPTS):
        second = open_app(office_browser, city)
        if server_of(second, city) != first_server:
            break
        second.context.close()
    other_server = server_of(second, city)
    assert {first_server, other_server} == set(city["servers"])
    sign_in(second, "lan", EDITOR_SHOWN)

    # A figure saved on one server is on the other's next run.
    expect(second.get_by_text("đã đạt đến nay: 0")).to_be_visible()
    record_in_form(first, "37", "05/03/2017", "Ba Vì")
    expect(success(first).get_by_text("37 lao động ngày 05/03/2017")).to_be_visible()
    second.reload()
    settled(second)
    expect(second.get_by_text("đã đạt đến nay: 37")).to_be_visible()
    assert served_by(city["logs"], route(first)) == {first_server}  # nginx kept each browser on its server
    assert served_by(city["logs"], route(second)) == {other_server}

    # The first browser's session, in a third browser that nginx sends to the other server
    # (its route cookie is the second's): signed in there; a sign-out on the first server
    # ends it there too.
    third = office_browser.new_context(locale="vi-VN", viewport={"width": 1400, "height": 1000})
    third.add_cookies(
        [{**session, "sameSite": "Strict"}, {"name": "tracker_route", "value": route(second), "url": city["base"],
                                             "secure": True, "httpOnly": True, "sameSite": "Strict"}]
    )  # fmt: skip
    shared = third.new_page()
    shared.goto(f"{city['base']}/record")
    settled(shared)
    signed_in_as(shared, ADMIN_SHOWN)
    first.locator("[data-testid='stSidebar']").get_by_role("button", name="Đăng xuất").click()
    signed_out(first)
    shared.reload()
    settled(shared)
    signed_out(shared)
    assert served_by(city["logs"], route(shared)) == {other_server}

    # The second server stops; its browser, after a reload, is served by the first one and
    # is still signed in: nothing of the sign-in lived in the stopped process.
    stopped = city["servers"][other_server]
    os.kill(stopped, signal.SIGTERM)
    _wait_gone(stopped)
    second.reload()
    settled(second)
    signed_in_as(second, EDITOR_SHOWN)
    expect(second.get_by_text("đã đạt đến nay: 37")).to_be_visible()
    assert served_by(city["logs"], route(second)) == {other_server, first_server}


def _wait_gone(pid: int) -> None:
    """Until the stopped server has exited (its sockets closed)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        if "zombie" in Path(f"/proc/{pid}/status").read_text():  # exited, its sockets closed
            return
        time.sleep(0.1)
    raise AssertionError(f"the app server {pid} did not stop")


def test_the_proxy_hides_the_metrics_and_forbids_framing(city: dict[str, Any]) -> None:
    """What the proxy adds for outside callers, asked for as any client would."""
    context = ssl.create_default_context(cafile=str(city["crt"]))
    context.check_hostname = False  # the name is the office's; urllib reaches it by address

    def get(path: str) -> tuple[int, Any]:
        request = urllib.request.Request(f"https://127.0.0.1:{city['https_port']}{path}", headers={"Host": HOST})
        try:
            with urllib.request.urlopen(request, context=context, timeout=30) as answer:
                return answer.status, answer.headers
        except urllib.error.HTTPError as error:
            return error.code, error.headers

    status, headers = get("/")
    assert status == 200
    assert headers.get_all("X-Frame-Options") == ["SAMEORIGIN"]
    assert headers.get_all("Content-Security-Policy") == ["frame-ancestors 'self'"]
    assert "max-age=" in headers["Strict-Transport-Security"]
    assert headers["Set-Cookie"].startswith("tracker_route=") and "Secure" in headers["Set-Cookie"]
    assert get("/_stcore/metrics")[0] == 404
    assert get("/_stcore/health")[0] == 200


def test_through_the_proxy_no_visitor_is_this_computer_and_no_other_name_is_answered(
    office_browser: Any, city_without_accounts: dict[str, Any]
) -> None:
    """Before any account exists, only a browser at the server itself may write. nginx
    runs on that server, so every visitor reaches the app from 127.0.0.1, even one who
    types localhost: the headers nginx adds make each of them a visitor from elsewhere.
    A page of another site whose name points at the server (DNS rebinding) reaches nginx,
    and its websocket is refused by the app's allowed names."""
    city = city_without_accounts
    for base in (city["base"], f"https://localhost:{city['https_port']}"):
        page = office_browser.new_context(locale="vi-VN").new_page()
        page.goto(f"{base}/users")
        settled(page)
        expect(page.locator("[data-testid='stSidebar']").get_by_text(REMOTE_BANNER)).to_be_visible()
        expect(page.get_by_role("button", name="Thêm")).to_have_count(0)
        page.context.close()

    context = ssl.create_default_context(cafile=str(city["crt"]))
    context.check_hostname = False
    for host, status in ((REBIND, "403"), (HOST, "101")):
        key = base64.b64encode(os.urandom(16)).decode()
        port = city["https_port"]
        request = (
            f"GET /_stcore/stream HTTP/1.1\r\nHost: {host}:{port}\r\nOrigin: https://{host}:{port}\r\n"
            f"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
            "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: streamlit\r\n\r\n"
        )
        with socket.create_connection(("127.0.0.1", port), timeout=30) as raw, context.wrap_socket(raw) as tls:
            tls.sendall(request.encode("ascii"))
            answer = tls.recv(4096).decode("latin-1")
        assert answer.startswith(f"HTTP/1.1 {status}"), (host, answer[:200])
