"""Only editors change numbers, however a write is reached: every write the app offers
checks the credential against the database and writes nothing when it is refused. Run
on SQLite and PostgreSQL."""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import at_server
from tests.helpers import PROJECT_ROOT
from tracker import service
from tracker.domain.access import AccessDeniedError, Credential, Role
from tracker.domain.entries import validate_entry
from tracker.domain.plan import Plan
from tracker.service import grid
from tracker.storage.accounts import AccountError, Accounts
from tracker.storage.ledger import Ledger
from tracker.storage.tasks import TaskBoard

PASSWORD = "mật-khẩu-đủ-dài-2017"
TASK = "recognise-village-titles"


@pytest.fixture
def ledger(database_url: str) -> Ledger:
    return Ledger(database_url)


@pytest.fixture
def people(ledger: Ledger) -> dict[str, Credential]:
    """A viewer, an editor and an administrator, each signed in."""
    accounts = Accounts(ledger.database)
    signed_in = {}
    for username, name, role in (
        ("xem", "Người Xem", Role.viewer),
        ("lan", "Trần Thị Lan", Role.editor),
        ("quantri", "Quản Trị", Role.admin),
    ):
        accounts.add_user(username, name, role, PASSWORD)
        token, _ = accounts.sign_in(username, PASSWORD)
        signed_in[username] = Credential(token=token)
    return signed_in


def seeded(plan: Plan, ledger: Ledger) -> tuple[int, int, int]:
    """An entry, its create change, and a task note, written by the operator."""
    entry_id = ledger.record(
        validate_entry(plan, target_id="workers-trained", quantity=450, ref_date="2017-03-01", entered_by="Sở")
    )
    TaskBoard(ledger.database).add_note(plan, TASK, "2017-03-02", "đã họp", "Sở")
    note_id = next(note.id for note in TaskBoard(ledger.database).state(plan, TASK).notes if note.text == "đã họp")
    return entry_id, ledger.changes_of(entry_id)[0].id, note_id


def every_write(plan: Plan, ledger: Ledger, editor: Credential) -> dict[str, Callable[[Credential], object]]:
    """Each write the app can make, as a function of the credential presented."""
    _, change_id, note_id = seeded(plan, ledger)
    frame = grid.grid_frame(ledger.entries_of("workers-trained"), "vi")
    added = {
        "edited_rows": {},
        "added_rows": [{"ref_date": "2017-04-01", "quantity": "5", "district": "Ba Vì"}],
        "deleted_rows": [],
    }
    ready = service.save_grid(plan, ledger, "workers-trained", frame, added, editor, write=False)
    task_change = TaskBoard(ledger.database).changes(TASK)[0].id
    task_version = TaskBoard(ledger.database).state(plan, TASK).version
    return {
        "record": lambda who: service.record_entry(
            plan, ledger, who, target_id="workers-trained", quantity="10", ref_date="2017-05-01", district="Ba Vì"
        ),
        "grid save": lambda who: service.save_grid(plan, ledger, "workers-trained", frame, added, who),
        "grid confirm": lambda who: service.write_batch(ledger, ready.batch, who, confirmed=True),  # type: ignore[arg-type]
        "total": lambda who: service.set_total(
            plan, ledger, target_id="workers-trained", total=9000, as_of="2017-06-30", credential=who
        ),
        "revert": lambda who: service.revert_change(ledger, change_id, who),
        "task status": lambda who: service.set_task_status(plan, ledger, TASK, "done", task_version, who),
        "task note": lambda who: service.add_task_note(plan, ledger, TASK, "2017-06-01", "xong", who),
        "withdraw note": lambda who: service.withdraw_task_note(plan, ledger, note_id, who),
        "task revert": lambda who: service.revert_task_change(plan, ledger, task_change, who),
        "add user": lambda who: service.add_user(ledger, who, "moi", "Người Mới", "editor", PASSWORD),
        "user role": lambda who: service.set_user_role(ledger, who, "lan", "viewer"),
        "user password": lambda who: service.set_user_password(ledger, who, "lan", "mật-khẩu-mới-rất-dài"),
        "remove user": lambda who: service.remove_user(ledger, who, "lan"),
    }


