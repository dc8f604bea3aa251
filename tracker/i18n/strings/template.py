"""The report template: its headers, its instructions sheet, the download."""

# key: (Vietnamese, English)
STRINGS: dict[str, tuple[str, str]] = {}
