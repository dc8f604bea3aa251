"""A page of another port of this computer cannot act as the person signed in here.

Browsers send a host's cookies to every port of that host, SameSite=Strict ones included
(a site ignores ports), and Streamlit lets a websocket in whenever its Origin names an
allowed host, whatever the port. So a page served from another port of 127.0.0.1 can open
the app's websocket with the editor's cookie attached and drive the app as Streamlit's own
page does. The app counts a sign-in only for a session whose Origin is its own (scheme,
host and port): there, the session is anonymous and says so, and nothing is written.

The attack replays, from a static page on another port, the very messages the app's own
tab sent to record an entry, with the quantity changed to 4242 and the district to Sóc
Sơn. Every step waits for the message that says the app's run is over, never for a time.
"""

from __future__ import annotations

import base64
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from google.protobuf.json_format import MessageToDict
from playwright.sync_api import expect
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.e2e.server import dashboard_process
from tests.e2e.test_session_cookie import PASSWORD, session_of
from tests.e2e.waiting import settled, success
from tracker.domain.access import Role
from tracker.storage.accounts import Accounts
from tracker.storage.ledger import Ledger
from tracker.ui.cookie_routes import SET_PATH, cookie_name

Page = Any  # playwright.sync_api.Page
EDITOR = "Trần Thị Lan"
RUN_TIMEOUT = 120_000  # ms: one run of the app on a busy two-core machine, with room to spare
SUBMIT = "FormSubmitter:record_entry"  # the record form's Save button, as Streamlit names its widget
ANONYMOUS_NOTICE = "không có hiệu lực ở đây"  # part of the sidebar's notice (tracker/i18n/strings/access.py)

