"""Strings of the reporting cycle (reporting_entry)."""

# key: (Vietnamese, English)
STRINGS: dict[str, tuple[str, str]] = {}
