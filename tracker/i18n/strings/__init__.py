"""The strings of the product by area; tracker.i18n merges them into STRINGS."""