def picture(ledger: Ledger) -> tuple[Any, ...]:
    """Everything a write could change: the revision moves with every committed write."""
    return (
        ledger.revision(),
        ledger.count_entries(),
        len(TaskBoard(ledger.database).changes()),
        len(Accounts(ledger.database).list_users()),
    )


WRITES = [
    "record",
    "grid save",
    "grid confirm",
    "total",
    "revert",
    "task status",
    "task note",
    "withdraw note",
    "task revert",
    "add user",
    "user role",
    "user password",
    "remove user",
]


@pytest.mark.parametrize(
    ("who", "code"),
    [
        ("viewer", "no_permission"),
        ("forged token", "expired"),
        ("signed out", "expired"),
        ("only a typed name", "local_closed"),
        ("nobody", "not_signed_in"),
    ],
)
def test_a_write_without_the_right_is_refused_and_writes_nothing(
    plan: Plan, ledger: Ledger, people: dict[str, Credential], who: str, code: str
) -> None:
    writes = every_write(plan, ledger, people["lan"])
    viewer = people["xem"]
    credential = {
        "viewer": viewer,
        "forged token": Credential(token=viewer.token[:-4] + "abcd"),  # type: ignore[index]
        "signed out": viewer,
        "only a typed name": at_server("Trần Thị Lan"),  # the editor's name, typed: not a sign-in
        "nobody": Credential(),
    }[who]
    if who == "signed out":
        Accounts(ledger.database).sign_out(viewer.token)  # type: ignore[arg-type]
    before = picture(ledger)
    assert sorted(writes) == sorted(WRITES)
    for write, attempt in writes.items():
        with pytest.raises(AccessDeniedError) as refused:
            attempt(credential)
        expected = "no_manage" if code == "no_permission" and "user" in write else code
        assert refused.value.code == expected, write
        assert refused.value.message("vi").endswith("Chưa có gì được lưu."), write
        assert refused.value.message("en").endswith("Nothing was saved."), write
        assert picture(ledger) == before, write


def test_an_editor_writes_under_the_signed_in_name(plan: Plan, ledger: Ledger, people: dict[str, Credential]) -> None:
    for write in [w for w in WRITES if "user" not in w]:
        attempt = every_write(plan, ledger, people["lan"])[write]  # a fresh entry and note for each
        revision = ledger.revision()
        attempt(people["lan"])
        assert ledger.revision() > revision, write
        authors = {ledger.changes(limit=1)[0].changed_by, TaskBoard(ledger.database).changes(limit=1)[0].changed_by}
        assert "Trần Thị Lan" in authors, write  # the signed-in identity, not anything typed


def test_an_editor_may_not_manage_users_but_an_administrator_may(
    plan: Plan, ledger: Ledger, people: dict[str, Credential]
) -> None:
    with pytest.raises(AccessDeniedError) as refused:
        service.add_user(ledger, people["lan"], "moi", "Người Mới", "editor", PASSWORD)
    assert refused.value.code == "no_manage"
    service.add_user(ledger, people["quantri"], "moi", "Người Mới", "editor", PASSWORD)
    service.set_user_role(ledger, people["quantri"], "lan", "viewer")
    with pytest.raises(AccessDeniedError):  # demoted: her open session may no longer write
        service.record_entry(
            plan,
            ledger,
            people["lan"],
            target_id="workers-trained",
            quantity="1",
            ref_date="2017-05-01",
            district="Ba Vì",
        )
    assert {u.username: u.role for u in Accounts(ledger.database).list_users()}["moi"] == Role.editor


