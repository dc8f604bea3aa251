"""Text that people type, and what is kept of it.

One rule for every text a person types (names, villages, notes, task notes): nothing
hidden, no direction overrides, no zero-width characters. Only the digits 0-9 make a
number. And a failed sign-in is counted under a hash of what was typed, never the text:
a password typed into the name box must not lie in the database in clear.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa
from argon2 import PasswordHasher

from tests.conftest import at_server, tracker_command
from tracker import service
from tracker.domain.entries import EntryError, parse_quantity
from tracker.domain.plan import Plan
from tracker.domain.text import TypedTextError, hidden_character, typed_text
from tracker.storage.accounts import Accounts, SignInError, sign_in_attempts
from tracker.storage.database import Database
from tracker.storage.ledger import Ledger

CHEAP = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
PASSWORD = "đúng-mật-khẩu-2017"

HIDDEN = {
    "right-to-left override": "\u202e",
    "left-to-right embedding": "\u202a",
    "first strong isolate": "\u2068",
    "zero-width space": "\u200b",
    "zero-width joiner": "\u200d",
    "word joiner": "\u2060",
    "byte order mark": "\ufeff",
    "soft hyphen": "\u00ad",
    "line separator": "\u2028",
    "paragraph separator": "\u2029",
    "private use": "\ue000",
    "null": "\x00",
    "escape": "\x1b",
    "delete": "\x7f",
    "next line": "\x85",
    "lone surrogate": "\ud800",
}


@pytest.mark.parametrize("character", list(HIDDEN.values()), ids=list(HIDDEN))
@pytest.mark.parametrize("multiline", [False, True])
def test_hidden_characters_are_refused_and_named(character: str, multiline: bool) -> None:
    with pytest.raises(TypedTextError) as refused:
        typed_text(f"Bát{character}Tràng", limit=200, multiline=multiline)
    assert refused.value.code == "hidden_character"
    assert refused.value.character == f"U+{ord(character):04X}"


def test_a_note_keeps_its_lines_and_tabs_and_a_name_does_not() -> None:
    assert typed_text("dòng 1\r\ndòng 2\rdòng 3\n\tthụt", limit=200, multiline=True) == "dòng 1\ndòng 2\ndòng 3\n\tthụt"
    for layout in ("\n", "\t", "\r"):
        assert hidden_character(f"Trần{layout}Lan") is not None


def test_vietnamese_as_people_type_it_is_kept() -> None:
    decomposed = "Bát Tra\u0300ng"  # a grave accent typed as a combining mark
    assert typed_text(f"  {decomposed}  ", limit=200) == "Bát Tràng"
    assert typed_text("Ước tính 50% «hoàn thành» — 'được' 🏺", limit=200) == "Ước tính 50% «hoàn thành» — 'được' 🏺"
    assert typed_text("   ", limit=10) is None
    with pytest.raises(TypedTextError) as refused:
        typed_text("x" * 11, limit=10)
    assert (refused.value.code, refused.value.limit) == ("too_long", 10)


@pytest.mark.parametrize(
    "typed",
    ["1\u06605", "\u0663", "\uff13", "\uff13\uff10\uff10\uff10\uff10", "\U0001d7d1", "4\u0e505", "1\u09e6"],
    ids=["arabic-indic-zero", "arabic-indic-3", "full-width-3", "full-width-30000", "bold-3", "thai-0", "bengali-0"],
)
def test_only_the_digits_0_to_9_make_a_number(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_quantity(typed)
    assert parse_quantity("105") == 105


@pytest.mark.parametrize(
    ("argv", "problem"),
    [
        (["record", "workers-trained", "1\u06605", "--date", "2017-03-31", "--by", "An"], "0–9"),
        (["record", "workers-trained", "\uff13", "--date", "2017-03-31", "--by", "An"], "0–9"),
        (["record", "workers-trained", "5", "--date", "\uff13\uff11/03/2017", "--by", "An"], "không phải là ngày"),
        (["record", "workers-trained", "5", "--date", "2017-03-31", "--by", "Trần\u202eLan"], "U+202E"),
        (["record", "workers-trained", "5", "--date", "2017-03-31", "--by", "An", "--village", "V\u200bP"], "U+200B"),
        (["record", "workers-trained", "5", "--date", "2017-03-31", "--by", "An", "--note", "a\u2028b"], "U+2028"),
    ],
)
def test_the_command_line_refuses_them_too_and_writes_nothing(tmp_path: Path, argv: list[str], problem: str) -> None:
    database = f"sqlite:///{tmp_path / 'tracker.db'}"
    done = tracker_command(*argv, settings={"TRACKER_DATABASE_URL": database})
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.startswith("Chưa ghi gì vào sổ:") and problem in done.stderr
    store = Ledger(database)
    assert store.count_entries() == 0
    store.dispose()


def test_a_total_typed_with_foreign_digits_is_refused(plan: Plan, ledger: Ledger) -> None:
    with pytest.raises(EntryError) as refused:
        service.set_total(
            plan,
            ledger,
            target_id="workers-trained",
            total="\uff11\uff12\uff14\uff10\uff10",  # 12400 in full-width digits
            as_of="2017-06-30",
            credential=at_server("Trần Thị Lan"),
        )
    assert [problem.code for problem in refused.value.problems] == ["foreign_digit"]
    assert ledger.revision() == 0


# --- what is kept of a failed sign-in -------------------------------------------------


def attempt_keys(ledger: Ledger) -> list[str]:
    with ledger.database.engine.connect() as connection:
        return sorted(connection.execute(sa.select(sign_in_attempts.c.username)).scalars())


def test_a_password_typed_as_the_name_is_never_stored(ledger: Ledger) -> None:
    accounts = Accounts(ledger.database, hasher=CHEAP)
    accounts.add_user("lan", "Trần Thị Lan", "editor", PASSWORD)
    for typed_name in ("dung-mat-khau-2017", "Đúng-Mật-Khẩu-2017", "lan"):
        with pytest.raises(SignInError):
            accounts.sign_in(typed_name, "sai-mật-khẩu", address="10.0.0.7")
    with ledger.database.engine.connect() as connection:
        stored = " ".join(str(value) for row in connection.execute(sa.select(sign_in_attempts)) for value in row)
    for typed in ("mat-khau", "mật-khẩu", "Mật-Khẩu", "lan", "10.0.0.7"):
        assert typed.lower() not in stored.lower()
    keys = attempt_keys(ledger)
    assert len(keys) == 4 and all(len(key) == 40 and key[0] in "~@" for key in keys)


def test_a_pause_still_follows_the_name_and_the_address(ledger: Ledger) -> None:
    accounts = Accounts(ledger.database, hasher=CHEAP)
    accounts.add_user("lan", "Trần Thị Lan", "editor", PASSWORD)
    for _ in range(4):
        with pytest.raises(SignInError):
            accounts.sign_in(" LAN ", "sai-mật-khẩu")  # the same name as a user name is compared
    with pytest.raises(SignInError) as fifth:
        accounts.sign_in("lan", "sai-mật-khẩu")
    assert fifth.value.code == "paused"
    with pytest.raises(SignInError) as even_right:
        accounts.sign_in("lan", PASSWORD)
    assert even_right.value.code == "paused"


def _put(ledger: Ledger, key: str, failures: int, paused_until: dt.datetime | None = None) -> None:
    now = dt.datetime.now(dt.UTC)
    with ledger.database.engine.begin() as connection:
        connection.execute(
            sign_in_attempts.insert().values(
                username=key, failures=failures, paused_until=paused_until, last_failed_at=now
            )
        )


def test_counters_an_earlier_release_kept_in_clear_are_moved_under_their_hash(tmp_path: Path) -> None:
    """A database at revision 0001 (the tables of the first releases) whose counters lie
    under the name and address as typed: upgrading it (revision 0002) moves each to its
    hashed key, keeping its count and its pause. Release 9074334's own database is
    upgraded in tests/storage/test_upgrade.py."""
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    database = Database(url)
    database.upgrade(target="0001")
    first = Ledger(database)  # opened as the app would only once at head: the store itself reads and writes
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=4)
    _put(first, "lan", 4)
    _put(first, "mat-khau-bi-mat", 1)  # a password typed as the name
    _put(first, "@10.0.0.7", 19)
    _put(first, "@192.0.2.9", 0, paused_until=later)
    database.upgrade()

    reopened = Ledger(url)
    Accounts(reopened.database, hasher=CHEAP).add_user("lan", "Trần Thị Lan", "editor", PASSWORD)
    accounts = Accounts(reopened.database, hasher=CHEAP)
    keys = attempt_keys(reopened)
    assert len(keys) == 4 and not {"lan", "mat-khau-bi-mat", "@10.0.0.7", "@192.0.2.9"} & set(keys)
    with pytest.raises(SignInError) as fifth:
        accounts.sign_in("lan", "sai-mật-khẩu")  # the fifth failure of the name: paused
    assert fifth.value.code == "paused"
    with pytest.raises(SignInError) as twentieth:
        accounts.sign_in("ai-do", "sai-mật-khẩu", address="10.0.0.7")  # the twentieth of the address
    assert twentieth.value.code == "paused"
    with pytest.raises(SignInError) as still:
        accounts.sign_in("khac", PASSWORD, address="192.0.2.9")
    assert still.value.code == "paused"
    reopened.dispose()


@pytest.mark.parametrize(
    "character",
    ["\u3164", "\u115f", "\u1160", "\uffa0", "\u034f", "\u180b", "\ufe0f", "\U000e0100", "\u2800"],
    ids=[
        "hangul-filler",
        "choseong-filler",
        "jungseong-filler",
        "halfwidth-filler",
        "grapheme-joiner",
        "mongolian-selector",
        "variation-selector",
        "variation-selector-17",
        "braille-blank",
    ],
)
def test_letters_and_marks_that_draw_nothing_are_refused_in_a_name(character: str) -> None:
    with pytest.raises(TypedTextError) as refused:
        typed_text(f"Trần{character}Lan", limit=120)
    assert refused.value.character == f"U+{ord(character):04X}"


def test_a_name_has_its_spaces_made_plain_and_a_note_keeps_its_emoji() -> None:
    assert typed_text("Trần\u00a0Thị\u3000\u2003 Lan", limit=120) == "Trần Thị Lan"  # one name, however spaced
    assert typed_text("Đã xong ❤\ufe0f", limit=200, multiline=True) == "Đã xong ❤\ufe0f"
