"""Text drawn through Markdown (Streamlit's captions, labels, alerts, st.table's cells)
exactly as written: never a link, an image, emphasis or a formula."""

from __future__ import annotations

import re

# Every ASCII punctuation mark, each of which Markdown lets a backslash make literal.
_MARKDOWN_SPECIALS = re.compile(r"([!-/:-@\[-`{-~])")
# Streamlit's Markdown also turns a bare http://..., www.... or name@host into a link, after
# the escapes are read; an invisible word joiner (U+2060) where each begins keeps them text.
_AUTOLINKS = re.compile(r"(?i)(?<=https)(?=:)|(?<=http)(?=:)|(?<=www)(?=\.)|(?<=@)")


def md_escape(text: str) -> str:
    """A name, a note or a word of the plan as written: never a link, an image or a formula."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", _AUTOLINKS.sub("\u2060", text))
