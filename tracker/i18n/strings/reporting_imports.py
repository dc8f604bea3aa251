"""Strings of the reporting cycle (reporting_imports)."""

# key: (Vietnamese, English)
STRINGS: dict[str, tuple[str, str]] = {}
