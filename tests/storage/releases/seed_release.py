"""Fill one database through an old release's own public API (run by make_release_databases.py).

Run as ``python seed_release.py WORKTREE DATABASE_URL RESULT_JSON`` with PYTHONPATH=WORKTREE,
so that ``tracker`` is that release's package, never the one being developed. Only the
calls the releases 9074334, 0f33ca4 and 6284531 share are used, in the same order on every
database, so that SQLite and PostgreSQL end up with the same rows and the same ids.

Two layouts of the package are known:

- flat (9074334, 0f33ca4): ``tracker.ledger``, ``tracker.tasks``, ``tracker.accounts``...;
  ``TaskBoard`` and ``Accounts`` take the ``Ledger``, and each store makes its tables the
  first time it opens a database;
- layered (6284531): ``tracker.domain.*`` and ``tracker.storage.*``; ``TaskBoard`` and
  ``Accounts`` take the ``Database`` the ledger stands on, and the schema is made by
  Alembic's migrations. As that release is used, an SQLite file is upgraded when the
  ledger opens it, and PostgreSQL only by the operator's upgrade (``Database.upgrade``,
  what ``python -m tracker db upgrade`` calls), which runs here first.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher

import tracker

try:  # the layered package (6284531)
    from tracker.domain.entries import ValidEntry, validate_entry
    from tracker.domain.plan import Aggregation, Plan, load_plan
    from tracker.storage.accounts import Accounts, SignInError
    from tracker.storage.database import Database
    from tracker.storage.ledger import Edit, Ledger, Removal
    from tracker.storage.tasks import TaskBoard

    LAYERED = True
except ModuleNotFoundError as absent:
    # Only the layers' own folders may be missing: any other missing module is a real
    # fault of the release (or of the virtualenv) and must not be taken for the old layout.
    if absent.name not in {"tracker.domain", "tracker.storage"}:
        raise
    from tracker.accounts import Accounts, SignInError
    from tracker.entries import ValidEntry, validate_entry
    from tracker.ledger import Edit, Ledger, Removal
    from tracker.plan import Aggregation, Plan, load_plan
    from tracker.tasks import TaskBoard

    LAYERED = False

ADMIN = "Nguyễn Thị Lan"
EDITOR = "Trần Văn Minh"
VIEWER = "Lê Thị Hoa"
PASSWORDS = {
    "lan.nguyen": "quản-trị-Hà-Nội-2017",
    "minh.tran": "biên-tập-làng-nghề-2017",
    "hoa.le": "chỉ-xem-số-liệu-2017",
}
AS_OF = dt.date(2017, 12, 31)


def main(worktree: Path, url: str, result_file: Path) -> None:
    package = Path(tracker.__file__).resolve()
    if not package.is_relative_to(worktree.resolve()):  # the whole point: the old release writes
        raise SystemExit(f"tracker imported from {package}, not from the release in {worktree}")
    plan = load_plan(worktree / "targets.yaml")
    ledger = open_ledger(url)
    try:
        seed_accounts(ledger)
        seed_entries(plan, ledger)
        if hasattr(Ledger, "record_nil"):  # releases with the reporting cycle (f4902e6 on)
            seed_the_reporting_cycle(worktree, plan, ledger)
        seed_tasks(plan, ledger)
        fail_a_sign_in(ledger)
        result = {
            "tracker": str(package),
            "layout": "layered" if LAYERED else "flat",
            "achieved": achieved(plan, ledger),
            "revision": ledger.revision(),
            "schema_revision": schema_revision(ledger),
        }
    finally:
        ledger.dispose()
    result_file.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")


def open_ledger(url: str) -> Ledger:
    """The ledger on ``url``, opened the way the release itself opens a database."""
    if LAYERED and not url.startswith("sqlite"):
        # The layered release never upgrades PostgreSQL by itself: the operator does, once.
        operator = Database(url)
        try:
            operator.upgrade()
        finally:
            operator.dispose()
    return Ledger(url)  # layered: an SQLite file is upgraded here; flat: the ledger makes its tables


def store_base(ledger: Ledger) -> Any:
    """What the release's TaskBoard and Accounts are built on: the ledger, or its Database."""
    return ledger.database if LAYERED else ledger


