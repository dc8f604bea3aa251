"""Importing a district's report: mapping, preview, save, the batches and their undo."""

# key: (Vietnamese, English)
STRINGS: dict[str, tuple[str, str]] = {}
