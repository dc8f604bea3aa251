"""Strings of the reporting cycle (reporting_page)."""

# key: (Vietnamese, English)
STRINGS: dict[str, tuple[str, str]] = {
    "nav.reporting": ("Tình hình báo cáo", "Reporting"),
}
