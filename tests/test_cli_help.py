"""python -m tracker --help, each command's help and argparse's own refusals speak the
person's language: Vietnamese unless ``--lang en`` or TRACKER_LANG=en; and ``user add``
says a password is too short as soon as it is typed, not after it was typed twice.
"""

from __future__ import annotations

import argparse
import os
import pty
import select
import sys
from pathlib import Path

import pytest

from tests.conftest import tracker_command
from tests.helpers import PROJECT_ROOT
from tracker.cli import main
from tracker.i18n import STRINGS

TARGETS_FILE = PROJECT_ROOT / "targets.yaml"
COMMANDS = ("check", "plans", "compare", "summary", "record", "export", "report", "template", "import", "user", "db")
COMMANDS += ("completeness", "period", "nil-report")
SUBCOMMANDS = (("user", "add"), ("user", "passwd"), ("user", "role"), ("user", "remove"), ("user", "list"))
SUBCOMMANDS += (("user", "districts"), ("db", "upgrade"), ("db", "current"), ("db", "history"))
SUBCOMMANDS += tuple(("period", action) for action in ("submit", "approve", "lock", "reopen", "status"))
# What argparse itself writes, and what the commands' English help says: none of it may
# be left in the Vietnamese help.
ENGLISH = (
    "usage:",
    "positional arguments",
    "options:",
    "show this help message",
    "default:",
    "the ",
    " or ",
)


@pytest.fixture(autouse=True)
def environment(command_line: str, monkeypatch: pytest.MonkeyPatch) -> str:
    sqlite_url = command_line
    monkeypatch.setenv("COLUMNS", "100")  # argparse wraps to the terminal's width
    return sqlite_url


