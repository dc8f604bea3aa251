"""The language is kept: in the address (``?lang=en``), by every link the app draws, and
on a signed-in person's account. Vietnamese is the default and needs no mention."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from tests.helpers import account, open_dashboard, record, sign_in_as
from tracker.domain.plan import Plan
from tracker.storage.accounts import users

LAN = "Trần Thị Lan"


def links(app: AppTest) -> dict[str, str]:
    """Every page link drawn (the sidebar's menu and the page's own), label to address query."""
    return {link.proto.label: link.proto.query_string for link in app.get("page_link")}


def to_english(app: AppTest) -> AppTest:
    app.sidebar.radio(key="lang").set_value("en").run()
    assert not app.exception
    return app


def stored_languages(url: str) -> dict[str, str | None]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            return dict(connection.execute(sa.select(users.c.display_name, users.c.language)).all())
    finally:
        engine.dispose()


def test_english_goes_into_the_address_and_every_menu_link_keeps_it(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str
) -> None:
    app = open_dashboard(monkeypatch, sqlite_url)
    assert app.query_params.get("lang") is None  # the default needs no mention
    assert all("lang=" not in query for query in links(app).values())
    to_english(app)
    assert app.title[0].value == "Progress overview"
    assert app.query_params["lang"] == "en"
    menu = links(app)
    assert len(menu) >= 8
    assert all(query.split("&").count("lang=en") == 1 for query in menu.values()), menu
    assert all("plan=2017" in query for query in menu.values()), menu  # the plan is kept beside it
    app.switch_page("pages/record.py").run()  # a page opened from the menu
    assert app.title[0].value == "Record progress"
    assert app.query_params["lang"] == "en"
    to_vietnamese = app.sidebar.radio(key="lang").set_value("vi").run()
    assert to_vietnamese.title[0].value == "Ghi nhận kết quả"
    assert app.query_params["lang"] == "vi"  # chosen: it now wins over a stored English


def test_an_address_in_english_opens_in_english(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> None:
    """A reload or a link opened in a new tab is a new session: only the address is known."""
    app = open_dashboard(monkeypatch, sqlite_url, query={"lang": "en"})
    assert not app.exception
    assert app.title[0].value == "Progress overview"
    assert app.sidebar.radio(key="lang").value == "en"
    assert all("lang=en" in query for query in links(app).values())
    app.switch_page("pages/history.py").run()
    assert app.query_params["lang"] == "en"
    assert app.title[0].value != "Lịch sử thay đổi"


@pytest.mark.parametrize("given", ["xx", "EN", "<script>alert(1)</script>", ""])
def test_a_language_the_app_does_not_speak_falls_back_to_vietnamese(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, given: str
) -> None:
    app = open_dashboard(monkeypatch, sqlite_url, query={"lang": given})
    assert not app.exception
    assert app.title[0].value == "Tổng quan tiến độ"
    assert app.sidebar.radio(key="lang").value == "vi"
    assert app.query_params["lang"] == "vi"  # the address no longer carries what was given
    page = str(app._tree)
    assert "alert(1)" not in page


def test_a_target_opened_from_the_english_overview_opens_in_english(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, plan: Plan
) -> None:
    record(sqlite_url, plan, ("workers-trained", 1200, "2017-03-31", None))
    app = to_english(open_dashboard(monkeypatch, sqlite_url))
    details = app.dataframe[0].value["Details"]
    assert all(link.startswith("target?") and "lang=en" in link.split("?")[1].split("&") for link in details)
    app = open_dashboard(monkeypatch, sqlite_url)
    assert all("lang=" not in link for link in app.dataframe[0].value["Chi tiết"])  # Vietnamese: as before


def test_a_signed_in_person_s_choice_is_kept_and_opens_their_next_sign_in(
    monkeypatch: pytest.MonkeyPatch, database_url: str
) -> None:
    app = sign_in_as(open_dashboard(monkeypatch, database_url), database_url, LAN)
    assert stored_languages(database_url) == {LAN: None}
    to_english(app)
    assert stored_languages(database_url) == {LAN: "en"}

    later = sign_in_as(open_dashboard(monkeypatch, database_url), database_url, LAN)  # another browser, no ?lang
    assert later.title[0].value == "Progress overview"
    assert later.query_params["lang"] == "en"
    assert all("lang=en" in query for query in links(later).values())

    linked = open_dashboard(monkeypatch, database_url, query={"lang": "vi"})  # the address wins
    sign_in_as(linked, database_url, LAN)
    assert linked.title[0].value == "Tổng quan tiến độ"
    assert stored_languages(database_url) == {LAN: "en"}  # following a link chooses nothing


def test_a_switch_made_before_signing_in_is_not_stored(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> None:
    account(sqlite_url, LAN)
    app = to_english(open_dashboard(monkeypatch, sqlite_url))
    sign_in_as(app, sqlite_url, LAN)
    assert app.title[0].value == "Progress overview"  # the address (English) wins over no choice
    assert stored_languages(sqlite_url) == {LAN: None}