def test_before_there_are_users_the_name_typed_is_the_author(plan: Plan, ledger: Ledger) -> None:
    entry_id, entry = service.record_entry(
        plan,
        ledger,
        at_server("  Trần Văn Bình "),
        target_id="workers-trained",
        quantity="10",
        ref_date="2017-05-01",
        district="Ba Vì",
    )
    assert entry.entered_by == "Trần Văn Bình"
    assert ledger.changes_of(entry_id)[0].changed_by == "Trần Văn Bình"


def test_the_grid_batch_waiting_for_confirmation_takes_the_name_confirmed_at_write_time(
    plan: Plan, ledger: Ledger, people: dict[str, Credential]
) -> None:
    frame = grid.grid_frame([], "vi")
    added = {
        "edited_rows": {},
        "added_rows": [{"ref_date": "2017-04-01", "quantity": "5", "district": "Ba Vì"}],
        "deleted_rows": [],
    }
    ready = service.save_grid(plan, ledger, "workers-trained", frame, added, people["lan"], write=False)
    assert ready.status == "ready"
    Accounts(ledger.database).set_role("lan", "viewer")  # demoted while the batch waited
    with pytest.raises(AccessDeniedError):
        service.write_batch(ledger, ready.batch, people["lan"], confirmed=True)  # type: ignore[arg-type]
    assert ledger.count_entries() == 0


# --- the pages never write around the checks ---------------------------------------------

STORAGE_WRITES = {
    "apply",
    "record",
    "revert",
    "set_total",
    "set_status",
    "add_note",
    "withdraw_note",
    "add_user",
    "set_role",
    "set_password",
    "remove_user",
}


def test_pages_and_ui_modules_write_only_through_the_checked_service_functions() -> None:
    """A page that called the ledger or the task board directly would skip the check."""
    offenders = []
    drawn = [*PROJECT_ROOT.glob("pages/*.py"), *PROJECT_ROOT.glob("tracker/ui/**/*.py")]
    assert {"editing.py", "task_parts.py", "user_parts.py", "record.py"} <= {path.name for path in drawn}
    for path in drawn:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # the service, and its modules (tracker.service.users_scope, .reporting) imported by name
        checked = {"service"} | {
            alias.asname or alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module == "tracker.service"
            for alias in node.names
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in STORAGE_WRITES:
                owner = node.func.value
                if not (isinstance(owner, ast.Name) and owner.id in checked):
                    offenders.append(f"{path.relative_to(PROJECT_ROOT)}:{node.lineno}: .{node.func.attr}(")
    assert offenders == []


def test_a_credential_never_shows_its_token() -> None:
    assert "secret-token" not in repr(Credential(token="secret-token"))


def test_the_first_account_is_made_at_the_server_and_is_an_administrator(ledger: Ledger) -> None:
    here = at_server("")  # the server's own computer, no name typed
    with pytest.raises(AccountError) as refused:
        service.add_user(ledger, here, "lan", "Trần Thị Lan", "editor", PASSWORD)
    assert refused.value.code == "first_must_be_admin"  # or nobody could ever manage users
    with pytest.raises(AccessDeniedError):
        service.add_user(ledger, Credential(), "mallory", "Mallory", "admin", PASSWORD)  # from another computer
    assert not Accounts(ledger.database).has_users()
    service.add_user(ledger, here, "quantri", "Quản Trị", "admin", PASSWORD)
    with pytest.raises(AccessDeniedError):  # from now on, only a signed-in administrator
        service.add_user(ledger, here, "admin2", "Quản Trị Hai", "admin", PASSWORD)
    assert [user.username for user in Accounts(ledger.database).list_users()] == ["quantri"]


def test_two_first_administrators_at_once_make_one(ledger: Ledger) -> None:
    accounts = Accounts(ledger.database)
    accounts.add_user("mot", "Người Một", "admin", PASSWORD, first=True)
    with pytest.raises(AccountError) as refused:
        accounts.add_user("hai", "Người Hai", "admin", PASSWORD, first=True)  # checked under the write lock
    assert refused.value.code == "not_first"
