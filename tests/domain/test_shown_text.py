"""The one rule for repeating text from outside: hidden characters written out, a line."""

from __future__ import annotations

import pytest

from tracker.domain.text import shown_text, visible_text


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\u202e8102", "⟨U+202E⟩8102"),
        ("Bát\x00Tràng", "Bát⟨U+0000⟩Tràng"),
        ("a\nb\tc", "a⟨U+000A⟩b⟨U+0009⟩c"),
        ("\ud800", "⟨U+D800⟩"),  # an undecodable byte of a command line, as Python keeps it
        ("Sơn Đồng 2017", "Sơn Đồng 2017"),
        (None, "None"),
    ],
)
def test_hidden_characters_are_written_out_where_they_stood(raw: object, shown: str) -> None:
    assert shown_text(raw) == shown


def test_a_long_value_is_cut_and_says_so() -> None:
    assert shown_text("x" * 81) == "x" * 80 + "…"
    assert shown_text("x" * 80) == "x" * 80
    assert shown_text("\u202e" * 20, limit=20) == "⟨U+202E⟩⟨U+202E⟩…"  # never half an escape


def test_lines_of_a_message_keep_their_breaks_and_nothing_else_hidden() -> None:
    assert visible_text("dòng 1\n\tdòng 2\u2066", multiline=True) == "dòng 1\n\tdòng 2⟨U+2066⟩"