def schema_revision(ledger: Ledger) -> str | None:
    """The Alembic revision the release left the database at (None: the flat releases had none)."""
    if not LAYERED:
        return None
    state = ledger.database.schema()
    if not state.up_to_date:
        raise SystemExit(f"the release left its schema at {state.current}, not at its head {state.head}")
    return state.current


def cheap_accounts(ledger: Ledger) -> Accounts:
    # The fixture's passwords protect nothing: the fastest argon2 settings keep the run short.
    return Accounts(store_base(ledger), hasher=PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


def seed_accounts(ledger: Ledger) -> None:
    accounts = cheap_accounts(ledger)
    accounts.add_user("lan.nguyen", ADMIN, "admin", PASSWORDS["lan.nguyen"], first=True)
    accounts.add_user("minh.tran", EDITOR, "editor", PASSWORDS["minh.tran"])
    accounts.add_user("hoa.le", VIEWER, "viewer", PASSWORDS["hoa.le"])
    # Two open sessions, from the server itself and from an office computer.
    accounts.sign_in("lan.nguyen", PASSWORDS["lan.nguyen"], address="127.0.0.1")
    accounts.sign_in("minh.tran", PASSWORDS["minh.tran"], address="192.168.1.23")


def fail_a_sign_in(ledger: Ledger) -> None:
    """Last, so that no later success clears the row the failure leaves."""
    try:
        cheap_accounts(ledger).sign_in("minh.tran", "sai-mật-khẩu-rồi", address="192.168.1.23")
    except SignInError:
        return
    raise SystemExit("a wrong password was accepted")


def entry(plan: Plan, by: str = EDITOR, **fields: Any) -> ValidEntry:
    return validate_entry(plan, entered_by=by, **fields)


def seed_entries(plan: Plan, ledger: Ledger) -> None:
    # A batch as the grid saves it: several targets, districts and one city-wide row.
    first = ledger.apply(
        adds=[
            entry(
                plan,
                target_id="workers-trained",
                quantity=1200,
                ref_date=dt.date(2017, 3, 15),
                district="Chương Mỹ",
                village="Phú Vinh",
                note="Lớp đan mây tre giang xuất khẩu, khoá 1",
            ),
            entry(
                plan,
                target_id="workers-trained",
                quantity="850",
                ref_date="20/04/2017",
                district="thường tín",  # typed loosely; the release stores the official name
                village="Hạ Thái",
                note="Truyền nghề sơn mài cho thợ trẻ",
            ),
            entry(
                plan,
                target_id="workers-trained",
                quantity="2300",
                ref_date="2017-05-10",
                district=None,
                note="Tổng hợp các lớp khuyến công quý II\nSố liệu của Sở Công Thương",
            ),
            entry(
                plan,
                target_id="managers-trained",
                quantity=35,
                ref_date=dt.date(2017, 6, 5),
                district="Gia Lâm",
                village="Bát Tràng",
                note="Tập huấn quản trị cho chủ doanh nghiệp gốm sứ",
            ),
        ],
        by=EDITOR,
    )
    workers_hathai, managers = first[1], first[3]
    singles = [
        ("village-brands", 3, dt.date(2017, 7, 12), "Hà Đông", "Vạn Phúc", "Lụa Vạn Phúc đăng ký thương hiệu"),
        ("collective-trademarks", 2, dt.date(2017, 8, 15), "Ứng Hòa", "Quảng Phú Cầu", "Nhãn hiệu tập thể hương nén"),
        ("fair-participants", 40, dt.date(2017, 9, 8), "Hà Đông", "Đa Sỹ", "Hội chợ hàng thủ công mỹ nghệ Hà Nội"),
        ("machinery-projects", "2", dt.date(2017, 10, 2), "Phú Xuyên", "Chuyên Mỹ", "Máy cắt khảm trai điều khiển số"),
        # The level figure: city-wide, then one district, then city-wide again (the newest).
        # "182.125" typed as text is refused as ambiguous; a number widget gives a Decimal.
        ("craft-village-exports", "180,5", dt.date(2017, 6, 30), None, None, "Ước tính 6 tháng đầu năm"),
        # A Decimal, as a number widget gives it: from cb331ca on, "42.75" typed as text is
        # refused as ambiguous too (4275 or 42,75?); every release stores the same 42.750.
        (
            "craft-village-exports",
            Decimal("42.75"),
            dt.date(2017, 9, 30),
            "Gia Lâm",
            "Bát Tràng",
            "Gốm sứ Bát Tràng, 9 tháng",
        ),
        ("craft-village-exports", Decimal("182.125"), dt.date(2017, 12, 31), None, None, "Ước tính cả năm 2017"),
    ]
    for target_id, quantity, day, district, village, note in singles:
        ledger.record(
            entry(
                plan,
                target_id=target_id,
                quantity=quantity,
                ref_date=day,
                district=district,
                village=village,
                note=note,
            )
        )
    duplicate = ledger.record(
        entry(
            plan,
            target_id="workers-trained",
            quantity=1200,
            ref_date=dt.date(2017, 3, 15),
            district="Chương Mỹ",
            village="Phú Vinh",
            note="Nhập trùng",
        )
    )
    # An edit of an entry at the version read, and the duplicate removed, in one save.
    ledger.apply(
        edits=[
            Edit(
                workers_hathai,
                1,
                entry(
                    plan,
                    ADMIN,
                    target_id="workers-trained",
                    quantity=880,
                    ref_date=dt.date(2017, 4, 20),
                    district="Thường Tín",
                    village="Hạ Thái",
                    note="Truyền nghề sơn mài cho thợ trẻ (đã đối chiếu danh sách)",
                ),
                frozenset({"quantity", "note"}),
            )
        ],
        removals=[Removal(duplicate, 1)],
        by=ADMIN,
    )
    # A typo saved, then reverted: the entry ends at version 3 with its first figure.
    ledger.apply(
        edits=[
            Edit(
                managers,
                1,
                entry(
                    plan,
                    target_id="managers-trained",
                    quantity=53,
                    ref_date=dt.date(2017, 6, 5),
                    district="Gia Lâm",
                    village="Bát Tràng",
                    note="Tập huấn quản trị cho chủ doanh nghiệp gốm sứ",
                ),
                frozenset({"quantity"}),
            )
        ],
        by=EDITOR,
    )
    ledger.revert(ledger.changes_of(managers)[-1].id, by=ADMIN)
    # "We have reached 120 by 30/09": the release writes the difference (80) as an adjustment.
    adjustment = ledger.set_total(
        entry(
            plan,
            ADMIN,
            target_id="fair-participants",
            quantity=120,
            ref_date="30/09/2017",
            note="Sở Công Thương báo cáo tổng số 9 tháng",
        )
    )
    if adjustment is None:
        raise SystemExit("set_total wrote no adjustment")


def seed_the_reporting_cycle(worktree: Path, plan: Plan, ledger: Ledger) -> None:
    """What the releases with the reporting cycle write besides: level figures (two on one
    day, the later one counting; a city-wide report after the districts'; a deleted one),
    a nil report, and the 2018 plan's own entries. No period is submitted, approved or
    locked: the cycle's tables stay as the upgrade to 0006 left them. No import: on
    PostgreSQL its COPY leaves ``before`` SQL NULL where SQLite stores JSON null, and the
    two databases must hold the same rows."""
    from tracker.domain.plan import read_plans

    exports = "craft-village-exports"  # a level figure: the latest report of each place
    levels = ledger.apply(
        adds=[
            entry(plan, target_id=exports, quantity=Decimal("12.5"), ref_date="2017-04-10", district="Ba Vì"),
            entry(plan, target_id=exports, quantity=Decimal("13.25"), ref_date="2017-04-10", district="Ba Vì"),
            entry(plan, target_id=exports, quantity="8", ref_date="2017-05-02", district="Gia Lâm"),
            entry(plan, target_id=exports, quantity="30", ref_date="2017-06-30", district=None),
            entry(plan, target_id=exports, quantity="9", ref_date="2017-07-15", district="Gia Lâm"),
            entry(plan, target_id=exports, quantity="99", ref_date="2017-08-01", district="Ba Vì"),
        ],
        by=EDITOR,
    )
    ledger.apply(removals=[Removal(levels[-1], 1)], by=ADMIN)  # 99 was a typing slip
    with_plan = ledger.with_plan(plan)
    nil = validate_entry(plan, target_id="machinery-projects", quantity="0", ref_date="2017-03-31",
                         district="Ba Vì", entered_by=EDITOR)  # fmt: skip
    with_plan.record_nil(nil, plan.reporting_period_at(nil.ref_date))
    plan_2018 = read_plans(worktree / "targets.yaml").find("2018")
    if plan_2018 is None:
        raise SystemExit("the release's targets.yaml has no 2018 plan")
    later = ledger.for_plan(plan_2018.id)
    first = plan_2018.recordable()[0]
    later.apply(
        adds=[
            entry(plan_2018, target_id=first.id, quantity=40, ref_date="2018-02-10", district="Chương Mỹ"),
            entry(plan_2018, target_id=first.id, quantity=15, ref_date="2018-02-10", district=None),
        ],
        by=EDITOR,
    )


def seed_tasks(plan: Plan, ledger: Ledger) -> None:
    board = TaskBoard(store_base(ledger))
    board.set_status(plan, "resolve-production-obstacles", "in_progress", 0, EDITOR)
    board.add_note(
        plan,
        "resolve-production-obstacles",
        dt.date(2017, 4, 12),
        "Làm việc với làng gốm Bát Tràng về mặt bằng sản xuất và xử lý nước thải.",
        EDITOR,
    )
    board.set_status(plan, "brand-building-support", "done", 0, ADMIN)
    board.add_note(
        plan,
        "brand-building-support",
        "2017-08-01",
        "Đã hỗ trợ 3 làng nghề: lụa Vạn Phúc, gốm Bát Tràng, mây tre đan Phú Vinh.",
        ADMIN,
    )
    # A note written on the wrong task, withdrawn; the right one stays in the log.
    board.add_note(plan, "recognise-village-titles", "15/05/2017", "Ghi nhầm: hồ sơ làng khảm trai Chuyên Mỹ", EDITOR)
    wrong_note = board.changes("recognise-village-titles")[0].note_id
    assert wrong_note is not None
    board.withdraw_note(plan, wrong_note, EDITOR)
    board.add_note(
        plan,
        "recognise-village-titles",
        dt.date(2017, 6, 20),
        "Hội đồng xét duyệt họp ngày 20/06/2017;\n5 làng đạt tiêu chuẩn danh hiệu làng nghề.",
        EDITOR,
    )
    # A status set by mistake and reverted: the task goes back to the plan's status.
    blocked = board.set_status(plan, "regional-linkage", "blocked", 0, EDITOR)
    assert blocked is not None
    board.revert(plan, blocked, ADMIN)
    board.set_status(plan, "market-connection", "in_progress", 0, EDITOR)


def achieved(plan: Plan, ledger: Ledger) -> dict[str, str]:
    """Every figure as this release computes it at the end of 2017, for the upgrade test to match."""
    items = plan.recordable()
    sums = [item.id for item in items if item.aggregation == Aggregation.sum]
    levels = [item.id for item in items if item.aggregation == Aggregation.latest]
    return {key: str(value) for key, value in sorted(ledger.achieved(AS_OF, sums, levels).items())}


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]))
