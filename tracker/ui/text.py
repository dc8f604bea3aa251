"""Text shown through Markdown (captions, labels, alerts, headings) exactly as written."""

from __future__ import annotations

# The one rule, kept in present/ so that the tables it builds for st.table can use it too.
from tracker.present.markdown import md_escape

__all__ = ["md_escape"]
