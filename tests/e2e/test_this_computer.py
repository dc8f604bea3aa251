"""Before any user exists, "this computer" really means this computer.

The app as installed answers only to localhost, 127.0.0.1 and [::1] (server.allowedHosts),
so a page of a malicious site that makes its own name resolve to 127.0.0.1 (DNS
rebinding) cannot open the app's websocket. Should the operator add a name, a session
that asks for the app by that name is still not "this computer", whatever its address;
nor is a session without an address (Streamlit's agent API). A browser at 127.0.0.1 of a
server bound to "::" (which sees it as ::ffff:127.0.0.1) is.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import socket
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, dashboard_process
from tracker.domain.access import Role
from tracker.storage.accounts import Accounts
from tracker.storage.ledger import Ledger

Page = Any  # playwright.sync_api.Page
REBIND = "rebind.evil.example"
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
REMOTE_BANNER = "nên từ máy khác chỉ xem được"
LOCAL_BANNER = "ai dùng máy tính này cũng ghi và sửa được số liệu"


def handshake(port: int, host: str) -> str:
    """The status line the app answers a websocket handshake with, sent from 127.0.0.1
    with ``host`` as Host and Origin, as a browser on this computer would send it."""
    key = base64.b64encode(os.urandom(16)).decode()
    request = (
        f"GET /_stcore/stream HTTP/1.1\r\nHost: {host}\r\nOrigin: http://{host}\r\n"
        f"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
        "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: streamlit\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        connection.sendall(request.encode("ascii"))
        answer = connection.recv(4096).decode("latin-1")
    return answer.splitlines()[0] if answer else ""


def no_users(database: str) -> bool:
    store = Ledger(database)
    try:
        return not Accounts(store.database).has_users()
    finally:
        store.dispose()


def test_as_installed_a_websocket_with_a_foreign_host_is_refused(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'tracker.db'}"
    with dashboard_process(tmp_path, database) as (url, _):
        port = int(url.rsplit(":", 1)[1])
        assert handshake(port, f"{REBIND}:{port}").startswith("HTTP/1.1 403")
        assert handshake(port, f"evil.localhost.example:{port}").startswith("HTTP/1.1 403")
        for name in (f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}"):
            assert handshake(port, name).startswith("HTTP/1.1 101"), name
    assert no_users(database)


@contextmanager
def rebinding_browser(browser: Any) -> Iterator[Any]:
    """A Chromium in which REBIND resolves to 127.0.0.1, as DNS rebinding arranges."""
    launched = browser.browser_type.launch(
        executable_path=CHROMIUM,
        headless=True,
        args=[*CHROMIUM_ARGS, f"--host-resolver-rules=MAP {REBIND} 127.0.0.1"],
    )
    try:
        yield launched
    finally:
        launched.close()


def test_a_rebinding_page_cannot_open_the_app(browser: Any, tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'tracker.db'}"
    with dashboard_process(tmp_path, database) as (url, _), rebinding_browser(browser) as chromium:
        port = int(url.rsplit(":", 1)[1])
        page = chromium.new_page()
        with page.expect_websocket() as opened:
            page.goto(f"http://{REBIND}:{port}/users")
        refused = opened.value.wait_for_event("socketerror")
        assert "403" in refused
        expect(page.locator("[data-testid='stSidebar']")).to_have_count(0)
    assert no_users(database)


def test_a_name_the_operator_added_is_not_this_computer(browser: Any, tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'tracker.db'}"
    allowed = [option for name in (*LOOPBACK_NAMES, REBIND) for option in ("--server.allowedHosts", name)]
    with dashboard_process(tmp_path, database, options=allowed) as (url, _), rebinding_browser(browser) as chromium:
        port = int(url.rsplit(":", 1)[1])
        page = chromium.new_page(locale="vi-VN")
        page.goto(f"http://{REBIND}:{port}/users")  # from 127.0.0.1, but asked for by another name
        sidebar = page.locator("[data-testid='stSidebar']")
        expect(sidebar.get_by_text(REMOTE_BANNER)).to_be_visible()
        expect(page.get_by_text("Quản trị viên đầu tiên chỉ được tạo ngay trên máy chủ")).to_be_visible()
        expect(page.get_by_role("button", name="Thêm")).to_have_count(0)
        page.goto(f"http://{REBIND}:{port}/record")
        expect(sidebar.get_by_text(REMOTE_BANNER)).to_be_visible()
        expect(page.get_by_role("button", name="Lưu bản ghi")).to_have_count(0)

        page.goto(f"http://127.0.0.1:{port}/users")  # the same browser, by the loopback name
        expect(sidebar.get_by_text(LOCAL_BANNER)).to_be_visible()
        expect(page.get_by_role("button", name="Thêm")).to_be_visible()
    assert no_users(database)


def test_bound_to_every_address_a_browser_at_127_0_0_1_is_this_computer(browser: Any, tmp_path: Path) -> None:
    if not socket.has_ipv6:
        pytest.skip("this machine has no IPv6 to bind '::' on")
    database = f"sqlite:///{tmp_path / 'tracker.db'}"
    with dashboard_process(tmp_path, database, address="::") as (url, _):
        context = browser.new_context(locale="vi-VN")
        page = context.new_page()
        page.goto(f"{url}/record")  # http://127.0.0.1:PORT: the server sees ::ffff:127.0.0.1
        sidebar = page.locator("[data-testid='stSidebar']")
        expect(sidebar.get_by_text(LOCAL_BANNER)).to_be_visible()
        expect(sidebar.get_by_role("textbox", name="Người nhập (tên của bạn)")).to_be_visible()
        expect(page.get_by_role("button", name="Lưu bản ghi")).to_be_visible()
        context.close()


@contextmanager
def proxy_on_this_computer(upstream: int, header: bytes) -> Iterator[int]:
    """A reverse proxy on 127.0.0.1, as an office might put in front of the app: it relays
    every connection to ``upstream`` and adds ``header`` to the request that opens it (a
    page, or the websocket's handshake). Its port."""
    loop = asyncio.new_event_loop()

    async def relay(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", upstream)
            head = await reader.readuntil(b"\r\n\r\n")
            up_writer.write(head[:-2] + header + b"\r\n\r\n")

            async def pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
                while chunk := await source.read(65536):
                    sink.write(chunk)
                    await sink.drain()
                sink.close()

            await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer), return_exceptions=True)
        except (OSError, asyncio.IncompleteReadError):
            writer.close()

    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    server = asyncio.run_coroutine_threadsafe(asyncio.start_server(relay, "127.0.0.1", 0), loop).result()
    try:
        yield server.sockets[0].getsockname()[1]
    finally:
        loop.call_soon_threadsafe(server.close)
        loop.call_soon_threadsafe(loop.stop)
        thread.join()


