"""Strings of the reporting cycle (reporting_history)."""

# key: (Vietnamese, English)
STRINGS: dict[str, tuple[str, str]] = {}