def shown(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """What argparse prints before it exits: (exit code, stdout, stderr)."""
    capsys.readouterr()
    with pytest.raises(SystemExit) as exited:
        main(list(argv))
    out, err = capsys.readouterr()
    return int(exited.value.code or 0), out, err


def test_help_speaks_vietnamese_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = shown(capsys, "--help")
    assert (code, err) == (0, "")
    assert out.startswith("cách dùng: python -m tracker [-h] [--lang {vi,en}]")
    assert "Theo dõi kế hoạch phát triển nghề và làng nghề" in out
    assert "\ntham số vị trí:\n" in out and "\ntùy chọn:\n" in out
    assert "-h, --help" in out and "hiện trợ giúp này rồi thoát" in out
    assert "thêm một bản ghi vào sổ" in out  # record
    assert "ghi báo cáo cuộc họp: một tệp HTML độc lập, in khổ A4" in out  # report
    assert "vi (mặc định) hoặc en; cũng đặt được bằng TRACKER_LANG" in out
    for english in ENGLISH:
        assert english not in out, english


@pytest.mark.parametrize("command", [(name,) for name in COMMANDS] + list(SUBCOMMANDS), ids=" ".join)
def test_every_command_has_its_help_in_vietnamese(capsys: pytest.CaptureFixture[str], command: tuple[str]) -> None:
    code, out, err = shown(capsys, *command, "--help")
    assert (code, err) == (0, "")
    assert out.startswith(f"cách dùng: python -m tracker {' '.join(command)} [-h]")
    assert "hiện trợ giúp này rồi thoát" in out
    for english in ENGLISH:
        assert english not in out, f"{english!r} in:\n{out}"
    _, english_out, _ = shown(capsys, "--lang", "en", *command, "--help")
    assert english_out.startswith(f"usage: python -m tracker {' '.join(command)} [-h]")
    assert "show this help message and exit" in english_out


def test_help_in_english_with_lang_en_or_tracker_lang(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = shown(capsys, "--lang", "en", "--help")
    assert code == 0
    assert out.startswith("usage: python -m tracker [-h] [--lang {vi,en}]")
    assert "Craft-village plan tracker" in out and "\noptions:\n" in out
    assert "add an entry to the ledger" in out
    assert "cách dùng" not in out and "thêm một bản ghi" not in out

    monkeypatch.setenv("TRACKER_LANG", "en")
    assert shown(capsys, "record", "--help")[1].startswith("usage: python -m tracker record")
    assert shown(capsys, "--lang", "vi", "record", "--help")[1].startswith("cách dùng: python -m tracker record")


def test_record_help_keeps_its_facts_and_lists_allow_repeat(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = shown(capsys, "record", "--help")
    flat = " ".join(out.split())  # argparse wraps lines
    assert "--date NGÀY ngày mà số liệu nói tới, YYYY-MM-DD hoặc DD/MM/YYYY (mặc định: hôm nay)" in flat
    assert (
        "--allow-repeat lưu cả khi đã có một bản ghi giống hệt"
        " (cùng chỉ tiêu, ngày, địa bàn, làng, số lượng, ghi chú)" in flat
    )
    _, out, _ = shown(capsys, "--lang", "en", "record", "--help")
    flat = " ".join(out.split())
    assert "--date DATE the date the figure refers to, YYYY-MM-DD or DD/MM/YYYY (default: today)" in flat
    assert "--allow-repeat record it even when an identical entry exists" in flat


def test_argparse_refusals_in_the_persons_language(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = shown(capsys, "record")
    assert (code, out) == (2, "")
    assert err.startswith("cách dùng: python -m tracker record")
    assert err.endswith("python -m tracker record: lỗi: thiếu các tham số bắt buộc: MÃ_CHỈ_TIÊU, SỐ_LƯỢNG\n")
    code, _, err = shown(capsys, "--lang", "en", "record")
    assert code == 2
    assert err.endswith("python -m tracker record: error: the following arguments are required: TARGET_ID, QUANTITY\n")

    _, _, err = shown(capsys, "export", "--format", "pdf", "--out", "x")
    assert "lỗi: tham số --format: lựa chọn không hợp lệ: 'pdf' (chọn một trong 'csv', 'xlsx')" in err
    _, _, err = shown(capsys, "summary", "--as-of")
    assert err.endswith("lỗi: tham số --as-of: cần một giá trị\n")
    _, _, err = shown(capsys, "summary", "--what")
    assert err.endswith("lỗi: tham số không nhận ra: --what\n")


def test_a_language_argparse_does_not_know_is_refused_in_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = shown(capsys, "--lang", "fr", "summary")
    assert code == 2
    assert "lỗi: tham số --lang: lựa chọn không hợp lệ: 'fr' (chọn một trong 'vi', 'en')" in err


def test_help_leaves_argparse_in_english_for_whoever_uses_it_next(capsys: pytest.CaptureFixture[str]) -> None:
    shown(capsys, "--help")
    assert "usage:" in argparse.ArgumentParser(prog="other").format_help()


def test_the_translated_words_are_still_argparses_own() -> None:
    """A Python whose argparse words a message differently would leave it English: say so."""
    source = Path(argparse.__file__).read_text(encoding="utf-8")
    english = [en for key, (_, en) in STRINGS.items() if key.startswith("cli.argparse.")]
    assert len(english) >= 10
    missing = [text for text in english if repr(text) not in source and f'"{text}"' not in source]
    assert missing == []


def test_the_real_command_prints_vietnamese_help(tmp_path: Path) -> None:
    result = tracker_command("record", "--help", settings={}, cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("cách dùng: python -m tracker record")
    assert "--allow-repeat" in result.stdout
    english = tracker_command("record", "--help", settings={"TRACKER_LANG": "en"}, cwd=tmp_path)
    assert english.stdout.startswith("usage: python -m tracker record")


# --- user add: a short password is refused at once ------------------------------------


def read_until(descriptor: int, *wanted: str, seen: bytearray, seconds: float = 60) -> str:
    """The terminal's output until one of ``wanted`` appears or the program ends: what a
    person at the keyboard waits for before typing."""
    while not any(text.encode() in seen for text in wanted):
        ready, _, _ = select.select([descriptor], [], [], seconds)
        if not ready:
            break
        try:
            chunk = os.read(descriptor, 4096)
        except OSError:  # the program ended and closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    return seen.decode("utf-8", errors="replace")


def at_a_terminal(*argv: str, settings: dict[str, str]) -> tuple[int, int]:
    """``python -m tracker argv`` at a terminal of its own (getpass reads /dev/tty):
    (process id, the terminal's other end)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("TRACKER_")}
    env |= {**settings, "PYTHONPATH": str(PROJECT_ROOT), "PYTHONIOENCODING": "utf-8", "PYTHONDONTWRITEBYTECODE": "1"}
    pid, terminal = pty.fork()
    if pid == 0:  # the child: becomes the command
        os.chdir(PROJECT_ROOT)
        os.execve(sys.executable, [sys.executable, "-m", "tracker", *argv], env)
    return pid, terminal


@pytest.mark.parametrize(
    ("lang", "prompt", "again", "too_short"),
    [
        ("vi", "Mật khẩu: ", "Nhập lại mật khẩu", "mật khẩu phải có ít nhất 10 ký tự"),
        ("en", "Password: ", "Password again", "the password must have at least 10 characters"),
    ],
)
def test_user_add_refuses_a_short_password_after_one_prompt(
    sqlite_url: str, lang: str, prompt: str, again: str, too_short: str
) -> None:
    pid, terminal = at_a_terminal(
        "--lang", lang, "user", "add", "lan", "--role", "editor", settings={"TRACKER_DATABASE_URL": sqlite_url}
    )
    seen = bytearray()
    try:
        assert read_until(terminal, prompt, seen=seen).endswith(prompt)
        os.write(terminal, "ngắn\r".encode())
        output = read_until(terminal, too_short, again, seen=seen)
        if again in output:  # it waits for the password a second time: a person would press Ctrl-C
            os.write(terminal, b"\x03")
        read_until(terminal, seen=seen)  # to its end
        _, status = os.waitpid(pid, 0)
    finally:
        os.close(terminal)
    assert again not in output
    assert too_short in output
    assert os.waitstatus_to_exitcode(status) == 1
    assert "ngắn" not in output  # not echoed
