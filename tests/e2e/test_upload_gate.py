"""Who may send the server a file, against the real `streamlit run dashboard.py`: Streamlit's
upload route takes a file only from the session of a person the import page offered an
uploader to, and only a few at a time; a visitor's session that sends one anyway (as a
script can, with the session id its page was given) is refused before the body is read.

The session id comes from the first message the server sends the page, read off the real
websocket; the upload goes through Streamlit's own route with the page's XSRF cookie.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from typing import Any

from playwright.sync_api import expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.e2e.test_browser import heading
from tests.e2e.waiting import settled
from tracker.domain.access import Role
from tracker.storage.accounts import Accounts
from tracker.storage.ledger import Ledger

Page = Any  # playwright.sync_api.Page
PASSWORD = "mật-khẩu-đủ-dài-2017"
REPORT = "Quận/huyện,Số lượng\r\nĐông Anh,42\r\n".encode()


def watch_session_ids(page: Page) -> list[str]:
    """The session ids the server gives the page as its websocket brings them (one with
    each run's first message: the same id for as long as the page stays open)."""
    found: list[str] = []

    def on_frame(payload: bytes | str) -> None:
        if isinstance(payload, bytes):
            message = ForwardMsg()
            message.ParseFromString(payload)
            if message.WhichOneof("type") == "new_session":
                found.append(message.new_session.initialize.session_id)

    page.on("websocket", lambda socket: socket.on("framereceived", on_frame))
    return found


def put_file(page: Page, base_url: str, session_id: str, file_id: str) -> int:
    """Upload a small CSV through Streamlit's route as the page's script would; the status."""
    xsrf = next(c["value"] for c in page.context.cookies() if c["name"] == "_streamlit_xsrf")
    boundary = "tracker-test-boundary"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="bao-cao.csv"\r\n'
        "Content-Type: text/csv\r\n\r\n"
    ).encode() + REPORT + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(
        f"{base_url}/_stcore/upload_file/{session_id}/{file_id}",
        data=body,
        method="PUT",
        headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "X-Xsrftoken": xsrf,
            "Cookie": f"_streamlit_xsrf={xsrf}",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as refused:
        return int(refused.code)


def test_only_an_editors_session_may_send_the_server_files(
    browser: Any, database_url: str, dashboard_url: str
) -> None:
    store = Ledger(database_url)
    accounts = Accounts(store.database)
    accounts.add_user("admin", "Nguyễn Văn An", Role.admin, PASSWORD)
    accounts.add_user("lan", "Trần Thị Lan", Role.editor, PASSWORD)
    store.dispose()
    context = browser.new_context(viewport={"width": 1400, "height": 1100}, locale="vi-VN")
    page = context.new_page()
    sessions = watch_session_ids(page)
    page.goto(f"{dashboard_url}/imports")
    expect(heading(page)).to_have_text("Nhập số liệu từ tệp")
    settled(page)
    expect(page.get_by_text("Chỉ biên tập viên và quản trị viên tải được tệp lên")).to_be_visible()
    expect(page.locator("input[type='file']")).to_have_count(0)
    [session] = set(sessions)

    assert put_file(page, dashboard_url, session, "by-script-1") == 403  # a visitor: no uploader, no upload

    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_role("textbox", name="Tên đăng nhập").fill("lan")
    sidebar.get_by_role("textbox", name="Mật khẩu").fill(PASSWORD)
    sidebar.get_by_role("button", name="Đăng nhập").click()
    expect(sidebar.get_by_text("Trần Thị Lan · biên tập viên")).to_be_visible()
    expect(page.locator("input[type='file']")).to_have_count(1)
    settled(page)
    assert set(sessions) == {session}  # the same session, now an editor's

    assert [put_file(page, dashboard_url, session, f"file-{n}") for n in range(1, 5)] == [204, 204, 204, 429]

    sidebar.get_by_role("button", name="Đăng xuất").click()
    expect(page.locator("input[type='file']")).to_have_count(0)
    settled(page)
    assert put_file(page, dashboard_url, session, "after-sign-out") == 403
    context.close()
