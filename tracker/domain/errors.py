"""The one shape of an error the tracker explains: a code, its parameters, and the message
it renders in Vietnamese or English from the strings under its prefix.

Plain Python. A refused write raises one of these before anything is written; the page,
the command line and the log each ask it for its message in their language.
"""

from __future__ import annotations

from typing import Any, ClassVar

from tracker.i18n import Lang, t


class CodedError(Exception):
    """``code`` names why (the string ``prefix + code``), ``params`` fill its blanks.

    The exception's own text is the English message, for logs and tracebacks."""

    prefix: ClassVar[str]

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: Lang = "vi") -> str:
        return t(f"{self.prefix}{self.code}", lang, **self.shown(lang))

    def shown(self, lang: Lang) -> dict[str, Any]:
        """The parameters as the message shows them (a subclass formats numbers, dates)."""
        return self.params
