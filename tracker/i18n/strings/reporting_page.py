"""Strings of the reporting cycle (reporting_page)."""

# key: (Vietnamese, English)
STRINGS: dict[str, tuple[str, str]] = {}
