"""TRACKER_DATABASE_URL: the database the operator meant, or one clear message that names
the setting, from the command line and in the app, and nothing created or written.

A mistyped folder used to be created with an empty database in it: with no users that
opened the app to anyone at the server, and the real figures looked gone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import tracker_command
from tests.helpers import open_dashboard
from tracker.storage import database as database_module
from tracker.storage.database import DatabaseSettingError, checked_database_url, default_database_url
from tracker.storage.ledger import Ledger

# (the setting's value, where {tmp} is a fresh folder; the code; a part of the Vietnamese message)
WRONG = [
    ("sqlite:///{tmp}/no-such-folder/tracker.db", "folder_missing", "không tồn tại"),
    ("sqlite:///{tmp}/a/b/c/tracker.db", "folder_missing", "không tồn tại"),
    ("mysql://root@127.0.0.1/tracker", "unsupported", "'mysql' không được hỗ trợ"),
    ("postgresql+psycopg2://postgres@127.0.0.1/test", "unsupported", "không được hỗ trợ"),
    # the spelling many hosting guides use; SQLAlchemy has no dialect of that name at all
    ("postgres://tracker@db.office.local/tracker", "unsupported", "'postgres' không được hỗ trợ"),
    ("postgresql+psycopg://postgres@127.0.0.1:abc/test", "bad_port", "cổng phải là một số"),
    ("postgresql+psycopg://postgres@127.0.0.1:70000/test", "bad_port", "cổng phải là một số"),
    ("postgresql+psycopg://postgres@127.0.0.1:٥٤٣٢/test", "bad_port", "cổng phải là một số"),  # int() reads 5432
    ("postgresql+psycopg://postgres:p:w@[::1]:５４３２/test", "bad_port", "cổng phải là một số"),
    ("đây không phải địa chỉ", "not_a_url", "không phải là địa chỉ"),
    ("C:\\data\\tracker.db", "not_a_url", "không phải là địa chỉ"),
    ("sqlite:///{tmp}/tracker.db?uri=true&vfs=memdb", "sqlite_options", "uri, vfs"),  # a database in memory
    ("sqlite:///{tmp}/tracker.db?mode=memory", "sqlite_options", "mode"),
    ("sqlite:///{tmp}/tracker.db?timeout=abc", "sqlite_options", "timeout"),
    ("sqlite:///~/tracker.db", "folder_missing", "/~ không tồn tại"),  # SQLite reads "~" as it is
    ("sqlite://", "in_memory", "trong bộ nhớ"),
    ("sqlite:///:memory:", "in_memory", "trong bộ nhớ"),
]


def _value(template: str, tmp_path: Path) -> str:
    return template.replace("{tmp}", str(tmp_path))


@pytest.mark.parametrize(("template", "code", "vietnamese"), WRONG)
def test_a_wrong_setting_is_refused_with_its_reason_and_nothing_is_created(
    tmp_path: Path, template: str, code: str, vietnamese: str
) -> None:
    before = sorted(tmp_path.rglob("*"))
    with pytest.raises(DatabaseSettingError) as refused:
        Ledger(_value(template, tmp_path))
    assert refused.value.code == code
    vi, en = refused.value.message("vi"), refused.value.message("en")
    assert vi.startswith("TRACKER_DATABASE_URL") and vietnamese in vi
    assert en.startswith("TRACKER_DATABASE_URL") and "Nothing was created or written." in en
    assert sorted(tmp_path.rglob("*")) == before  # no folder, no file


def test_the_message_never_repeats_a_password(tmp_path: Path) -> None:
    with pytest.raises(DatabaseSettingError) as refused:
        Ledger("mysql://tracker:bí-mật-s3cret@db.office.local/tracker")
    for lang in ("vi", "en"):
        assert "s3cret" not in refused.value.message(lang)


def test_a_folder_that_exists_is_used_and_postgres_urls_are_accepted(tmp_path: Path) -> None:
    assert checked_database_url(f"sqlite:///{tmp_path}/tracker.db").database == f"{tmp_path}/tracker.db"
    assert checked_database_url("postgresql://tracker@db.office.local:5432/tracker").get_driver_name() == "psycopg"
    assert checked_database_url("postgresql+psycopg://tracker@db.office.local/tracker").port is None


def test_only_the_default_data_folder_is_made(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    default = tmp_path / "data" / "tracker.db"
    monkeypatch.setattr(database_module, "DEFAULT_DATABASE", default)
    assert default_database_url() == f"sqlite:///{default}"
    assert not default.parent.exists()  # naming it makes nothing: opening it does
    store = Ledger()  # no URL: the default
    try:
        assert store.count_entries() == 0 and default.is_file()
    finally:
        store.dispose()


@pytest.mark.parametrize(
    ("template", "argv"),
    [
        ("sqlite:///{tmp}/missing/tracker.db", ("summary",)),
        ("sqlite:///{tmp}/missing/tracker.db", ("record", "workers-trained", "450", "--date", "2017-03-31")),
        ("sqlite:///{tmp}/missing/tracker.db", ("user", "list")),
        ("mysql://root@127.0.0.1/tracker", ("summary", "--json")),
        ("postgresql+psycopg://postgres@127.0.0.1:port/test", ("user", "list")),
        ("not a url at all", ("summary",)),
    ],
)
def test_the_command_line_says_it_in_one_line_and_exits_2(tmp_path: Path, template: str, argv: tuple[str, ...]) -> None:
    done = tracker_command(*argv, settings={"TRACKER_DATABASE_URL": _value(template, tmp_path)})
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.startswith("TRACKER_DATABASE_URL"), done.stderr
    assert len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("template", "page"),
    [
        ("sqlite:///{tmp}/missing/tracker.db", "pages/overview.py"),
        ("mysql://root@127.0.0.1/tracker", "pages/record.py"),
        ("postgresql+psycopg://postgres@127.0.0.1:port/test", "pages/users.py"),
    ],
)
def test_the_app_shows_the_setting_and_its_reason_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, template: str, page: str
) -> None:
    app = open_dashboard(monkeypatch, _value(template, tmp_path), page)
    assert not app.exception
    assert app.title[0].value == "Cài đặt cơ sở dữ liệu chưa đúng"
    assert app.error[0].value.startswith("TRACKER\\_DATABASE\\_URL")  # escaped: shown as typed, not as markup
    assert list(tmp_path.iterdir()) == []