def test_a_browser_that_came_through_a_proxy_is_not_this_computer(browser: Any, tmp_path: Path) -> None:
    """A proxy on the server makes every visitor come from 127.0.0.1: a request that says
    it was passed on (Via, X-Forwarded-For...) is judged as from elsewhere."""
    database = f"sqlite:///{tmp_path / 'tracker.db'}"
    with dashboard_process(tmp_path, database) as (url, _):
        port = int(url.rsplit(":", 1)[1])
        with proxy_on_this_computer(port, b"Via: 1.1 proxy.office.local") as proxy:
            context = browser.new_context(locale="vi-VN")
            page = context.new_page()
            page.goto(f"http://127.0.0.1:{proxy}/users")
            sidebar = page.locator("[data-testid='stSidebar']")
            expect(sidebar.get_by_text(REMOTE_BANNER)).to_be_visible()
            expect(page.get_by_role("button", name="Thêm")).to_have_count(0)
            context.close()
    assert no_users(database)


# --- Streamlit's agent API: sessions without an address --------------------------------


def interact(url: str, body: dict[str, Any]) -> dict[str, Any]:
    request = urllib.request.Request(
        f"{url}/_stcore/agent/interact",
        data=json.dumps(body).encode("utf-8"),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as answer:
            result: dict[str, Any] = json.loads(answer.read())
    except urllib.error.HTTPError as error:
        result = {"http_status": error.code, **json.loads(error.read() or b"{}")}
    return result


def nodes(tree: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield tree
    for child in tree.get("children", []):
        yield from nodes(child)


def texts(snapshot: dict[str, Any]) -> list[str]:
    return [
        str(node.get("props", {}).get(field, ""))
        for node in nodes(snapshot["tree"])
        for field in ("body", "label")
        if node.get("props", {}).get(field)
    ]


def test_an_agent_session_without_an_address_may_only_look(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'tracker.db'}"
    with dashboard_process(tmp_path, database, options=["--server.enableAgentApi", "true"]) as (url, _):
        users = interact(url, {"page": "users"})
        assert users["status"] == "ready"
        shown = texts(users)
        assert any(REMOTE_BANNER in text for text in shown)
        assert not any(LOCAL_BANNER in text for text in shown)
        assert "Thêm" not in shown  # no form to make the first administrator
        forged = interact(
            url,
            {
                "session_id": users["session_id"],
                "widget_state": {
                    "add_user_username": "ke-gian",
                    "add_user_name": "Kẻ Gian",
                    "add_user_password": "mật-khẩu-kẻ-gian",
                    "add_user_again": "mật-khẩu-kẻ-gian",
                },
            },
        )
        assert forged.get("http_status", 200) >= 400  # those widgets are not there to be set
        record = interact(url, {"page": "record"})
        assert "Lưu bản ghi" not in texts(record) and "Người nhập (tên của bạn)" not in texts(record)
    assert no_users(database)


def sign_in_trigger(snapshot: dict[str, Any]) -> str:
    """The key of the sidebar's sign-in button, as the agent API names it."""
    return next(
        node["key"]
        for node in nodes(snapshot["tree"])
        if node.get("type") == "form_submit_button" and node.get("props", {}).get("label") == "Đăng nhập"
    )


def test_sessions_without_an_address_share_one_sign_in_pause(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'tracker.db'}"
    store = Ledger(database)
    Accounts(store.database).add_user("lan", "Trần Thị Lan", Role.editor, "mật-khẩu-đủ-dài-2017")
    store.dispose()
    with dashboard_process(tmp_path, database, options=["--server.enableAgentApi", "true"]) as (url, _):
        said = []
        for attempt in range(21):  # a new session each time, and a new name each time
            snapshot = interact(url, {"page": "overview"})
            answer = interact(
                url,
                {
                    "session_id": snapshot["session_id"],
                    "widget_state": {"sign_in_user": f"ten-{attempt}", "sign_in_password": "đoán-thử-mật-khẩu"},
                    "trigger": {"key": sign_in_trigger(snapshot)},
                },
            )
            said.append([text for text in texts(answer) if text.startswith(("Tên đăng nhập hoặc", "Đăng nhập sai"))])
        assert said[0] and said[0][0].startswith("Tên đăng nhập hoặc mật khẩu không đúng")
        assert said[-1] and said[-1][0].startswith("Đăng nhập sai quá nhiều lần")  # the 21st: paused