# The attacker's page: nothing of the app, only a websocket to it and a way to send bytes.
ATTACK_PAGE = b"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Another port's page</title></head>
<body><p>Nothing to see here.</p>
<script>
window.attack = {
  open(url) {
    return new Promise((opened, refused) => {
      const socket = new WebSocket(url, ["streamlit"]);
      socket.binaryType = "arraybuffer";
      socket.onopen = () => { window.attack.socket = socket; opened(socket.protocol); };
      socket.onerror = () => refused("the websocket was refused");
    });
  },
  send(encoded) {
    window.attack.socket.send(Uint8Array.from(atob(encoded), c => c.charCodeAt(0)));
  },
};
</script></body></html>"""


@contextmanager
def page_on_another_port() -> Iterator[str]:
    """ATTACK_PAGE served by a small HTTP server on a port of 127.0.0.1 of its own: its URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(ATTACK_PAGE)))
            self.end_headers()
            self.wfile.write(ATTACK_PAGE)

        def log_message(self, *_: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def decoded(payload: str | bytes) -> ForwardMsg:
    message = ForwardMsg()
    message.ParseFromString(payload if isinstance(payload, bytes) else payload.encode("latin-1"))
    return message


def run_over(payload: str | bytes) -> bool:
    """The message that says a run of the script ended and no other follows it (a run
    that ended early for a rerun, as after a save, is followed by that rerun)."""
    message = decoded(payload)
    return (
        message.WhichOneof("type") == "script_finished"
        and message.script_finished == ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY
    )


def texts(payloads: list[str | bytes]) -> list[str]:
    """Every text the app sent in these messages (markdown, alerts, labels...)."""
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for payload in payloads:
        walk(MessageToDict(decoded(payload)))
    return found


def sign_in(page: Page, url: str) -> None:
    """Sign in as the editor on the record page, as a person does: once the page has
    drawn, type, press, and wait for the server to have set the cookie."""
    page.goto(f"{url}/record")
    settled(page)
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_role("textbox", name="Tên đăng nhập").fill("lan")
    sidebar.get_by_role("textbox", name="Mật khẩu").fill(PASSWORD)
    with page.expect_response(lambda response: response.url.endswith(SET_PATH)) as cookie_set:
        sidebar.get_by_role("button", name="Đăng nhập").click()
    assert cookie_set.value.status == 204
    expect(sidebar.get_by_text(f"{EDITOR} · biên tập viên")).to_be_visible()


def record_in_form(page: Page, quantity: str, day: str, district: str) -> None:
    """Fill the record form as a person does and press Save (the page is /record)."""
    settled(page)
    page.get_by_role("textbox", name="Số lượng (lao động)").fill(quantity)
    page.locator("[data-testid='stDateInput']").first.get_by_role("spinbutton").first.click()
    page.keyboard.type(day)
    page.keyboard.press("Tab")
    page.locator("[data-testid='stMain']").get_by_role("combobox").nth(1).click()  # not the sidebar's plan
    page.keyboard.type(district)
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Lưu bản ghi").click()


def the_save_sent(frames: list[str | bytes]) -> BackMsg:
    """Of the messages the app's own tab sent, the one that pressed the record form's Save."""
    for payload in frames:
        message = BackMsg()
        message.ParseFromString(payload if isinstance(payload, bytes) else payload.encode("latin-1"))
        states = message.rerun_script.widget_states.widgets
        if any(SUBMIT in state.id and state.trigger_value for state in states):
            return message
    raise AssertionError("the app's own tab sent no press of Save")


def forged(save: BackMsg, replace: dict[str, str]) -> BackMsg:
    """The same press of Save with other values typed into the form."""
    copy = BackMsg()
    copy.CopyFrom(save)
    replaced = set()
    for state in copy.rerun_script.widget_states.widgets:
        if state.WhichOneof("value") == "string_value" and state.string_value in replace:
            replaced.add(state.string_value)
            state.string_value = replace[state.string_value]
    assert replaced == set(replace), replaced  # the form's widgets were where they were expected
    return copy


def opening_of(page_name: str, save: BackMsg) -> BackMsg:
    """What Streamlit's page sends first: run the script of ``page_name``."""
    message = BackMsg()
    message.rerun_script.page_name = page_name
    message.rerun_script.query_string = save.rerun_script.query_string
    message.rerun_script.context_info.CopyFrom(save.rerun_script.context_info)
    return message


def entries(database: str) -> set[tuple[int, str | None, str]]:
    """The entries of the target the form records, read from the ledger itself."""
    store = Ledger(database)
    try:
        return {(int(e.quantity), e.district, e.entered_by) for e in store.entries_of("workers-trained")}
    finally:
        store.dispose()


def sender(attack: Page, stream: Any) -> Callable[[BackMsg], None]:
    """Send a message from the attacker's page, then wait until the run it caused is over."""

    def send(message: BackMsg) -> None:
        encoded = base64.b64encode(message.SerializeToString()).decode("ascii")
        with stream.expect_event("framereceived", predicate=run_over, timeout=RUN_TIMEOUT):
            attack.evaluate("encoded => window.attack.send(encoded)", encoded)

    return send


def test_a_page_of_another_port_cannot_record_as_the_signed_in_editor(browser: Any, tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'tracker.db'}"
    store = Ledger(database)
    Accounts(store.database).add_user("lan", EDITOR, Role.editor, PASSWORD)
    store.dispose()
    with dashboard_process(tmp_path, database) as (url, _), page_on_another_port() as attack_url:
        context = browser.new_context(viewport={"width": 1400, "height": 1100}, locale="vi-VN")
        try:
            own = context.new_page()
            own.set_default_timeout(RUN_TIMEOUT)
            sent: list[str | bytes] = []
            own.on("websocket", lambda socket: socket.on("framesent", lambda payload: sent.append(payload)))
            sign_in(own, url)
            record_in_form(own, "450", "31032017", "Chương Mỹ")
            expect(success(own).get_by_text(": 450 lao động ngày 31/03/2017.")).to_be_visible()
            assert entries(database) == {(450, "Chương Mỹ", EDITOR)}
            save = forged(the_save_sent(sent), {"450": "4242", "Chương Mỹ": "Sóc Sơn"})
            # The browser holds the sign-in cookie for 127.0.0.1, and cookies ignore ports.
            assert cookie_name(database) in {c["name"] for c in context.cookies(attack_url)}

            attack = context.new_page()  # the same browser, so the cookie goes along
            received: list[str | bytes] = []
            attack.on("websocket", lambda socket: socket.on("framereceived", lambda payload: received.append(payload)))
            attack.goto(attack_url)
            with attack.expect_websocket() as opened:
                stream_url = f"ws://{url.removeprefix('http://')}/_stcore/stream"
                protocol = attack.evaluate("url => window.attack.open(url)", stream_url)
            assert protocol == "streamlit"  # Streamlit let it in: the guard is the app's own
            send = sender(attack, opened.value)
            send(opening_of("record", save))  # a page change, as the attacker made
            send(save)  # 4242 in Sóc Sơn, and Save

            assert entries(database) == {(450, "Chương Mỹ", EDITOR)}  # nothing written
            shown = texts(received)
            assert any(ANONYMOUS_NOTICE in text for text in shown)  # the session says it is anonymous
            assert f"{EDITOR} · biên tập viên" not in shown  # and is signed in as nobody
            assert not any(text.startswith("Đã lưu") for text in shown)

            own.bring_to_front()  # the app's own tab still works, signed in
            record_in_form(own, "300", "30042017", "Ba Vì")
            expect(success(own).get_by_text(": 300 lao động ngày 30/04/2017.")).to_be_visible()
            assert entries(database) == {(450, "Chương Mỹ", EDITOR), (300, "Ba Vì", EDITOR)}
        finally:
            context.close()


def what_a_session_shows(url: str, origin: str | None, headers: dict[str, str]) -> list[str]:
    """The texts of the record page as a websocket opened from 127.0.0.1 with ``origin``
    and ``headers`` (a proxy's, a cookie) sees them, once its run is over."""
    from websockets.sync.client import connect
    from websockets.typing import Origin, Subprotocol

    opening = BackMsg()
    opening.rerun_script.page_name = "record"
    received: list[bytes] = []
    with connect(
        f"ws://{url.removeprefix('http://')}/_stcore/stream",
        origin=Origin(origin) if origin else None,
        subprotocols=[Subprotocol("streamlit")],
        additional_headers=headers,
        proxy=None,
        open_timeout=RUN_TIMEOUT / 1000,
        max_size=None,
    ) as stream:
        stream.send(opening.SerializeToString())
        while not received or not run_over(received[-1]):
            frame = stream.recv(timeout=RUN_TIMEOUT / 1000)
            received.append(frame if isinstance(frame, bytes) else frame.encode("latin-1"))
    return texts(list(received))


def test_behind_a_tls_proxy_only_the_https_page_of_the_app_counts(tmp_path: Path) -> None:
    """A proxy on this computer that ends TLS says X-Forwarded-Proto: https; the server
    trusts that from 127.0.0.1 only. Then the app's origin is https://host: its page is
    signed in by the "__Host-" cookie; a page at http://host (the same host and port, the
    other scheme) is not, nor is a client that claims the scheme itself."""
    database = f"sqlite:///{tmp_path / 'tracker.db'}"
    token = session_of(database)
    cookie = {"Cookie": f"__Host-{cookie_name(database)}={token}"}
    signed_in = f"{EDITOR} · biên tập viên"
    with dashboard_process(tmp_path, database) as (url, _):
        host = url.removeprefix("http://")
        proxied = {**cookie, "X-Forwarded-Proto": "https"}
        shown = what_a_session_shows(url, f"https://{host}", proxied)
        assert signed_in in shown and not any(ANONYMOUS_NOTICE in text for text in shown)
        for origin, headers in (
            (f"http://{host}", proxied),  # the other scheme's page
            (f"https://{host}", cookie),  # no proxy said https: the connection is plain
            (f"https://{host}", {**cookie, "Tracker-Connection-Scheme": "wss"}),  # nor may a client say it
        ):
            shown = what_a_session_shows(url, origin, headers)
            assert signed_in not in shown and any(ANONYMOUS_NOTICE in text for text in shown), (origin, headers)
