"""Reading the files people send: what is wrong with a file that cannot be read."""

# key: (Vietnamese, English)
STRINGS: dict[str, tuple[str, str]] = {}
