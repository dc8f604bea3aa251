"""Served to the network before any user exists: another computer may look but not
change anything, nor make itself administrator; this computer still may."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.server import dashboard_process
from tracker.storage.accounts import Accounts
from tracker.storage.ledger import Ledger

Page = Any  # playwright.sync_api.Page


def network_address() -> str | None:
    """This machine's address on its network, if it has one besides loopback."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outgoing interface
        address = probe.getsockname()[0]
    except OSError:
        return None
    finally:
        probe.close()
    return None if address.startswith("127.") else address


def test_before_there_are_users_another_computer_may_only_look(browser: Any, tmp_path: Path) -> None:
    address = network_address()
    if address is None:
        pytest.skip("this machine has no network address besides loopback to reach the app from")
    database = f"sqlite:///{tmp_path / 'tracker.db'}"
    # Served to the network as the README says: the address people type is added to the
    # names the app answers to, beside the loopback ones.
    names = ("localhost", "127.0.0.1", "::1", address)
    allowed = [option for name in names for option in ("--server.allowedHosts", name)]
    with dashboard_process(tmp_path, database, address="0.0.0.0", options=allowed) as (local_url, _):
        remote_url = local_url.replace("127.0.0.1", address)
        context = browser.new_context(viewport={"width": 1300, "height": 1000}, locale="vi-VN")
        page = context.new_page()
        page.goto(f"{remote_url}/record")
        sidebar = page.locator("[data-testid='stSidebar']")
        expect(sidebar.get_by_text("nên từ máy khác chỉ xem được")).to_be_visible()
        expect(page.get_by_role("button", name="Lưu bản ghi")).to_have_count(0)
        expect(sidebar.get_by_role("textbox", name="Người nhập (tên của bạn)")).to_have_count(0)
        page.goto(f"{remote_url}/users")
        expect(page.get_by_text("Quản trị viên đầu tiên chỉ được tạo ngay trên máy chủ")).to_be_visible()
        expect(page.get_by_role("button", name="Thêm")).to_have_count(0)

        page.goto(f"{local_url}/users")  # at the server itself: the first administrator can be made
        expect(sidebar.get_by_text("ai dùng máy tính này cũng ghi và sửa được số liệu")).to_be_visible()
        expect(page.get_by_role("button", name="Thêm")).to_be_visible()
        context.close()
    assert not Accounts(Ledger(database).database).has_users()
