"""The sign-in cookie is set by the server: HttpOnly, so no script of any page (one served
from another port of this computer included) can read it; under HTTPS Secure and
"__Host-"; named after the database, so that two instances on two ports of one computer
keep their sign-ins apart. Only a page of the app itself can have it set or cleared."""

from __future__ import annotations

import json
import socket
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from tests.e2e.server import dashboard_process
from tracker.domain.access import Role
from tracker.storage.accounts import Accounts
from tracker.storage.ledger import Ledger
from tracker.ui.cookie_routes import END_PATH, SET_PATH, cookie_name

PASSWORD = "mật-khẩu-đủ-dài-2017"


def session_of(database: str, username: str = "lan", name: str = "Trần Thị Lan") -> str:
    store = Ledger(database)
    try:
        accounts = Accounts(store.database)
        if not accounts.has_users():
            accounts.add_user(username, name, Role.editor, PASSWORD)
        token, _ = accounts.sign_in(username, PASSWORD)
        return token
    finally:
        store.dispose()


def post(url: str, path: str, body: dict[str, Any] | None, headers: dict[str, str]) -> tuple[int, list[str]]:
    """The status and the Set-Cookie headers of a POST, with the headers as given."""
    data = b"" if body is None else json.dumps(body).encode("utf-8")
    request = urllib.request.Request(f"{url}{path}", data=data, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.headers.get_all("set-cookie") or []
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get_all("set-cookie") or []


def test_only_a_page_of_the_app_itself_can_have_the_cookie_set(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'tracker.db'}"
    token = session_of(database)
    name = cookie_name(database)
    with dashboard_process(tmp_path, database) as (url, _):
        host = url.removeprefix("http://")
        port = host.rsplit(":", 1)[1]
        same = {"Host": host, "Origin": url, "Content-Type": "application/json"}
        for origin in ("http://evil.example", f"http://127.0.0.1:{int(port) + 1}", f"https://{host}", None):
            headers = {**same, "Origin": origin} if origin else {k: v for k, v in same.items() if k != "Origin"}
            status, cookies = post(url, SET_PATH, {"token": token}, headers)
            assert status == 403 and not any(c.startswith(name) for c in cookies), origin
        status, _ = post(url, SET_PATH, {"token": token}, {**same, "Host": f"rebind.evil.example:{port}"})
        assert status == 403  # a Host the app does not answer to
        status, cookies = post(url, SET_PATH, {"token": "made-up-token"}, same)
        assert status == 403 and not any(c.startswith(f"{name}=made") for c in cookies)

        status, cookies = post(url, SET_PATH, {"token": token}, same)
        assert status == 204
        [set_cookie] = [c for c in cookies if c.startswith(f"{name}=")]
        attributes = [part.strip().lower() for part in set_cookie.split(";")]
        assert set_cookie.startswith(f"{name}={token};")
        assert {"httponly", "path=/", "samesite=strict"} <= set(attributes)
        assert "secure" not in attributes  # plain HTTP on this computer

        status, cookies = post(url, END_PATH, None, {**same, "Cookie": f"{name}={token}"})
        assert status == 204 and any(c.startswith(f'{name}=""') or c.startswith(f"{name}=;") for c in cookies)
    store = Ledger(database)
    try:
        assert not any(user.active_sessions for user in Accounts(store.database).list_users())  # ended, not forgotten
    finally:
        store.dispose()


def test_behind_https_the_cookie_is_secure_and_host_only(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'tracker.db'}"
    token = session_of(database)
    with dashboard_process(tmp_path, database) as (url, _):
        host = url.removeprefix("http://")
        # A TLS-terminating proxy on this computer says so in X-Forwarded-Proto.
        headers = {"Host": host, "Origin": f"https://{host}", "X-Forwarded-Proto": "https"}
        status, cookies = post(url, SET_PATH, {"token": token}, {**headers, "Content-Type": "application/json"})
    assert status == 204
    [set_cookie] = [c for c in cookies if c.startswith("__Host-")]
    attributes = [part.strip().lower() for part in set_cookie.split(";")]
    assert set_cookie.startswith(f"__Host-{cookie_name(database)}={token};")
    assert {"httponly", "secure", "path=/", "samesite=strict"} <= set(attributes)
    assert not any(part.startswith("domain") for part in attributes)


def sign_in(page: Any, url: str, username: str, shown_as: str) -> None:
    page.goto(f"{url}/record")
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_role("textbox", name="Tên đăng nhập").fill(username)
    sidebar.get_by_role("textbox", name="Mật khẩu").fill(PASSWORD)
    with page.expect_response(lambda response: response.url.endswith(SET_PATH)) as cookie_set:
        sidebar.get_by_role("button", name="Đăng nhập").click()
    assert cookie_set.value.status == 204
    expect(sidebar.get_by_text(shown_as)).to_be_visible()


def test_two_instances_on_two_ports_keep_their_sign_ins(browser: Any, tmp_path: Path) -> None:
    first_db = f"sqlite:///{tmp_path / 'a' / 'tracker.db'}"
    second_db = f"sqlite:///{tmp_path / 'b' / 'tracker.db'}"
    for folder, database, name in (("a", first_db, "Trần Thị Lan"), ("b", second_db, "Lê Văn Bình")):
        (tmp_path / folder).mkdir()
        store = Ledger(database)
        Accounts(store.database).add_user("nguoi", name, Role.editor, PASSWORD)
        store.dispose()
    with (
        dashboard_process(tmp_path / "a", first_db) as (first, _),
        dashboard_process(tmp_path / "b", second_db) as (second, _),
    ):
        context = browser.new_context(locale="vi-VN")
        page = context.new_page()
        sign_in(page, first, "nguoi", "Trần Thị Lan · biên tập viên")
        sign_in(page, second, "nguoi", "Lê Văn Bình · biên tập viên")
        assert {cookie_name(first_db), cookie_name(second_db)} <= {c["name"] for c in context.cookies()}
        assert all(c["httpOnly"] for c in context.cookies() if c["name"].startswith("tracker_session"))
        for url, shown_as in ((first, "Trần Thị Lan · biên tập viên"), (second, "Lê Văn Bình · biên tập viên")):
            page.goto(f"{url}/record")  # a reload of each: both still signed in
            expect(page.locator("[data-testid='stSidebar']").get_by_text(shown_as)).to_be_visible()
            assert "tracker_session" not in page.evaluate("document.cookie")
        context.close()


def test_the_earlier_releases_readable_cookie_signs_no_one_in_and_is_cleared(browser: Any, tmp_path: Path) -> None:
    """Any page of this host, on any port, could have written that cookie (with a token of
    its own, to have the victim work under someone else's name): it is only cleared."""
    database = f"sqlite:///{tmp_path / 'tracker.db'}"
    token = session_of(database)
    with dashboard_process(tmp_path, database) as (url, _):
        context = browser.new_context(locale="vi-VN")
        context.add_cookies([{"name": "tracker_session", "value": token, "url": url, "sameSite": "Strict"}])
        page = context.new_page()
        page.goto(f"{url}/record")
        sidebar = page.locator("[data-testid='stSidebar']")
        expect(sidebar.get_by_role("button", name="Đăng nhập")).to_be_visible()  # not signed in by it
        assert "tracker_session" not in {c["name"] for c in context.cookies()}
        context.close()


def test_no_other_site_or_port_may_frame_the_app_and_a_huge_body_is_not_read(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'tracker.db'}"
    with dashboard_process(tmp_path, database) as (url, _):
        with urllib.request.urlopen(f"{url}/", timeout=30) as answer:
            assert answer.headers["X-Frame-Options"] == "SAMEORIGIN"
            assert answer.headers["Content-Security-Policy"] == "frame-ancestors 'self'"
        host = url.removeprefix("http://")
        same = {"Host": host, "Origin": url, "Content-Type": "application/json"}
        status, _ = post(url, SET_PATH, {"token": "x" * 5000}, same)
        assert status == 400  # refused after the first kilobyte, never read whole


def test_a_client_that_leaves_in_the_middle_of_its_body_leaves_one_line_in_the_log(tmp_path: Path) -> None:
    """It announced 500 bytes, sent 14 and went away: the server used to log a traceback
    of fifty lines for it. Now one line says so, and the next request is answered."""
    database = f"sqlite:///{tmp_path / 'tracker.db'}"
    log = tmp_path / "streamlit.log"
    with dashboard_process(tmp_path, database) as (url, _):
        host = url.removeprefix("http://")
        head = (
            f"POST {SET_PATH} HTTP/1.1\r\nHost: {host}\r\nOrigin: {url}\r\n"
            "Content-Type: application/json\r\nContent-Length: 500\r\n\r\n"
        )
        with socket.create_connection(("127.0.0.1", int(host.rsplit(":", 1)[1])), timeout=30) as client:
            client.sendall(head.encode("ascii") + b'{"token": "abc')
        deadline = time.monotonic() + 60
        while SET_PATH not in (said := log.read_text(errors="replace")) and "Traceback" not in said:
            assert time.monotonic() < deadline, said  # the server never noticed
            time.sleep(0.05)  # between two looks at the log
        same = {"Host": host, "Origin": url, "Content-Type": "application/json"}
        status, _ = post(url, SET_PATH, {"token": "made-up-token"}, same)  # the next one is answered as ever
        assert status == 403
        said = log.read_text(errors="replace")
    assert "Traceback" not in said
    [line] = [line for line in said.splitlines() if SET_PATH in line]
    assert "left before sending" in line and "14 of 500 bytes" in line
