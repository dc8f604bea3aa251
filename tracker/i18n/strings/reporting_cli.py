"""Strings of the reporting cycle (reporting_cli)."""

# key: (Vietnamese, English)
STRINGS: dict[str, tuple[str, str]] = {}
