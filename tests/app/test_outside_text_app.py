"""Text from outside the app, as the pages repeat it: an address's value never brings a
hidden character onto the page (a right-to-left override that makes "8102" read "2018",
a NUL); it is shown written out, as ⟨U+202E⟩, and cut to a line."""

from __future__ import annotations

import pytest

from tests.helpers import as_read, open_dashboard

UNKNOWN_PLAN = "Địa chỉ nêu kế hoạch '{plan}', không có trong tệp kế hoạch; đang hiện kế hoạch mặc định."


def sidebar_warnings(monkeypatch: pytest.MonkeyPatch, url: str, plan: str) -> list[str]:
    app = open_dashboard(monkeypatch, url, query={"plan": plan})
    assert not app.exception
    return [as_read(warning.value) for warning in app.sidebar.warning]


@pytest.mark.parametrize(
    ("linked", "shown"),
    [
        ("\u202e8102", "⟨U+202E⟩8102"),  # ?plan=%E2%80%AE8102: reads "2018" in the browser
        ("\x00", "⟨U+0000⟩"),  # ?plan=%00
        ("20\u200b18", "20⟨U+200B⟩18"),  # a zero-width space between the digits
    ],
    ids=["right-to-left override", "NUL", "zero-width space"],
)
def test_an_unknown_plan_in_the_address_is_repeated_with_its_hidden_characters_written_out(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, linked: str, shown: str
) -> None:
    warnings = sidebar_warnings(monkeypatch, sqlite_url, linked)
    assert UNKNOWN_PLAN.format(plan=shown) in warnings
    hidden = linked.strip("0123456789")
    assert not [warning for warning in warnings if hidden in warning]


def test_a_long_unknown_plan_is_cut_to_a_line(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> None:
    warnings = sidebar_warnings(monkeypatch, sqlite_url, "\u202e" + "9" * 200)
    assert UNKNOWN_PLAN.format(plan="⟨U+202E⟩" + "9" * 72 + "…") in warnings
